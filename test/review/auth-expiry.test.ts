// Session and token expiry through the real app (app.request + PGlite): absolute session lifetime,
// idle timeout, token expiry, revocation and disabling (at once in this process, within
// AUTH_CACHE_SECONDS from another), and last-seen writes throttled to one a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/review/auth-service.js';
import { digest, newSecret } from '../../src/review/secrets.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { createWebApp } from '../../src/web/app.js';
import { apiHeaders, buildTestApp, consoleHeaders, type TestApp } from './helpers/web-app.js';

let db: Db;
let t: TestApp;
const IDLE_MINUTES = 30;

beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  // A long cache, so the tests see that revocation in this process does not wait for it.
  t = await buildTestApp(db, { review: { sessionIdleMinutes: IDLE_MINUTES, authCacheSeconds: 60 } });
});
afterAll(async () => db.close());

async function session(username = 'u-analyst', lifetimeMs = 3600_000): Promise<{ session: string; csrf: string; id: string }> {
  const user = await t.store.users.byUsername(username);
  const secret = newSecret();
  const csrf = newSecret();
  await t.store.sessions.create(digest(secret), user!.id, csrf, new Date(Date.now() + lifetimeMs));
  return { session: secret, csrf, id: digest(secret) };
}

const lastSeen = async (id: string) => (await db.query<{ at: string }>('SELECT last_seen_at::text AS at FROM sessions WHERE id = $1', [id]))[0]?.at;
const lastUsed = async (token: string) => (await db.query<{ at: string | null }>('SELECT last_used_at::text AS at FROM api_tokens WHERE token_hash = $1', [digest(token)]))[0]?.at;

