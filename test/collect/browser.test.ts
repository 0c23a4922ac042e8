// The browser path in real headless Chromium against a local server on port 0: X timelines read from the
// page's own GraphQL responses, Instagram JSON, a Facebook session file, context recycling and relaunch.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserPool, resolveChromium } from '../../src/collect/browser-pool.js';
import { collectOnce } from '../../src/collect/collect-once.js';
import { BrowserCrashedError, BrowserUnavailableError } from '../../src/collect/errors.js';
import { DEMO_JOB_BOARD_SELECTORS } from '../../src/collect/fixture-web.js';
import { chromiumBrowserPids, killChromium } from './helpers/chromium-processes.js';
import { realPage } from './helpers/real-pages.js';
import { testLog, testRuntime } from './helpers/runtime.js';
import { serveApp, type Served } from './helpers/serve.js';

let web: Served;

// A stand-in for x.com's search page: its script asks the GraphQL API for the timeline, as the real app does.
const X_APP = (endpoint: string): string => `<!DOCTYPE html><html><body><div id="react-root">loading…</div>
<script>
fetch('/i/api/graphql/AbCdEf123/${endpoint}?variables=%7B%7D').then(r => r.json()).then(() => {
  document.getElementById('react-root').textContent = 'loaded';
});
</script></body></html>`;

beforeAll(async () => {
  const app = new Hono();
  app.get('/robots.txt', (c) => c.text('User-agent: *\nAllow: /\n'));
  app.get('/search', (c) => c.html(X_APP('SearchTimeline')));
  app.get('/XDevelopers', (c) => c.html(X_APP('UserTweets')));
  app.get('/i/api/graphql/AbCdEf123/SearchTimeline', (c) => c.body(realPage('x/raw_search.json.gz'), 200, { 'content-type': 'application/json' }));
  app.get('/i/api/graphql/AbCdEf123/UserTweets', (c) => c.body(realPage('x/raw_user_tweets.json.gz'), 200, { 'content-type': 'application/json' }));
  // An endless timeline: every scroll asks for another page of new tweets, forever.
  let endlessCalls = 0;
  app.get('/endless', (c) =>
    c.html(`<html><body><script>
      const more = () => fetch('/i/api/graphql/Zz/SearchTimeline?n=' + Date.now()).then(r => r.json());
      more(); window.addEventListener('wheel', more);
    </script></body></html>`),
  );
  app.get('/i/api/graphql/Zz/SearchTimeline', (c) => {
    endlessCalls++;
    const base = 5_000_000 - endlessCalls * 10;
    const entries = Array.from({ length: 5 }, (_, i) => ({
      entryId: `tweet-${base - i}`,
      content: { itemContent: { tweet_results: { result: { __typename: 'Tweet', rest_id: String(base - i), core: { user_results: { result: { rest_id: '1', core: { screen_name: 'loker', name: 'Loker' } } } }, legacy: { full_text: `Lowongan ${base - i}`, created_at: 'Wed Jul 08 21:59:10 +0000 2026' } } } } },
    }));
    return c.json({ data: { search_by_raw_query: { search_timeline: { timeline: { instructions: [{ type: 'TimelineAddEntries', entries }] } } } } });
  });
  // A page that answers slowly, so a test can kill the browser while it is loading.
  app.get('/slow-board', async (c) => {
    await new Promise((r) => setTimeout(r, 4000));
    return c.html('<html><body><ul class="job-list"><li class="job-card"><h2 class="job-title"><a href="/j/1">Admin</a></h2></li></ul></body></html>');
  });
  app.get('/i/flow/login', (c) => c.html('<html><body>Sign in to X</body></html>'));
  app.get('/walled', (c) => c.redirect('/i/flow/login'));
  app.get('/api/v1/users/web_profile_info/', (c) => c.body(realPage('instagram/profile-lokerdemo.json'), 200, { 'content-type': 'application/json' }));
  app.get('/lokerdemo.id/', (c) =>
    c.html(`<html><body><script>fetch('/api/v1/users/web_profile_info/?username=lokerdemo.id').then(r => r.json())</script></body></html>`),
  );
  app.get('/groups/secret', (c) => {
    // A closed group: only a request carrying the operator's session cookie sees the feed.
    if (!(c.req.header('cookie') ?? '').includes('c_user=42')) return c.redirect('/login.php?next=groups');
    return c.html(
      `<html><body><div id="m_group_stories_container"><article data-ft='{"top_level_post_id":"77","page_insights":{"1":{"page_id_type":"group","post_context":{"publish_time":1793502000}}}}'><div class="story_body_container"><header><h3><strong><a href="/someone">Someone</a></strong></h3></header><div data-ft='{"tn":"*s"}'>Loker Kamboja, tiket gratis</div></div></article></div></body></html>`,
    );
  });
  app.get('/board', (c) =>
    c.html(`<html><body><ul class="job-list"></ul><script>
      setTimeout(() => { document.querySelector('ul.job-list').innerHTML = '<li class="job-card"><h2 class="job-title"><a href="lowongan/7">Admin Kamboja</a></h2><p class="job-desc">Tiket gratis</p></li>'; }, 300);
    </script></body></html>`),
  );
  app.get('/login.php', (c) => c.html('<html><body><form id="login_form">Log in</form></body></html>'));
  web = await serveApp(app);
});

