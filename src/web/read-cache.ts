// A short-lived cache of queue pages, the busiest reads of the console and the API: analysts poll
// the same first pages. A write through this web process (any non-GET request but ingest, which adds
// posts, not cases) clears it when it completes; cases created or changed elsewhere (route workers,
// other web processes, the CLI) show within the TTL. Loads are shared while in flight, so a burst of
// identical requests costs one query.
import type { MiddlewareHandler } from 'hono';
import { reviewSettings, type WebDeps } from './deps.js';

const MAX_ENTRIES = 500;

export class ReadCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && at - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at, value });
    // A failed load is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<WebDeps, ReadCache>();

/** The queue-page cache of one web app (its routes share the deps object). */
export function readCacheFor(deps: WebDeps): ReadCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new ReadCache(reviewSettings(deps).queueCacheMs)));
  return cache;
}

/** Clears the cache after every write request (not ingest: new posts become cases in the route workers). */
export function clearReadCacheOnWrite(deps: WebDeps): MiddlewareHandler {
  const cache = readCacheFor(deps);
  return async (c, next) => {
    try {
      await next();
    } finally {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.path !== '/api/posts') cache.clear();
    }
  };
}
