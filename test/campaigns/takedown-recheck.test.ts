// Takedown tracking end to end: posts referred to Komdigi are enrolled, re-checked on the schedule
// against a local server whose pages disappear (404, and a "content isn't available" page), observations
// recorded, reposts after takedown found, and the charts shown on /console/takedowns. Then the job itself
// on real Redis through the worker and its job scheduler.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignTracker } from '../../src/app/campaign-tracker.js';
import { handleRecheckTakedowns, type TakedownDeps } from '../../src/app/takedown-recheck.js';
import { createHttpFetcher } from '../../src/collect/http-fetcher.js';
import { createMemoryRateLimiter } from '../../src/collect/rate-limiter.js';
import { createRobotsPolicy } from '../../src/collect/robots.js';
import { Jobs } from '../../src/contracts/jobs.js';
import { PostInput } from '../../src/contracts/post.js';
import { createLogger } from '../../src/log.js';
import { RedisKeys } from '../../src/queue/catalog.js';
import { syncTakedownSchedule } from '../../src/queue/takedown-schedule.js';
import { runCaseAction } from '../../src/review/case-service.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import type { Store } from '../../src/store/store.js';
import { STAGE_WORKERS } from '../../workers/all.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestPipeline, waitFor } from '../helpers/pipeline.js';
import { featuresFor } from '../review/helpers/seed.js';
import { buildTestApp, consoleHeaders, type TestApp } from '../review/helpers/web-app.js';
import { LURE, seedCampaign, type SeededCampaign } from './helpers/seed-campaign.js';

const HOUR = 3_600_000;
const analyst = { userId: 1, username: 'u-analyst', role: 'analyst' as const };

/** A site whose pages can be taken down: 200 with the post, then 404 or a platform's "removed" page. */
function fixtureSite() {
  const state = new Map<string, 'up' | 'gone' | 'unavailable'>();
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const s = state.get(req.url ?? '');
    if (s === 'up') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>LOKER KAMBOJA gaji 15 juta WA +6281200009911</p></body></html>');
    else if (s === 'unavailable') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h2>This content isn’t available right now</h2></body></html>');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  return { server, state, hits };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function refer(store: Store, caseId: number): Promise<void> {
  for (const command of [{ action: 'claim' }, { action: 'decide', label: 'scam', reason: 'lure', notes: '' }, { action: 'refer' }] as const) {
    const result = await runCaseAction(store, 30, analyst, caseId, command);
    expect(result.ok, `${command.action} case ${caseId}`).toBe(true);
  }
}

