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

/**
 * Growable output of `hashGrams`: the hashed index of every n-gram and, when `track` is set, where each word's
 * grams sit. Word w's unigram is at `firsts[w]`; when `pairs[w]` is 1 its bigram with word w - 1 follows; then
 * come its character grams, up to the next word's unigram (or `length`). `starts`/`ends` give its span in the text.
 */
export class GramBuffer {
  indices: Int32Array = new Int32Array(2048);
  firsts: Int32Array = new Int32Array(0);
  pairs: Uint8Array = new Uint8Array(0);
  starts: Int32Array = new Int32Array(0);
  ends: Int32Array = new Int32Array(0);
  length = 0;
  words = 0;
  constructor(readonly track = false) {}
  /** Makes room for `size` grams and `words` words (hashGrams reserves its worst case once, so its loop never checks). */
  reserve(size: number, words: number): void {
    if (size > this.indices.length) {
      let grown = this.indices.length;
      while (grown < size) grown *= 2;
      this.indices = new Int32Array(grown);
    }
    if (this.track && words > this.firsts.length) {
      const grown = Math.max(words, this.firsts.length * 2, 512);
      this.firsts = new Int32Array(grown);
      this.pairs = new Uint8Array(grown);
      this.starts = new Int32Array(grown);
      this.ends = new Int32Array(grown);
    }
  }
}

/** The current word padded with spaces, digits folded to '0': what character n-grams are read from. */
let padded = new Int32Array(258);

/**
 * Writes the character n-grams of `lower[start, end)` (over " word ", digits folded to 0, so "0812…" and
 * "0813…" share grams) to `dest` from `at`; returns the position after the last.
 */
function writeCharGrams(lower: string, start: number, end: number, charMax: number, mask: number, dest: Int32Array, at: number): number {
  const width = end - start + 2;
  if (padded.length < width) padded = new Int32Array(width * 2);
  const codes = padded;
  codes[0] = 32;
  for (let q = 1; q < width - 1; q++) {
    const code = lower.charCodeAt(start + q - 1);
    codes[q] = code >= 48 && code <= 57 ? 48 : code;
  }
  codes[width - 1] = 32;
  let len = at;
  for (let p = 0; p < width - 2; p++) {
    // Each start's grams extend the same FNV chain: the 3-gram's state continues into the 4- and 5-gram.
    let h = Math.imul(CHAR_BASIS ^ (codes[p] as number), FNV_PRIME);
    h = Math.imul(h ^ (codes[p + 1] as number), FNV_PRIME);
    const last = Math.min(width, p + charMax);
    for (let q = p + 2; q < last; q++) {
      h = Math.imul(h ^ (codes[q] as number), FNV_PRIME);
      dest[len++] = fmix32(h) & mask;
    }
  }
  return len;
}

/** Words longer than this are hashed afresh (links, noise): seldom repeated, they would only crowd the cache. */
const MAX_CACHED_WORD = 40;

/** Past these sizes a GramDictionary starts over (checked between posts). */
export interface GramDictionaryLimits {
  ids: number;
  words: number;
  /** Stored word characters, and word gram ids. */
  pool: number;
}

// A few MB, enough for a long-running scorer's working vocabulary.
const DEFAULT_LIMITS: GramDictionaryLimits = { ids: 1 << 18, words: 1 << 15, pool: 1 << 20 };

/**
 * Gives every hashed n-gram index met a small dense id, and remembers per distinct word the ids of its unigram
 * and character grams. Post vocabularies repeat, so most words are hashed once per process instead of once per
 * occurrence, and per-post counting and weight lookups touch arrays of a few hundred KB instead of the 2^bits
 * space (which does not stay in cache). Words are stored and compared, so a hash collision never mixes two words.
 */
export class GramDictionary {
  private readonly mask: number;
  /** Hashed index -> id, -1 when none yet. */
  private readonly idOf: Int32Array;
  /** Id -> hashed index. */
  indexOf = new Int32Array(1 << 14);
  /** Ids given so far (ids are 0..size-1). */
  size = 0;
  /** Incremented whenever the dictionary starts over: ids given before then mean nothing now. */
  generation = 0;
  private readonly shift: number;
  /** Open addressing by the word's FNV hash: entry + 1, 0 when empty. */
  private readonly table: Int32Array;
  private hashes = new Int32Array(1 << 10);
  private charStart = new Int32Array(1 << 10);
  private charLength = new Int32Array(1 << 10);
  /** Where an entry's ids start in `pool`: its unigram, then its character grams, up to the next entry's start. */
  poolStart = new Int32Array((1 << 10) + 1);
  pool = new Int32Array(1 << 14);
  private chars = new Uint16Array(1 << 13);
  private words = 0;
  private charsUsed = 0;
  private poolUsed = 0;

