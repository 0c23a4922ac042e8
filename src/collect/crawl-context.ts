// Builds the context adapters crawl through: every request passes robots.txt (unless the source records
// why not), the shared per-host rate limit, a per-host concurrency cap and retries with backoff.
import type { Logger } from '../log.js';
import { RobotsDisallowedError } from './errors.js';
import type { BrowserPool, CrawlContext, HostGate as HostGatePort, FetchOptions, FetchResult, Fetcher, RateLimiter, RobotsPolicy } from './ports.js';
import { withRetry, type RetryOptions } from './retry.js';

export interface CrawlContextParts {
  fetcher: Fetcher;
  rateLimiter: RateLimiter;
  robots: RobotsPolicy;
  browser: BrowserPool;
  userAgent: string;
  log: Logger;
  hostGate: HostGatePort;
  retry?: RetryOptions;
}

/** Caps requests in flight per host within this process (the rate limiter spaces them across processes). */
export class HostGate implements HostGatePort {
  private readonly active = new Map<string, number>();
  private readonly queues = new Map<string, Array<() => void>>();
  constructor(private readonly maxPerHost = 2) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const n = this.active.get(host) ?? 0;
    if (n >= this.maxPerHost) {
      await new Promise<void>((resolve) => {
        const queue = this.queues.get(host) ?? [];
        queue.push(resolve);
        this.queues.set(host, queue);
      });
    } else this.active.set(host, n + 1);
    try {
      return await fn();
    } finally {
      const next = this.queues.get(host)?.shift();
      if (next) next();
      else this.active.set(host, (this.active.get(host) ?? 1) - 1);
    }
  }
}

export function createCrawlContext(parts: CrawlContextParts, source: { ignoreRobots?: { reason: string } | undefined }): CrawlContext {
  const checkRobots = async (url: string): Promise<void> => {
    if (source.ignoreRobots) return;
    if (!(await parts.robots.isAllowed(url, parts.userAgent))) throw new RobotsDisallowedError(`robots.txt disallows ${url}`);
  };
  return {
    log: parts.log,
    userAgent: parts.userAgent,
    browser: () => parts.browser,
    async beforeBrowse(url: string): Promise<void> {
      await checkRobots(url);
      await parts.rateLimiter.acquire(new URL(url).host);
    },
    async get(url: string, options?: FetchOptions): Promise<FetchResult> {
      await checkRobots(url);
      const host = new URL(url).host;
      return withRetry(
        () =>
          parts.hostGate.run(host, async () => {
            await parts.rateLimiter.acquire(host);
            return parts.fetcher.fetch(url, options);
          }),
        {
          ...parts.retry,
          onRetry: (error, attempt, delayMs) => parts.log.debug({ url, attempt, delayMs: Math.round(delayMs), err: error }, 'retrying fetch'),
        },
      );
    },
  };
}