describe('takedown re-checks', () => {
  let db: Db;
  let t: TestApp;
  let seeded: SeededCampaign;
  const site = fixtureSite();
  let base: string;
  let clock = 0;
  let deps: TakedownDeps;

  beforeAll(async () => {
    base = await listen(site.server);
    db = await openPgliteDb();
    await migrate(db);
    t = await buildTestApp(db);
    seeded = await seedCampaign(t.store);
    // The facebook posts 0 and 1 of the campaign live on the fixture site.
    for (const i of [0, 1]) await db.query('UPDATE posts SET url = $2 WHERE id = $1', [seeded.postIds[i], `${base}/post/${i}`]);
    site.state.set('/post/0', 'up');
    site.state.set('/post/1', 'up');
    await refer(t.store, seeded.caseIds[0]!);
    await refer(t.store, seeded.caseIds[1]!);
    const fetcher = createHttpFetcher({ userAgent: 'WaspadaTest/1', timeoutMs: 5000 });
    deps = {
      enrol: (first) => t.store.takedowns.enrol(first),
      due: (now, limit) => t.store.takedowns.due(now, limit),
      checks: (postId) => t.store.takedowns.checks(postId),
      record: (postId, check, next) => t.store.takedowns.record(postId, check, next),
      fetcher,
      rateLimiter: createMemoryRateLimiter({ intervalMs: 0 }),
      robots: createRobotsPolicy(fetcher),
      userAgent: 'WaspadaTest/1',
      now: () => new Date(clock),
      log: createLogger({ level: 'silent' }),
    };
  });
  afterAll(async () => {
    site.server.close();
    await db.close();
  });

  it('enrols referred Komdigi posts and checks nothing before the first hour', async () => {
    const referredAt = Date.now();
    clock = referredAt + 60_000;
    const first = await handleRecheckTakedowns(deps);
    expect(first).toEqual({ enrolled: 2, checked: 0, removed: 0, up: 0, errors: 0 });
    const target = (await t.store.takedowns.get(seeded.postIds[0]!))!;
    expect(Date.parse(target.nextCheckAt!) - Date.parse(target.referredAt)).toBe(HOUR);
    expect(Math.abs(Date.parse(target.referredAt) - referredAt)).toBeLessThan(60_000);
    // Posts not referred (2, 3) are not tracked; running again enrols nothing twice.
    expect(await t.store.takedowns.get(seeded.postIds[2]!)).toBeNull();
    expect((await handleRecheckTakedowns(deps)).enrolled).toBe(0);
  });

  it('records "up" at the first check, then "removed" once the pages disappear, and stops checking them', async () => {
    const referredAt = Date.parse((await t.store.takedowns.get(seeded.postIds[0]!))!.referredAt);
    clock = referredAt + HOUR + 60_000;
    expect(await handleRecheckTakedowns(deps)).toMatchObject({ checked: 2, up: 2, removed: 0 });
    const afterFirst = (await t.store.takedowns.get(seeded.postIds[0]!))!;
    expect(afterFirst.lastStatus).toBe('up');
    expect(Date.parse(afterFirst.nextCheckAt!) - referredAt).toBe(6 * HOUR);

    site.state.set('/post/0', 'gone');
    site.state.set('/post/1', 'unavailable');
    clock = referredAt + 3 * HOUR;
    expect((await handleRecheckTakedowns(deps)).checked).toBe(0);
    clock = referredAt + 6 * HOUR + 60_000;
    expect(await handleRecheckTakedowns(deps)).toMatchObject({ checked: 2, removed: 2 });
    for (const [i, detail] of [[0, 'HTTP 404'], [1, 'marker: this content isn\'t available right now']] as const) {
      const target = (await t.store.takedowns.get(seeded.postIds[i]!))!;
      expect(target).toMatchObject({ lastStatus: 'removed', nextCheckAt: null, checks: 2 });
      expect(target.removedAt).toBe(new Date(clock).toISOString());
      expect((await t.store.takedowns.checks(seeded.postIds[i]!)).map((c) => [c.status, c.detail])).toEqual([['up', 'HTTP 200'], ['removed', detail]]);
    }
    clock = referredAt + 40 * 24 * HOUR;
    expect((await handleRecheckTakedowns(deps)).checked).toBe(0);
    expect(await t.store.takedowns.due(new Date(clock), 10)).toEqual([]);
    expect(site.hits.filter((h) => h.startsWith('/post/')).length).toBe(4);
  });

  it('lets one sweep claim a due post: a second sweep at the same time skips it until the lease runs out', async () => {
    const { postIds } = await seedCampaign(t.store, 'lease');
    const [caseId] = await db.query<{ id: number }>(`SELECT id FROM cases WHERE post_id = $1 AND queue = 'komdigi'`, [postIds[0]]);
    await db.query('UPDATE posts SET url = $2 WHERE id = $1', [postIds[0], `${base}/post/lease`]);
    await refer(t.store, Number(caseId!.id));
    await t.store.takedowns.enrol(() => new Date(0).toISOString());
    const now = new Date();
    expect((await t.store.takedowns.due(now, 10)).map((x) => x.postId)).toEqual([postIds[0]]);
    expect(await t.store.takedowns.due(now, 10)).toEqual([]);
    expect((await t.store.takedowns.due(new Date(now.getTime() + 16 * 60_000), 10)).map((x) => x.postId)).toEqual([postIds[0]]);
    await db.query('DELETE FROM takedown_targets WHERE post_id = $1', [postIds[0]]);
  });

  it('finds the campaign posting again after the takedown and charts both figures per platform', async () => {
    const removedAt = Date.parse((await t.store.takedowns.get(seeded.postIds[0]!))!.removedAt!);
    const text = LURE(5);
    const { idsByInput } = await t.store.posts.insert([PostInput.parse({ platform: 'facebook', externalId: 'repost/after', text, postedAt: new Date(removedAt + 2 * HOUR).toISOString() })]);
    await t.store.features.save([{ postId: idsByInput[0]!, features: featuresFor(text) }]);
    await new CampaignTracker(t.store).assess(await t.store.posts.get(idsByInput), new Map());
    expect((await t.store.takedowns.reposts()).map((r) => r.postId).sort((a, b) => a - b)).toEqual([seeded.postIds[0], seeded.postIds[1]]);

    const res = await t.app.request('/console/takedowns?lang=en', { headers: consoleHeaders(t.users.analyst) });
    expect(res.status).toBe(200);
    const page = await res.text();
    const row = /<tr data-platform="facebook">([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? '';
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    // referred, removed, still up, median hours, p90 hours, reposted after takedown
    expect(cells.slice(1)).toEqual(['2', '2', '0', '6.0', '6.0', '2']);
    expect((page.match(/<svg/g) ?? []).length).toBe(2);
    expect(page).toContain(`href="/cases/${seeded.caseIds[0]}"`);
    expect((await t.app.request('/console/takedowns', { headers: consoleHeaders(t.users.operator) })).status).toBe(403);
    // The campaign page marks the removed posts.
    const campaign = await (await t.app.request(`/console/campaigns/${seeded.campaignId}?lang=en`, { headers: consoleHeaders(t.users.analyst) })).text();
    expect(new RegExp(`data-post-id="${seeded.postIds[0]}"[\\s\\S]*?Removed`).test(campaign)).toBe(true);
  });
});

describe('takedown job on Redis', () => {
  it('runs from the job scheduler entry and through the worker, recording an observation', async () => {
    // PostgreSQL when it answers (the first part ran on PGlite), so the takedown SQL runs on both.
    const database = (await testDatabases()).at(-1)!;
    const opened = await database.open();
    const pipeline = await startTestPipeline(opened.db);
    const site = fixtureSite();
    const base = await listen(site.server);
    try {
      const store = pipeline.services.store;
      const seeded = await seedCampaign(store, 'job');
      await store.db.query('UPDATE posts SET url = $2 WHERE id = $1', [seeded.postIds[0], `${base}/post/0`]);
      await refer(store, seeded.caseIds[0]!);
      // Referred two hours ago: the first check is due now.
      await store.db.query(`UPDATE case_events SET at = now() - interval '2 hours' WHERE case_id = $1`, [seeded.caseIds[0]]);

      await syncTakedownSchedule(pipeline.services.producer, 10);
      const schedulers = await pipeline.services.producer.queue('takedown').getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.name, Number(s.every)])).toEqual([[RedisKeys.takedownSchedulerId, Jobs.RecheckTakedowns, 600_000]]);

      pipeline.host.start(['takedown'], [STAGE_WORKERS.takedown]);
      await pipeline.host.waitUntilReady();
      // The scheduler's first run starts at once; wait for the check of the (gone) page.
      await waitFor(async () => (await store.takedowns.checks(seeded.postIds[0]!)).length === 1, 'takedown observation', 30_000);
      expect((await store.takedowns.checks(seeded.postIds[0]!))[0]).toMatchObject({ status: 'removed', httpStatus: 404 });

      await syncTakedownSchedule(pipeline.services.producer, 0);
      expect(await pipeline.services.producer.queue('takedown').getJobSchedulers()).toEqual([]);
    } finally {
      site.server.close();
      await pipeline.stop();
      await opened.drop();
    }
  });
});