describe('console sessions', () => {
  it('a session past its absolute lifetime is sent to login (pages) or refused with 401 (writes)', async () => {
    const s = await session();
    expect((await t.app.request('/', { headers: consoleHeaders(s) })).status).toBe(200);
    // Still within the idle limit, but the absolute lifetime has passed. A new session id keeps the cache out of it.
    const old = await session('u-analyst', 60_000);
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE id = $1`, [old.id]);
    const page = await t.app.request(`/cases/${t.caseIds[0]}`, { headers: consoleHeaders(old) });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/cases/${t.caseIds[0]}`)}`);
    const write = await t.app.request(`/cases/${t.caseIds[0]}/claim`, { method: 'POST', headers: consoleHeaders(old, true) });
    expect(write.status).toBe(401);
  });

  it(`a session idle longer than ${IDLE_MINUTES} minutes ends, though its lifetime has not`, async () => {
    const s = await session();
    await db.query(`UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2) WHERE id = $1`, [s.id, IDLE_MINUTES + 1]);
    const res = await t.app.request('/', { headers: consoleHeaders(s) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('a session in use stays alive: a request marks it seen, at most once a minute', async () => {
    const s = await session();
    await db.query(`UPDATE sessions SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`, [s.id]);
    const before = await lastSeen(s.id);
    expect((await t.app.request('/', { headers: consoleHeaders(s) })).status).toBe(200);
    const touched = await lastSeen(s.id);
    expect(new Date(touched!).getTime()).toBeGreaterThan(new Date(before!).getTime() + 9 * 60_000);
    // A second request within the minute does not write again.
    expect((await t.app.request('/', { headers: consoleHeaders(s) })).status).toBe(200);
    expect(await lastSeen(s.id)).toBe(touched);
  });

  it('logging out ends the session at once, although it was cached', async () => {
    const s = await session();
    expect((await t.app.request('/', { headers: consoleHeaders(s) })).status).toBe(200);
    const out = await t.app.request('/logout', { method: 'POST', headers: consoleHeaders(s, true) });
    expect(out.status).toBe(303);
    expect((await t.app.request('/', { headers: consoleHeaders(s) })).status).toBe(302);
  });

  it('disabling a user ends their cached sessions and tokens at once', async () => {
    const s = await session('u-researcher');
    const token = await createToken(t.store, 'u-researcher', 'disable-test', 'test');
    expect((await t.app.request('/research', { headers: consoleHeaders(s) })).status).toBe(200);
    expect((await t.app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(200);
    await t.store.users.setDisabled('u-researcher', true);
    expect((await t.app.request('/research', { headers: consoleHeaders(s) })).status).toBe(302);
    expect((await t.app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(401);
    await t.store.users.setDisabled('u-researcher', false);
  });

  it('login purges idle sessions along with expired ones', async () => {
    const idle = await session();
    await db.query(`UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2) WHERE id = $1`, [idle.id, IDLE_MINUTES + 5]);
    expect(await t.store.sessions.purgeExpired(IDLE_MINUTES)).toBeGreaterThanOrEqual(1);
    expect(await lastSeen(idle.id)).toBeUndefined();
  });
});

describe('queue page cache', () => {
  it('a claim through the app shows in the next queue page at once, though the page was cached', async () => {
    const list = async () =>
      ((await (await t.app.request('/api/cases?queue=komdigi&status=open&limit=1000', { headers: apiHeaders(t.users.analyst) })).json()) as { items: Array<{ id: number }> }).items.map((c) => c.id);
    const before = await list();
    const id = before[0]!;
    const claim = await t.app.request(`/api/cases/${id}/claim`, { method: 'POST', headers: apiHeaders(t.users.analyst) });
    expect(claim.status).toBe(200);
    expect(await list()).not.toContain(id);
    await t.app.request(`/api/cases/${id}/release`, { method: 'POST', headers: apiHeaders(t.users.analyst) });
    expect(await list()).toContain(id);
  });
});

describe('API tokens', () => {
  it('new tokens expire after the configured days; 0 makes a token without an end', async () => {
    const now = new Date();
    const dated = await createToken(t.store, 'u-analyst', 'dated', 'test', 30, now);
    const endless = await createToken(t.store, 'u-analyst', 'endless', 'test', 0);
    const expiry = async (token: string) => (await db.query<{ at: Date | string | null }>('SELECT expires_at AS at FROM api_tokens WHERE token_hash = $1', [digest(token)]))[0]!.at;
    expect(new Date((await expiry(dated))!).getTime()).toBe(now.getTime() + 30 * 86_400_000);
    expect(await expiry(endless)).toBeNull();
    expect((await t.app.request('/api/me', { headers: apiHeaders({ token: dated }) })).status).toBe(200);
    expect((await t.app.request('/api/me', { headers: apiHeaders({ token: endless }) })).status).toBe(200);
  });

  it('an expired token gets 401', async () => {
    const token = await createToken(t.store, 'u-analyst', 'short', 'test', 1);
    await db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [digest(token)]);
    const res = await t.app.request('/api/cases', { headers: apiHeaders({ token }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a revoked token gets 401 at once, although it was cached', async () => {
    const token = await createToken(t.store, 'u-supervisor', 'revoke-test', 'test');
    expect((await t.app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(200);
    const user = await t.store.users.byUsername('u-supervisor');
    expect(await t.store.tokens.revokeAll(user!.id)).toBeGreaterThanOrEqual(1);
    expect((await t.app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(401);
  });

  it('a token revoked by another process is refused within AUTH_CACHE_SECONDS', async () => {
    const app = createWebApp({ ...t.deps, review: { authCacheSeconds: 1 } });
    const token = await createToken(t.store, 'u-operator', 'other-process', 'test');
    expect((await app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(200);
    // Another process (the CLI) revokes it with its own connection: this process's cache does not hear of it.
    await db.query('UPDATE api_tokens SET revoked = true WHERE token_hash = $1', [digest(token)]);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(401);
  });

  it('marks a token used at most once a minute', async () => {
    const app = createWebApp({ ...t.deps, review: { authCacheSeconds: 0 } });
    const token = await createToken(t.store, 'u-admin', 'touch-test', 'test');
    expect(await lastUsed(token)).toBeNull();
    expect((await app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(200);
    const first = await lastUsed(token);
    expect(first).not.toBeNull();
    expect((await app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(200);
    expect(await lastUsed(token)).toBe(first);
    await db.query(`UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE token_hash = $1`, [digest(token)]);
    expect((await app.request('/api/me', { headers: apiHeaders({ token }) })).status).toBe(200);
    expect(new Date((await lastUsed(token))!).getTime()).toBeGreaterThan(Date.now() - 30_000);
  });
});
