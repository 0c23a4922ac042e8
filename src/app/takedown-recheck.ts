// Takedown re-check handler: enrols posts referred to Komdigi, then re-checks those due, politely (the
// collectors' HTTP fetcher, per-host rate limit and robots.txt), records what it saw and when to look again
// (recheck-schedule.ts: 1 h, 6 h, 24 h, 48 h, then daily for 30 days; never again once removed).
import { nextRecheckAt } from '../campaigns/recheck-schedule.js';
import { classifyTakedown, type FetchOutcome } from '../campaigns/takedown-check.js';
import { detectWall } from '../collect/detect-health.js';
import { PermanentCrawlError, SourceHealthError, TransientCrawlError } from '../collect/errors.js';
import type { Fetcher, RateLimiter, RobotsPolicy } from '../collect/ports.js';
import type { Logger } from '../log.js';
import type { TakedownCheck, TakedownTarget } from '../store/takedown-repository.js';
import type { Services } from './services.js';

/** Posts re-checked per run; the rest wait for the next run (runs are minutes apart). */
export const RECHECK_BATCH = 50;
/** After an inconclusive check, look again no sooner than this. */
const ERROR_RETRY_MS = 3_600_000;

export interface TakedownDeps {
  enrol(firstCheck: (referredAt: string) => string | null): Promise<number>;
  due(now: Date, limit: number): Promise<TakedownTarget[]>;
  checks(postId: number): Promise<TakedownCheck[]>;
  record(postId: number, check: TakedownCheck, nextCheckAt: string | null): Promise<void>;
  fetcher: Fetcher;
  rateLimiter: RateLimiter;
  robots: RobotsPolicy;
  userAgent: string;
  now(): Date;
  log: Logger;
}

export interface RecheckSummary {
  enrolled: number;
  checked: number;
  removed: number;
  up: number;
  errors: number;
}

/** The HTTP status in the fetcher's error messages ("HTTP 404 from …"), which is all the error carries. */
function statusOf(error: Error): number | null {
  const m = /\bHTTP (\d{3})\b/.exec(error.message);
  return m ? Number(m[1]) : null;
}

async function fetchOutcome(deps: TakedownDeps, url: string): Promise<FetchOutcome> {
  try {
    if (!(await deps.robots.isAllowed(url, deps.userAgent))) return { kind: 'failed', httpStatus: null, message: 'robots.txt disallows the URL' };
    await deps.rateLimiter.acquire(new URL(url).hostname);
    const page = await deps.fetcher.fetch(url, { expect: 'html' });
    return { kind: 'page', url: page.url, status: page.status, body: page.body, wall: detectWall({ url: page.url, body: page.body, status: page.status }) };
  } catch (error) {
    if (error instanceof SourceHealthError) return { kind: 'failed', httpStatus: statusOf(error), message: `${error.health}: ${error.message}` };
    if (error instanceof PermanentCrawlError || error instanceof TransientCrawlError) return { kind: 'failed', httpStatus: statusOf(error), message: error.message };
    if (error instanceof TypeError) return { kind: 'failed', httpStatus: null, message: `bad URL: ${error.message}` };
    throw error;
  }
}

export async function handleRecheckTakedowns(deps: TakedownDeps, limit = RECHECK_BATCH): Promise<RecheckSummary> {
  const enrolled = await deps.enrol((referredAt) => nextRecheckAt(referredAt, [], referredAt));
  const summary: RecheckSummary = { enrolled, checked: 0, removed: 0, up: 0, errors: 0 };
  for (const target of await deps.due(deps.now(), limit)) {
    const result = classifyTakedown(target.platform, await fetchOutcome(deps, target.url));
    const checkedAt = deps.now().toISOString();
    const history = (await deps.checks(target.postId)).filter((c): c is TakedownCheck & { status: 'up' | 'removed' } => c.status !== 'error');
    const conclusive = result.status === 'error' ? history : [...history, { checkedAt, status: result.status, httpStatus: result.httpStatus, detail: result.detail }];
    let next = nextRecheckAt(target.referredAt, conclusive, checkedAt);
    if (result.status === 'error' && next !== null) next = new Date(Math.max(Date.parse(next), Date.parse(checkedAt) + ERROR_RETRY_MS)).toISOString();
    await deps.record(target.postId, { checkedAt, status: result.status, httpStatus: result.httpStatus, detail: result.detail }, next);
    summary.checked++;
    if (result.status === 'removed') summary.removed++;
    else if (result.status === 'up') summary.up++;
    else summary.errors++;
    deps.log.debug({ postId: target.postId, status: result.status, detail: result.detail, next }, 'takedown re-check');
  }
  return summary;
}

export function takedownDeps(s: Services): TakedownDeps {
  const runtime = s.collectRuntime();
  return {
    enrol: (first) => s.store.takedowns.enrol(first),
    due: (now, limit) => s.store.takedowns.due(now, limit),
    checks: (postId) => s.store.takedowns.checks(postId),
    record: (postId, check, next) => s.store.takedowns.record(postId, check, next),
    fetcher: runtime.fetcher,
    rateLimiter: runtime.rateLimiter,
    robots: runtime.robots,
    userAgent: runtime.userAgent,
    now: () => new Date(),
    log: s.log.child({ stage: 'takedown' }),
  };
}
