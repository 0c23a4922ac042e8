// Normalizes post text for matching (NFKC-like folding, de-leet, spaced letters, abbreviations, flag emoji)
// while keeping, for every normalized character, the range of original text it came from.
import { Buffer } from 'node:buffer';
import table from './data/normalize.json' with { type: 'json' };
import { FNV_OFFSET, FNV_PRIME } from './vocabulary.js';
import { Int32Slab } from './int32-slab.js';

/** Kinds of evasive spelling undone by the normalizer; reported so analysts see deliberate obfuscation. */
export type ObfuscationKind = 'stylized' | 'leet' | 'spaced' | 'spelled_digits' | 'confusable' | 'invisible';

export interface Obfuscation {
  kind: ObfuscationKind;
  /** Range in the original text. */
  start: number;
  end: number;
}

/** Counts of non-Latin scripts seen, used by language detection. */
export interface ScriptCounts {
  thai: number;
  khmer: number;
  burmese: number;
  cjk: number;
  hangul: number;
  kana: number;
  vietnamese: number;
  other: number;
}

export interface Normalized {
  /** Lower-case normalized text. */
  text: string;
  /** For each normalized UTF-16 unit, the offset of the original unit it came from. */
  offsets: Int32Array;
  /** For each normalized UTF-16 unit, the end (exclusive) of the original range it came from. */
  ends: Int32Array;
  /** Word tokens of `text` as [start, end) pairs in normalized coordinates. */
  tokStarts: Int32Array;
  tokEnds: Int32Array;
  /** FNV-1a hash of each token's UTF-16 units (see vocabulary.ts), so lexicon lookups need not read the text again. */
  tokHashes: Int32Array;
  obfuscations: Obfuscation[];
  scripts: ScriptCounts;
}

const ABBREVIATIONS = new Map<string, string>(Object.entries(table.abbreviations));
const DIGIT_WORDS = new Map<string, string>(Object.entries(table.digitWords));
const LEET = new Map<number, number>(Object.entries(table.leet).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));
const LEET_EDGE = new Map<number, number>(Object.entries(table.leetEdge).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));
const PROTECTED = new RegExp(table.protectedTokens);
const CURRENCY_PREFIXES = new Set(table.currencyPrefixes);
const UNITS = new Set(table.units);
const EMOJI = new Map<string, string>(Object.entries(table.emoji));
const CONFUSABLES = new Map<string, string>(Object.entries(table.confusables));
const SMALL_CAPITALS = new Map<string, string>(Object.entries(table.smallCapitals));
const FLAG_NAMES = new Map<string, string>(Object.entries(table.flagNames));
const MIN_DIGIT_WORD_RUN = table.minDigitWordRun;
// Local copies of vocabulary.ts's FNV-1a constants: read in per-unit loops, where an imported binding may cost a
// property load per read (it does when tsx loads the module as CommonJS).
const HASH_OFFSET = FNV_OFFSET;
const HASH_PRIME = FNV_PRIME;
const MAX_WORD = 256;
// Only the first events are kept: they explain a post; thousands more would only cost time.
const MAX_OBFUSCATIONS = 200;

// Word characters of the normalized text: ASCII letters and digits, plus any Unicode letter or number.
// A 64 KiB table built once keeps the hot loop free of regex calls.
const WORD = new Uint8Array(65536);
{
  const letterOrNumber = /[\p{L}\p{N}]/u;
  for (let c = 0; c < 65536; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) WORD[c] = 1;
    else if (c >= 0xd800 && c <= 0xdfff) WORD[c] = 1; // astral letters survive as surrogate pairs
    else if (c > 127 && letterOrNumber.test(String.fromCharCode(c))) WORD[c] = 1;
  }
}

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c > 127 && WORD[c] === 1);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

interface CodeMapping {
  out: string;
  obfuscation: ObfuscationKind | null;
  script: keyof ScriptCounts | null;
}

// Per-code-point results are cached: posts reuse a small set of non-ASCII characters.
const cache = new Map<number, CodeMapping>();
const MARKS = /\p{M}/gu;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const INVISIBLE = /[\p{Cf}\p{Cc}]/u;
const DASH = /\p{Pd}/u;
const SPACE = /[\p{Zs}]/u;
const LINE = /[\p{Zl}\p{Zp}]/u;

function scriptOf(cp: number): keyof ScriptCounts | null {
  if (cp >= 0x0e00 && cp <= 0x0e7f) return 'thai';
  if (cp >= 0x1780 && cp <= 0x17ff) return 'khmer';
  if (cp >= 0x1000 && cp <= 0x109f) return 'burmese';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'cjk';
  if (cp >= 0xac00 && cp <= 0xd7af) return 'hangul';
  if (cp >= 0x3040 && cp <= 0x30ff) return 'kana';
  if ((cp >= 0x1ea0 && cp <= 0x1ef9) || cp === 0x01a0 || cp === 0x01a1 || cp === 0x01af || cp === 0x01b0 || cp === 0x0110 || cp === 0x0111)
    return 'vietnamese';
  return null;
}

