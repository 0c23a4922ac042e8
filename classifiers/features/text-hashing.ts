// Hashes a normalized post into word uni/bi-grams and in-word character 3–5-grams (the hashing trick):
// no vocabulary to store, and character n-grams still match when lure writers split or misspell words.
import { FNV_OFFSET, FNV_PRIME, fmix32 } from '../common/hash.js';

export interface TextHashingParams {
  /** log2 of the hashed feature space; 2^20 keeps collisions rare for a few hundred thousand n-grams. */
  bits: number;
  /** Largest character n-gram; the smallest is 3. */
  charMax: number;
  /** Include word bigrams. */
  bigrams: boolean;
}

export const DEFAULT_TEXT_HASHING: TextHashingParams = { bits: 20, charMax: 5, bigrams: true };

/** Which family an emitted hash came from; explanations turn these back into readable terms. */
export const enum HashKind {
  Word = 0,
  Bigram = 1,
  Char = 2,
}

const WORD_SALT = 0x1b873593;
const BIGRAM_SALT = 0x5bd1e995;
const CHAR_BASIS = 0x27d4eb2f;
const LONG_NUMBER = 4;

// Word characters: ASCII letters and digits, and any Unicode letter, number or mark. A 64 KiB table built once
// keeps the hot loop free of regex calls (lone surrogates are not word characters, as before).
const WORD = new Uint8Array(65536);
{
  const word = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) WORD[c] = 1;
    else if (c > 127 && word.test(String.fromCharCode(c))) WORD[c] = 1;
  }
}

/** Growable output of `hashGrams`: the hashed index of every n-gram and, when `track` is set, where it came from. */
export class GramBuffer {
  indices: Int32Array = new Int32Array(2048);
  kinds: Uint8Array = new Uint8Array(0);
  starts: Int32Array = new Int32Array(0);
  ends: Int32Array = new Int32Array(0);
  length = 0;
  constructor(readonly track = false) {
    if (track) {
      this.kinds = new Uint8Array(2048);
      this.starts = new Int32Array(2048);
      this.ends = new Int32Array(2048);
    }
  }
  /** Makes room for `size` grams (hashGrams reserves its worst case once, so its loop never checks). */
  reserve(size: number): void {
    if (size <= this.indices.length) return;
    let grown = this.indices.length;
    while (grown < size) grown *= 2;
    this.grow(grown);
  }
  private grow(size: number): void {
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.indices = grow32(this.indices);
    if (this.track) {
      const k = new Uint8Array(size);
      k.set(this.kinds);
      this.kinds = k;
      this.starts = grow32(this.starts);
      this.ends = grow32(this.ends);
    }
  }
}

/** The current word padded with spaces, digits folded to '0': what character n-grams are read from. */
let padded = new Int32Array(258);

/**
 * Hashes every n-gram of `text` (which should already be the extractor's normalized text) into `out`
 * (cleared first); returns the lower-cased text the positions refer to. Numbers longer than four digits
 * are reduced to their shape so phone numbers generalise.
 */
export function hashGrams(text: string, params: TextHashingParams, out: GramBuffer): string {
  const lower = text.toLowerCase();
  const mask = (1 << params.bits) - 1;
  const charMax = params.charMax;
  const n = lower.length;
  // Worst case per character: one gram per character n-gram length, plus a word and a bigram.
  out.reserve((n + 2) * (charMax - 1) + 16);
  const track = out.track;
  const indices = out.indices;
  const kinds = out.kinds;
  const starts = out.starts;
  const ends = out.ends;
  let len = 0;
  let prevWord = -1;
  let prevStart = 0;
  let i = 0;
  while (i < n) {
    if (WORD[lower.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const start = i;
    let raw = FNV_OFFSET;
    let shape = FNV_OFFSET;
    let digits = true;
    while (i < n) {
      const d = lower.charCodeAt(i);
      if (WORD[d] !== 1) break;
      const isDigit = d >= 48 && d <= 57;
      if (!isDigit) digits = false;
      raw = Math.imul(raw ^ d, FNV_PRIME);
      shape = Math.imul(shape ^ (isDigit ? 48 : d), FNV_PRIME);
      i++;
    }
    const end = i;
    const wordHash = digits && end - start > LONG_NUMBER ? shape : raw;
    if (track) {
      kinds[len] = HashKind.Word;
      starts[len] = start;
      ends[len] = end;
    }
    indices[len++] = fmix32(wordHash ^ WORD_SALT) & mask;
    if (params.bigrams && prevWord >= 0) {
      if (track) {
        kinds[len] = HashKind.Bigram;
        starts[len] = prevStart;
        ends[len] = end;
      }
      indices[len++] = fmix32(Math.imul(prevWord, 0x2f0b3b2d) ^ wordHash ^ BIGRAM_SALT) & mask;
    }
    prevWord = wordHash;
    prevStart = start;
    // Character n-grams over " word " with digits folded to 0, so "0812…" and "0813…" share grams.
    const width = end - start + 2;
    if (padded.length < width) padded = new Int32Array(width * 2);
    const codes = padded;
    codes[0] = 32;
    for (let q = 1; q < width - 1; q++) {
      const code = lower.charCodeAt(start + q - 1);
      codes[q] = code >= 48 && code <= 57 ? 48 : code;
    }
    codes[width - 1] = 32;
    for (let p = 0; p < width - 2; p++) {
      // Each start's grams extend the same FNV chain: the 3-gram's state continues into the 4- and 5-gram.
      let h = Math.imul(CHAR_BASIS ^ (codes[p] as number), FNV_PRIME);
      h = Math.imul(h ^ (codes[p + 1] as number), FNV_PRIME);
      const last = Math.min(width, p + charMax);
      for (let q = p + 2; q < last; q++) {
        h = Math.imul(h ^ (codes[q] as number), FNV_PRIME);
        if (track) {
          kinds[len] = HashKind.Char;
          starts[len] = start;
          ends[len] = end;
        }
        indices[len++] = fmix32(h) & mask;
      }
    }
  }
  out.length = len;
  return lower;
}
