// One-permutation MinHash: order and duplicate invariance, Jaccard estimates, densification.
import { describe, expect, it } from 'vitest';
import { EMPTY_VALUE, SIGNATURE_HASHES, estimateJaccard, isEmptySignature, minhash } from './minhash.js';

/** Sets over integers with a known Jaccard similarity: |A ∩ B| = shared, |A \ B| = |B \ A| = own. */
function pair(shared: number, own: number, offset = 0): [Uint32Array, Uint32Array] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < shared; i++) a.push(offset + i), b.push(offset + i);
  for (let i = 0; i < own; i++) a.push(offset + 1_000_000 + i), b.push(offset + 2_000_000 + i);
  return [Uint32Array.from(a), Uint32Array.from(b)];
}

describe('minhash', () => {
  it('gives identical signatures for the same set whatever the order and duplicates', () => {
    const set = Uint32Array.from([5, 9, 123456, 42, 7, 99, 1000, 31337]);
    const shuffled = Uint32Array.from([31337, 42, 42, 5, 1000, 9, 7, 99, 123456, 5]);
    expect([...minhash(set)]).toEqual([...minhash(shuffled)]);
  });

  it('estimates Jaccard similarity within a few points on average', () => {
    for (const [shared, own, expected] of [[300, 100, 0.6], [100, 200, 0.2], [500, 0, 1], [0, 300, 0]] as const) {
      let sum = 0;
      const trials = 40;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pair(shared, own, t * 10_000_000);
        sum += estimateJaccard(minhash(a), 0, minhash(b), 0);
      }
      expect(Math.abs(sum / trials - expected)).toBeLessThan(0.04);
    }
  });

  it('fills every bin of a sparse set (densification) and keeps empty sets recognisable', () => {
    const sparse = minhash(Uint32Array.from([1, 2, 3]));
    expect(sparse).toHaveLength(SIGNATURE_HASHES);
    expect([...sparse].every((v) => v !== EMPTY_VALUE)).toBe(true);
    expect(isEmptySignature(minhash(new Uint32Array(0)))).toBe(true);
    expect(isEmptySignature(sparse)).toBe(false);
  });
});