function isStylizedRange(cp: number): boolean {
  return (
    (cp >= 0x1d400 && cp <= 0x1d7ff) || // mathematical alphanumerics: 𝐠𝐚𝐣𝐢
    (cp >= 0xff01 && cp <= 0xff5e) || // fullwidth: ｇａｊｉ
    (cp >= 0x2460 && cp <= 0x24ff) || // circled and parenthesized
    (cp >= 0x1f100 && cp <= 0x1f1ff) || // enclosed alphanumeric supplement
    (cp >= 0x1d00 && cp <= 0x1dbf) // small capitals and modifier letters
  );
}

function mapCodePoint(cp: number): CodeMapping {
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  const ch = String.fromCodePoint(cp);
  let out: string;
  let obfuscation: ObfuscationKind | null = null;
  const emoji = EMOJI.get(ch);
  const confusable = CONFUSABLES.get(ch) ?? CONFUSABLES.get(ch.toLowerCase());
  const smallCapital = SMALL_CAPITALS.get(ch);
  if (emoji !== undefined) out = emoji;
  else if (smallCapital !== undefined) {
    out = smallCapital;
    obfuscation = 'stylized';
  } else if (confusable !== undefined) {
    out = confusable;
    obfuscation = 'confusable';
  } else if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || cp === 0x20e3) out = '';
  else if (INVISIBLE.test(ch)) {
    out = '';
    obfuscation = 'invisible';
  } else if (SPACE.test(ch)) out = ' ';
  else if (LINE.test(ch)) out = '\n';
  else if (DASH.test(ch)) out = '-';
  else if (PICTOGRAPHIC.test(ch)) out = ' ';
  else {
    out = ch.toLowerCase().normalize('NFKD').replace(MARKS, '').toLowerCase();
    if (isStylizedRange(cp) && /^[a-z0-9]+$/.test(out)) obfuscation = 'stylized';
  }
  const mapping: CodeMapping = { out, obfuscation, script: scriptOf(cp) };
  if (cache.size > 20_000) cache.clear();
  cache.set(cp, mapping);
  return mapping;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Growable parallel typed arrays of output code units and their original ranges. Module-level sinks
 * (two per entry point) are reused across calls (extraction is synchronous), so a post allocates almost nothing here.
 */
class Sink {
  codes = new Uint16Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  length = 0;
  /**
   * @param ranges whether `starts` and `ends` are kept. normalizeForModel's sinks keep none: their stage 2 then
   * reads ranges that are stale, which only affects the obfuscation records it throws away.
   */
  constructor(readonly ranges: boolean) {}
  /** `codes` as bytes, for decoding into a string. */
  private bytes = Buffer.from(this.codes.buffer, this.codes.byteOffset, this.codes.byteLength);
  reset(capacity: number): void {
    this.length = 0;
    if (this.codes.length < capacity) this.grow(capacity);
  }
  private grow(min: number): void {
    let size = this.codes.length * 2;
    while (size < min) size *= 2;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes.subarray(0, this.length));
    starts.set(this.starts.subarray(0, this.length));
    ends.set(this.ends.subarray(0, this.length));
    this.codes = codes;
    this.bytes = Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength);
    this.starts = starts;
    this.ends = ends;
  }
  /** Makes room for at least `more` further units. */
  reserve(more: number): void {
    if (this.length + more > this.codes.length) this.grow(this.length + more);
  }
  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow(this.length + 1);
    const i = this.length++;
    this.codes[i] = code;
    if (this.ranges) {
      this.starts[i] = start;
      this.ends[i] = end;
    }
  }
  /** Appends units [from, to) of another sink with their original ranges. */
  copyFrom(src: Sink, from: number, to: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    if (to - from >= 64) {
      // Long runs by native copy; below this, making the three subarray views costs more than the loop.
      this.codes.set(src.codes.subarray(from, to), this.length);
      if (this.ranges) {
        this.starts.set(src.starts.subarray(from, to), this.length);
        this.ends.set(src.ends.subarray(from, to), this.length);
      }
      this.length += to - from;
      return;
    }
    const codes = this.codes;
    const starts = this.starts;
    const ends = this.ends;
    const sc = src.codes;
    const ss = src.starts;
    const se = src.ends;
    let w = this.length;
    if (!this.ranges) {
      for (let k = from; k < to; k++, w++) codes[w] = sc[k] as number;
      this.length = w;
      return;
    }
    for (let k = from; k < to; k++, w++) {
      codes[w] = sc[k] as number;
      starts[w] = ss[k] as number;
      ends[w] = se[k] as number;
    }
    this.length = w;
  }
  pushString(s: string, start: number, end: number): void {
    for (let k = 0; k < s.length; k++) this.push(s.charCodeAt(k), start, end);
  }
  toString(from = 0, to = this.length): string {
    // Node's UTF-16 decoding copies the units as they are, lone surrogates included (TextDecoder would turn those
    // into U+FFFD, and is several times slower).
    if (LITTLE_ENDIAN) return this.bytes.toString('utf16le', from * 2, to * 2);
    let s = '';
    for (let i = from; i < to; i += 8192) s += String.fromCharCode.apply(null, this.codes.subarray(i, Math.min(to, i + 8192)) as unknown as number[]);
    return s;
  }
}

