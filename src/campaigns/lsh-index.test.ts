// Banded LSH: finds near-duplicates among unrelated signatures, honours its limits.
import { describe, expect, it } from 'vitest';
import { LshIndex } from './lsh-index.js';
import { EMPTY_VALUE, SIGNATURE_HASHES, minhash } from './minhash.js';

function randomSet(seed: number, size: number): number[] {
  let s = seed;
  return Array.from({ length: size }, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0));
}

describe('LshIndex', () => {
  it('finds a near-duplicate among many unrelated signatures and reports its similarity', () => {
    const lsh = new LshIndex();
    const base = randomSet(1, 200);
    for (let i = 0; i < 2000; i++) lsh.add(minhash(Uint32Array.from(randomSet(1000 + i, 200))));
    const target = lsh.add(minhash(Uint32Array.from(base)));
    const edited = [...base.slice(20), ...randomSet(99, 20)]; // Jaccard 180/220 ≈ 0.82
    const matches = lsh.query(minhash(Uint32Array.from(edited)), 0.5);
    expect(matches.map((m) => m.index)).toEqual([target]);
    expect(matches[0]!.similarity).toBeGreaterThan(0.6);
    expect(lsh.size).toBe(2001);
  });

  it('excludes the given index, honours the limit and never buckets empty signatures', () => {
    const lsh = new LshIndex();
    const sig = minhash(Uint32Array.from(randomSet(5, 100)));
    const first = lsh.add(sig);
    lsh.add(sig);
    lsh.add(sig);
    expect(lsh.query(sig, 0.9, { exclude: first }).map((m) => m.index)).toEqual([1, 2]);
    expect(lsh.query(sig, 0.9, { limit: 1 })).toHaveLength(1);
    const empty = new Uint32Array(SIGNATURE_HASHES).fill(EMPTY_VALUE);
    lsh.add(empty);
    expect(lsh.query(empty, 0)).toEqual([]);
  });

  it('reads at most maxBucketWalk posts per bucket, newest first', () => {
    const lsh = new LshIndex({ maxBucketWalk: 3 });
    const sig = minhash(Uint32Array.from(randomSet(7, 100)));
    for (let i = 0; i < 10; i++) lsh.add(sig);
    expect(lsh.query(sig, 0.9).map((m) => m.index)).toEqual([7, 8, 9]);
  });

  it('rejects band counts that do not divide the signature and signatures of the wrong size', () => {
    expect(() => new LshIndex({ bands: 7 })).toThrow(RangeError);
    expect(() => new LshIndex().add(new Uint32Array(3))).toThrow(RangeError);
  });
});
