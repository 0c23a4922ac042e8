// Pure pieces of the collector: evidence storage, cursors, wall detection, counts, site and feed parsing,
// adapter inference and the evidence pre-filter.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferAdapter } from '../../src/collect/adapters/index.js';
import { parseFeed } from '../../src/collect/adapters/feed.js';
import { parseSitePage, SiteSelectors } from '../../src/collect/adapters/site.js';
import { resolveHref, siteRootOf } from '../../src/collect/adapters/site-root.js';
import { advanceCursor, isNewSince, parseCursor, serializeCursor, EMPTY_CURSOR } from '../../src/collect/cursor.js';
import { detectWall } from '../../src/collect/detect-health.js';
import { createFsEvidenceStore, InvalidEvidenceKeyError, sha256Hex } from '../../src/collect/evidence-store.js';
import { DEMO_JOB_BOARD_SELECTORS } from '../../src/collect/fixture-web.js';
import { parseCount } from '../../src/collect/html-text.js';
import type { ScrapedItem } from '../../src/collect/ports.js';
import { isQuickSuspect } from '../../src/collect/quick-suspect.js';

const meta = { kind: 'html' as const, contentType: 'text/html', url: 'https://t.me/x/1', capturedAt: '2026-11-22T00:00:00.000Z', crawlerVersion: 'v' };

describe('filesystem evidence store', () => {
  it('stores bytes under their SHA-256 and returns them unchanged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waspada-ev-'));
    const store = createFsEvidenceStore(dir);
    const bytes = new TextEncoder().encode('<div>bukti</div>');
    const { key, sha256 } = await store.put(bytes, meta);
    expect(key).toBe(sha256);
    expect(sha256).toBe(sha256Hex(bytes));
    expect(await store.get(key)).toEqual(bytes);
    // Putting the same bytes again is a no-op with the same key; the first capture's metadata is kept.
    expect((await store.put(bytes, { ...meta, url: 'https://other' })).key).toBe(key);
    const stored = JSON.parse(readFileSync(path.join(dir, key.slice(0, 2), key.slice(2, 4), `${key}.json`), 'utf8')) as { url: string; bytes: number };
    expect(stored).toMatchObject({ url: 'https://t.me/x/1', bytes: bytes.byteLength });
    expect(await store.get('0'.repeat(64))).toBeNull();
  });

  it('refuses keys that could escape its directory', async () => {
    const store = createFsEvidenceStore(mkdtempSync(path.join(os.tmpdir(), 'waspada-ev-')));
    for (const key of ['../../etc/passwd', '..', `${'a'.repeat(63)}/`, 'A'.repeat(64), '']) {
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidEvidenceKeyError);
    }
  });
});

const item = (key: string, order?: number): ScrapedItem => ({ key, order, pageUrl: 'u', post: {} });

describe('cursor', () => {
  it('keeps the highest position and recent keys; only later or unseen items are new', () => {
    const c = advanceCursor(EMPTY_CURSOR, [item('a/3', 3), item('a/2', 2)]);
    expect(c).toEqual({ v: 1, mark: 3, seen: ['a/3', 'a/2'] });
    const isNew = isNewSince(parseCursor(serializeCursor(c)));
    expect(isNew(item('a/4', 4))).toBe(true);
    expect(isNew(item('a/3', 3))).toBe(false);
    expect(isNew(item('a/1', 1))).toBe(false);
    expect(isNew(item('x'))).toBe(true);
    const unordered = advanceCursor(EMPTY_CURSOR, [item('x'), item('y')]);
    expect(isNewSince(unordered)(item('x'))).toBe(false);
  });

  it('restarts from scratch on an unreadable cursor instead of failing the source forever', () => {
    expect(parseCursor('not json')).toEqual(EMPTY_CURSOR);
    expect(parseCursor('{"v":2}')).toEqual(EMPTY_CURSOR);
    expect(parseCursor(null)).toEqual(EMPTY_CURSOR);
  });

  it('never remembers more than 500 keys, newest first', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 1200 }), (keys) => {
        const c = advanceCursor(EMPTY_CURSOR, keys.map((k) => item(k)));
        expect(c.seen.length).toBeLessThanOrEqual(500);
        if (keys.length > 0) expect(c.seen[0]).toBe(keys[0]);
      }),
    );
  });
});

describe('walls', () => {
  it('recognizes captchas, login walls and blocks, and leaves ordinary pages alone', () => {
    expect(detectWall({ url: 'https://x.com/i/flow/login', body: '' })).toBe('login_wall');
    expect(detectWall({ url: 'https://m.facebook.com/login.php?next=x', body: '' })).toBe('login_wall');
    expect(detectWall({ url: 'https://www.instagram.com/accounts/login/', body: '' })).toBe('login_wall');
    expect(detectWall({ url: 'https://m.facebook.com/groups/1', body: '<form id="login_form">' })).toBe('login_wall');
    expect(detectWall({ url: 'https://a.b/', body: '<div class="g-recaptcha">' })).toBe('captcha');
    expect(detectWall({ url: 'https://a.b/', body: '<script src="/cdn-cgi/challenge-platform/x.js">' })).toBe('captcha');
    expect(detectWall({ url: 'https://a.b/', body: 'x', status: 429 })).toBe('blocked');
    expect(detectWall({ url: 'https://a.b/', body: '<h1>Access Denied</h1>' })).toBe('blocked');
    expect(detectWall({ url: 'https://t.me/s/lokerdemo', body: '<div class="tgme_widget_message">Lowongan admin</div>' })).toBeNull();
  });
});