const FOLDED = new Sink(true);
const OUT = new Sink(true);
// normalizeForModel's: the same stages without original ranges.
const TEXT_FOLDED = new Sink(false);
const TEXT_OUT = new Sink(false);

const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

// An e-mail's at-sign is followed by a domain with a dot before the next space.
function isEmailAt(units: Uint16Array, n: number, at: number): boolean {
  for (let k = at + 1; k < n && k < at + 64; k++) {
    const c = units[k] as number;
    if (c === 46) return true;
    if (!(isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 95)) return false;
  }
  return false;
}

// Stage 1's mapping of ASCII: upper case to lower, controls (except the newline) and DEL to a space, the rest as
// is; 0 marks the at-sign, which only its neighbours decide. One table load replaces a chain of range tests.
const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_FOLD[c] = c >= 65 && c <= 90 ? c + 32 : (c < 32 && c !== 10) || c === 127 ? 32 : c;
ASCII_FOLD[64] = 0;

// The input's UTF-16 units, copied by one native call into a reused buffer and read from there: charCodeAt
// costs several times more per unit on sliced or concatenated strings (posts cut out of pages or feeds) than a
// typed-array read. The copy is exact, lone surrogates included.
let INPUT = Buffer.alloc(8192);
let INPUT_UNITS = new Uint16Array(INPUT.buffer, INPUT.byteOffset, INPUT.length >>> 1);

// RAMP[k] = k, at least one past every input position: stage 1 copies the original ranges of ASCII runs from it.
let RAMP = makeRamp(INPUT_UNITS.length + 1);

function makeRamp(size: number): Int32Array {
  const ramp = new Int32Array(size);
  for (let k = 0; k < size; k++) ramp[k] = k;
  return ramp;
}

/** `text`'s units in INPUT_UNITS[0, text.length), then a non-ASCII sentinel; the units after it are stale. */
function loadUnits(text: string): Uint16Array {
  if (INPUT_UNITS.length <= text.length) {
    INPUT = Buffer.alloc(2 * Math.max(text.length, 2 * INPUT_UNITS.length));
    INPUT_UNITS = new Uint16Array(INPUT.buffer, INPUT.byteOffset, INPUT.length >>> 1);
    RAMP = makeRamp(INPUT_UNITS.length + 1);
  }
  if (LITTLE_ENDIAN) INPUT.write(text, 0, 'utf16le');
  else for (let k = 0; k < text.length; k++) INPUT_UNITS[k] = text.charCodeAt(k);
  // Ends stage 1's ASCII loop without a bounds test per unit.
  INPUT_UNITS[text.length] = 0xffff;
  return INPUT_UNITS;
}

/** "l0w0ng@n": an at-sign inside a word is a letter a; in an e-mail address it stays. */
function foldAtSign(units: Uint16Array, n: number, i: number, obf: Obfuscation[]): number {
  if (i > 0 && i + 1 < n && isAsciiLetter(units[i - 1] as number) && isAsciiLetter(units[i + 1] as number) && !isEmailAt(units, n, i)) {
    obf.push({ kind: 'leet', start: i, end: i + 1 });
    return 97;
  }
  return 64;
}

