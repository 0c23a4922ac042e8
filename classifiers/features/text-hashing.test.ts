// N-gram hashing: which grams a word yields, what counts as a word, and shape-folding of long numbers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GramBuffer, GramDictionary, HashKind, hashGramIds, hashGrams, type TextHashingParams } from './text-hashing.js';

const params: TextHashingParams = { bits: 20, charMax: 5, bigrams: true };

/** Each gram's kind and span, read from the buffer's per-word layout. */
function layout(buffer: GramBuffer): Array<{ kind: number; start: number; end: number }> {
  const out: Array<{ kind: number; start: number; end: number }> = [];
  for (let w = 0; w < buffer.words; w++) {
    const start = buffer.starts[w] as number;
    const end = buffer.ends[w] as number;
    out.push({ kind: HashKind.Word, start, end });
    if (buffer.pairs[w] === 1) out.push({ kind: HashKind.Bigram, start: buffer.starts[w - 1] as number, end });
    const last = w + 1 < buffer.words ? (buffer.firsts[w + 1] as number) : buffer.length;
    while (out.length < last) out.push({ kind: HashKind.Char, start, end });
  }
  return out;
}

function grams(text: string, p: TextHashingParams = params): Array<{ kind: number; term: string; index: number }> {
  const buffer = new GramBuffer(true);
  const lower = hashGrams(text, p, buffer);
  const spans = layout(buffer);
  expect(spans).toHaveLength(buffer.length);
  return spans.map((g, k) => ({ kind: g.kind, term: lower.slice(g.start, g.end), index: buffer.indices[k] as number }));
}

describe('hashGrams', () => {
  it('emits a word, its character 3..charMax-grams over " word ", and a bigram per adjacent pair', () => {
    // "gaji" padded is " gaji " (6 units): 4 trigrams, 3 four-grams, 2 five-grams.
    const one = grams('gaji');
    expect(one.filter((g) => g.kind === HashKind.Word)).toHaveLength(1);
    expect(one.filter((g) => g.kind === HashKind.Char)).toHaveLength(9);
    const two = grams('gaji besar!');
    expect(two.filter((g) => g.kind === HashKind.Bigram).map((g) => g.term)).toEqual(['gaji besar']);
    expect(grams('gaji', { ...params, charMax: 3 }).filter((g) => g.kind === HashKind.Char)).toHaveLength(4);
    for (const g of two) expect(g.index).toBeLessThan(2 ** 20);
  });

  it('is case-insensitive and treats Unicode letters and marks as word characters', () => {
    expect(grams('GAJI Besar').map((g) => g.index)).toEqual(grams('gaji besar').map((g) => g.index));
    expect(grams('café ภาษา').filter((g) => g.kind === HashKind.Word).map((g) => g.term)).toEqual(['café', 'ภาษา']);
    expect(grams('a\u0301b').filter((g) => g.kind === HashKind.Word)).toHaveLength(1);
    expect(grams('-- ! --')).toHaveLength(0);
  });

  it('reduces numbers longer than four digits to their shape, so phone numbers generalise', () => {
    const word = (t: string) => grams(t).find((g) => g.kind === HashKind.Word)?.index;
    expect(word('081234567890')).toBe(word('089876543210'));
    expect(word('2024')).not.toBe(word('2025'));
    const chars = (t: string) => grams(t).filter((g) => g.kind === HashKind.Char).map((g) => g.index);
    expect(chars('0812')).toEqual(chars('0899'));
  });

  it('gives the same grams through the gram dictionary, in the same order, with the same spans, across restarts', () => {
    const dictionary = new GramDictionary(params, { ids: 300, words: 8, pool: 200 });
    const plain = new GramBuffer(true);
    const viaIds = new GramBuffer(true);
    const words = ['gaji', 'GAJI', '081234567890', 'kamboja', 'café', 'x', 'ภาษา', 'a\u0301b', 'sangat'.repeat(10), '2024', 'İstanbul'];
    const text = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (posts) => {
        for (const post of posts) {
          const lower = hashGrams(post, params, plain);
          expect(hashGramIds(post, dictionary, viaIds)).toBe(lower);
          expect(viaIds.length).toBe(plain.length);
          for (let k = 0; k < plain.length; k++) expect(dictionary.indexOf[viaIds.indices[k] as number]).toBe(plain.indices[k]);
          expect(layout(viaIds)).toEqual(layout(plain));
        }
      }),
    );
    expect(dictionary.generation).toBeGreaterThan(0);
  });
});
