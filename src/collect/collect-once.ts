// One crawl of one target from a cursor: adapter → validation → evidence. Shared by the queued collect
// handler and the one-off `waspada crawl` command; no database and no queue here.
import type { PostInput } from '../contracts/post.js';
import type { AdapterName, SourceHealth } from '../contracts/source.js';
import type { Logger } from '../log.js';
import { captureEvidence } from './capture-evidence.js';
import { createCrawlContext } from './crawl-context.js';
import { advanceCursor, isNewSince, parseCursor, serializeCursor } from './cursor.js';
import type { CollectRuntime, CrawlLimits, EvidenceRecord, PageProblem } from './ports.js';
import { validateItems, type RejectedItem } from './validate-items.js';

export interface CollectTarget {
  name: string;
  adapter: AdapterName;
  url: string;
  options: Record<string, unknown>;
  ignoreRobots?: { reason: string } | undefined;
}

export interface CollectOutcome {
  posts: PostInput[];
  evidence: Map<number, EvidenceRecord[]>;
  /** Unchanged when nothing was scraped, so a failed run never rewrites the position. */
  cursor: string | null;
  health: SourceHealth;
  pages: number;
  problems: PageProblem[];
  rejected: RejectedItem[];
}

export async function collectOnce(
  target: CollectTarget,
  cursorRaw: string | null,
  runtime: CollectRuntime,
  log: Logger,
  options: { limits?: Partial<CrawlLimits>; now?: () => Date } = {},
): Promise<CollectOutcome> {
  const now = options.now ?? (() => new Date());
  const limits = { ...runtime.limits, ...options.limits };
  const ctx = createCrawlContext(
    { fetcher: runtime.fetcher, rateLimiter: runtime.rateLimiter, robots: runtime.robots, browser: runtime.browser, userAgent: runtime.userAgent, log, hostGate: runtime.hostGate },
    target,
  );
  if (target.ignoreRobots) log.info({ source: target.name, reason: target.ignoreRobots.reason }, 'robots.txt ignored for this source');
  const cursor = parseCursor(cursorRaw);
  const result = await runtime.adapters[target.adapter].collect(target, isNewSince(cursor), ctx, limits);
  if (result.health === 'empty' && (cursor.mark !== null || cursor.seen.length > 0)) {
    // The source had posts before and now shows none at all: a changed layout (or a purge), never "nothing new".
    result.health = 'layout_changed';
    result.problems.push({ url: target.url, health: 'layout_changed', message: `no items at ${target.url}, where earlier crawls found some` });
  }
  const { valid, rejected } = validateItems(result.items, target.name, now().toISOString());
  for (const r of rejected) log.warn({ source: target.name, item: r.key, reason: r.reason }, 'scraped item rejected');
  for (const p of result.problems) log.warn({ source: target.name, url: p.url, health: p.health }, p.message);
  const chosen =
    runtime.evidenceMode === 'none'
      ? []
      : valid.map((v, index) => ({ index, valid: v })).filter(({ valid: v }) => runtime.evidenceMode === 'all' || runtime.isSuspect(v.post));
  const evidence = await captureEvidence(chosen, { evidence: runtime.evidence, browser: runtime.browser, ctx, screenshots: runtime.screenshots, log, now });
  // Rejected items advance the cursor too: re-reading a malformed post every run would not fix it.
  const next = result.items.length > 0 ? serializeCursor(advanceCursor(cursor, result.items)) : cursorRaw;
  return { posts: valid.map((v) => v.post), evidence, cursor: next, health: result.health, pages: result.pages, problems: result.problems, rejected };
}