/** Stage 1: per code point folding (case, compatibility forms, marks, confusables, emoji, flags). */
function foldCodePoints(text: string, sink: Sink, obf: Obfuscation[], scripts: ScriptCounts): void {
  const n = text.length;
  const units = loadUnits(text);
  let i = 0;
  while (i < n) {
    // ASCII runs (most of a post) are written straight into the sink's arrays: one output unit per input unit.
    if (sink.length + (n - i) > sink.codes.length) sink.reserve(n - i);
    const codes = sink.codes;
    const starts = sink.starts;
    const ends = sink.ends;
    let w = sink.length;
    let c = units[i] as number;
    if (sink.ranges) {
      const from = i;
      const w0 = w;
      while (c < 128) {
        let o = ASCII_FOLD[c] as number;
        if (o === 0) o = foldAtSign(units, n, i, obf);
        codes[w++] = o;
        c = units[++i] as number;
      }
      // Each unit of the run came from the one input unit at the same distance from the run's start. Long runs
      // (most of a post) copy those ranges from a ramp natively; below 64 units the views cost more than a loop.
      if (i - from >= 64) {
        starts.set(RAMP.subarray(from, i), w0);
        ends.set(RAMP.subarray(from + 1, i + 1), w0);
      } else
        for (let k = from, v = w0; k < i; k++, v++) {
          starts[v] = k;
          ends[v] = k + 1;
        }
    } else {
      // The same loop without the original ranges (normalizeForModel).
      while (c < 128) {
        let o = ASCII_FOLD[c] as number;
        if (o === 0) o = foldAtSign(units, n, i, obf);
        codes[w++] = o;
        c = units[++i] as number;
      }
    }
    sink.length = w;
    if (i >= n) break;
    let cp = c;
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = units[i + 1] as number;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        len = 2;
      }
    }
    if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      // A flag is two regional indicators spelling an ISO country code.
      // The second indicator is a surrogate pair at i + 2 (its high half is U+D83C).
      const h = i + 3 < n ? (units[i + 2] as number) : 0;
      const l = i + 3 < n ? (units[i + 3] as number) : 0;
      const next = h === 0xd83c && l >= 0xdc00 && l <= 0xdfff ? ((h - 0xd800) << 10) + (l - 0xdc00) + 0x10000 : 0;
      if (len === 2 && next >= 0x1f1e6 && next <= 0x1f1ff) {
        const iso = String.fromCharCode(65 + cp - 0x1f1e6, 65 + next - 0x1f1e6);
        const name = FLAG_NAMES.get(iso);
        sink.pushString(name === undefined ? ' ' : ` ${name} `, i, i + 4);
        i += 4;
        continue;
      }
      sink.push(32, i, i + len);
      i += len;
      continue;
    }
    const m = mapCodePoint(cp);
    if (m.script !== null) scripts[m.script]++;
    else if (cp > 0x24f && WORD[c] === 1 && m.out.length > 0 && m.out.charCodeAt(0) > 127) scripts.other++;
    if (m.obfuscation !== null && obf.length < MAX_OBFUSCATIONS) {
      const last = obf[obf.length - 1];
      if (last !== undefined && last.kind === m.obfuscation && last.end === i) last.end = i + len;
      else obf.push({ kind: m.obfuscation, start: i, end: i + len });
    }
    const out = m.out;
    for (let k = 0; k < out.length; k++) sink.push(out.charCodeAt(k), i, i + len);
    i += len;
  }
}

// Separators allowed inside a spaced-out word ("W A", "w.a", "K-a-m-b-o-j-a", "0 8 1 2").
const isSpacer = (c: number): boolean => c === 32 || c === 46 || c === 45 || c === 95 || c === 42;

// Cheap pre-filter for the word maps: a bitmap of (length, first, last char) hashes of every key, so most
// words are never turned into strings just to look them up.
const KEY_FILTER = new Uint8Array(1 << 14);
const keyHash = (len: number, first: number, last: number): number => ((len * 31 + first) * 131 + last) & 0x3fff;
for (const key of [...ABBREVIATIONS.keys(), ...DIGIT_WORDS.keys()]) KEY_FILTER[keyHash(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1))] = 1;

/** The gap between a token's end and the next token's start: 1-2 spacer chars of one kind. */
function singleSep(codes: Uint16Array, a: number, b: number): boolean {
  const gap = b - a;
  if (gap < 1 || gap > 2) return false;
  const g = codes[a] as number;
  if (!isSpacer(g)) return false;
  return gap === 1 || codes[a + 1] === g;
}

const mayBeKey = (codes: Uint16Array, p: number, q: number): boolean => KEY_FILTER[keyHash(q - p, codes[p] as number, codes[q - 1] as number)] === 1;
const wordAt = (codes: Uint16Array, p: number, q: number): string => String.fromCharCode.apply(null, codes.subarray(p, q) as unknown as number[]);

interface WordEntry {
  key: string;
  value: string;
  /** Another key with the same hash (none in the shipped tables, but allowed). */
  next: WordEntry | null;
}

/**
 * A string map read straight from code units: words are looked up by an FNV-1a hash of their units and then
 * compared unit by unit, so looking a word up builds no string (building one per candidate word was the
 * largest single cost of stage 2). Answers exactly what `Map.get(word)` would.
 */
