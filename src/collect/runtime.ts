// Builds the collector's runtime from the configuration: HTTP fetcher, browser pool, rate limiter (Redis,
// shared by every worker, or in memory for one-off crawls), robots.txt, evidence store and adapters.
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { PostInput } from '../contracts/post.js';
import type { Logger } from '../log.js';
import { ADAPTERS } from './adapters/index.js';
import { createBrowserPool } from './browser-pool.js';
import { HostGate } from './crawl-context.js';
import { createFsEvidenceStore } from './evidence-store.js';
import { createHttpFetcher } from './http-fetcher.js';
import type { CollectRuntime, CrawlLimits, EvidenceStore } from './ports.js';
import { isQuickSuspect } from './quick-suspect.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { createRobotsPolicy } from './robots.js';

export interface RuntimeOptions {
  /** Shared rate limits across processes; without it limits hold within this process only. */
  redis?: Redis;
  rateLimit?: RateLimitOptions;
  /** Evidence for suspect posts (default), every post, or none. */
  evidenceMode?: 'suspect' | 'all' | 'none';
  isSuspect?: (post: PostInput) => boolean;
  /** Full-page screenshots as evidence. Default true. */
  screenshots?: boolean;
  evidence?: EvidenceStore;
  limits?: Partial<CrawlLimits>;
  /** Browser pages open at once. Default 4. */
  browserConcurrency?: number;
  /** Requests in flight per host in this process. Default 2. */
  maxPerHost?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

export function createCollectRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): CollectRuntime {
  const fetcher = createHttpFetcher({ userAgent: config.userAgent, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
  const browser = createBrowserPool({ chromiumPath: config.chromiumPath, userAgent: config.userAgent, concurrency: options.browserConcurrency, timeoutMs: options.timeoutMs });
  const rateLimiter = options.redis ? createRedisRateLimiter(options.redis, config.queuePrefix, options.rateLimit) : createMemoryRateLimiter(options.rateLimit);
  log.child({ stage: 'collect' }).debug({ shared: options.redis !== undefined }, 'collect runtime ready');
  return {
    fetcher,
    rateLimiter,
    robots: createRobotsPolicy(fetcher),
    evidence: options.evidence ?? createFsEvidenceStore(path.join(config.dataDir, 'evidence')),
    browser,
    adapters: ADAPTERS,
    hostGate: new HostGate(options.maxPerHost ?? 2),
    userAgent: config.userAgent,
    evidenceMode: options.evidenceMode ?? 'suspect',
    isSuspect: options.isSuspect ?? isQuickSuspect,
    screenshots: options.screenshots ?? true,
    limits: { maxItems: 200, maxPages: 5, ...options.limits },
    close: () => browser.close(),
  };
}
