// Backpressure on real Redis: a full downstream queue makes the producer wait, then give up with a
// retryable error; a stalled score stage holds extract back within the limit, and once it runs every
// post is scored once. The ingest API answers 429 with Retry-After while extract is full.
import { Queue } from 'bullmq';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDeps } from '../../src/app/stage-deps.js';
import { PostInput } from '../../src/contracts/post.js';
import { ingestRecords } from '../../src/ingest/ingest-records.js';
import { BackpressureError, QueueBackpressure } from '../../src/ops/backpressure.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { migrate } from '../../src/store/migrate.js';
import type { Db } from '../../src/store/db.js';
import { waitFor } from '../helpers/pipeline.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { corpusPosts, pipelineCounts, startOpsPipeline, type OpsPipeline } from './helpers/ops-pipeline.js';

describe('QueueBackpressure on real Redis', () => {
  let queue: Queue;
  let prefix: string;
  let url: string;
  beforeAll(async () => {
    url = (await testRedis()).url;
    prefix = uniquePrefix('bp');
    queue = new Queue('score', { connection: { url } as never, prefix });
  });
  afterAll(async () => {
    await queue.close();
    await dropPrefix(url, prefix);
  });

  it('waits while the queue is at its limit, resumes when it drains, and gives up with a retryable error', async () => {
    const gate = new QueueBackpressure(() => queue, { maxDepth: 5, maxWaitMs: 400, cacheMs: 0 });
    for (let i = 0; i < 5; i += 1) await queue.add('score-posts', { postIds: [i + 1] });
    expect(await gate.depth('score', true)).toBe(5);

    const started = Date.now();
    const error = await gate.beforeEnqueue('score').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackpressureError);
    expect((error as BackpressureError).message).toMatch(/holds 5 waiting jobs \(limit 5\)/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);

    const patient = new QueueBackpressure(() => queue, { maxDepth: 5, maxWaitMs: 10_000, cacheMs: 0 });
    const waiting = patient.beforeEnqueue('score');
    let passed = false;
    void waiting.then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(passed).toBe(false);
    await queue.drain();
    await waiting;
    expect(passed).toBe(true);
  });
});

describe('backpressure through the pipeline', () => {
  let db: Db;
  let pipeline: OpsPipeline;
  const LIMIT = 3;
  beforeAll(async () => {
    db = await openPgliteDb();
    await migrate(db);
    pipeline = await startOpsPipeline(db, { maxQueueDepth: LIMIT, backpressureWaitMs: 300, batchSize: 10, jobAttempts: 50, jobBackoffMs: 100 });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await db?.close();
  });

  it('holds the score queue near its limit while scoring is stopped, then every post is scored once', async () => {
    const { services } = pipeline;
    await pipeline.startStages(['extract'], 2);
    const posts = corpusPosts(300, 'bp');
    // Straight into the store and the extract queue (30 jobs of 10): the API gate is tested below.
    const inserted = await services.store.posts.insert(posts.map((p) => PostInput.parse(p)));
    await services.producer.queue('extract').addBulk(
      Array.from({ length: 30 }, (_, i) => ({ name: 'extract-posts', data: { postIds: inserted.inserted.slice(i * 10, i * 10 + 10) }, opts: { jobId: `bp-${i}` } })),
    );
    const scoreQueue = services.producer.queue('score');
    let maxScoreDepth = 0;
    const deadline = Date.now() + 4000;
    while (Date.now() < deadline) {
      const c = await scoreQueue.getJobCounts('waiting', 'prioritized');
      maxScoreDepth = Math.max(maxScoreDepth, (c.waiting ?? 0) + (c.prioritized ?? 0));
      await new Promise((r) => setTimeout(r, 50));
    }
    // Two extract jobs at a time may each pass the gate just before the other's add: limit + concurrency.
    expect(maxScoreDepth).toBeGreaterThanOrEqual(LIMIT);
    expect(maxScoreDepth).toBeLessThanOrEqual(LIMIT + 2);
    const extractCounts = await services.producer.queue('extract').getJobCounts('waiting', 'delayed', 'active', 'completed');
    // Extract was held back: most of its jobs are still waiting or backing off.
    expect((extractCounts.waiting ?? 0) + (extractCounts.delayed ?? 0) + (extractCounts.active ?? 0)).toBeGreaterThan(20);

    await pipeline.startStages(['score', 'route'], 2);
    await waitFor(async () => (await pipelineCounts(db)).routed === 300, 'all 300 posts routed', 90_000);
    const counts = await pipelineCounts(db);
    expect(counts).toMatchObject({ posts: 300, scores: 300, features: 300, dupCases: 0 });
    expect(await services.producer.queue('extract').getFailedCount()).toBe(0);
    process.stdout.write(`backpressure: score queue peaked at ${maxScoreDepth} waiting jobs (limit ${LIMIT}); 300/300 posts scored once, ${counts.cases} cases\n`);
  });

  it('answers 429 with Retry-After on POST /api/posts while extract is over its limit, and 200 once it drains', async () => {
    const { services, ops } = pipeline;
    let stored = 0;
    const web = new Hono();
    web.post('/api/posts', async (c) => {
      const body = (await c.req.json()) as unknown[];
      const summary = await ingestRecords(body.map((value, i) => ({ record: `item ${i}`, value, notes: [] })), ingestDeps(services), 'api');
      stored += summary.accepted;
      return c.json(summary);
    });
    const app = ops.wrapWeb(web, async () => null);
    const extract = services.producer.queue('extract');
    await extract.pause();
    try {
      for (let i = 0; i < LIMIT; i += 1) await extract.add('extract-posts', { postIds: [1] }, { jobId: `fill-${i}` });
      await new Promise((r) => setTimeout(r, 250));
      const refused = await app.request('/api/posts', { method: 'POST', body: JSON.stringify(corpusPosts(2, 'gate')), headers: { 'content-type': 'application/json' } });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { error: string }).error).toMatch(/extract queue is full/);
      expect(stored).toBe(0);
    } finally {
      await extract.resume();
    }
    await waitFor(async () => (await extract.getJobCounts('waiting')).waiting === 0, 'extract to drain');
    await new Promise((r) => setTimeout(r, 250));
    const accepted = await app.request('/api/posts', { method: 'POST', body: JSON.stringify(corpusPosts(2, 'gate')), headers: { 'content-type': 'application/json' } });
    expect(accepted.status).toBe(200);
    expect(stored).toBe(2);
  });
});
