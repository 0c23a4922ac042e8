// Every route of the access table × no identity and each role → the expected status, via
// app.request(); and every route the app registers appears in the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, type AccessRule } from '../../src/web/access.js';
import { ALL_ROLES, type Role } from '../../src/review/roles.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { migrate } from '../../src/store/migrate.js';
import type { Db } from '../../src/store/db.js';
import { apiHeaders, buildTestApp, consoleHeaders, type TestApp } from './helpers/web-app.js';

let db: Db;
let t: TestApp;

beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  t = await buildTestApp(db);
});
afterAll(async () => db.close());

const MISSING = 999_999;
const key = (r: AccessRule) => `${r.method} ${r.path}`;

/** Where each route is called and what an allowed caller gets back. */
function plan(r: AccessRule): { url: string; body?: string; type?: string; ok: number } {
  const action = r.method === 'POST' ? /\/cases\/:id\/(\w+)$/.exec(r.path)?.[1] : undefined;
  if (action) {
    const url = r.path.replace(':id', String(MISSING));
    if (r.auth === 'token') {
      const bodies: Record<string, unknown> = { decide: { label: 'scam' }, review: { label: 'scam' }, outcome: { outcome: 'taken_down' }, reroute: { queue: 'polri' } };
      return { url, body: JSON.stringify(bodies[action] ?? {}), type: 'application/json', ok: 404 };
    }
    const forms: Record<string, string> = { decide: 'label=scam', review: 'label=scam', outcome: 'outcome=taken_down', reroute: 'queue=polri' };
    return { url, body: forms[action] ?? '', type: 'application/x-www-form-urlencoded', ok: 404 };
  }
  const caseId = String(t.caseIds[0]);
  const table: Record<string, { url: string; body?: string; type?: string; ok: number }> = {
    'GET /healthz': { url: '/healthz', ok: 200 },
    'GET /metrics': { url: '/metrics', ok: 200 },
    'GET /login': { url: '/login', ok: 200 },
    'POST /login': { url: '/login', body: 'username=x&password=y', type: 'application/x-www-form-urlencoded', ok: 403 },
    'GET /static/console.js': { url: '/static/console.js', ok: 200 },
    'GET /static/console.css': { url: '/static/console.css', ok: 200 },
    'POST /logout': { url: '/logout', body: '', type: 'application/x-www-form-urlencoded', ok: 303 },
    'GET /': { url: '/?queue=polri', ok: 200 },
    'POST /cases/bulk': { url: '/cases/bulk', body: `ids=${MISSING}&action=claim`, type: 'application/x-www-form-urlencoded', ok: 303 },
    'GET /cases/:id': { url: `/cases/${caseId}`, ok: 200 },
    'GET /cases/:id/export': { url: `/cases/${caseId}/export?format=jsonl`, ok: 200 },
    'GET /export': { url: '/export?queue=komdigi&format=csv', ok: 200 },
    'GET /evidence/:id': { url: `/evidence/${t.evidenceIds.screenshot}`, ok: 200 },
    'GET /console/campaigns': { url: '/console/campaigns', ok: 200 },
    'GET /console/campaigns/post/:id': { url: `/console/campaigns/post/${MISSING}`, ok: 404 },
    'GET /console/campaigns/:id': { url: `/console/campaigns/${MISSING}`, ok: 404 },
    'GET /console/campaigns/:id/export': { url: `/console/campaigns/${MISSING}/export`, ok: 404 },
    'GET /console/takedowns': { url: '/console/takedowns', ok: 200 },
    'GET /sources': { url: '/sources', ok: 200 },
    'POST /sources/:name/run': { url: '/sources/tg-loker/run', body: '', type: 'application/x-www-form-urlencoded', ok: 303 },
    'GET /research': { url: '/research', ok: 200 },
    'GET /audit': { url: '/audit', ok: 200 },
    'GET /api/openapi.json': { url: '/api/openapi.json', ok: 200 },
    'GET /api/me': { url: '/api/me', ok: 200 },
    'GET /api/cases': { url: '/api/cases?queue=komdigi&status=open', ok: 200 },
    'GET /api/cases/:id': { url: `/api/cases/${caseId}`, ok: 200 },
    'GET /api/export': { url: '/api/export?queue=polri&format=jsonl', ok: 200 },
    'POST /api/posts': { url: '/api/posts', body: '[]', type: 'application/json', ok: 200 },
    'GET /api/sources': { url: '/api/sources', ok: 200 },
    'POST /api/sources/:name/run': { url: '/api/sources/tg-loker/run', body: '', ok: 202 },
    'GET /api/models': { url: '/api/models', ok: 200 },
    'GET /api/shadow/disagreements': { url: '/api/shadow/disagreements', ok: 200 },
    'GET /api/audit/verify': { url: '/api/audit/verify', ok: 200 },
  };
  const p = table[key(r)];
  if (!p) throw new Error(`no test plan for ${key(r)}: add one`);
  return p;
}

