// Finds a Redis to use: REDIS_URL, else one answering on 127.0.0.1:6379, else a private redis-server
// started under DATA_DIR (append-only, loopback only) and stopped when Waspada exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { freeLoopbackPort } from '../free-port.js';

export const DEFAULT_LOCAL_REDIS = 'redis://127.0.0.1:6379';

/** Redis cannot be found or started; the message is one line saying what to do. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface RedisEndpoint {
  url: string;
  /** Set when Waspada started this Redis itself; stops it. */
  stop?: () => Promise<void>;
  origin: 'env' | 'local' | 'private';
}

export async function ping(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function resolveRedis(config: Config, log?: Logger): Promise<RedisEndpoint> {
  if (config.redisUrl) {
    if (!(await ping(config.redisUrl, 3000))) throw new RedisUnavailableError(`REDIS_URL is set but Redis does not answer there`);
    return { url: config.redisUrl, origin: 'env' };
  }
  if (await ping(DEFAULT_LOCAL_REDIS)) return { url: DEFAULT_LOCAL_REDIS, origin: 'local' };
  return startPrivateRedis(config, log);
}

export async function startPrivateRedis(config: Config, log?: Logger): Promise<RedisEndpoint> {
  const dir = path.join(config.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freeLoopbackPort();
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'warning'];
  const child: ChildProcess = spawn(config.redisServerBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('error', (error) => resolve(error));
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) {
    const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RedisUnavailableError(
      missing
        ? 'no Redis answers on 127.0.0.1:6379 and redis-server is not installed; install it (Debian/Ubuntu: apt-get install redis-server, macOS: brew install redis) or set REDIS_URL'
        : `could not start redis-server: ${spawnError.message}`,
    );
  }
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await ping(url, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisUnavailableError(`redis-server did not start on port ${port} (data under ${dir})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log?.info({ url, dir }, 'started a private redis-server');
  const exitOnParentExit = () => child.kill('SIGTERM');
  process.once('exit', exitOnParentExit);
  return {
    url,
    origin: 'private',
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', exitOnParentExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
