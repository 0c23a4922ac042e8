// Redis discovery: a private redis-server with append-only persistence under DATA_DIR, and one clear
// line when no redis-server is installed.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ping, RedisUnavailableError, resolveRedis, startPrivateRedis } from '../src/queue/redis-server.js';

describe('private redis-server', () => {
  it('starts on loopback with append-only files under DATA_DIR and stops cleanly', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-redis-'));
    const endpoint = await startPrivateRedis(loadConfig({ DATA_DIR: dataDir }));
    try {
      expect(endpoint.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      const client = new Redis(endpoint.url);
      await client.set('k', 'v');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
      client.disconnect();
      const dir = path.join(dataDir, 'redis');
      expect(existsSync(dir)).toBe(true);
      expect(readdirSync(dir).some((f) => f.startsWith('appendonly'))).toBe(true);
    } finally {
      await endpoint.stop?.();
    }
    expect(await ping(endpoint.url, 300)).toBe(false);
  });

  it('says in one line how to install redis-server when it is missing', async () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'waspada-redis-')), REDIS_SERVER_BIN: '/nonexistent/redis-server' });
    const error = await startPrivateRedis(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(/apt-get install redis-server/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a REDIS_URL that does not answer instead of silently using another Redis', async () => {
    const config = loadConfig({ DATA_DIR: os.tmpdir(), REDIS_URL: 'redis://127.0.0.1:1' });
    await expect(resolveRedis(config)).rejects.toThrow(/REDIS_URL is set but Redis does not answer/);
  });
});
