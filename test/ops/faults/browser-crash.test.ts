// Fault: the browser crashing mid-crawl. Collect jobs crawl script-built job boards (a loopback server on
// 127.0.0.1, port 0) in real Chromium through the whole pipeline (collect → extract → score → route, with
// suspect-post evidence and screenshots); Chromium is SIGKILLed while pages load. The runs in flight fail with
// BrowserCrashedError, the queue retries them, the pool relaunches the browser, and every post is still
// collected and scored exactly once with no duplicate case.
// FAULT_POSTS sets the size (npm test: 600; npm run test:faults: 10,000).
import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectRuntime } from '../../../src/collect/ports.js';
import { DEMO_JOB_BOARD_SELECTORS } from '../../../src/collect/fixture-web.js';
import { createCollectRuntime } from '../../../src/collect/runtime.js';
import { Jobs } from '../../../src/contracts/jobs.js';
import { queueName } from '../../../src/queue/catalog.js';
import { testDatabases } from '../../helpers/databases.js';
import { waitFor } from '../../helpers/pipeline.js';
import { chromiumBrowserPids, killChromium } from '../../collect/helpers/chromium-processes.js';
import { serveApp, type Served } from '../../collect/helpers/serve.js';
import { corpusPosts, pipelineCounts, startOpsPipeline, type OpsPipeline } from '../helpers/ops-pipeline.js';