  constructor(
    readonly params: TextHashingParams,
    private readonly limits: GramDictionaryLimits = DEFAULT_LIMITS,
  ) {
    this.mask = (1 << params.bits) - 1;
    this.idOf = new Int32Array(1 << params.bits).fill(-1);
    // At least twice as many slots as words, a power of two: probes stay short.
    let slots = 2;
    while (slots < limits.words * 2) slots *= 2;
    this.table = new Int32Array(slots);
    this.shift = 32 - Math.log2(this.table.length);
  }

  /** Called between posts: starts over once past the size limits, so memory stays bounded. */
  trim(): void {
    const { limits } = this;
    if (this.size < limits.ids && this.words < limits.words && this.poolUsed < limits.pool && this.charsUsed < limits.pool) return;
    for (let id = 0; id < this.size; id++) this.idOf[this.indexOf[id] as number] = -1;
    this.table.fill(0);
    this.size = 0;
    this.words = 0;
    this.charsUsed = 0;
    this.poolUsed = 0;
    this.generation++;
  }

  /** The id of hashed index `index`, given on first sight. */
  idFor(index: number): number {
    let id = this.idOf[index] as number;
    if (id < 0) {
      id = this.size++;
      if (id === this.indexOf.length) this.indexOf = grown(this.indexOf, id * 2);
      this.indexOf[id] = index;
      this.idOf[index] = id;
    }
    return id;
  }

  /**
   * The entry of the word `lower[start, end)` (FNV hash `raw`, feature hash `wordHash`), hashing its grams on
   * first sight; -1 for words too long to keep. Its ids are `pool[poolStart[e], poolStart[e + 1])`.
   */
  find(lower: string, start: number, end: number, raw: number, wordHash: number): number {
    const length = end - start;
    if (length > MAX_CACHED_WORD || this.words >= this.limits.words) return -1;
    const table = this.table;
    const tableMask = table.length - 1;
    let slot = Math.imul(raw, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const e = (table[slot] as number) - 1;
      if (e < 0) break;
      if (this.hashes[e] === raw && this.charLength[e] === length) {
        const chars = this.chars;
        let at = this.charStart[e] as number;
        let k = start;
        while (k < end && chars[at] === lower.charCodeAt(k)) {
          at++;
          k++;
        }
        if (k === end) return e;
      }
      slot = (slot + 1) & tableMask;
    }
    const e = this.words++;
    if (e + 1 >= this.hashes.length) {
      const size = this.hashes.length * 2;
      this.hashes = grown(this.hashes, size);
      this.charStart = grown(this.charStart, size);
      this.charLength = grown(this.charLength, size);
      this.poolStart = grown(this.poolStart, size + 1);
    }
    table[slot] = e + 1;
    this.hashes[e] = raw;
    this.charStart[e] = this.charsUsed;
    this.charLength[e] = length;
    if (this.charsUsed + length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = start; k < end; k++) this.chars[this.charsUsed++] = lower.charCodeAt(k);
    // At most a unigram and charMax - 2 grams per padded character.
    const at = this.poolUsed;
    const room = at + 1 + (length + 2) * Math.max(1, this.params.charMax - 2);
    if (room > this.pool.length) this.pool = grown(this.pool, Math.max(this.pool.length * 2, room));
    const pool = this.pool;
    pool[at] = fmix32(wordHash ^ WORD_SALT) & this.mask;
    const to = writeCharGrams(lower, start, end, this.params.charMax, this.mask, pool, at + 1);
    for (let g = at; g < to; g++) pool[g] = this.idFor(pool[g] as number);
    this.poolStart[e] = at;
    this.poolStart[e + 1] = to;
    this.poolUsed = to;
    return e;
  }
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}

/**
 * Hashes every n-gram of `text` (which should already be the extractor's normalized text) into `out`
 * (cleared first); returns the lower-cased text the positions refer to. Numbers longer than four digits
 * are reduced to their shape so phone numbers generalise. Per word: its unigram, the bigram with the previous
 * word, then its character grams.
 */
export function hashGrams(text: string, params: TextHashingParams, out: GramBuffer): string {
  return scanGrams(text, params, out, undefined);
}

