// The case page's bounded wait for the campaigns index.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { nearDuplicatesWithin } from './near-duplicates.js';

const log = createLogger({ level: 'silent' });

describe('nearDuplicatesWithin', () => {
  it('passes the ids through when the index answers in time', async () => {
    expect(await nearDuplicatesWithin({ nearDuplicates: async (id) => [id + 1, id + 2] }, 10, log)).toEqual({ ids: [11, 12], complete: true });
    expect(await nearDuplicatesWithin({}, 10, log)).toEqual({ ids: [], complete: true });
  });

  it('does not wait for an index still loading, and says so', async () => {
    const started = performance.now();
    const never = () => new Promise<number[]>(() => undefined);
    expect(await nearDuplicatesWithin({ nearDuplicates: never }, 10, log, 50)).toEqual({ ids: [], complete: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a failing index costs the near-duplicates, not the page', async () => {
    expect(await nearDuplicatesWithin({ nearDuplicates: async () => Promise.reject(new Error('index broken')) }, 10, log)).toEqual({ ids: [], complete: false });
  });
});
