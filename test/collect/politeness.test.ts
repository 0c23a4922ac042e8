// Politeness and safety: robots.txt, the Redis rate limiter shared between processes, retries with
// backoff, and per-page errors for bad input (huge pages, redirect loops, non-HTML, timeouts).
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOnce } from '../../src/collect/collect-once.js';
import { PermanentCrawlError, SourceHealthError, TransientCrawlError } from '../../src/collect/errors.js';
import { createHttpFetcher } from '../../src/collect/http-fetcher.js';
import { createMemoryRateLimiter, createRedisRateLimiter } from '../../src/collect/rate-limiter.js';
import { collectKeys } from '../../src/collect/redis-keys.js';
import { withRetry } from '../../src/collect/retry.js';
import { createRobotsPolicy } from '../../src/collect/robots.js';
import { testLog, testRuntime } from './helpers/runtime.js';
import { serveApp, type Served } from './helpers/serve.js';

const TG_PAGE = (id: number): string =>
  `<html><body><div class="tgme_channel_info"></div><div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="chan/${id}"><div class="tgme_widget_message_text js-message_text">Lowongan ${id}</div><a class="tgme_widget_message_date"><time datetime="2026-11-0${id}T00:00:00+00:00"></time></a></div></div></body></html>`;

let web: Served;
const hits = new Map<string, number>();
const count = (key: string): number => {
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  return n;
};

beforeAll(async () => {
  const app = new Hono();
  app.use('*', async (c, next) => {
    count(c.req.path);
    await next();
  });
  app.get('/robots.txt', (c) => c.text('User-agent: WaspadaBot\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n'));
  app.get('/private/s/chan', (c) => c.html(TG_PAGE(1)));
  app.get('/open/s/chan', (c) => c.html(TG_PAGE(2)));
  app.get('/flaky/s/chan', (c) => (count('flaky-served') <= 2 ? c.text('busy', 503) : c.html(TG_PAGE(3))));
  app.get('/gone/s/chan', (c) => c.text('nope', 404));
  app.get('/loop/s/chan', (c) => c.redirect('/loop2/s/chan'));
  app.get('/loop2/s/chan', (c) => c.redirect('/loop/s/chan'));
  app.get('/image/s/chan', (c) => c.body(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 200, { 'content-type': 'image/png' }));
  app.get('/huge', (c) => c.html(`<html><body>${'x'.repeat(3_000_000)}</body></html>`));
  app.get('/slow/s/chan', async (c) => {
    await new Promise((r) => setTimeout(r, 3000));
    return c.html(TG_PAGE(4));
  });
  app.get('/captcha/s/chan', (c) => c.html('<html><body><div class="g-recaptcha" data-sitekey="x"></div></body></html>'));
  app.get('/broken/s/chan', (c) => c.html('<html><body><div class="tgme_channel_info"><div class="tgme_widget_message" data-post="chan/5"><div class="tgme_widget_message_text">Kerja <b>di <i>Kamboja</div>'));
  web = await serveApp(app);
});

afterAll(async () => {
  await web.close();
});

const target = (path: string, extra: Partial<{ ignoreRobots: { reason: string } }> = {}) => ({ name: 'test', adapter: 'telegram' as const, url: `${web.url}${path}`, options: {}, ...extra });

describe('robots.txt', () => {
  it('is respected by default and overridden only by a source that records why', async () => {
    const { runtime } = testRuntime();
    try {
      const blocked = await collectOnce(target('/private/s/chan'), null, runtime, testLog);
      expect(blocked.posts).toEqual([]);
      expect(blocked.health).toBe('error');
      expect(blocked.problems[0]?.message).toMatch(/robots\.txt disallows/);
      expect(hits.get('/private/s/chan')).toBeUndefined();
      const open = await collectOnce(target('/open/s/chan'), null, runtime, testLog);
      expect(open.posts.map((p) => p.externalId)).toEqual(['chan/2']);
      const overridden = await collectOnce(target('/private/s/chan', { ignoreRobots: { reason: 'court order 12/2026 for this channel' } }), null, runtime, testLog);
      expect(overridden.posts.map((p) => p.externalId)).toEqual(['chan/1']);
    } finally {
      await runtime.close();
    }
  });

  it('matches the product token of the configured User-Agent', async () => {
    const robots = createRobotsPolicy(createHttpFetcher({ userAgent: 'x' }));
    expect(await robots.isAllowed(`${web.url}/open/s/chan`, 'WaspadaBot/0.1 (+https://example.org)')).toBe(true);
    expect(await robots.isAllowed(`${web.url}/open/s/chan`, 'OtherBot/1.0')).toBe(false);
  });

  it('treats an unreachable robots.txt as a transient failure, not as permission', async () => {
    const robots = createRobotsPolicy(createHttpFetcher({ userAgent: 'x', timeoutMs: 1000 }));
    await expect(robots.isAllowed('http://127.0.0.1:9/page', 'WaspadaBot')).rejects.toBeInstanceOf(TransientCrawlError);
  });
});

