// A per-source lease in Redis so a source is never crawled twice at once, whichever process or
// scheduler tick started the second run.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisKeys } from './catalog.js';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Runs `fn` holding the source's lease; returns null (without running) when another run holds it. */
export async function withSourceLock<T>(redis: Redis, prefix: string, sourceId: number, ttlMs: number, fn: () => Promise<T>): Promise<T | null> {
  const key = RedisKeys.sourceLock(prefix, sourceId);
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  // Renew while the crawl runs so a long crawl keeps its lease; a crashed process lets it lapse.
  const renew = setInterval(() => void redis.pexpire(key, ttlMs).catch(() => undefined), Math.max(1000, ttlMs / 3));
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
