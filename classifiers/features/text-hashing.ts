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
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Receives every hashed n-gram; `start`/`end` are the word (or word pair) in the lower-cased text. */
export type HashSink = (index: number, kind: HashKind, start: number, end: number) => void;

function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return NON_ASCII_WORD.test(text[i] ?? '');
}

/**
 * Calls `sink` for every n-gram of `text` (which should already be the extractor's normalized text).
 * Numbers longer than four digits are reduced to their shape so phone numbers generalise.
 */
export function forEachHashedGram(text: string, params: TextHashingParams, sink: HashSink): void {
  const lower = text.toLowerCase();
  const mask = (1 << params.bits) - 1;
  const charMax = params.charMax;
  const n = lower.length;
  let prevWord = -1;
  let prevStart = 0;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (!isWordCode(c, lower, i)) {
      i++;
      continue;
    }
    const start = i;
    let raw = FNV_OFFSET;
    let shape = FNV_OFFSET;
    let digits = true;
    while (i < n) {
      const d = lower.charCodeAt(i);
      if (!isWordCode(d, lower, i)) break;
      const isDigit = d >= 48 && d <= 57;
      if (!isDigit) digits = false;
      raw = Math.imul(raw ^ d, FNV_PRIME);
      shape = Math.imul(shape ^ (isDigit ? 48 : d), FNV_PRIME);
      i++;
    }
    const end = i;
    const wordHash = digits && end - start > LONG_NUMBER ? shape : raw;
    sink(fmix32(wordHash ^ WORD_SALT) & mask, HashKind.Word, start, end);
    if (params.bigrams && prevWord >= 0) {
      sink(fmix32(Math.imul(prevWord, 0x2f0b3b2d) ^ wordHash ^ BIGRAM_SALT) & mask, HashKind.Bigram, prevStart, end);
    }
    prevWord = wordHash;
    prevStart = start;
    // Character n-grams over " word " with digits folded to 0, so "0812…" and "0813…" share grams.
    const padded = end - start + 2;
    for (let p = 0; p < padded - 2; p++) {
      let h = CHAR_BASIS;
      for (let q = p; q < padded && q - p < charMax; q++) {
        let code = 32;
        if (q > 0 && q < padded - 1) {
          code = lower.charCodeAt(start + q - 1);
          if (code >= 48 && code <= 57) code = 48;
        }
        h = Math.imul(h ^ code, FNV_PRIME);
        if (q - p >= 2) sink(fmix32(h) & mask, HashKind.Char, start, end);
      }
    }
  }
}
