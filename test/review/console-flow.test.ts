// Console and API behaviour through app.request(): login with CSRF, cookies and rate limiting,
// escaping of hostile posts, decisions, referral exports with evidence and redaction, audit.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostInput } from '../../src/contracts/post.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { apiHeaders, buildTestApp, consoleHeaders, PASSWORD, PNG, type TestApp } from './helpers/web-app.js';
import { featuresFor } from './helpers/seed.js';

let db: Db;
let t: TestApp;

beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  t = await buildTestApp(db);
});
afterAll(async () => db.close());

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [k, v] = pair!.split('=');
    out[k!] = v ?? '';
  }
  return out;
}

async function loginForm(): Promise<{ csrf: string; cookie: string }> {
  const res = await t.app.request('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { csrf, cookie: `waspada_login_csrf=${cookiesOf(res).waspada_login_csrf}` };
}

async function postLogin(username: string, password: string) {
  const { csrf, cookie } = await loginForm();
  return t.app.request('/login', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, _csrf: csrf, next: '/cases/1' }).toString(),
  });
}

describe('login', () => {
  it('logs in with a form, sets an httpOnly SameSite=Lax session cookie and audits it', async () => {
    const res = await postLogin('u-analyst', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cases/1');
    const line = res.headers.getSetCookie().find((c) => c.startsWith('waspada_session='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    const page = await t.app.request('/', { headers: { cookie: `waspada_session=${cookiesOf(res).waspada_session}` } });
    expect(page.status).toBe(200);
    expect((await t.store.audit.recent(5, 'login')).some((e) => e.actor === 'u-analyst')).toBe(true);
  });

  it('refuses a login without the form CSRF token', async () => {
    const res = await t.app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=u-analyst&password=${PASSWORD}` });
    expect(res.status).toBe(403);
  });

  it('rate-limits failed logins per username, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await postLogin('u-researcher', 'wrong-password')).status).toBe(401);
    const blocked = await postLogin('u-researcher', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.getSetCookie().some((c) => c.startsWith('waspada_session='))).toBe(false);
  });

  it('does not follow an off-site next', async () => {
    const { csrf, cookie } = await loginForm();
    const res = await t.app.request('/login', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'u-supervisor', password: PASSWORD, _csrf: csrf, next: '//evil.example/x' }).toString() });
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('pages', () => {
  it('escapes hostile post text and neutralises its links, under a strict CSP', async () => {
    const text = 'Loker <script>alert(1)</script><img src=x onerror=alert(2)> <svg onload=alert(3)> &lt;b&gt; Kamboja WA +6281111111111';
    const { idsByInput } = await t.store.posts.insert([PostInput.parse({ platform: 'facebook', text, url: 'javascript:alert(4)', author: { name: '<b onmouseover=alert(5)>x</b>', url: 'data:text/html,<script>alert(6)</script>' } })]);
    await t.store.features.save([{ postId: idsByInput[0]!, features: featuresFor(text) }]);
    const [caseId] = await t.store.cases.create([{ postId: idsByInput[0]!, queue: 'komdigi', priority: 99, reasons: [], flags: [] }]);
    const res = await t.app.request(`/cases/${caseId}`, { headers: consoleHeaders(t.users.analyst) });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).not.toContain('<script>alert');
    expect(body).not.toMatch(/<img src=x/i);
    expect(body).not.toMatch(/<svg onload/i);
    expect(body).not.toMatch(/href="(javascript|data):/i);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('&amp;lt;b&amp;gt;');
    expect(body).toContain('<mark class="m-contact">+6281111111111</mark>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const queue = await (await t.app.request('/?queue=komdigi', { headers: consoleHeaders(t.users.analyst) })).text();
    expect(queue).not.toContain('<script>alert');
    expect(queue).toContain(`data-case-id="${caseId}"`);
  });

  it('speaks Bahasa Indonesia by default and English after ?lang=en, remembered in a cookie', async () => {
    const id = await (await t.app.request('/?queue=polri', { headers: consoleHeaders(t.users.analyst) })).text();
    expect(id).toContain('Antrean Polri');
    const en = await t.app.request('/?queue=polri&lang=en', { headers: consoleHeaders(t.users.analyst) });
    expect(await en.text()).toContain('Queue Polri');
    expect(cookiesOf(en).waspada_lang).toBe('en');
    const again = await t.app.request('/?queue=polri', { headers: { cookie: `${consoleHeaders(t.users.analyst).cookie}; waspada_lang=en` } });
    expect(await again.text()).toContain('Queue Polri');
  });

  it('filters the queue by platform and orders by priority', async () => {
    const body = await (await t.app.request('/?queue=komdigi&platform=facebook', { headers: consoleHeaders(t.users.analyst) })).text();
    expect(body.match(/data-case-id=/g)?.length).toBe(1);
    expect((await t.app.request('/?queue=komdigi&minScore=7', { headers: consoleHeaders(t.users.analyst) })).status).toBe(400);
  });

  it('serves archived HTML only as a download and audits every evidence view', async () => {
    const res = await t.app.request(`/evidence/${t.evidenceIds.html}`, { headers: consoleHeaders(t.users.analyst) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;.*\.html\.txt"$/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const shot = await t.app.request(`/evidence/${t.evidenceIds.screenshot}`, { headers: consoleHeaders(t.users.analyst) });
    expect(shot.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await shot.arrayBuffer())).toEqual(PNG);
    expect((await t.store.audit.recent(10, 'evidence.view')).length).toBeGreaterThanOrEqual(2);
    expect((await t.app.request('/evidence/..%2F..%2Fetc%2Fpasswd', { headers: consoleHeaders(t.users.analyst) })).status).toBe(400);
  });
});

describe('decisions and the API', () => {
  it('lists cases with their posts, decides once, and refuses a second decision', async () => {
    const list = await t.app.request('/api/cases?queue=komdigi&status=open', { headers: apiHeaders(t.users.analyst) });
    const { items } = (await list.json()) as { items: Array<{ id: number; post: { text: string }; status: string }> };
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.status === 'open' && typeof i.post.text === 'string')).toBe(true);
    const id = t.caseIds[2]!;
    const first = await t.app.request(`/api/cases/${id}/decide`, { method: 'POST', headers: { ...apiHeaders(t.users.analyst), 'content-type': 'application/json' }, body: JSON.stringify({ label: 'scam', reason: 'rekrutmen ke Kamboja' }) });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { case: { status: string } }).case.status).toBe('decided');
    const second = await t.app.request(`/api/cases/${id}/decide`, { method: 'POST', headers: { ...apiHeaders(t.users.supervisor), 'content-type': 'application/json' }, body: JSON.stringify({ label: 'not_scam' }) });
    expect(second.status).toBe(409);
    const bad = await t.app.request(`/api/cases/${id}/decide`, { method: 'POST', headers: { ...apiHeaders(t.users.analyst), 'content-type': 'application/json' }, body: JSON.stringify({ label: 'maybe' }) });
    expect(bad.status).toBe(400);
    const audit = await t.store.audit.recent(20, 'case.decide');
    expect(audit.some((e) => e.subject === `case:${id}` && e.actor === 'u-analyst')).toBe(true);
  });

  it('decides from a console form (redirect) and from the triage script (JSON)', async () => {
    const form = await t.app.request(`/cases/${t.caseIds[3]}/decide`, { method: 'POST', headers: { ...consoleHeaders(t.users.analyst), 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${t.users.analyst.csrf}&label=scam&reason=ok` });
    expect(form.status).toBe(303);
    const json = await t.app.request(`/cases/${t.caseIds[4]}/claim`, { method: 'POST', headers: { ...consoleHeaders(t.users.analyst, true), accept: 'application/json' } });
    expect(((await json.json()) as { case: { claimedBy: string } }).case.claimedBy).toBe('u-analyst');
  });

  it('publishes an OpenAPI document generated from the access table', async () => {
    const doc = (await (await t.app.request('/api/openapi.json', { headers: apiHeaders(t.users.researcher) })).json()) as { openapi: string; paths: Record<string, Record<string, { 'x-roles': string[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/posts']?.post?.['x-roles']).toEqual(['operator', 'admin']);
    expect(doc.paths['/api/cases/{id}/decide']?.post).toBeDefined();
  });
});

describe('exports', () => {
  it('downloads a Komdigi ZIP with dossier JSON, evidence files with their hashes and a printable page', async () => {
    await t.store.caseActions.decide(t.caseIds[0]!, 'u-analyst', 'scam', 'akun perekrut', '');
    const res = await t.app.request('/export?queue=komdigi&format=zip', { headers: consoleHeaders(t.users.analyst) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="waspada-komdigi-.*\.zip"$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { files: Array<{ name: string; sha256: string }>; cases: number[] };
    expect(manifest.cases).toContain(t.caseIds[0]);
    const dossier = JSON.parse(strFromU8(files[`case-${t.caseIds[0]}/dossier.json`]!)) as { url: string; screenshot: { file: string; sha256: string }; category: string; legalBasis: string[] };
    expect(dossier.url).toBe('https://t.me/loker/0');
    expect(dossier.category).toBe('tppo');
    expect(dossier.legalBasis.length).toBeGreaterThan(0);
    expect(files[dossier.screenshot.file]).toEqual(PNG);
    expect(Object.keys(files).some((f) => f.endsWith('.html.txt'))).toBe(true);
    expect(strFromU8(files['index.html']!)).toContain('Kasus #');
    expect((await t.store.audit.recent(5, 'export')).length).toBeGreaterThan(0);
  });

  it('neutralises formulas in CSV and redacts job seekers for analysts but not supervisors', async () => {
    const text = '=HYPERLINK("http://evil") loker Kamboja WA +6282222222222, pelamar: 0813-7777-6666';
    const { idsByInput } = await t.store.posts.insert([PostInput.parse({ platform: 'x', text, url: 'https://x.com/a/status/1' })]);
    await t.store.features.save([{ postId: idsByInput[0]!, features: featuresFor(text) }]);
    const [caseId] = await t.store.cases.create([{ postId: idsByInput[0]!, queue: 'polri', priority: 1, reasons: [], flags: [] }]);
    await t.store.caseActions.decide(caseId!, 'u-analyst', 'scam', '', '');
    const csv = await (await t.app.request('/export?queue=polri&format=csv', { headers: consoleHeaders(t.users.analyst) })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")`);
    expect(csv).not.toContain('0813-7777-6666');
    expect(csv).toContain('+6282222222222');
    const full = await (await t.app.request(`/cases/${caseId}/export?format=jsonl`, { headers: consoleHeaders(t.users.supervisor) })).text();
    const record = JSON.parse(full.trim()) as { text: string; contacts: Array<{ value: string }>; chronology: unknown[] };
    expect(record.text).toContain('0813-7777-6666');
    expect(record.contacts.map((c) => c.value)).toContain('+6282222222222');
    expect(record.chronology.length).toBeGreaterThan(0);
  });
});