type Caller = Role | 'nobody';
const CALLERS: Caller[] = ['nobody', ...ALL_ROLES];

function expected(r: AccessRule, caller: Caller): number {
  const ok = plan(r).ok;
  if (r.auth === 'public') return ok;
  if (caller === 'nobody') return r.auth === 'token' ? 401 : r.method === 'GET' ? 302 : 401;
  return r.roles.includes(caller) ? ok : 403;
}

const cases = ACCESS.flatMap((rule) => CALLERS.map((caller) => ({ rule, caller, name: `${key(rule)} as ${caller}` })));

describe('role matrix', () => {
  it.each(cases)('$name', async ({ rule, caller }) => {
    const p = plan(rule);
    const headers: Record<string, string> = p.type ? { 'content-type': p.type } : {};
    if (caller !== 'nobody') {
      if (rule.auth === 'token') Object.assign(headers, apiHeaders(t.users[caller]));
      if (rule.auth === 'session') {
        const who = rule.path === '/logout' ? await t.newSession(caller) : t.users[caller];
        Object.assign(headers, consoleHeaders(who, rule.method === 'POST'));
      }
    }
    const res = await t.app.request(p.url, { method: rule.method, headers, body: p.body });
    expect(res.status, `${key(rule)} as ${caller}: ${await res.clone().text().then((s) => s.slice(0, 200))}`).toBe(expected(rule, caller));
    if (res.status === 302) expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('registers no route that the access table does not list', () => {
    const listed = new Set(ACCESS.map(key));
    const registered = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(registered.filter((r) => !listed.has(r))).toEqual([]);
    expect([...listed].filter((r) => !registered.includes(r))).toEqual([]);
  });

  it('answers 404 for a path in no row, before any handler', async () => {
    expect((await t.app.request('/api/nothing', { headers: apiHeaders(t.users.admin) })).status).toBe(404);
    expect((await t.app.request('/secret', { headers: consoleHeaders(t.users.admin) })).status).toBe(404);
  });

  it('keeps the two credentials apart: a token opens no page and a cookie opens no API', async () => {
    expect((await t.app.request('/', { headers: apiHeaders(t.users.admin) })).status).toBe(302);
    expect((await t.app.request('/api/cases', { headers: consoleHeaders(t.users.admin) })).status).toBe(401);
    expect((await t.app.request('/api/cases', { headers: { authorization: 'Bearer wsp_forged' } })).status).toBe(401);
  });

  it('refuses a console write without the session CSRF token', async () => {
    const res = await t.app.request(`/cases/${t.caseIds[1]}/claim`, { method: 'POST', headers: { ...consoleHeaders(t.users.analyst), 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=wrong' });
    expect(res.status).toBe(403);
    expect((await t.store.cases.get(t.caseIds[1]!))?.status).toBe('open');
  });
});