class WordMap {
  private readonly byHash = new Map<number, WordEntry>();
  constructor(map: Map<string, string>) {
    for (const [key, value] of map) {
      let h = HASH_OFFSET;
      for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), HASH_PRIME);
      this.byHash.set(h, { key, value, next: this.byHash.get(h) ?? null });
    }
  }
  /** The value for the word in units [p, q) of `codes`. */
  get(codes: ArrayLike<number>, p: number, q: number): string | undefined {
    let h = HASH_OFFSET;
    for (let k = p; k < q; k++) h = Math.imul(h ^ (codes[k] as number), HASH_PRIME);
    for (let e: WordEntry | null | undefined = this.byHash.get(h); e !== undefined && e !== null; e = e.next) {
      const key = e.key;
      if (key.length !== q - p) continue;
      let k = 0;
      while (k < key.length && key.charCodeAt(k) === codes[p + k]) k++;
      if (k === key.length) return e.value;
    }
    return undefined;
  }
}

const ABBREVIATION_WORDS = new WordMap(ABBREVIATIONS);
const DIGIT_WORD_WORDS = new WordMap(DIGIT_WORDS);

// Stage 2's words of the folded text: start, end, FNV-1a hash (as tokenize computes it) and count. When no
// word changes they are the output's tokens, and tokenize need not read the text again.
let TS = new Int32Array(1024);
let TE = new Int32Array(1024);
let TH = new Int32Array(1024);
let WORDS = 0;
/** Per word of stage 2: 1 when it has a digit or a unit repeated three times, and is not all digits. */
let TQ = new Uint8Array(1024);
// Stage 2's rewritten stretches, four numbers each: source start and end (word boundaries), output start and end.
// Only they need tokenizing again: the output's other tokens are stage 2's words, shifted (see outputTokens).
let SEGS = new Int32Array(4096);
let SEG_COUNT = 0;

/**
 * Stage 2: word-level rewrites (spaced letters, spelled digits, leet, letter repeats, abbreviations). Unchanged
 * text is copied lazily, only when a later word does change; returns false (and writes nothing) when no word
 * changed, so the folded text is the output as is.
 */
