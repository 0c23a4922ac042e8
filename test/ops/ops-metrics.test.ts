// /metrics from the ops layer: job histograms and counters by stage after real jobs, crawl health per
// source, review backlog and its age, and decision-time quantiles from the decisions table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDeps } from '../../src/app/stage-deps.js';
import { SourceInput } from '../../src/contracts/source.js';
import { ingestRecords } from '../../src/ingest/ingest-records.js';
import { testDatabases } from '../helpers/databases.js';
import { waitFor } from '../helpers/pipeline.js';
import { corpusPosts, pipelineCounts, startOpsPipeline, type OpsPipeline } from './helpers/ops-pipeline.js';

const database = (await testDatabases()).at(-1)!;

function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe(`ops metrics on ${database.name}`, () => {
  let pipeline: OpsPipeline;
  let drop: () => Promise<void>;
  let db: Awaited<ReturnType<typeof database.open>>['db'];
  beforeAll(async () => {
    const opened = await database.open();
    db = opened.db;
    drop = opened.drop;
    pipeline = await startOpsPipeline(db);
    await pipeline.startStages(['extract', 'score', 'route']);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('reports job durations, throughput, backlog, crawl health and decision times', async () => {
    const { services } = pipeline;
    await ingestRecords(corpusPosts(60, 'metrics').map((value, i) => ({ record: `${i}`, value, notes: [] })), ingestDeps(services), 'test');
    await waitFor(async () => (await pipelineCounts(db)).routed === 60, 'posts routed');
    await services.store.sources.upsert(SourceInput.parse({ name: 'tg-demo', adapter: 'telegram', url: 'https://t.me/s/demo' }));
    await services.store.sources.upsert(SourceInput.parse({ name: 'site-demo', adapter: 'site', url: 'https://example.org/jobs' }));
    await db.query(`UPDATE sources SET health = 'blocked', last_run_at = now() - interval '90 seconds', last_items = 0 WHERE name = 'tg-demo'`);
    await db.query(`UPDATE sources SET health = 'ok', last_run_at = now(), last_items = 12 WHERE name = 'site-demo'`);
    // Two decided cases: 1 hour and 3 hours after creation.
    const cases = await db.query<{ id: number }>(`SELECT id FROM cases WHERE queue = 'komdigi' ORDER BY id LIMIT 2`);
    expect(cases.length).toBe(2);
    for (const [i, c] of cases.entries()) {
      await db.query(`UPDATE cases SET created_at = now() - make_interval(hours => $2), status = 'decided' WHERE id = $1`, [c.id, i === 0 ? 1 : 3]);
      await db.query(`INSERT INTO decisions (case_id, label, decided_by, decided_at) VALUES ($1, 'scam', 'tester', now())`, [c.id]);
    }

    const text = await pipeline.metrics.metrics();
    for (const stage of ['extract', 'score', 'route']) {
      expect(sample(text, 'waspada_jobs_completed_total', `stage="${stage}",job="${stage}-posts"`)).toBeGreaterThan(0);
      expect(sample(text, 'waspada_job_duration_seconds_count', `stage="${stage}",job="${stage}-posts",outcome="completed"`)).toBeGreaterThan(0);
      expect(sample(text, 'waspada_job_queue_wait_seconds_count', `stage="${stage}",job="${stage}-posts"`)).toBeGreaterThan(0);
    }
    expect(sample(text, 'waspada_source_health', 'source="tg-demo",adapter="telegram",health="blocked"')).toBe(1);
    expect(sample(text, 'waspada_source_health', 'source="tg-demo",adapter="telegram",health="ok"')).toBe(0);
    expect(sample(text, 'waspada_source_health', 'source="site-demo",adapter="site",health="ok"')).toBe(1);
    expect(sample(text, 'waspada_source_last_items', 'source="site-demo"')).toBe(12);
    expect(sample(text, 'waspada_source_last_run_age_seconds', 'source="tg-demo"')).toBeGreaterThanOrEqual(89);

    const open = await db.query<{ queue: string; n: number }>(`SELECT queue, count(*)::int AS n FROM cases WHERE status IN ('open','claimed') GROUP BY queue`);
    for (const row of open) expect(sample(text, 'waspada_review_backlog', `queue="${row.queue}",status="open"`)).toBe(row.n);
    expect(sample(text, 'waspada_decision_seconds', 'queue="komdigi",quantile="0.5"')).toBeCloseTo(2 * 3600, -1);
    expect(sample(text, 'waspada_decision_seconds', 'queue="komdigi",quantile="0.99"')).toBeGreaterThan(2.9 * 3600);
    expect(sample(text, 'waspada_review_oldest_open_seconds', 'queue="komdigi"')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'waspada_decisions_recent', 'queue="komdigi"')).toBe(2);
    expect(sample(text, 'waspada_queue_jobs', 'queue="extract",state="failed"')).toBe(0);
  }, 120_000);
});