/**
 * hashGrams, but `out` receives the grams' ids in `dictionary` (whose `indexOf` maps them back), in the same order.
 * With `compact` (untracked buffers only), a known word is written as one negative item instead of its ids:
 * `~(entry << 1 | pair)`, followed by its bigram's id when `pair` is 1; its unigram and character grams are then
 * read from the dictionary (see expandGramIds). Other words' ids are written as they are (all non-negative).
 */
export function hashGramIds(text: string, dictionary: GramDictionary, out: GramBuffer, compact = false): string {
  dictionary.trim();
  return scanGrams(text, dictionary.params, out, dictionary, compact && !out.track);
}

function scanGrams(text: string, params: TextHashingParams, out: GramBuffer, dictionary: GramDictionary | undefined, compact = false): string {
  const lower = text.toLowerCase();
  const mask = (1 << params.bits) - 1;
  const charMax = params.charMax;
  const n = lower.length;
  // Worst case per character: one gram per character n-gram length, plus a word and a bigram.
  out.reserve((n + 2) * (charMax - 1) + 16, n);
  const track = out.track;
  const { indices, firsts, pairs, starts, ends } = out;
  let words = 0;
  let len = 0;
  let prevWord = -1;
  let i = 0;
  while (i < n) {
    if (WORD[lower.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const start = i;
    let raw = FNV_OFFSET;
    let digits = true;
    while (i < n) {
      const d = lower.charCodeAt(i);
      if (WORD[d] !== 1) break;
      if (d < 48 || d > 57) digits = false;
      raw = Math.imul(raw ^ d, FNV_PRIME);
      i++;
    }
    const end = i;
    let wordHash = raw;
    if (digits && end - start > LONG_NUMBER) {
      // The number's shape: every digit as '0'.
      wordHash = FNV_OFFSET;
      for (let k = start; k < end; k++) wordHash = Math.imul(wordHash ^ 48, FNV_PRIME);
    }
    const entry = dictionary === undefined ? -1 : dictionary.find(lower, start, end, raw, wordHash);
    if (track) {
      firsts[words] = len;
      pairs[words] = 0;
      starts[words] = start;
      ends[words] = end;
    }
    if (compact && entry >= 0) {
      // The unigram and character grams stay in the dictionary: only the entry, and the bigram when there is one.
      const pair = params.bigrams && prevWord >= 0;
      indices[len++] = ~((entry << 1) | (pair ? 1 : 0));
      if (pair) indices[len++] = (dictionary as GramDictionary).idFor(fmix32(Math.imul(prevWord, 0x2f0b3b2d) ^ wordHash ^ BIGRAM_SALT) & mask);
      prevWord = wordHash;
      continue;
    }
    if (entry >= 0) indices[len++] = (dictionary as GramDictionary).pool[(dictionary as GramDictionary).poolStart[entry] as number] as number;
    else {
      const index = fmix32(wordHash ^ WORD_SALT) & mask;
      indices[len++] = dictionary === undefined ? index : dictionary.idFor(index);
    }
    // A bigram only after a word whose hash is non-negative as a signed 32-bit value: an accident of the first
    // version that trained models depend on (about half the pairs go unhashed); changing it means retraining.
    // Hashing every pair was measured with `npm run eval:real` (5-fold CV): EMSCAD F1 0.9116 and id-sms 0.9405,
    // against 0.912 and 0.940 as is, so the accident stays rather than break every trained artifact.
    if (params.bigrams && prevWord >= 0) {
      if (track) pairs[words] = 1;
      const index = fmix32(Math.imul(prevWord, 0x2f0b3b2d) ^ wordHash ^ BIGRAM_SALT) & mask;
      indices[len++] = dictionary === undefined ? index : dictionary.idFor(index);
    }
    prevWord = wordHash;
    words++;
    const first = len;
    if (entry >= 0) {
      const d = dictionary as GramDictionary;
      const pool = d.pool;
      const to = d.poolStart[entry + 1] as number;
      for (let g = (d.poolStart[entry] as number) + 1; g < to; g++) indices[len++] = pool[g] as number;
    } else {
      len = writeCharGrams(lower, start, end, charMax, mask, indices, len);
      if (dictionary !== undefined) for (let k = first; k < len; k++) indices[k] = dictionary.idFor(indices[k] as number);
    }
  }
  out.length = len;
  out.words = track ? words : 0;
  return lower;
}