function rewriteWords(src: Sink, sink: Sink, obf: Obfuscation[]): boolean {
  const codes = src.codes;
  const n = src.length;
  if (TS.length < n) {
    TS = new Int32Array(n * 2);
    TE = new Int32Array(n * 2);
    TH = new Int32Array(n * 2);
    TQ = new Uint8Array(n * 2);
    SEGS = new Int32Array(n * 8);
  }
  const ts = TS;
  const te = TE;
  const th = TH;
  const tq = TQ;
  let T = 0;
  // Words, and in the same pass what the per-word fast path below needs to know (saves reading each word twice).
  for (let i = 0; i < n; ) {
    let c = codes[i] as number;
    if (WORD[c] === 1) {
      const s = i;
      let digits = 0;
      let triple = false;
      let h = HASH_OFFSET;
      // The two previous units of the word (-1: none yet).
      let p1 = -1;
      let p2 = -1;
      do {
        h = Math.imul(h ^ c, HASH_PRIME);
        if (c >= 48 && c <= 57) digits++;
        else if (c === p1 && c === p2) triple = true;
        p2 = p1;
        p1 = c;
        i++;
      } while (i < n && WORD[(c = codes[i] as number)] === 1);
      ts[T] = s;
      te[T] = i;
      th[T] = h;
      tq[T++] = (digits > 0 || triple) && digits < i - s ? 1 : 0;
    } else i++;
  }
  WORDS = T;
  // Units before pos are in the sink already; changed is whether any word was rewritten.
  let pos = 0;
  let changed = false;
  const segs = SEGS;
  let g = 0;
  for (let t = 0; t < T; t++) {
    const s = ts[t] as number;
    const e = te[t] as number;
    const first = codes[s] as number;
    const mayBeWordKey = mayBeKey(codes, s, e);
    // spaced single letters or digits
    if (e - s === 1 && (isLetter(first) || isDigit(first))) {
      const digit = isDigit(first);
      let j = t;
      while (j + 1 < T) {
        const ns = ts[j + 1] as number;
        const ne = te[j + 1] as number;
        if (ne - ns !== 1) break;
        const nc = codes[ns] as number;
        if ((digit ? !isDigit(nc) : !isLetter(nc)) || !singleSep(codes, te[j] as number, ns)) break;
        j++;
      }
      const run = j - t + 1;
      if ((digit && run >= 4) || (!digit && run >= 2)) {
        segs[g] = s;
        segs[g + 2] = sink.length + (s - pos);
        sink.copyFrom(src, pos, s);
        changed = true;
        for (let k = t; k <= j; k++) {
          const p = ts[k] as number;
          sink.push(codes[p] as number, src.starts[p] as number, src.ends[p] as number);
        }
        obf.push({ kind: 'spaced', start: src.starts[s] as number, end: src.ends[(te[j] as number) - 1] as number });
        pos = te[j] as number;
        segs[g + 1] = pos;
        segs[g + 3] = sink.length;
        g += 4;
        t = j;
        continue;
      }
    }
    // spelled-out digits: "nol delapan satu dua ..."
    if (mayBeWordKey && DIGIT_WORD_WORDS.get(codes, s, e) !== undefined) {
      let j = t;
      while (j + 1 < T) {
        const ns = ts[j + 1] as number;
        const ne = te[j + 1] as number;
        if (!mayBeKey(codes, ns, ne) || DIGIT_WORD_WORDS.get(codes, ns, ne) === undefined) break;
        if (ns - (te[j] as number) > 3) break;
        let ok = true;
        for (let k = te[j] as number; k < ns; k++) {
          const c = codes[k] as number;
          if (c !== 32 && c !== 44 && c !== 46 && c !== 45 && c !== 10) ok = false;
        }
        if (!ok) break;
        j++;
      }
      if (j - t + 1 >= MIN_DIGIT_WORD_RUN) {
        segs[g] = s;
        segs[g + 2] = sink.length + (s - pos);
        sink.copyFrom(src, pos, s);
        changed = true;
        for (let k = t; k <= j; k++) {
          const p = ts[k] as number;
          const q = te[k] as number;
          const d = DIGIT_WORD_WORDS.get(codes, p, q) as string;
          sink.push(d.charCodeAt(0), src.starts[p] as number, src.ends[q - 1] as number);
        }
        obf.push({ kind: 'spelled_digits', start: src.starts[s] as number, end: src.ends[(te[j] as number) - 1] as number });
        pos = te[j] as number;
        segs[g + 1] = pos;
        segs[g + 3] = sink.length;
        g += 4;
        t = j;
        continue;
      }
    }
    // Monster tokens (no spaces for kilobytes) are not words anyone reads: kept as they are.
    if (e - s > MAX_WORD) continue;
    // Fast path: a plain word (no digit, no letter tripled, not a map key) is copied as is; so is a number
    // (digits only: nothing to de-leet or collapse).
    if (tq[t] === 0 && !mayBeWordKey) continue;
    const outStart = sink.length + (s - pos);
    if (emitWord(s, e, src, sink, obf, pos)) {
      changed = true;
      pos = e;
      segs[g] = s;
      segs[g + 1] = e;
      segs[g + 2] = outStart;
      segs[g + 3] = sink.length;
      g += 4;
    }
  }
  SEG_COUNT = g >>> 2;
  if (changed) sink.copyFrom(src, pos, n);
  return changed;
}

function hasLetterAndDigit(codes: Uint16Array, p: number, q: number): boolean {
  let l = false;
  let d = false;
  for (let k = p; k < q; k++) {
    const c = codes[k] as number;
    if (isDigit(c)) d = true;
    else if (isLetter(c)) l = true;
    if (l && d) return true;
  }
  return false;
}

function leadingLetters(word: string, upto: number): string {
  let k = upto;
  while (k > 0 && isLetter(word.charCodeAt(k - 1))) k--;
  return word.slice(k, upto);
}

function trailingLetters(word: string, from: number): string {
  let k = from;
  while (k < word.length && isLetter(word.charCodeAt(k))) k++;
  return word.slice(from, k);
}

/** De-leets one word: a lone digit between letters (g4ji, l0ker) or at a word edge next to 3+ letters. */
function deleet(word: string): number[] | null {
  if (PROTECTED.test(word)) return null;
  const out: number[] = [];
  let changed = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    const sub = LEET.get(c);
    if (sub !== undefined && isDigit(c)) {
      const prev = k > 0 ? word.charCodeAt(k - 1) : 0;
      const next = k + 1 < word.length ? word.charCodeAt(k + 1) : 0;
      if (!isDigit(prev) && !isDigit(next)) {
        const before = leadingLetters(word, k);
        const after = trailingLetters(word, k + 1);
        const between = before.length > 0 && after.length > 0 && !CURRENCY_PREFIXES.has(before) && !UNITS.has(after);
        const edge = LEET_EDGE.has(c) &&
          ((before.length === 0 && after.length >= 3 && !UNITS.has(after) && k === 0) ||
            (after.length === 0 && before.length >= 3 && k === word.length - 1 && !CURRENCY_PREFIXES.has(before)));
        if (between || edge) {
          out.push(sub);
          changed = true;
          continue;
        }
      }
    }
    out.push(c);
  }
  return changed ? out : null;
}