afterAll(async () => {
  await web.close();
});

describe('x in a real browser', () => {
  it('reads the search timeline from the GraphQL response the page makes', async () => {
    const { runtime } = testRuntime();
    try {
      const out = await collectOnce({ name: 'x-search', adapter: 'x', url: `${web.url}/search?q=tesla`, options: {} }, null, runtime, testLog);
      expect(out.health).toBe('ok');
      expect(out.posts).toHaveLength(20);
      expect(out.posts[0]).toMatchObject({ externalId: '2074976613713031490', url: `${web.url}/piloly/status/2074976613713031490`, postedAt: '2026-07-08T21:59:10.000Z' });
      // Next run from the cursor: nothing new.
      const again = await collectOnce({ name: 'x-search', adapter: 'x', url: `${web.url}/search?q=tesla`, options: {} }, out.cursor, runtime, testLog);
      expect(again.posts).toEqual([]);
      expect(again.health).toBe('ok');
    } finally {
      await runtime.close();
    }
  });

  it('reads a user timeline and reports a login redirect as a login wall', async () => {
    const { runtime } = testRuntime();
    try {
      const user = await collectOnce({ name: 'x-user', adapter: 'x', url: `${web.url}/XDevelopers`, options: {} }, null, runtime, testLog);
      expect(user.posts).toHaveLength(21);
      await expect(collectOnce({ name: 'x-walled', adapter: 'x', url: `${web.url}/walled`, options: {} }, null, runtime, testLog)).rejects.toMatchObject({ health: 'login_wall' });
    } finally {
      await runtime.close();
    }
  });
});

describe('x endless scroll', () => {
  it('stops after maxPages scrolls instead of following the timeline forever', async () => {
    const { runtime } = testRuntime();
    try {
      const out = await collectOnce({ name: 'x-endless', adapter: 'x', url: `${web.url}/endless`, options: {} }, null, runtime, testLog, { limits: { maxPages: 3, maxItems: 1000 } });
      expect(out.pages).toBeGreaterThanOrEqual(2);
      expect(out.pages).toBeLessThanOrEqual(4);
      expect(out.posts.length).toBe(out.pages * 5);
      expect(out.health).toBe('ok');
    } finally {
      await runtime.close();
    }
  });
});

describe('instagram', () => {
  it('reads the profile JSON over plain HTTP and through the browser', async () => {
    const { runtime } = testRuntime();
    try {
      const viaHttp = await collectOnce({ name: 'ig', adapter: 'instagram', url: `${web.url}/lokerdemo.id/`, options: {} }, null, runtime, testLog);
      // The carousel without a caption fails the schema and is reported by name, not ingested.
      expect(viaHttp.posts.map((p) => p.externalId)).toEqual(['DEMO0000003', 'DEMO0000002']);
      expect(viaHttp.rejected).toEqual([{ key: 'DEMO0000001', reason: 'text: text is empty' }]);
      const viaBrowser = await collectOnce({ name: 'ig', adapter: 'instagram', url: `${web.url}/lokerdemo.id/`, options: { mode: 'browser' } }, null, runtime, testLog);
      expect(viaBrowser.posts.map((p) => p.externalId)).toEqual(['DEMO0000003', 'DEMO0000002']);
    } finally {
      await runtime.close();
    }
  });
});

