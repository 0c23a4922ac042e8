// The demo a newcomer sees: fixtures/demo loaded once into real cases, and a login to open them with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoLogin, loadDemoOnce } from '../src/app/demo.js';
import { login } from '../src/review/auth-service.js';
import { testDatabases } from './helpers/databases.js';
import { startTestPipeline, waitFor, type TestPipeline } from './helpers/pipeline.js';

const [pglite] = await testDatabases();

describe('demo', () => {
  let pipeline: TestPipeline;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await pglite!.open();
    drop = opened.drop;
    pipeline = await startTestPipeline(opened.db);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('loads the demo posts once and they become open cases in both queues', async () => {
    const first = await loadDemoOnce(pipeline.services);
    expect(first?.accepted).toBeGreaterThanOrEqual(30);
    expect(first?.rejected).toBe(0);
    expect(await loadDemoOnce(pipeline.services)).toBeNull();
    const { store } = pipeline.services;
    await waitFor(async () => (await store.posts.countReached()).routed === first!.accepted, 'demo posts routed');
    const open = await store.cases.countByQueueAndStatus();
    const byQueue = Object.fromEntries(open.map((r) => [r.queue, r.n]));
    expect(byQueue.komdigi).toBeGreaterThanOrEqual(5);
    expect(byQueue.polri).toBeGreaterThanOrEqual(3);
    const platforms = await store.db.query<{ platform: string }>('SELECT DISTINCT platform FROM posts');
    expect(platforms.length).toBeGreaterThanOrEqual(4);
  });

  it('groups the recruiter who reposts under one WhatsApp number into one campaign', async () => {
    const rows = await pipeline.services.store.db.query<{ campaign_id: number | null }>(
      `SELECT p.campaign_id FROM posts p JOIN features f ON f.post_id = p.id
       WHERE f.data->'contacts' @> '[{"value": "+6281200004417"}]'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.campaign_id)).size).toBe(1);
    expect(rows[0]?.campaign_id).not.toBeNull();
  });

  it('creates one demo login that works, and none when real users exist', async () => {
    const { store } = pipeline.services;
    const made = await ensureDemoLogin(pipeline.services);
    expect(made?.username).toBe('demo');
    expect(await ensureDemoLogin(pipeline.services)).toEqual(made);
    const result = await login(store, { loginMaxFailures: 5, loginWindowMinutes: 15, sessionTtlMinutes: 60 }, made!.username, made!.password, '127.0.0.1');
    expect(result.ok).toBe(true);
  });
});
