// Typed-array id map checked against a plain Map.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdMap } from './id-map.js';

describe('IdMap', () => {
  it('behaves like a Map<number, number> for any finite ids, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double({ noNaN: true, noDefaultInfinity: true })), fc.nat()), { maxLength: 200 }), (pairs) => {
        const map = new IdMap();
        const reference = new Map<number, number>();
        for (const [id, value] of pairs) {
          map.set(id, value);
          reference.set(Object.is(id, -0) ? 0 : id, value);
        }
        expect(map.size).toBe(reference.size);
        for (const [id, value] of reference) expect(map.get(id)).toBe(value);
        expect(map.get(0.5)).toBe(reference.get(0.5));
      }),
    );
  });

  it('answers undefined for ids never set', () => {
    const map = new IdMap(4);
    map.set(1, 0);
    expect(map.get(2)).toBeUndefined();
    expect(map.has(1)).toBe(true);
  });
});
