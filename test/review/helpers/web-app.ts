// A review web app over a fresh database for tests: users of every role with a console session and
// an API token, seeded cases, evidence in memory, a source, and helpers to call it like a client.
import { createHash } from 'node:crypto';
import { Registry } from 'prom-client';
import type { Hono } from 'hono';
import { createLogger } from '../../../src/log.js';
import { addUser, createToken } from '../../../src/review/auth-service.js';
import { ALL_ROLES, type Role } from '../../../src/review/roles.js';
import { digest, newSecret } from '../../../src/review/secrets.js';
import type { Db } from '../../../src/store/db.js';
import { Store } from '../../../src/store/store.js';
import { createWebApp } from '../../../src/web/app.js';
import type { WebDeps } from '../../../src/web/deps.js';
import { seedCases } from './seed.js';

export const PASSWORD = 'kata-sandi-rahasia-1';

export interface Identity {
  username: string;
  role: Role;
  token: string;
  session: string;
  csrf: string;
}

export interface TestApp {
  app: Hono;
  store: Store;
  deps: WebDeps;
  users: Record<Role, Identity>;
  caseIds: number[];
  evidenceIds: { screenshot: number; html: number };
  ranSources: string[];
  /** A new console session for a user (e.g. to log out without breaking the shared one). */
  newSession(role: Role): Promise<{ session: string; csrf: string }>;
}

export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
export const EVIL_HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

export async function buildTestApp(db: Db, overrides: Partial<WebDeps> = {}): Promise<TestApp> {
  const store = new Store(db);
  const blobs = new Map<string, Uint8Array>();
  const put = (bytes: Uint8Array) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    blobs.set(key, bytes);
    return key;
  };
  const seeded = await seedCases(store, 6, 'komdigi');
  await seedCases(store, 3, 'polri');
  const shotKey = put(PNG);
  const htmlKey = put(EVIL_HTML);
  const postId = seeded.postIds[0]!;
  await store.evidence.link([
    { postId, kind: 'screenshot', key: shotKey, sha256: shotKey, bytes: PNG.byteLength, capturedAt: '2026-11-01T02:00:00Z', url: 'https://t.me/loker/0', crawlerVersion: 't' },
    { postId, kind: 'html', key: htmlKey, sha256: htmlKey, bytes: EVIL_HTML.byteLength, capturedAt: '2026-11-01T02:00:01Z', url: 'https://t.me/loker/0', crawlerVersion: 't' },
  ]);
  const ev = await store.db.query<{ id: number; kind: string }>('SELECT id, kind FROM evidence WHERE post_id = $1', [postId]);
  await store.sources.upsert({ name: 'tg-loker', adapter: 'telegram', url: 'https://t.me/s/loker', schedule: '*/30 * * * *', enabled: true, options: {} });
  const ranSources: string[] = [];
  const deps: WebDeps = {
    store,
    log: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    ingest: { insert: (p) => store.posts.insert(p), saveRejects: (r) => store.rejects.save(r), next: async () => undefined },
    redisHealthy: async () => true,
    evidence: { get: async (key) => blobs.get(key) ?? null },
    runSourceNow: async (name) => {
      ranSources.push(name);
      return { jobId: `job-${name}` };
    },
    listModels: async () => [{ version: 'm1', role: 'live', metrics: { auc: 0.93 } }],
    ...overrides,
  };
  const newSession = async (role: Role) => {
    const user = await store.users.byUsername(`u-${role}`);
    const session = newSecret();
    const csrf = newSecret();
    await store.sessions.create(digest(session), user!.id, csrf, new Date(Date.now() + 3600_000));
    return { session, csrf };
  };
  const users = {} as Record<Role, Identity>;
  for (const role of ALL_ROLES) {
    await addUser(store, `u-${role}`, role, PASSWORD, 'test');
    const token = await createToken(store, `u-${role}`, 'test', 'test');
    users[role] = { username: `u-${role}`, role, token, ...(await newSession(role)) };
  }
  return {
    app: createWebApp(deps),
    store,
    deps,
    users,
    caseIds: seeded.caseIds,
    evidenceIds: { screenshot: ev.find((e) => e.kind === 'screenshot')!.id, html: ev.find((e) => e.kind === 'html')!.id },
    ranSources,
    newSession,
  };
}

/** Headers of a console request by a user (session cookie, and the CSRF header on writes). */
export function consoleHeaders(who: { session: string; csrf: string }, write = false): Record<string, string> {
  return { cookie: `waspada_session=${who.session}`, ...(write ? { 'x-csrf-token': who.csrf } : {}) };
}

export function apiHeaders(who: { token: string }): Record<string, string> {
  return { authorization: `Bearer ${who.token}` };
}