/** Writes a rewritten word (after the pending unchanged units from `pending`); false, writing nothing, if it stays as is. */
function emitWord(s: number, e: number, src: Sink, sink: Sink, obf: Obfuscation[], pending: number): boolean {
  const L = e - s;
  const units = src.codes;
  // Only a word with both letters and digits can be de-leeted: the others never become a string.
  let codes: number[] | null = hasLetterAndDigit(units, s, e) ? deleet(wordAt(units, s, e)) : null;
  if (codes !== null) obf.push({ kind: 'leet', start: src.starts[s] as number, end: src.ends[s + L - 1] as number });
  // Map each output char to its source char index within the word.
  let idx: number[] | null = null;
  let idxEnd: number[] | null = null;
  // Collapse runs of 3+ identical letters ("gajiii", "bangeeet").
  {
    const base = codes ?? null;
    let run = 1;
    let needs = false;
    for (let k = 1; k < L; k++) {
      const c = base === null ? (units[s + k] as number) : (base[k] as number);
      const p = base === null ? (units[s + k - 1] as number) : (base[k - 1] as number);
      if (c === p && isLetter(c)) {
        if (++run >= 3) {
          needs = true;
          break;
        }
      } else run = 1;
    }
    if (needs) {
      const src2 = base ?? Array.from(units.subarray(s, e));
      const out: number[] = [];
      idx = [];
      idxEnd = [];
      for (let k = 0; k < L; k++) {
        const c = src2[k] as number;
        let r = k;
        while (r < L && src2[r] === c) r++;
        if (r - k >= 3 && isLetter(c)) {
          // the kept letter stands for the whole run
          out.push(c);
          idx.push(k);
          idxEnd.push(r - 1);
          k = r - 1;
        } else {
          out.push(c);
          idx.push(k);
          idxEnd.push(k);
        }
      }
      codes = out;
    }
  }
  const expansion = codes === null ? ABBREVIATION_WORDS.get(units, s, e) : ABBREVIATION_WORDS.get(codes, 0, codes.length);
  if (expansion === undefined && codes === null) return false;
  sink.copyFrom(src, pending, s);
  if (expansion !== undefined) {
    const start = src.starts[s] as number;
    const end = src.ends[s + L - 1] as number;
    sink.pushString(expansion, start, end);
    return true;
  }
  if (codes === null) return true;
  for (let k = 0; k < codes.length; k++) {
    const from = idx === null ? k : (idx[k] as number);
    const to = idxEnd === null ? k : (idxEnd[k] as number);
    sink.push(codes[k] as number, src.starts[s + from] as number, src.ends[s + to] as number);
  }
  return true;
}

let TOK_S = new Int32Array(512);
let TOK_E = new Int32Array(512);
let TOK_H = new Int32Array(512);

/**
 * Word tokens (maximal runs of WORD units) of stage 2's output into TOK_S/E/H, returning their count. Outside the
 * rewritten stretches the output is the folded text shifted, so its tokens are stage 2's words shifted: each
 * stretch starts and ends on a word boundary, next to a non-word unit or the text's edge, and only the units a
 * rewrite wrote are read again.
 */
function outputTokens(sink: Sink): number {
  const codes = sink.codes;
  const n = sink.length;
  if (TOK_S.length < n) {
    TOK_S = new Int32Array(n);
    TOK_E = new Int32Array(n);
    TOK_H = new Int32Array(n);
  }
  const ots = TOK_S;
  const ote = TOK_E;
  const oth = TOK_H;
  const ts = TS;
  const te = TE;
  const th = TH;
  const words = WORDS;
  const segs = SEGS;
  const segEnd = SEG_COUNT * 4;
  let T = 0;
  let w = 0;
  // Output position minus source position of the units copied unchanged since the last stretch.
  let shift = 0;
  for (let g = 0; g < segEnd; g += 4) {
    const srcStart = segs[g] as number;
    for (; w < words && (ts[w] as number) < srcStart; w++, T++) {
      ots[T] = (ts[w] as number) + shift;
      ote[T] = (te[w] as number) + shift;
      oth[T] = th[w] as number;
    }
    const srcEnd = segs[g + 1] as number;
    while (w < words && (ts[w] as number) < srcEnd) w++;
    const outEnd = segs[g + 3] as number;
    for (let i = segs[g + 2] as number; i < outEnd; ) {
      let c = codes[i] as number;
      if (WORD[c] === 1) {
        ots[T] = i;
        let h = HASH_OFFSET;
        do {
          h = Math.imul(h ^ c, HASH_PRIME);
          i++;
        } while (i < outEnd && WORD[(c = codes[i] as number)] === 1);
        oth[T] = h;
        ote[T++] = i;
      } else i++;
    }
    shift = outEnd - srcEnd;
  }
  for (; w < words; w++, T++) {
    ots[T] = (ts[w] as number) + shift;
    ote[T] = (te[w] as number) + shift;
    oth[T] = th[w] as number;
  }
  return T;
}

