// Per-host request spacing. The Redis limiter is shared by every worker process; the in-memory one
// serves one-off crawls and tests. Both reserve the next slot atomically, then wait for it.
import type { Redis } from 'ioredis';
import { collectKeys } from './redis-keys.js';
import type { RateLimiter } from './ports.js';

export interface RateLimitOptions {
  /** Minimum gap between two requests to one host, in ms. Default 1000. */
  intervalMs?: number;
  /** Per-host overrides, e.g. { '127.0.0.1': 0 } for a local mirror. */
  perHost?: Record<string, number>;
}

function intervalFor(host: string, options: RateLimitOptions): number {
  return options.perHost?.[host.toLowerCase()] ?? options.intervalMs ?? 1000;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Reserves max(now, stored slot) and moves the slot one interval on; Redis' own clock keeps workers on
// different machines in step. Returns how long the caller waits.
const RESERVE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + interval, 'PX', interval + 60000)
return slot - now
`;

export function createRedisRateLimiter(redis: Redis, prefix: string, options: RateLimitOptions = {}): RateLimiter {
  return {
    async acquire(host: string): Promise<void> {
      const interval = intervalFor(host, options);
      if (interval <= 0) return;
      const wait = Number(await redis.eval(RESERVE_SCRIPT, 1, collectKeys.hostSlot(prefix, host), String(interval)));
      if (wait > 0) await sleep(wait);
    },
  };
}

export function createMemoryRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  const slots = new Map<string, number>();
  return {
    async acquire(host: string): Promise<void> {
      const interval = intervalFor(host, options);
      if (interval <= 0) return;
      const now = Date.now();
      const slot = Math.max(now, slots.get(host) ?? 0);
      slots.set(host, slot + interval);
      if (slot > now) await sleep(slot - now);
    },
  };
}
