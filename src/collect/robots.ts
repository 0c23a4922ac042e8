// robots.txt, fetched once per origin and cached: a missing file (4xx) allows everything; an unreachable
// one (5xx, timeout, refused) stops the crawl with a transient error, so an outage never turns into a free-for-all.
import { createRequire } from 'node:module';
import { PermanentCrawlError, SourceHealthError, TransientCrawlError } from './errors.js';
import type { Fetcher, RobotsPolicy } from './ports.js';

export interface RobotsOptions {
  /** How long a fetched robots.txt is trusted, in ms. Default one hour. */
  ttlMs?: number;
}

// robots-parser is CommonJS with a default-export typing that NodeNext resolution misreads; require it plainly.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, body: string) => { isAllowed(url: string, ua?: string): boolean | undefined };

type Verdict = (url: string, userAgent: string) => boolean;

export function createRobotsPolicy(fetcher: Fetcher, options: RobotsOptions = {}): RobotsPolicy {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const cache = new Map<string, { at: number; verdict: Promise<Verdict> }>();

  async function load(origin: string): Promise<Verdict> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await fetcher.fetch(robotsUrl, { expect: 'text' });
      const parsed = robotsParser(robotsUrl, response.body);
      return (url, ua) => parsed.isAllowed(url, ua) !== false;
    } catch (error) {
      if (error instanceof TransientCrawlError) throw new TransientCrawlError(`cannot read ${robotsUrl}: ${error.message}`, { cause: error });
      // 4xx (no robots.txt), or a body that is not text: nothing is forbidden.
      if (error instanceof SourceHealthError || error instanceof PermanentCrawlError) return () => true;
      throw error;
    }
  }

  return {
    async isAllowed(url: string, userAgent: string): Promise<boolean> {
      const origin = new URL(url).origin;
      let entry = cache.get(origin);
      if (!entry || Date.now() - entry.at > ttlMs) {
        const verdict = load(origin);
        entry = { at: Date.now(), verdict };
        cache.set(origin, entry);
        // A failed read is not remembered: the next request tries again.
        verdict.catch(() => {
          if (cache.get(origin)?.verdict === verdict) cache.delete(origin);
        });
      }
      // robots-parser matches the product token, so "WaspadaBot/0.1 (+…)" is checked as WaspadaBot.
      const token = userAgent.split(/[\s/]/)[0] ?? userAgent;
      return (await entry.verdict)(url, token);
    },
  };
}
