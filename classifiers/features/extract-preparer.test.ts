// The production preparer gives the same text and spans whichever way the normalization reaches it.
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/extract/index.js';
import { normalizeDetailed, toOriginalSpan } from '../../src/extract/normalize.js';
import { extractPreparer } from './extract-preparer.js';
import { memoizedPreparer } from './preparer.js';

const TEXT = 'L0KER ＣＳ online K a m b o j a, gaji 15jt!! WA 0812-3456-7890';

describe('extractPreparer', () => {
  it('agrees with normalizeDetailed with and without a given normalization, spans eager or lazy', () => {
    const detailed = normalizeDetailed(TEXT);
    const features = extractFeatures(TEXT);
    const lazy = extractPreparer.prepare(TEXT, features);
    const eager = extractPreparer.prepare(TEXT, features, { spans: true });
    const given = extractPreparer.prepare(TEXT, features, { normalized: detailed });
    for (const prepared of [lazy, eager, given]) {
      expect(prepared.normalized).toBe(detailed.text);
      expect([...prepared.values]).toEqual([...lazy.values]);
      for (let start = 0; start < detailed.text.length; start += 3)
        expect(prepared.toOriginal(start, start + 4)).toEqual(toOriginalSpan(detailed, start, start + 4));
    }
  });

  it('fills a given values buffer, and a memoized preparer never keeps it', () => {
    const buffer = new Float64Array(extractPreparer.featureNames.length);
    const filled = extractPreparer.prepare(TEXT, extractFeatures(TEXT), { values: buffer });
    expect(filled.values).toBe(buffer);
    const memoized = memoizedPreparer(extractPreparer);
    const kept = memoized.prepare(TEXT, undefined, { values: buffer });
    expect(kept.values).not.toBe(buffer);
    expect([...kept.values]).toEqual([...filled.values]);
  });
});