describe('per-host rate limit in Redis', () => {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  const otherWorker = new Redis({ host: '127.0.0.1', port: 6379, maxRetriesPerRequest: 1 });
  const prefix = `test-collect-${process.pid}-${Date.now()}`;

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await otherWorker.quit();
  });

  it('spaces requests to one host across separate limiter instances (as separate workers would be)', async () => {
    const a = createRedisRateLimiter(redis, prefix, { intervalMs: 150 });
    const b = createRedisRateLimiter(otherWorker, prefix, { intervalMs: 150 });
    const started = Date.now();
    const times: number[] = [];
    await Promise.all([a, b, a, b, a, b].map(async (limiter) => {
      await limiter.acquire('example.org');
      times.push(Date.now() - started);
    }));
    times.sort((x, y) => x - y);
    // Six requests 150 ms apart: the last may go no sooner than 750 ms after the first.
    expect(times.at(-1)).toBeGreaterThanOrEqual(740);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(100);
    expect(Number(await redis.get(collectKeys.hostSlot(prefix, 'example.org')))).toBeGreaterThan(Date.now());
  });

  it('does not slow down other hosts', async () => {
    const limiter = createRedisRateLimiter(redis, prefix, { intervalMs: 1000 });
    const started = Date.now();
    await Promise.all(['a.example', 'b.example', 'c.example'].map((h) => limiter.acquire(h)));
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('the in-memory limiter keeps the same spacing within one process', async () => {
    const limiter = createMemoryRateLimiter({ intervalMs: 100 });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map(() => limiter.acquire('h')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('retries and errors', () => {
  it('retries a 503 with backoff and then succeeds', async () => {
    const { runtime } = testRuntime();
    try {
      const out = await collectOnce(target('/flaky/s/chan'), null, runtime, testLog);
      expect(out.posts.map((p) => p.externalId)).toEqual(['chan/3']);
      expect(hits.get('/flaky/s/chan')).toBe(3);
    } finally {
      await runtime.close();
    }
  });

  it('does not retry a permanent error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new PermanentCrawlError('HTTP 404');
      }, { baseMs: 1 }),
    ).rejects.toThrow('HTTP 404');
    expect(calls).toBe(1);
    let transient = 0;
    await expect(
      withRetry(async () => {
        transient++;
        throw new TransientCrawlError('reset');
      }, { attempts: 4, baseMs: 1 }),
    ).rejects.toBeInstanceOf(TransientCrawlError);
    expect(transient).toBe(4);
  });

  it('turns bad pages into per-page problems with clear messages, and the crawl goes on', async () => {
    const { runtime } = testRuntime({ timeoutMs: 1000 });
    try {
      const cases: Array<[string, RegExp, string]> = [
        ['/gone/s/chan', /HTTP 404/, 'error'],
        ['/loop/s/chan', /redirect loop|too many redirects/, 'error'],
        ['/image/s/chan', /expected html .* got image\/png/, 'error'],
        ['/slow/s/chan', /timed out/, 'error'],
        ['/captcha/s/chan', /captcha/, 'captcha'],
      ];
      for (const [path, message, health] of cases) {
        const out = await collectOnce(target(path), null, runtime, testLog);
        expect(out.posts, path).toEqual([]);
        expect(out.health, path).toBe(health);
        expect(out.problems[0]?.message, path).toMatch(message);
      }
      // Broken HTML still yields the message it holds.
      const broken = await collectOnce(target('/broken/s/chan'), null, runtime, testLog);
      expect(broken.posts.map((p) => p.text)).toEqual(['Kerja di Kamboja']);
    } finally {
      await runtime.close();
    }
  });

  it('caps the bytes read from a huge page', async () => {
    const fetcher = createHttpFetcher({ userAgent: 'x', maxBytes: 100_000 });
    const res = await fetcher.fetch(`${web.url}/huge`);
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(100_000);
  });

  it('maps 401/403 pages to walls', async () => {
    const app = new Hono();
    app.get('/a', (c) => c.html('<form>Please log in</form>', 403));
    app.get('/b', (c) => c.text('denied', 403));
    const s = await serveApp(app);
    try {
      const fetcher = createHttpFetcher({ userAgent: 'x' });
      await expect(fetcher.fetch(`${s.url}/a`)).rejects.toMatchObject({ health: 'login_wall' });
      await expect(fetcher.fetch(`${s.url}/b`)).rejects.toBeInstanceOf(SourceHealthError);
    } finally {
      await s.close();
    }
  });
});
