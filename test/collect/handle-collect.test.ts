// The collect handler end to end over the demo fixture web on a local port: pagination, cursors,
// duplicates, evidence with real Chromium screenshots, and health reporting.
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWeb } from '../../src/collect/fixture-web.js';
import { demoSources } from '../../src/collect/demo-sources.js';
import { handleCollect } from '../../src/collect/handle-collect.js';
import { sha256Hex } from '../../src/collect/evidence-store.js';
import { FIXTURE_SITES } from './helpers/real-pages.js';
import { memoryDeps } from './helpers/memory-deps.js';
import { testRuntime } from './helpers/runtime.js';
import { serveApp, type Served } from './helpers/serve.js';

let web: Served;
let base: string;

beforeAll(async () => {
  const app = new Hono();
  app.route('/demo-web', createFixtureWeb(FIXTURE_SITES));
  // A Telegram channel behind a login wall, and a "channel" whose markup changed beyond recognition.
  app.get('/walled/s/:channel', (c) => c.redirect('/login?next=/walled'));
  app.get('/login', (c) => c.html('<html><body><form id="login_form" action="/login">Log in to continue</form></body></html>'));
  app.get('/changed/s/:channel', (c) => c.html('<html><body><div class="new-feed"><p>posts moved</p></div></body></html>'));
  web = await serveApp(app);
  base = `${web.url}/demo-web`;
});

afterAll(async () => {
  await web.close();
});