describe('counts and links', () => {
  it('reads view counts as shown on the platforms', () => {
    expect(parseCount('37.2K')).toBe(37200);
    expect(parseCount('1.1M')).toBe(1_100_000);
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('905')).toBe(905);
    expect(parseCount('lots')).toBeUndefined();
  });

  it('resolves root-relative links under a mirror\'s mount point', () => {
    const root = siteRootOf('http://127.0.0.1:8080/demo-web/facebook/groups/x', /\/groups\b/);
    expect(root).toBe('http://127.0.0.1:8080/demo-web/facebook');
    expect(resolveHref('/groups/x?bac=3', 'http://127.0.0.1:8080/demo-web/facebook/groups/x', root)).toBe('http://127.0.0.1:8080/demo-web/facebook/groups/x?bac=3');
    expect(resolveHref('https://m.facebook.com/a', 'http://h/p', root)).toBe('https://m.facebook.com/a');
    expect(resolveHref('/groups/x', 'https://m.facebook.com/groups/x', 'https://m.facebook.com')).toBe('https://m.facebook.com/groups/x');
  });
});

describe('site and feed parsing', () => {
  const html = `<html><body><ul class="job-list">
    <li class="job-card"><h2 class="job-title"><a href="lowongan/1">Admin Kamboja</a></h2><div class="job-company">PT X</div><div class="job-location">Phnom Penh</div><time datetime="2026-11-06">6 Nov</time><p class="job-desc">Tiket gratis</p></li>
    <li class="job-card"><h2 class="job-title"><a href="lowongan/2">Kasir</a></h2><div class="job-company">Toko Y</div><div class="job-location">Depok</div><time datetime="2026-11-05">5 Nov</time><p class="job-desc">UMK</p></li>
  </ul><a class="next" href="?page=2">Berikutnya</a></body></html>`;
  const sel = SiteSelectors.parse(DEMO_JOB_BOARD_SELECTORS);

  it('reads items, links, dates and the next page from declared selectors', () => {
    const page = parseSitePage(html, 'http://h/jobs/lowongan', sel);
    expect(page.items.map((i) => i.post)).toEqual([
      { platform: 'site', externalId: 'http://h/jobs/lowongan/1', url: 'http://h/jobs/lowongan/1', author: { name: 'PT X' }, text: 'Admin Kamboja\nPT X\nPhnom Penh\nTiket gratis', postedAt: '2026-11-06T00:00:00.000Z', media: [] },
      { platform: 'site', externalId: 'http://h/jobs/lowongan/2', url: 'http://h/jobs/lowongan/2', author: { name: 'Toko Y' }, text: 'Kasir\nToko Y\nDepok\nUMK', postedAt: '2026-11-05T00:00:00.000Z', media: [] },
    ]);
    expect(page.next).toBe('http://h/jobs/lowongan?page=2');
    expect(page.recognized).toBe(true);
  });

  it('flags a page whose list container vanished as unrecognized (a layout change)', () => {
    const page = parseSitePage('<html><body><div class="new-design"></div></body></html>', 'http://h/jobs', sel);
    expect(page).toEqual({ items: [], next: null, recognized: false });
  });

  it('reads RSS 2.0 and Atom entries', () => {
    const rss = parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Admin Kamboja</title><link>https://b.example/1</link><guid>g1</guid><pubDate>Fri, 06 Nov 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Tiket &lt;b&gt;gratis&lt;/b&gt;&lt;/p&gt;</description></item>
      <item><title>Kasir</title><link>https://b.example/2</link><guid>g2</guid><pubDate>Thu, 05 Nov 2026 08:00:00 GMT</pubDate><description>UMK</description></item>
      </channel></rss>`,
      'https://b.example/feed.xml',
    );
    expect(rss.items.map((i) => [i.key, i.post.text, i.post.postedAt, i.post.url])).toEqual([
      ['g1', 'Admin Kamboja\nTiket gratis', '2026-11-06T08:00:00.000Z', 'https://b.example/1'],
      ['g2', 'Kasir\nUMK', '2026-11-05T08:00:00.000Z', 'https://b.example/2'],
    ]);
    const atom = parseFeed(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>urn:1</id><title>Lowongan</title><link rel="alternate" href="https://a.example/1"/><published>2026-11-01T00:00:00Z</published><author><name>HRD</name></author><summary>Kerja di Laos</summary></entry>
      </feed>`,
      'https://a.example/atom.xml',
    );
    expect(atom.items[0]?.post).toMatchObject({ externalId: 'urn:1', text: 'Lowongan\nKerja di Laos', url: 'https://a.example/1', author: { name: 'HRD' }, postedAt: '2026-11-01T00:00:00.000Z' });
  });
});

describe('adapter inference and the evidence pre-filter', () => {
  it('infers the adapter from well-known hosts only', () => {
    expect(inferAdapter('https://t.me/s/lokerdemo')).toBe('telegram');
    expect(inferAdapter('https://m.facebook.com/groups/1')).toBe('facebook');
    expect(inferAdapter('https://x.com/search?q=loker')).toBe('x');
    expect(inferAdapter('https://twitter.com/someone')).toBe('x');
    expect(inferAdapter('https://www.instagram.com/someone/')).toBe('instagram');
    expect(inferAdapter('https://example.org/feed.xml')).toBe('feed');
    expect(inferAdapter('http://127.0.0.1:8080/s/somechannel')).toBeNull();
  });

  it('marks lures for evidence and leaves ordinary ads alone', () => {
    expect(isQuickSuspect({ text: 'Lowongan admin di Kamboja, tiket gratis, tanpa pengalaman' })).toBe(true);
    expect(isQuickSuspect({ text: 'Dicari kasir minimarket di Depok, gaji UMK' })).toBe(false);
  });
});
