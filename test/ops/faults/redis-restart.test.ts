// Fault: Redis killed (SIGKILL, append-only on, fsync every second) in the middle of a run and
// restarted. Workers and producers reconnect; jobs lost with the last second of the log leave posts
// stranded, which the reconciler queues again. After recovery every post is scored once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDeps } from '../../../src/app/stage-deps.js';
import { ingestRecords } from '../../../src/ingest/ingest-records.js';
import { reconcileStranded } from '../../../src/ops/reconcile.js';
import { testDatabases } from '../../helpers/databases.js';
import { waitFor } from '../../helpers/pipeline.js';
import { corpusPosts, pipelineCounts, startOpsPipeline, type OpsPipeline } from '../helpers/ops-pipeline.js';
import { startOwnRedis, type OwnRedis } from '../helpers/own-servers.js';

const POSTS = Number(process.env.FAULT_POSTS ?? 1000);
const postgres = (await testDatabases()).find((d) => d.name === 'postgres');

describe.skipIf(!postgres)(`Redis restarted mid-run (${POSTS} posts)`, () => {
  let redis: OwnRedis;
  let pipeline: OpsPipeline;
  let drop: () => Promise<void>;
  let db: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>['db'];

  beforeAll(async () => {
    redis = await startOwnRedis();
    const opened = await postgres!.open();
    db = opened.db;
    drop = opened.drop;
    pipeline = await startOpsPipeline(db, { batchSize: 100, jobBackoffMs: 200, jobAttempts: 20 }, redis.url);
    await pipeline.startStages(['extract', 'score', 'route'], 2);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await redis?.stop();
    await drop?.();
  });

  it('recovers: every post scored once, no duplicate case', async () => {
    const posts = corpusPosts(POSTS, 'redis');
    const started = Date.now();
    // Ingest in slices while the pipeline runs, so the crash hits ingest and every stage at once.
    const ingesting = (async () => {
      let accepted = 0;
      for (let i = 0; i < posts.length; i += 250) {
        const slice = posts.slice(i, i + 250).map((value, j) => ({ record: `post ${i + j}`, value, notes: [] }));
        accepted += (await ingestRecords(slice, ingestDeps(pipeline.services), 'fault')).accepted;
      }
      return accepted;
    })();
    await waitFor(async () => (await pipelineCounts(db)).scores >= Math.min(200, POSTS / 5), 'scoring to be under way', 300_000);
    const atCrash = await pipelineCounts(db);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 3000));
    await redis.start();
    expect(await ingesting).toBe(POSTS);

    // Let the reconnected workers drain, then queue again whatever the crash stranded.
    const idle = async () => {
      const counts = await Promise.all(pipeline.services.producer.allQueues().map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
      return counts.every((c) => Object.values(c).every((n) => n === 0));
    };
    await waitFor(idle, 'queues to drain after the restart', 600_000);
    const stranded = await reconcileStranded(db, pipeline.services.producer, { batchSize: 100, runId: 'after-redis-restart' });
    await waitFor(async () => (await pipelineCounts(db)).routed === POSTS, `all ${POSTS} posts routed`, 600_000);
    const seconds = (Date.now() - started) / 1000;
    const counts = await pipelineCounts(db);
    expect(counts).toMatchObject({ posts: POSTS, routed: POSTS, scores: POSTS, features: POSTS, dupCases: 0 });
    const failed = await Promise.all(pipeline.services.producer.allQueues().map((q) => q.getFailedCount()));
    expect(failed.reduce((a, b) => a + b, 0)).toBe(0);
    process.stdout.write(
      `fault redis restart: ${POSTS} posts; Redis SIGKILLed at ${atCrash.scores} scored, down 3 s; stranded after restart ${JSON.stringify(stranded)} (re-queued); all ${POSTS} scored once, ${counts.cases} cases, 0 duplicates, in ${seconds.toFixed(1)} s\n`,
    );
  }, 1_200_000);
});
