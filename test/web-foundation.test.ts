// /healthz and /metrics, open to everyone, answered from the real database and queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { ingestDeps } from '../src/app/stage-deps.js';
import { ingestRecords } from '../src/ingest/ingest-records.js';
import { createWebApp } from '../src/web/app.js';
import { createMetrics } from '../src/web/metrics.js';
import { testDatabases } from './helpers/databases.js';
import { startTestPipeline, waitFor, type TestPipeline } from './helpers/pipeline.js';

const [pglite] = await testDatabases();

describe('health and metrics', () => {
  let pipeline: TestPipeline;
  let drop: () => Promise<void>;
  let app: ReturnType<typeof createWebApp>;

  beforeAll(async () => {
    const opened = await pglite!.open();
    drop = opened.drop;
    pipeline = await startTestPipeline(opened.db);
    const { store, producer } = pipeline.services;
    const metrics = createMetrics({ store, queues: () => producer.allQueues() });
    app = createWebApp({ store, log: pino({ level: 'silent' }), metrics, ingest: ingestDeps(pipeline.services), redisHealthy: async () => true });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('GET /healthz reports the database and Redis without a login', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: true, redis: true, databaseKind: 'pglite' });
  });

  it('GET /metrics exposes posts per stage, open cases per queue, queue depths and failures', async () => {
    const lure = 'Lowongan CS ke Kamboja, gaji $1500, tiket gratis, tanpa pengalaman, visa turis, WA 0812-0000-4417';
    await ingestRecords([{ record: 'm1', value: { platform: 'telegram', externalId: 'm/1', text: lure }, notes: [] }], ingestDeps(pipeline.services), 'test');
    await waitFor(async () => (await pipeline.services.store.posts.countReached()).routed === 1, 'the post to be routed');
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toMatch(/waspada_posts_total\{stage="collected"\} 1/);
    expect(body).toMatch(/waspada_posts_total\{stage="routed"\} 1/);
    expect(body).toMatch(/waspada_cases_open\{queue="komdigi"\} 1/);
    expect(body).toMatch(/waspada_queue_jobs\{queue="extract",state="completed"\} \d+/);
    expect(body).toMatch(/waspada_job_failures\{queue="score"\} 0/);
  });
});
