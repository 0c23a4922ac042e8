// Fault: PostgreSQL unavailable for a while (our own cluster: `pg_ctl stop -m immediate`, wait, start)
// while the pipeline runs. Jobs fail and retry with backoff; none is lost, none doubled. The outage
// lasts OUTAGE_SECONDS (npm test: 10; npm run test:faults: 30).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDeps } from '../../../src/app/stage-deps.js';
import { ingestRecords } from '../../../src/ingest/ingest-records.js';
import { migrate } from '../../../src/store/migrate.js';
import { createPgDb } from '../../../src/store/pg-db.js';
import type { Db } from '../../../src/store/db.js';
import { waitFor } from '../../helpers/pipeline.js';
import { corpusPosts, pipelineCounts, startOpsPipeline, type OpsPipeline } from '../helpers/ops-pipeline.js';
import { startOwnPostgres, type OwnPostgres } from '../helpers/own-servers.js';

const POSTS = Number(process.env.FAULT_POSTS ?? 1000);
const OUTAGE_SECONDS = Number(process.env.OUTAGE_SECONDS ?? 10);

describe(`PostgreSQL unavailable for ${OUTAGE_SECONDS} s (${POSTS} posts)`, () => {
  let server: OwnPostgres;
  let db: Db;
  let pipeline: OpsPipeline;

  beforeAll(async () => {
    server = await startOwnPostgres();
    db = createPgDb(server.url, 'postgres', 8);
    await migrate(db);
    // Backoff 500 ms doubling over 12 attempts spans ~17 minutes: longer than any outage here.
    pipeline = await startOpsPipeline(db, { batchSize: 100, jobBackoffMs: 500, jobAttempts: 12 });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await db?.close().catch(() => undefined);
    server?.destroy();
  });

  it('recovers: every post scored once, no duplicate case, no job lost', async () => {
    // Everything is stored first (ingest needs the database); the outage then hits the stages mid-run.
    const posts = corpusPosts(POSTS, 'pg');
    const summary = await ingestRecords(posts.map((value, i) => ({ record: `post ${i}`, value, notes: [] })), ingestDeps(pipeline.services), 'fault');
    expect(summary.accepted).toBe(POSTS);
    const started = Date.now();
    await pipeline.startStages(['extract', 'score', 'route'], 2);
    await waitFor(async () => (await pipelineCounts(db)).scores >= Math.min(200, POSTS / 5), 'scoring to be under way', 300_000);
    const atOutage = await pipelineCounts(db);
    server.stop();
    const down = Date.now();
    await new Promise((r) => setTimeout(r, OUTAGE_SECONDS * 1000));
    const probe = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 1000 });
    await expect(probe.connect()).rejects.toThrow();
    server.start();
    const outage = (Date.now() - down) / 1000;

    await waitFor(async () => (await pipelineCounts(db).catch(() => ({ routed: -1 }))).routed === POSTS, `all ${POSTS} posts routed after the outage`, 900_000);
    const seconds = (Date.now() - started) / 1000;
    const counts = await pipelineCounts(db);
    expect(counts).toMatchObject({ posts: POSTS, routed: POSTS, scores: POSTS, features: POSTS, dupCases: 0 });
    const queues = pipeline.services.producer.allQueues();
    const failed = await Promise.all(queues.map((q) => q.getFailedCount()));
    expect(failed.reduce((a, b) => a + b, 0)).toBe(0);
    const retried = (await pipeline.metrics.getSingleMetricAsString('waspada_jobs_failed_total')).match(/} (\d+)/g)?.map((m) => Number(m.slice(2))) ?? [];
    process.stdout.write(
      `fault postgres outage: ${POSTS} posts; database down ${outage.toFixed(1)} s at ${atOutage.scores} scored; ${retried.reduce((a, b) => a + b, 0)} job attempts failed and were retried; all ${POSTS} scored once, ${counts.cases} cases, 0 duplicates, in ${seconds.toFixed(1)} s\n`,
    );
  }, 1_200_000);
});
