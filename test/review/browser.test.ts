// The console in real headless Chromium against a server on port 0: login, keyboard triage, a
// decision, an export download, and an XSS corpus that must never execute on any page.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostInput } from '../../src/contracts/post.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { buildTestApp, PASSWORD, type TestApp } from './helpers/web-app.js';
import { featuresFor } from './helpers/seed.js';

const XSS_CORPUS = [
  '<script>alert("xss-script")</script>',
  '<img src=x onerror=alert("xss-img")>',
  '<svg onload=alert("xss-svg")><circle r=1 /></svg>',
  '<a href="javascript:alert(\'xss-link\')">klik</a>',
  '&lt;script&gt;alert("xss-entity")&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
  '"><script>console.log("xss-attr")</script><input value="',
  '<iframe src="javascript:alert(\'xss-iframe\')"></iframe>',
  '<body onload=alert("xss-body")><style>*{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-mxss")>',
];

let db: Db;
let t: TestApp;
let server: ServerType;
let base: string;
let browser: Browser;
let xssCaseIds: number[] = [];

beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  t = await buildTestApp(db);
  const inputs = XSS_CORPUS.map((payload, i) =>
    PostInput.parse({
      platform: 'telegram',
      externalId: `xss/${i}`,
      text: `Loker Kamboja ${payload} WA +628123456700${i}`,
      url: i % 2 ? `javascript:alert("xss-url-${i}")` : `data:text/html,<script>alert(${i})</script>`,
      author: { name: payload, url: 'javascript:alert("xss-author")' },
      media: [{ kind: 'link', url: 'javascript:alert("xss-media")' }],
    }),
  );
  const { idsByInput } = await t.store.posts.insert(inputs);
  await t.store.features.save(idsByInput.map((postId, i) => ({ postId, features: featuresFor(inputs[i]!.text) })));
  xssCaseIds = await t.store.cases.create(idsByInput.map((postId) => ({ postId, queue: 'polri' as const, priority: 1000, reasons: [{ code: 'X<script>', label: { id: XSS_CORPUS[0]!, en: XSS_CORPUS[1]! }, spans: [] }], flags: [] })));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});

/** A page that records any dialog or "xss" console message, i.e. any executed payload. */
async function watchedPage(): Promise<{ page: Page; fired: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const fired: string[] = [];
  page.on('dialog', (d) => {
    fired.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/xss/i.test(m.text())) fired.push(`console: ${m.text()}`);
  });
  return { page, fired };
}

async function logIn(page: Page, username: string, next = '/'): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

describe('console in Chromium', () => {
  it('logs in and shows the Komdigi queue in Bahasa Indonesia', async () => {
    const { page } = await watchedPage();
    await logIn(page, 'u-analyst');
    await expect(page.locator('h1').textContent()).resolves.toContain('Antrean Komdigi');
    expect(await page.locator('#queue tbody tr').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('triages with the keyboard: j moves, s decides the selected case, Enter opens one', async () => {
    const { page } = await watchedPage();
    await logIn(page, 'u-analyst', '/?queue=komdigi');
    const rows = page.locator('#queue tbody tr');
    await page.keyboard.press('j');
    const second = Number(await rows.nth(1).getAttribute('data-case-id'));
    await expect(rows.nth(1).getAttribute('class')).resolves.toContain('selected');
    await page.keyboard.press('s');
    await page.waitForFunction((id) => document.querySelector(`tr[data-case-id="${id}"] .status`)?.getAttribute('data-status') === 'decided', second);
    const decided = await t.store.cases.get(second);
    expect(decided).toMatchObject({ status: 'decided', decision: 'scam' });
    expect((await t.store.caseActions.decisions(second))[0]?.decidedBy).toBe('u-analyst');
    // After a decision the selection moves on; Enter opens that case.
    const third = await rows.nth(2).getAttribute('data-case-id');
    await Promise.all([page.waitForURL(`${base}/cases/${third}`), page.keyboard.press('Enter')]);
    await page.context().close();
  });

  it('decides from the case page form with a reason', async () => {
    const { page } = await watchedPage();
    const id = t.caseIds[1]!;
    await logIn(page, 'u-supervisor', `/cases/${id}`);
    await page.selectOption('form.decide select[name=label]', 'unsure');
    await page.fill('form.decide input[name=reason]', 'butuh verifikasi nomor');
    // The form posts, then the redirect brings the case page back.
    await Promise.all([page.waitForResponse((r) => r.url() === `${base}/cases/${id}` && r.request().method() === 'GET'), page.click('form.decide button[type=submit]')]);
    await expect(page.locator('h1 .status').textContent()).resolves.toBe('decided');
    expect((await t.store.caseActions.decisions(id)).at(-1)).toMatchObject({ label: 'unsure', reason: 'butuh verifikasi nomor', decidedBy: 'u-supervisor' });
    await page.context().close();
  });

  it('downloads a referral ZIP from the queue page', async () => {
    await t.store.caseActions.decide(t.caseIds[0]!, 'u-analyst', 'scam', '', '');
    const { page } = await watchedPage();
    await logIn(page, 'u-analyst', '/?queue=komdigi');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.exports a:has-text("ZIP")')]);
    expect(download.suggestedFilename()).toMatch(/^waspada-komdigi-.*\.zip$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await page.context().close();
  });

  it('never executes the XSS corpus on the queue, case, research or audit pages', async () => {
    const { page, fired } = await watchedPage();
    await logIn(page, 'u-admin', '/?queue=polri');
    const visited = ['/?queue=polri', ...xssCaseIds.map((id) => `/cases/${id}`), '/research', '/audit', '/sources'];
    for (const path of visited) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('load');
      const injected = await page.evaluate(() => document.querySelectorAll('main script, main img[src=x], main svg, main iframe, main [onerror], main [onload]').length);
      expect(injected, path).toBe(0);
      const badLinks = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '').filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)));
      expect(badLinks, path).toEqual([]);
      const external = await page.evaluate(() => Array.from(document.querySelectorAll('main a[target=_blank]')).map((a) => a.getAttribute('rel')));
      expect(external.every((rel) => rel === 'noopener noreferrer nofollow')).toBe(true);
    }
    // Keyboard triage over hostile rows must not run anything either.
    await page.goto(`${base}/?queue=polri`);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.waitForTimeout(300);
    expect(fired).toEqual([]);
    await page.context().close();
  });
});