const POSTS = Number(process.env.FAULT_POSTS ?? 600);
// One source per board: 5 list pages of 40 posts, what one run reads (maxPages 5, maxItems 200).
const PER_PAGE = 40;
const PAGES = 5;
const PER_SOURCE = PER_PAGE * PAGES;
const SOURCES = Math.ceil(POSTS / PER_SOURCE);
const postgres = (await testDatabases()).find((d) => d.name === 'postgres');

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A job board whose list is built by script, so only a browser sees the posts; 150 ms per page like a real site. */
function boardServer(posts: ReturnType<typeof corpusPosts>): { app: Hono; listPages: () => number } {
  let served = 0;
  const app = new Hono();
  app.get('/robots.txt', (c) => c.text('User-agent: *\nAllow: /\n'));
  app.get('/board/:s', async (c) => {
    const s = Number(c.req.param('s'));
    const page = Number(c.req.query('page') ?? '1');
    const first = s * PER_SOURCE + (page - 1) * PER_PAGE;
    const mine = posts.slice(first, Math.min(first + PER_PAGE, (s + 1) * PER_SOURCE));
    const cards = mine
      .map((p, i) => `<li class="job-card"><h2 class="job-title"><a href="/board/${s}/job/${first + i}">Lowongan ${first + i}</a></h2><div class="job-company">Agen ${s}</div><time datetime="2026-11-01T00:00:00Z">1 Nov</time><p class="job-desc">${esc(p.text)}</p></li>`)
      .join('');
    const more = page < PAGES && first + PER_PAGE < Math.min(posts.length, (s + 1) * PER_SOURCE);
    const next = more ? `<a class="next" href="/board/${s}?page=${page + 1}">berikutnya</a>` : '';
    served++;
    await new Promise((r) => setTimeout(r, 150));
    return c.html(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul class="job-list"></ul>${next}<script>document.querySelector('ul.job-list').innerHTML = ${JSON.stringify(cards).replace(/</g, '\\u003c')};</script></body></html>`);
  });
  return { app, listPages: () => served };
}

describe.skipIf(!postgres)(`the browser crashing mid-crawl (${POSTS} posts)`, () => {
  let pipeline: OpsPipeline;
  let drop: () => Promise<void>;
  let db: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>['db'];
  let web: Served;
  let runtime: CollectRuntime;
  let listPages: () => number;

  beforeAll(async () => {
    const opened = await postgres!.open();
    db = opened.db;
    drop = opened.drop;
    pipeline = await startOpsPipeline(db, { batchSize: 100, jobBackoffMs: 200, jobAttempts: 20 });
    const board = boardServer(corpusPosts(POSTS, 'crash'));
    listPages = board.listPages;
    web = await serveApp(board.app);
    // The production runtime (Redis rate limits, robots, suspect evidence with screenshots), with the
    // per-host override an operator uses for a local mirror so the 1 s politeness gap does not set the pace.
    runtime = createCollectRuntime(pipeline.config, pino({ level: 'silent' }), { redis: pipeline.services.redis, rateLimit: { perHost: { [new URL(web.url).host]: 0 } } });
    pipeline.services.collectRuntime = () => runtime;
    await pipeline.startStages(['collect', 'extract', 'score', 'route'], 2);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await runtime?.close();
    await web?.close();
    await drop?.();
  });

  it('recovers: every post collected and scored once, no duplicate case', async () => {
    const { store, producer } = pipeline.services;
    const sources = [];
    for (let s = 0; s < SOURCES; s++) {
      sources.push(await store.sources.upsert({ name: `crash-board-${s}`, adapter: 'site', url: `${web.url}/board/${s}`, schedule: '0 0 1 1 *', enabled: true, options: { ...DEMO_JOB_BOARD_SELECTORS, render: 'browser' } }));
    }
    const started = Date.now();
    for (const source of sources) await producer.enqueue(Jobs.CollectSource, { sourceId: source.id, trigger: 'manual' });

    // Kill Chromium once a good part of the boards has been served and the rest has not.
    const totalPages = SOURCES * PAGES;
    await waitFor(async () => listPages() >= Math.max(2, Math.floor(totalPages * 0.4)), 'the crawl to be under way', 300_000);
    const atKill = { pages: listPages(), ...(await pipelineCounts(db)) };
    const killed = killChromium();
    expect(killed).toHaveLength(1);
    expect(atKill.posts).toBeLessThan(POSTS);

    await waitFor(async () => (await pipelineCounts(db)).routed === POSTS, `all ${POSTS} posts collected and routed after the crash`, 1_200_000);
    const seconds = (Date.now() - started) / 1000;
    const counts = await pipelineCounts(db);
    expect(counts).toMatchObject({ posts: POSTS, routed: POSTS, scores: POSTS, features: POSTS, dupCases: 0 });
    const failed = await Promise.all(producer.allQueues().map((q) => q.getFailedCount()));
    expect(failed.reduce((a, b) => a + b, 0)).toBe(0);
    // Every source ends healthy: the crash was retried, never recorded as the source's problem.
    const after = await Promise.all(sources.map((s) => store.sources.get(s.id)));
    expect(after.map((s) => s?.health)).toEqual(sources.map(() => 'ok'));
    expect(after.reduce((n, s) => n + (s?.lastItems ?? 0), 0)).toBe(POSTS);
    // The crash hit runs in flight (they were retried), and the pool started a new browser.
    const collectQueue = producer.allQueues().find((q) => q.name === queueName('collect'))!;
    const done = await collectQueue.getCompleted(0, SOURCES + 10);
    const retried = done.filter((j) => j.attemptsMade > 1).length;
    expect(done).toHaveLength(SOURCES);
    expect(retried).toBeGreaterThanOrEqual(1);
    const relaunched = chromiumBrowserPids();
    expect(relaunched.some((pid) => !killed.includes(pid))).toBe(true);
    const evidence = await db.query<{ kind: string; n: number; dup: number }>(
      `SELECT kind, count(*)::int AS n, (count(*) - count(DISTINCT post_id))::int AS dup FROM evidence GROUP BY kind ORDER BY kind`,
    );
    for (const row of evidence) expect(row.dup).toBe(0);
    process.stdout.write(
      `fault browser crash: ${POSTS} posts from ${SOURCES} browser-rendered boards (${totalPages} list pages); Chromium SIGKILLed at ${atKill.pages} list pages served / ${atKill.posts} posts collected; ${retried} collect runs retried, browser relaunched; all ${POSTS} collected and scored once, ${counts.cases} cases, 0 duplicates, evidence ${evidence.map((r) => `${r.kind} ${r.n}`).join(', ') || 'none'}, in ${seconds.toFixed(1)} s\n`,
    );
  }, 1_500_000);
});
