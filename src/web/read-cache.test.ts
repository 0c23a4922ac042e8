// The queue-page cache: reuse within the TTL, one load for concurrent callers, failed loads dropped, clear().
import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';

describe('ReadCache', () => {
  it('reuses a value within the TTL and loads again after it', async () => {
    let now = 1000;
    let loads = 0;
    const cache = new ReadCache(500, () => now);
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    now += 499;
    expect(await cache.get('k', load)).toBe(1);
    now += 1;
    expect(await cache.get('k', load)).toBe(2);
    expect(await cache.get('other', load)).toBe(3);
  });

  it('shares one load between concurrent callers', async () => {
    let loads = 0;
    const cache = new ReadCache(1000);
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([1, 1, 1]);
  });

  it('does not keep a failed load, and clear() forgets everything', async () => {
    const cache = new ReadCache(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
    cache.clear();
    expect(await cache.get('k', async () => 'after clear')).toBe('after clear');
  });

  it('a TTL of 0 turns it off', async () => {
    let loads = 0;
    const cache = new ReadCache(0);
    await cache.get('k', async () => ++loads);
    await cache.get('k', async () => ++loads);
    expect(loads).toBe(2);
  });
});
