// The vectorizer's scoring against a plain reference (hashGrams, then a Map tally in first-seen order): the
// shipped model's scores depend on that order to the last bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../common/random.js';
import { SparseMatrixBuilder } from './sparse-matrix.js';
import { GramBuffer, hashGrams, type TextHashingParams } from './text-hashing.js';
import { squash, Vectorizer } from './vectorizer.js';

const params: TextHashingParams = { bits: 12, charMax: 5, bigrams: true };
const names = ['a', 'b', 'c'];

function referenceMargin(text: string, values: Float64Array, weights: Float32Array): number {
  const buffer = new GramBuffer(false);
  hashGrams(text, params, buffer);
  const counts = new Map<number, number>();
  for (let k = 0; k < buffer.length; k++) counts.set(buffer.indices[k] as number, (counts.get(buffer.indices[k] as number) ?? 0) + 1);
  let norm = 0;
  let s = 0;
  for (const [index, c] of counts) {
    const v = c === 1 ? 1 : 1 + Math.log(c);
    norm += v * v;
    s += (weights[index] as number) * v;
  }
  let out = norm > 0 ? s / Math.sqrt(norm) : 0;
  for (let slot = 0; slot < names.length; slot++) {
    const value = squash(values[slot] as number);
    if (value !== 0) out += (weights[2 ** params.bits + slot] as number) * value;
  }
  return out;
}

describe('Vectorizer', () => {
  const random = createRandom(3);
  const weights = Float32Array.from({ length: 2 ** params.bits + names.length }, () => random() * 2 - 1);
  const word = fc.constantFrom('gaji', 'kerja', 'kamboja', '081234567890', 'cs', 'online', 'tiket', 'gratis', 'ภาษา', 'café');
  // Up to a few thousand grams: past the vectorizer's initial buffer sizes.
  const text = fc.array(fc.oneof(word, word, fc.string({ maxLength: 5 })), { maxLength: 400 }).map((w) => w.join(' '));

  it('scores like the reference to the bit, post after post, explanations included', () => {
    const vectorizer = new Vectorizer(params, names);
    fc.assert(
      fc.property(text, fc.array(fc.double({ min: -5, max: 50, noNaN: true }), { minLength: 3, maxLength: 3 }), (t, v) => {
        const values = Float64Array.from(v);
        const expected = referenceMargin(t, values, weights);
        expect(vectorizer.margin(t, values, weights)).toBe(expected);
        let total = vectorizer.textContributions(t, weights).total;
        for (const f of vectorizer.denseWeights(values, weights)) total += f.weight;
        expect(total).toBe(expected);
      }),
      { numRuns: 600 },
    );
  });

  it('appends training rows with the reference grams, first-seen order and sublinear counts', () => {
    const vectorizer = new Vectorizer(params, names);
    fc.assert(
      fc.property(text, (t) => {
        const row = new SparseMatrixBuilder(vectorizer.dim);
        vectorizer.appendRow(t, Float64Array.of(0, 0, 0), row);
        const m = row.build();
        const buffer = new GramBuffer(false);
        hashGrams(t, params, buffer);
        const counts = new Map<number, number>();
        for (let k = 0; k < buffer.length; k++) counts.set(buffer.indices[k] as number, (counts.get(buffer.indices[k] as number) ?? 0) + 1);
        let norm = 0;
        for (const c of counts.values()) {
          const v = c === 1 ? 1 : 1 + Math.log(c);
          norm += v * v;
        }
        expect([...m.indices]).toEqual([...counts.keys()]);
        expect([...m.values]).toEqual([...counts.values()].map((c) => Math.fround((c === 1 ? 1 : 1 + Math.log(c)) * (1 / Math.sqrt(norm)))));
      }),
      { numRuns: 300 },
    );
  });

  it('reads feature values by name when the preparer orders them differently, and drops unknown slots', () => {
    const vectorizer = new Vectorizer(params, names, ['c', 'x', 'a']);
    const row = new SparseMatrixBuilder(vectorizer.dim);
    vectorizer.appendRow('', Float64Array.of(3, 7, 1), row);
    const m = row.build();
    expect([...m.indices]).toEqual([2 ** params.bits, 2 ** params.bits + 2]);
    expect([...m.values]).toEqual([Math.fround(squash(1)), Math.fround(squash(3))]);
  });
});
