// Union-find checked against a naive labelling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionFind } from './union-find.js';

describe('UnionFind', () => {
  it('agrees with a naive labelling on any sequence of unions, members included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }), (n, unions) => {
        const uf = new UnionFind();
        const label = Array.from({ length: n }, (_, i) => i);
        for (let i = 0; i < n; i++) uf.add();
        for (const [x, y] of unions) {
          const a = x % n;
          const b = y % n;
          const joined = uf.union(a, b);
          expect(joined === null).toBe(label[a] === label[b]);
          const from = label[b]!;
          const to = label[a]!;
          for (let i = 0; i < n; i++) if (label[i] === from) label[i] = to;
        }
        for (let i = 0; i < n; i++) {
          const expected = label.map((l, j) => [l, j] as const).filter(([l]) => l === label[i]).map(([, j]) => j);
          expect([...uf.members(i)].sort((p, q) => p - q)).toEqual(expected);
          expect(uf.sizeOf(i)).toBe(expected.length);
        }
      }),
    );
  });
});