describe('handleCollect over the demo fixture web', () => {
  it('collects every demo source across pages, then finds nothing new on the second run', async () => {
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, demoSources(base));
    try {
      const expected = new Map([
        [1, 12],
        [2, 8],
        [3, 10],
        [4, 10],
      ]);
      for (const [id, count] of expected) {
        const first = await handleCollect({ sourceId: id }, deps);
        expect(first, `source ${id}`).toEqual({ status: 'ok', items: count, health: 'ok' });
      }
      expect(deps.posts).toHaveLength(40);
      expect(deps.posts.filter((p) => p.platform === 'telegram').map((p) => p.externalId)).toEqual(
        [112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101].map((n) => `lokerdemo/${n}`),
      );
      expect(deps.sources.get(1)?.cursor).toContain('"mark":112');
      for (const id of expected.keys()) expect(await handleCollect({ sourceId: id }, deps)).toEqual({ status: 'ok', items: 0, health: 'ok' });
      expect(deps.posts).toHaveLength(40);
      expect(deps.runs.every((r) => r.run.error === null)).toBe(true);
    } finally {
      await runtime.close();
    }
  });

  it('collects only posts newer than the cursor', async () => {
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [{ name: 'tg', adapter: 'telegram', url: `${base}/telegram/s/lokerdemo`, schedule: '* * * * *', enabled: true, options: {} }]);
    const source = deps.sources.get(1);
    if (!source) throw new Error('no source');
    deps.sources.set(1, { ...source, cursor: JSON.stringify({ v: 1, mark: 109, seen: [] }) });
    try {
      const result = await handleCollect({ sourceId: 1 }, deps);
      expect(result.items).toBe(3);
      expect(deps.posts.map((p) => p.externalId)).toEqual(['lokerdemo/112', 'lokerdemo/111', 'lokerdemo/110']);
    } finally {
      await runtime.close();
    }
  });

  it('captures evidence for suspect posts: post HTML and a real full-page screenshot, hashed', async () => {
    const { runtime, dataDir } = testRuntime({ evidenceMode: 'suspect', screenshots: true });
    const deps = memoryDeps(runtime, [demoSources(base)[0]!]);
    try {
      const result = await handleCollect({ sourceId: 1 }, deps);
      expect(result.items).toBe(12);
      const withEvidence = deps.evidence.map((e) => e.post.externalId);
      // The lures (Cambodia, Thailand, Myanmar, Dubai) and the warning about Cambodia; not the factory, café or warehouse ads.
      expect(withEvidence).toEqual(expect.arrayContaining(['lokerdemo/101', 'lokerdemo/103', 'lokerdemo/105', 'lokerdemo/107', 'lokerdemo/109', 'lokerdemo/111']));
      expect(withEvidence).not.toContain('lokerdemo/102');
      expect(withEvidence).not.toContain('lokerdemo/110');
      const first = deps.evidence.find((e) => e.post.externalId === 'lokerdemo/101');
      const html = first?.records.find((r) => r.kind === 'html');
      const shot = first?.records.find((r) => r.kind === 'screenshot');
      expect(html?.url).toBe(`${base}/telegram/lokerdemo/101`);
      expect(html?.crawlerVersion).toMatch(/^waspada-collect\//);
      const htmlBytes = await runtime.evidence.get(html?.key ?? '');
      expect(new TextDecoder().decode(htmlBytes ?? new Uint8Array())).toContain('data-post="lokerdemo/101"');
      expect(sha256Hex(htmlBytes ?? new Uint8Array())).toBe(html?.sha256);
      const png = await runtime.evidence.get(shot?.key ?? '');
      expect(png?.subarray(0, 8)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(sha256Hex(png ?? new Uint8Array())).toBe(shot?.sha256);
      expect(shot?.url).toMatch(/\/telegram\/s\/lokerdemo/);
      const meta = JSON.parse(await readFile(`${dataDir}/evidence/${shot?.key.slice(0, 2)}/${shot?.key.slice(2, 4)}/${shot?.key}.json`, 'utf8')) as { capturedAt: string };
      expect(meta.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    } finally {
      await runtime.close();
    }
  });

  it('reports a login wall as the source health, never as "no new posts"', async () => {
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [{ name: 'walled', adapter: 'telegram', url: `${web.url}/walled/s/secret`, schedule: '* * * * *', enabled: true, options: {} }]);
    try {
      const result = await handleCollect({ sourceId: 1 }, deps);
      expect(result).toEqual({ status: 'unhealthy', items: 0, health: 'login_wall' });
      expect(deps.runs[0]?.run.error).toMatch(/login wall/);
      expect(deps.runs[0]?.run.cursor).toBeNull();
    } finally {
      await runtime.close();
    }
  });

  it('reports a page without the expected structure as a layout change', async () => {
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [{ name: 'changed', adapter: 'telegram', url: `${web.url}/changed/s/chan`, schedule: '* * * * *', enabled: true, options: {} }]);
    try {
      expect(await handleCollect({ sourceId: 1 }, deps)).toEqual({ status: 'unhealthy', items: 0, health: 'layout_changed' });
    } finally {
      await runtime.close();
    }
  });

  it('obeys the fixture web\'s own robots.txt when it is served at a site root', async () => {
    const root = await serveApp(createFixtureWeb(FIXTURE_SITES));
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [
      { name: 'private', adapter: 'site', url: `${root.url}/private/list`, schedule: '* * * * *', enabled: true, options: { item: 'li', text: 'li' } },
      { name: 'public', adapter: 'telegram', url: `${root.url}/telegram/s/lokerdemo`, schedule: '* * * * *', enabled: true, options: {} },
    ]);
    try {
      expect(await handleCollect({ sourceId: 1 }, deps)).toEqual({ status: 'unhealthy', items: 0, health: 'error' });
      expect(deps.runs[0]?.run.error).toMatch(/robots\.txt disallows/);
      expect((await handleCollect({ sourceId: 2 }, deps)).items).toBe(12);
    } finally {
      await runtime.close();
      await root.close();
    }
  });

  it('reports zero items where items were found before as a layout change', async () => {
    const app = new Hono();
    app.get('/board', (c) => c.html('<html><body><ul class="job-list"></ul></body></html>'));
    const site = await serveApp(app);
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [{ name: 'board', adapter: 'site', url: `${site.url}/board`, schedule: '* * * * *', enabled: true, options: { list: 'ul.job-list', item: 'li', text: 'li' } }]);
    try {
      expect(await handleCollect({ sourceId: 1 }, deps)).toEqual({ status: 'ok', items: 0, health: 'empty' });
      const source = deps.sources.get(1);
      if (!source) throw new Error('no source');
      deps.sources.set(1, { ...source, cursor: JSON.stringify({ v: 1, mark: null, seen: [`${site.url}/lowongan/1`] }) });
      expect(await handleCollect({ sourceId: 1 }, deps)).toEqual({ status: 'unhealthy', items: 0, health: 'layout_changed' });
      expect(deps.runs[1]?.run.error).toMatch(/where earlier crawls found some/);
    } finally {
      await runtime.close();
      await site.close();
    }
  });

  it('skips disabled and unknown sources', async () => {
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [{ name: 'off', adapter: 'telegram', url: `${base}/telegram/s/lokerdemo`, schedule: '* * * * *', enabled: false, options: {} }]);
    try {
      expect(await handleCollect({ sourceId: 1 }, deps)).toEqual({ status: 'skipped', items: 0, health: 'never_run' });
      expect(await handleCollect({ sourceId: 99 }, deps)).toEqual({ status: 'skipped', items: 0, health: 'never_run' });
      expect(deps.runs).toEqual([]);
    } finally {
      await runtime.close();
    }
  });

  it('rejects a site source with invalid selectors as a recorded error', async () => {
    const { runtime } = testRuntime();
    const deps = memoryDeps(runtime, [{ name: 'bad-site', adapter: 'site', url: `${base}/jobs/lowongan`, schedule: '* * * * *', enabled: true, options: { list: 'ul' } }]);
    try {
      expect(await handleCollect({ sourceId: 1 }, deps)).toEqual({ status: 'unhealthy', items: 0, health: 'error' });
      expect(deps.runs[0]?.run.error).toMatch(/invalid site selectors: item/);
    } finally {
      await runtime.close();
    }
  });
});