describe('facebook group behind a login', () => {
  it('uses the operator\'s storage-state file, and reports the wall without it', async () => {
    const { runtime, dataDir } = testRuntime();
    const state = path.join(dataDir, 'fb-session.json');
    writeFileSync(state, JSON.stringify({ cookies: [{ name: 'c_user', value: '42', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' }], origins: [] }));
    try {
      const withSession = await collectOnce({ name: 'fb', adapter: 'facebook', url: `${web.url}/groups/secret`, options: { storageState: state } }, null, runtime, testLog);
      expect(withSession.posts.map((p) => [p.externalId, p.text, p.postedAt])).toEqual([['77', 'Loker Kamboja, tiket gratis', '2026-11-01T03:00:00.000Z']]);
      const without = await collectOnce({ name: 'fb', adapter: 'facebook', url: `${web.url}/groups/secret`, options: {} }, null, runtime, testLog);
      expect(without.posts).toEqual([]);
      expect(without.health).toBe('login_wall');
    } finally {
      await runtime.close();
    }
  });
});

describe('site rendered in the browser', () => {
  it('waits for a list that a script fills after loading; plain HTTP sees an empty list', async () => {
    const { runtime } = testRuntime();
    const options = { list: 'ul.job-list', item: 'li.job-card', text: '.job-title, .job-desc', link: '.job-title a' };
    try {
      const rendered = await collectOnce({ name: 'board', adapter: 'site', url: `${web.url}/board`, options: { ...options, render: 'browser' } }, null, runtime, testLog);
      expect(rendered.posts.map((p) => [p.url, p.text])).toEqual([[`${web.url}/lowongan/7`, 'Admin Kamboja\nTiket gratis']]);
      const plain = await collectOnce({ name: 'board', adapter: 'site', url: `${web.url}/board`, options }, null, runtime, testLog);
      expect(plain.posts).toEqual([]);
      expect(plain.health).toBe('empty');
    } finally {
      await runtime.close();
    }
  });
});

describe('browser pool', () => {
  it('recycles contexts and survives a dead browser by relaunching', async () => {
    const pool = createBrowserPool({ userAgent: 'WaspadaBot/0.1 (test)', concurrency: 2, pagesPerContext: 2, pagesPerBrowser: 5 });
    try {
      const contexts = new Set<unknown>();
      for (let i = 0; i < 6; i++) {
        const title = await pool.withPage(async (page) => {
          contexts.add(page.context());
          await page.goto(`${web.url}/robots.txt`);
          return page.evaluate(() => document.body.textContent ?? '');
        });
        expect(title).toContain('User-agent');
      }
      expect(contexts.size).toBeGreaterThanOrEqual(3);
      // Kill the browser under the pool; the next page must get a fresh one.
      await pool.withPage(async (page) => {
        await page.context().browser()?.close();
      }).catch(() => undefined);
      const ua = await pool.withPage((page) => page.evaluate(() => navigator.userAgent));
      expect(ua).toBe('WaspadaBot/0.1 (test)');
    } finally {
      await pool.close();
    }
  });

  it('a SIGKILLed browser fails the page in flight as BrowserCrashedError (retried, not a page problem) and is relaunched', async () => {
    const { runtime } = testRuntime();
    try {
      // Start the browser, then crawl a slow page and kill Chromium while it loads.
      await runtime.browser.withPage((page) => page.evaluate(() => 1));
      const before = chromiumBrowserPids();
      expect(before).toHaveLength(1);
      const target = { name: 'slow', adapter: 'site' as const, url: `${web.url}/slow-board`, options: { ...DEMO_JOB_BOARD_SELECTORS, render: 'browser' } };
      const crawl = collectOnce(target, null, runtime, testLog);
      await new Promise((r) => setTimeout(r, 1500));
      expect(killChromium()).toEqual(before);
      await expect(crawl).rejects.toBeInstanceOf(BrowserCrashedError);
      // The same run again: a new browser, every item.
      const again = await collectOnce(target, null, runtime, testLog);
      expect(again.health).toBe('ok');
      expect(again.posts.map((p) => p.externalId)).toEqual([`${web.url}/j/1`]);
      const after = chromiumBrowserPids();
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before[0]);
    } finally {
      await runtime.close();
    }
  }, 60_000);

  it('says in one line how to install Chromium when none is found', () => {
    expect(() => resolveChromium('/nonexistent/chromium', () => false)).toThrow(BrowserUnavailableError);
    expect(() => resolveChromium(undefined, () => false)).toThrow('no Chromium found; install Chromium: apt-get install chromium, or npx playwright install chromium');
    expect(resolveChromium(undefined, (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
  });
});