// Posts' offset and token arrays are cut from a shared slab (see int32-slab.ts).
const SLAB = new Int32Slab();

/**
 * Stage 1 (code points folded into `folded`) then stage 2 (words rewritten into `out`); returns whether stage 2
 * changed anything, i.e. whether the result is `out` rather than `folded`.
 */
function runStages(text: string, folded: Sink, out: Sink, obfuscations: Obfuscation[], scripts: ScriptCounts): boolean {
  folded.reset(text.length + 16);
  foldCodePoints(text, folded, obfuscations, scripts);
  out.reset(folded.length + 16);
  return rewriteWords(folded, out, obfuscations);
}

/** Full normalization with token boundaries, obfuscation events and script counts. */
export function normalizeDetailed(text: string): Normalized {
  const obfuscations: Obfuscation[] = [];
  const scripts: ScriptCounts = { thai: 0, khmer: 0, burmese: 0, cjk: 0, hangul: 0, kana: 0, vietnamese: 0, other: 0 };
  const folded = FOLDED;
  const out = OUT;
  const changed = runStages(text, folded, out, obfuscations, scripts);
  if (obfuscations.length > MAX_OBFUSCATIONS) obfuscations.length = MAX_OBFUSCATIONS;
  const result = changed ? out : folded;
  const normalized = result.toString();
  const len = result.length;
  // Unchanged text has the tokens stage 2 already found (most real posts: nothing to rewrite).
  const T = changed ? outputTokens(result) : WORDS;
  const tokS = changed ? TOK_S : TS;
  const tokE = changed ? TOK_E : TE;
  const tokH = changed ? TOK_H : TH;
  // The five arrays are views of one range of a shared slab: a typed array of this size is otherwise a separate,
  // zero-filled off-heap allocation per post (and garbage-collector work later), which cost more than filling it.
  // Callers see ordinary Int32Arrays of the right lengths; every element is written below.
  const all = SLAB.range(2 * len + 3 * T);
  all.set(result.starts.subarray(0, len), 0);
  all.set(result.ends.subarray(0, len), len);
  const tok = 2 * len;
  all.set(tokS.subarray(0, T), tok);
  all.set(tokE.subarray(0, T), tok + T);
  all.set(tokH.subarray(0, T), tok + 2 * T);
  return {
    text: normalized,
    offsets: all.subarray(0, len),
    ends: all.subarray(len, tok),
    tokStarts: all.subarray(tok, tok + T),
    tokEnds: all.subarray(tok + T, tok + 2 * T),
    tokHashes: all.subarray(tok + 2 * T, tok + 3 * T),
    obfuscations,
    scripts,
  };
}

/**
 * Only the normalized text: exactly `normalizeDetailed(text).text`, for callers (the classifier) that need neither
 * offsets, tokens nor script counts, so none of those arrays are copied out.
 */
export function normalizeForModel(text: string): string {
  // Obfuscation records and script counts are still made by the shared stages, then dropped.
  const obfuscations: Obfuscation[] = [];
  const scripts: ScriptCounts = { thai: 0, khmer: 0, burmese: 0, cjk: 0, hangul: 0, kana: 0, vietnamese: 0, other: 0 };
  return runStages(text, TEXT_FOLDED, TEXT_OUT, obfuscations, scripts) ? TEXT_OUT.toString() : TEXT_FOLDED.toString();
}

/**
 * Normalized lower-case text and, for each of its UTF-16 units, the offset in `text` it came from.
 * Use `normalizeDetailed` for end offsets and tokens.
 */
export function normalizeText(text: string): { text: string; offsets: Int32Array } {
  const n = normalizeDetailed(text);
  return { text: n.text, offsets: n.offsets };
}

/** Maps a [start, end) range of normalized text back to the original text. */
export function toOriginalSpan(n: Pick<Normalized, 'offsets' | 'ends'>, start: number, end: number): { start: number; end: number } {
  if (n.offsets.length === 0) return { start: 0, end: 0 };
  const s = Math.max(0, Math.min(start, n.offsets.length - 1));
  const e = Math.max(s, Math.min(end - 1, n.ends.length - 1));
  const os = n.offsets[s] as number;
  const oe = n.ends[e] as number;
  return { start: os, end: Math.max(os, oe) };
}
