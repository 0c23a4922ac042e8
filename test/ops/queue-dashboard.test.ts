// Bull Board at /admin/queues through the real web app: admins and operators get in (token or
// session), other roles get 403, strangers 401; cross-origin writes are refused.
import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES } from '../../src/queue/catalog.js';
import type { Role } from '../../src/review/roles.js';
import { testDatabases } from '../helpers/databases.js';
import { startOpsPipeline, type OpsPipeline } from './helpers/ops-pipeline.js';

const database = (await testDatabases()).at(-1)!;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('queue dashboard', () => {
  let pipeline: OpsPipeline;
  let drop: () => Promise<void>;
  let app: Hono;
  const tokens: Partial<Record<Role, string>> = {};
  let adminSession = '';

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    pipeline = await startOpsPipeline(opened.db);
    const { store } = pipeline.services;
    for (const role of ['admin', 'operator', 'analyst', 'supervisor', 'researcher'] as const) {
      const user = await store.users.create(`dash-${role}`, role, 'x');
      const token = `wsp_${randomBytes(16).toString('base64url')}`;
      await store.tokens.create(user!.id, sha256(token), 'test');
      tokens[role] = token;
      if (role === 'admin') {
        adminSession = randomBytes(16).toString('base64url');
        await store.sessions.create(sha256(adminSession), user!.id, 'csrf', new Date(Date.now() + 60_000));
      }
    }
    const web = new Hono();
    web.get('/', (c) => c.text('console'));
    app = pipeline.ops.wrapWeb(web);
    await pipeline.services.producer.queue('extract').add('extract-posts', { postIds: [1] }, { jobId: 'visible-job' });
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const bearer = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });

  it('lets admins and operators in', async () => {
    for (const role of ['admin', 'operator'] as const) {
      const page = await get('/admin/queues', bearer(role));
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const api = await get('/admin/queues/api/queues?activeQueue=extract&status=latest&page=1', bearer(role));
      expect(api.status).toBe(200);
      const body = (await api.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
      // Every stage queue of the catalog (stages are added over time), the four pipeline stages among them.
      expect(body.queues.map((q) => q.name).sort()).toEqual([...STAGES].sort());
      expect(STAGES).toEqual(expect.arrayContaining(['collect', 'extract', 'score', 'route']));
    }
    const bySession = await get('/admin/queues/api/queues', { cookie: `waspada_session=${adminSession}` });
    expect(bySession.status).toBe(200);
  });

  it('refuses other roles (403), strangers and bad tokens (401)', async () => {
    for (const role of ['analyst', 'supervisor', 'researcher'] as const) {
      expect((await get('/admin/queues', bearer(role))).status).toBe(403);
      expect((await get('/admin/queues/api/queues', bearer(role))).status).toBe(403);
    }
    expect((await get('/admin/queues')).status).toBe(401);
    expect((await get('/admin/queues/api/queues')).status).toBe(401);
    expect((await get('/admin/queues', { authorization: 'Bearer wsp_forged' })).status).toBe(401);
    expect((await get('/admin/queues', { cookie: 'waspada_session=forged' })).status).toBe(401);
    // The rest of the app is untouched by the dashboard.
    expect(await (await get('/')).text()).toBe('console');
  });

  it('refuses state-changing calls from another origin', async () => {
    const cross = await app.request('/admin/queues/api/queues/extract/clean/completed', {
      method: 'PUT',
      headers: { cookie: `waspada_session=${adminSession}`, origin: 'https://evil.example', host: 'localhost' },
    });
    expect(cross.status).toBe(403);
    expect(await pipeline.services.producer.queue('extract').getJob('visible-job')).toBeTruthy();
  });
});
