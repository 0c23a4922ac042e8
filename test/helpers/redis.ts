// Redis for tests: REDIS_URL, else the local server on 6379, else a private redis-server started
// the same way `waspada start` does. Each test gets its own key prefix and cleans it up.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_LOCAL_REDIS, ping, startPrivateRedis, type RedisEndpoint } from '../../src/queue/redis-server.js';

let endpoint: Promise<RedisEndpoint> | undefined;

export function testRedis(): Promise<RedisEndpoint> {
  endpoint ??= (async () => {
    const url = process.env.REDIS_URL ?? DEFAULT_LOCAL_REDIS;
    if (await ping(url)) return { url, origin: 'local' as const };
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-test-redis-'));
    return startPrivateRedis(loadConfig({ DATA_DIR: dataDir }));
  })();
  return endpoint;
}

export function uniquePrefix(label = 'test'): string {
  return `wt-${label}-${randomBytes(5).toString('hex')}`;
}

/** Deletes every key under a BullMQ prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
