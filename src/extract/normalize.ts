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

// Stage 1's output and stage 2's replacements.
const FOLDED = new Sink(true);
const REWRITES = new Sink(true);
// normalizeForModel's: the same stages without original ranges.
const MODEL_FOLDED = new Sink(false);
const MODEL_REWRITES = new Sink(false);
// The output text's units when stage 2 changed something (either entry point's, for the length of one call).
const TEXT = new Sink(false);

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
// is, in the low byte; ASCII_WORD marks an output that is a word unit and ASCII_DIGIT one that is a digit, so the
// same loop finds stage 2's words. 0 marks the at-sign, which only its neighbours decide: it leaves the loop (a
// call inside the loop, even one never made, slowed the whole loop). One table load replaces a chain of range
// tests.
const ASCII_WORD = 0x100;
// A word's units OR-ed together (see foldCodePoints) tell whether it has a digit, a unit that is not a digit, or
// (TRIPLE) a unit other than a digit three times in a row.
const UNIT_DIGIT = 0x200;
const UNIT_OTHER = 0x400;
const UNIT_TRIPLE = 0x800;
const ASCII_FOLD = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const o = c >= 65 && c <= 90 ? c + 32 : (c < 32 && c !== 10) || c === 127 ? 32 : c;
  if (WORD[o] === 1) ASCII_FOLD[c] = o | ASCII_WORD | (o >= 48 && o <= 57 ? UNIT_DIGIT : UNIT_OTHER);
  else ASCII_FOLD[c] = o;
}
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
function foldAtSign(units: Uint16Array, n: number, i: number, obf: Obfuscation[]): string {
  if (i > 0 && i + 1 < n && isAsciiLetter(units[i - 1] as number) && isAsciiLetter(units[i + 1] as number) && !isEmailAt(units, n, i)) {
    obf.push({ kind: 'leet', start: i, end: i + 1 });
    return 'a';
  }
  return '@';
}

// Stage 1's word state across calls of foldAscii: word start (-1: none), hash, UNIT_* bits, last two units, count.
const WORD_STATE = new Int32Array(5);

/**
 * Stage 1's ASCII loop: folds units from `i` on into `codes` from `w` on until a unit that is not ASCII or is the
 * at-sign, finding stage 2's words as it goes (state in `state`, see WORD_STATE); returns the position reached.
 * A small function of its parameters with literal constants: measured 0.3-0.4 µs per post faster than the same
 * loop inside foldCodePoints reading module constants and wordFlags.
 */
function foldAscii(
  units: Uint16Array, i: number, codes: Uint16Array, w: number, ts: Int32Array, te: Int32Array, th: Int32Array,
  tq: Uint8Array, fold: Uint16Array, keyFilter: Uint8Array, state: Int32Array,
): number {
  let ws = state[0] as number;
  let h = state[1] as number;
  let kinds = state[2] as number;
  let last2 = state[3] as number;
  let T = state[4] as number;
  let c = units[i] as number;
  // Literals below (keep them in step): ASCII_WORD (0x100), UNIT_DIGIT | UNIT_OTHER (0x600), UNIT_OTHER (0x400),
  // UNIT_TRIPLE (0x800), UNIT_DIGIT | UNIT_TRIPLE (0xa00), FNV-1a's offset and prime, KEY_MASK (0x3fff) and the
  // WORD_* bits (1, 2, 4): optimized code re-loads and checks a module constant on every use.
  while (c < 128) {
    const f = fold[c] as number;
    if (f === 0) break;
    const o = f & 0xff;
    codes[w] = o;
    if (f >= 0x100) {
      if (ws < 0) {
        ws = w;
        h = 0x811c9dc5 | 0;
        kinds = 0;
        last2 = -1;
      }
      h = Math.imul(h ^ o, 0x01000193);
      kinds |= f & 0x600;
      if (last2 === ((o << 16) | o) && f >= 0x400) kinds |= 0x800;
      last2 = (last2 << 16) | o;
    } else if (ws >= 0) {
      ts[T] = ws;
      te[T] = w;
      th[T] = h;
      // wordFlags(w - ws, h, kinds), with its constants as literals (see above).
      const mixed = (kinds & 0xa00) !== 0 && (kinds & 0x400) !== 0;
      tq[T++] = (mixed ? 1 : 0) | ((keyFilter[h & 0x3fff] as number) << 1) | (w - ws === 1 ? 4 : 0);
      ws = -1;
    }
    w++;
    c = units[++i] as number;
  }
  state[0] = ws;
  state[1] = h;
  state[2] = kinds;
  state[3] = last2;
  state[4] = T;
  return i;
}

/**
 * Stage 1: per code point folding (case, compatibility forms, marks, confusables, emoji, flags). The same pass
 * finds stage 2's words in the folded text (see TS): stage 1 already reads every unit, and a second pass over
 * the folded text cost as much again.
 */
function foldCodePoints(text: string, sink: Sink, obf: Obfuscation[], scripts: ScriptCounts): void {
  const n = text.length;
  const units = loadUnits(text);
  let T = 0;
  // The word being read, if ws >= 0: its start, FNV-1a hash, UNIT_* bits, and its last two units (16 bits each;
  // -1 at first, two 0xffff units, which no word has). A word may go on across non-ASCII units. Packed into few
  // variables: the ASCII loop (foldAscii) measured faster with fewer live values.
  let ws = -1;
  let h = 0;
  let kinds = 0;
  let last2 = 0;
  let i = 0;
  while (i < n) {
    // ASCII runs (most of a post) are written straight into the sink's arrays: one output unit per input unit.
    if (sink.length + (n - i) > sink.codes.length) sink.reserve(n - i);
    if (TS.length < sink.codes.length) growWords(sink.codes.length, T);
    const from = i;
    const w0 = sink.length;
    WORD_STATE[0] = ws;
    WORD_STATE[1] = h;
    WORD_STATE[2] = kinds;
    WORD_STATE[3] = last2;
    WORD_STATE[4] = T;
    i = foldAscii(units, i, sink.codes, w0, TS, TE, TH, TQ, ASCII_FOLD, KEY_FILTER, WORD_STATE);
    ws = WORD_STATE[0] as number;
    h = WORD_STATE[1] as number;
    kinds = WORD_STATE[2] as number;
    last2 = WORD_STATE[3] as number;
    T = WORD_STATE[4] as number;
    const w = w0 + (i - from);
    const c = units[i] as number;
    sink.length = w;
    if (sink.ranges) {
      // Each unit of the run came from the one input unit at the same distance from the run's start. Long runs
      // (most of a post) copy those ranges from a ramp natively; below 64 units the views cost more than a loop.
      const starts = sink.starts;
      const ends = sink.ends;
      if (i - from >= 64) {
        starts.set(RAMP.subarray(from, i), w0);
        ends.set(RAMP.subarray(from + 1, i + 1), w0);
      } else
        for (let k = from, v = w0; k < i; k++, v++) {
          starts[v] = k;
          ends[v] = k + 1;
        }
    }
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
    let out: string;
    if (c === 64) out = foldAtSign(units, n, i, obf);
    else if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      // A flag is two regional indicators spelling an ISO country code.
      // The second indicator is a surrogate pair at i + 2 (its high half is U+D83C).
      const hi = i + 3 < n ? (units[i + 2] as number) : 0;
      const lo = i + 3 < n ? (units[i + 3] as number) : 0;
      const next = hi === 0xd83c && lo >= 0xdc00 && lo <= 0xdfff ? ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000 : 0;
      if (len === 2 && next >= 0x1f1e6 && next <= 0x1f1ff) {
        const name = FLAG_NAMES.get(String.fromCharCode(65 + cp - 0x1f1e6, 65 + next - 0x1f1e6));
        out = name === undefined ? ' ' : ` ${name} `;
        len = 4;
      } else out = ' ';
    } else {
      const m = mapCodePoint(cp);
      if (m.script !== null) scripts[m.script]++;
      else if (cp > 0x24f && WORD[c] === 1 && m.out.length > 0 && m.out.charCodeAt(0) > 127) scripts.other++;
      if (m.obfuscation !== null && obf.length < MAX_OBFUSCATIONS) {
        const last = obf[obf.length - 1];
        if (last !== undefined && last.kind === m.obfuscation && last.end === i) last.end = i + len;
        else obf.push({ kind: m.obfuscation, start: i, end: i + len });
      }
      out = m.out;
    }
    // The output units, each from the whole code point (flag, at-sign), and the words they continue, start or end.
    sink.reserve(out.length);
    if (TS.length < sink.codes.length) growWords(sink.codes.length, T);
    for (let k = 0; k < out.length; k++) {
      const o = out.charCodeAt(k);
      if (WORD[o] === 1) {
        if (ws < 0) {
          ws = sink.length;
          h = HASH_OFFSET;
          kinds = 0;
          last2 = -1;
        }
        h = Math.imul(h ^ o, HASH_PRIME);
        const digit = o >= 48 && o <= 57;
        kinds |= digit ? UNIT_DIGIT : UNIT_OTHER;
        if (last2 === ((o << 16) | o) && !digit) kinds |= UNIT_TRIPLE;
        last2 = (last2 << 16) | o;
      } else if (ws >= 0) {
        TS[T] = ws;
        TE[T] = sink.length;
        TH[T] = h;
        TQ[T++] = wordFlags(sink.length - ws, h, kinds);
        ws = -1;
      }
      sink.push(o, i, i + len);
    }
    i += len;
  }
  if (ws >= 0) {
    if (TS.length <= T) growWords(T + 1, T);
    TS[T] = ws;
    TE[T] = sink.length;
    TH[T] = h;
    TQ[T++] = wordFlags(sink.length - ws, h, kinds);
  }
  WORDS = T;
}

// Separators allowed inside a spaced-out word ("W A", "w.a", "K-a-m-b-o-j-a", "0 8 1 2").
const isSpacer = (c: number): boolean => c === 32 || c === 46 || c === 45 || c === 95 || c === 42;

// Cheap pre-filter for the word maps: a bitmap over the low bits of every key's FNV-1a hash (the hash stage 1
// computes for each word anyway), so most words are never looked up.
const KEY_FILTER = new Uint8Array(1 << 14);
const KEY_MASK = KEY_FILTER.length - 1;
for (const key of [...ABBREVIATIONS.keys(), ...DIGIT_WORDS.keys()]) {
  let h = HASH_OFFSET;
  for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), HASH_PRIME);
  KEY_FILTER[h & KEY_MASK] = 1;
}

/** The gap between a token's end and the next token's start: 1-2 spacer chars of one kind. */
function singleSep(codes: Uint16Array, a: number, b: number): boolean {
  const gap = b - a;
  if (gap < 1 || gap > 2) return false;
  const g = codes[a] as number;
  if (!isSpacer(g)) return false;
  return gap === 1 || codes[a + 1] === g;
}

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
    return this.getHashed(h, codes, p, q);
  }
  /** The same, given the word's FNV-1a hash `h`. */
  getHashed(h: number, codes: ArrayLike<number>, p: number, q: number): string | undefined {
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

// Stage 2's words of the folded text (found by stage 1): start, end, FNV-1a hash (as tokenize computes it) and
// count. When no word changes they are the output's tokens, and tokenize need not read the text again.
let TS = new Int32Array(1024);
let TE = new Int32Array(1024);
let TH = new Int32Array(1024);
let WORDS = 0;
/** Per word of stage 2: WORD_* bits saying which rewrites may apply; 0 for a word no rewrite touches. */
let TQ = new Uint8Array(1024);
// Stage 2's rewritten stretches, SEG numbers each: source start and end (word boundaries), the range of the
// replacement in stage 2's sink, and the range of the replacement's tokens in RTS/RTE/RTH. The output is the
// folded text with those stretches replaced (see writeText); its tokens are stage 2's words outside them, shifted,
// and the replacements' own (see writeTokens).
const SEG = 6;
let SEGS = new Int32Array(1024 * SEG);
let SEG_COUNT = 0;
// Tokens of the replacements, in stage 2's sink's coordinates, and how many of stage 2's words they replaced.
let RTS = new Int32Array(256);
let RTE = new Int32Array(256);
let RTH = new Int32Array(256);
let RT_COUNT = 0;
let REPLACED_WORDS = 0;

/** Has a digit or a unit (not a digit) repeated three times in a row, and is not all digits: de-leet, collapse. */
const WORD_MIXED = 1;
/** Its hash is in KEY_FILTER: may be an abbreviation or a spelled digit. */
const WORD_MAY_BE_KEY = 2;
/** One unit long: may start spaced-out letters or digits. */
const WORD_SINGLE = 4;

// foldAscii spells these constants as literals (optimized code re-loads a module constant on every use): a change
// here without the same change there fails at load, not silently.
if (
  ASCII_WORD !== 0x100 || UNIT_DIGIT !== 0x200 || UNIT_OTHER !== 0x400 || UNIT_TRIPLE !== 0x800 || KEY_MASK !== 0x3fff ||
  HASH_OFFSET !== (0x811c9dc5 | 0) || HASH_PRIME !== 0x01000193 || WORD_MIXED !== 1 || WORD_MAY_BE_KEY !== 2 || WORD_SINGLE !== 4
)
  throw new Error('normalize: foldAscii literals are out of step with the constants they stand for');

/** A word's WORD_* bits from its length, hash and UNIT_* bits. */
function wordFlags(len: number, h: number, kinds: number): number {
  const mixed = (kinds & (UNIT_DIGIT | UNIT_TRIPLE)) !== 0 && (kinds & UNIT_OTHER) !== 0;
  return (mixed ? WORD_MIXED : 0) | (KEY_FILTER[h & KEY_MASK] as number) * WORD_MAY_BE_KEY | (len === 1 ? WORD_SINGLE : 0);
}

/** A new array of `size` units holding the first `kept` of `a` (the word and token arrays grow this way). */
function grownInt32(a: Int32Array, size: number, kept: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a.subarray(0, kept));
  return b;
}

/** Grows the word arrays to at least `size` words, keeping the first `kept` (stage 1: SEGS holds nothing yet). */
function growWords(size: number, kept: number): void {
  TS = grownInt32(TS, size * 2, kept);
  TE = grownInt32(TE, size * 2, kept);
  TH = grownInt32(TH, size * 2, kept);
  const tq = new Uint8Array(size * 2);
  tq.set(TQ.subarray(0, kept));
  TQ = tq;
  SEGS = new Int32Array(size * 2 * SEG);
}

/**
 * Stage 2: word-level rewrites (spaced letters, spelled digits, leet, letter repeats, abbreviations) of the words
 * stage 1 found. Only the replacements are written to `sink` (see SEGS); returns false when no word changed, so
 * the folded text is the output as is.
 */
function rewriteWords(src: Sink, sink: Sink, obf: Obfuscation[]): boolean {
  const codes = src.codes;
  const ts = TS;
  const te = TE;
  const th = TH;
  const tq = TQ;
  const T = WORDS;
  const segs = SEGS;
  let g = 0;
  RT_COUNT = 0;
  REPLACED_WORDS = 0;
  for (let t = 0; t < T; t++) {
    const flags = tq[t] as number;
    // Most words: no rewrite can apply.
    if (flags === 0) continue;
    const s = ts[t] as number;
    const e = te[t] as number;
    const replStart = sink.length;
    // spaced single letters or digits (every one-unit word is a letter or a digit)
    if ((flags & WORD_SINGLE) !== 0) {
      const digit = isDigit(codes[s] as number);
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
        for (let k = t; k <= j; k++) {
          const p = ts[k] as number;
          sink.push(codes[p] as number, src.starts[p] as number, src.ends[p] as number);
        }
        obf.push({ kind: 'spaced', start: src.starts[s] as number, end: src.ends[(te[j] as number) - 1] as number });
        addSegment(sink, g, s, te[j] as number, replStart, run);
        g += SEG;
        t = j;
        continue;
      }
    }
    // spelled-out digits: "nol delapan satu dua ..."
    if ((flags & WORD_MAY_BE_KEY) !== 0 && DIGIT_WORD_WORDS.getHashed(th[t] as number, codes, s, e) !== undefined) {
      let j = t;
      while (j + 1 < T) {
        const ns = ts[j + 1] as number;
        const ne = te[j + 1] as number;
        if (((tq[j + 1] as number) & WORD_MAY_BE_KEY) === 0 || DIGIT_WORD_WORDS.getHashed(th[j + 1] as number, codes, ns, ne) === undefined) break;
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
        for (let k = t; k <= j; k++) {
          const p = ts[k] as number;
          const q = te[k] as number;
          const d = DIGIT_WORD_WORDS.getHashed(th[k] as number, codes, p, q) as string;
          sink.push(d.charCodeAt(0), src.starts[p] as number, src.ends[q - 1] as number);
        }
        obf.push({ kind: 'spelled_digits', start: src.starts[s] as number, end: src.ends[(te[j] as number) - 1] as number });
        addSegment(sink, g, s, te[j] as number, replStart, j - t + 1);
        g += SEG;
        t = j;
        continue;
      }
    }
    // Monster tokens (no spaces for kilobytes) are not words anyone reads: kept as they are.
    if (e - s > MAX_WORD) continue;
    // A plain word (no digit, no unit tripled, not a map key) stays as is; so does a number (digits only:
    // nothing to de-leet or collapse).
    if ((flags & (WORD_MIXED | WORD_MAY_BE_KEY)) === 0) continue;
    if (emitWord(s, e, th[t] as number, src, sink, obf)) {
      addSegment(sink, g, s, e, replStart, 1);
      g += SEG;
    }
  }
  SEG_COUNT = g / SEG;
  return g > 0;
}

/**
 * Records segment `g`: source words [s, e) (`words` of them) replaced by the sink's units from replStart on,
 * whose tokens it appends to RTS/RTE/RTH.
 */
function addSegment(sink: Sink, g: number, s: number, e: number, replStart: number, words: number): void {
  const codes = sink.codes;
  const replEnd = sink.length;
  if (RTS.length < RT_COUNT + replEnd - replStart) {
    const size = 2 * (RT_COUNT + replEnd - replStart);
    RTS = grownInt32(RTS, size, RT_COUNT);
    RTE = grownInt32(RTE, size, RT_COUNT);
    RTH = grownInt32(RTH, size, RT_COUNT);
  }
  const segs = SEGS;
  segs[g] = s;
  segs[g + 1] = e;
  segs[g + 2] = replStart;
  segs[g + 3] = replEnd;
  segs[g + 4] = RT_COUNT;
  let r = RT_COUNT;
  for (let i = replStart; i < replEnd; ) {
    let c = codes[i] as number;
    if (WORD[c] === 1) {
      RTS[r] = i;
      let h = HASH_OFFSET;
      do {
        h = Math.imul(h ^ c, HASH_PRIME);
        i++;
      } while (i < replEnd && WORD[(c = codes[i] as number)] === 1);
      RTH[r] = h;
      RTE[r++] = i;
    } else i++;
  }
  segs[g + 5] = r;
  RT_COUNT = r;
  REPLACED_WORDS += words;
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

// The currency prefixes and units as word maps, so deleet looks up the letters around a digit without a string.
const CURRENCY_PREFIX_WORDS = new WordMap(new Map([...CURRENCY_PREFIXES].map((k): [string, string] => [k, k])));
const UNIT_WORDS = new WordMap(new Map([...UNITS].map((k): [string, string] => [k, k])));

/**
 * De-leets the word in units [s, e) of `src`: a lone digit between letters (g4ji, l0ker) or at a word edge next to 3+
 * letters. Only a word that would change becomes a string, for the protected-token test.
 */
function deleet(src: Sink, s: number, e: number): number[] | null {
  const units = src.codes;
  // The first digit to replace, if any; words that stay as they are (most) never become strings or arrays.
  let k = s;
  while (k < e && leetAt(units, s, e, k) === 0) k++;
  if (k === e || PROTECTED.test(src.toString(s, e))) return null;
  const out: number[] = [];
  for (let j = s; j < e; j++) {
    const sub = j < k ? 0 : leetAt(units, s, e, j);
    out.push(sub === 0 ? (units[j] as number) : sub);
  }
  return out;
}

/** The letter that the unit at k of the word [s, e) stands for, if it is a leet digit; else 0. */
function leetAt(units: Uint16Array, s: number, e: number, k: number): number {
  const c = units[k] as number;
  if (!isDigit(c)) return 0;
  const sub = LEET.get(c);
  if (sub === undefined) return 0;
  if ((k > s && isDigit(units[k - 1] as number)) || (k + 1 < e && isDigit(units[k + 1] as number))) return 0;
  // The letters before the digit are [b, k), those after it [k + 1, a).
  let b = k;
  while (b > s && isLetter(units[b - 1] as number)) b--;
  let a = k + 1;
  while (a < e && isLetter(units[a] as number)) a++;
  const before = k - b;
  const after = a - k - 1;
  const between = before > 0 && after > 0 && CURRENCY_PREFIX_WORDS.get(units, b, k) === undefined && UNIT_WORDS.get(units, k + 1, a) === undefined;
  const edge = LEET_EDGE.has(c) &&
    ((before === 0 && after >= 3 && UNIT_WORDS.get(units, k + 1, a) === undefined && k === s) ||
      (after === 0 && before >= 3 && k === e - 1 && CURRENCY_PREFIX_WORDS.get(units, b, k) === undefined));
  return between || edge ? sub : 0;
}

/** Writes the rewrite of the word [s, e), hash `h`; false, writing nothing, if it stays as is. */
function emitWord(s: number, e: number, h: number, src: Sink, sink: Sink, obf: Obfuscation[]): boolean {
  const L = e - s;
  const units = src.codes;
  // Only a word with both letters and digits can be de-leeted: the others never become a string.
  let codes: number[] | null = hasLetterAndDigit(units, s, e) ? deleet(src, s, e) : null;
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
  const expansion = codes === null ? ABBREVIATION_WORDS.getHashed(h, units, s, e) : ABBREVIATION_WORDS.get(codes, 0, codes.length);
  if (expansion === undefined && codes === null) return false;
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

/** Copies units [from, to) of `src` to `dst` at `at`; returns the position after them. */
function copyUnits(src: Uint16Array, from: number, to: number, dst: Uint16Array, at: number): number {
  // Long runs by native copy; below this, making the subarray view costs more than the loop.
  if (to - from >= 64) dst.set(src.subarray(from, to), at);
  else for (let k = from, v = at; k < to; k++, v++) dst[v] = src[k] as number;
  return at + to - from;
}

/** The same for original ranges. */
function copyRanges(src: Int32Array, from: number, to: number, dst: Int32Array, at: number): number {
  if (to - from >= 64) dst.set(src.subarray(from, to), at);
  else for (let k = from, v = at; k < to; k++, v++) dst[v] = src[k] as number;
  return at + to - from;
}

/** The length of the output: the folded text with stage 2's replacements. */
function outputLength(folded: Sink): number {
  const segs = SEGS;
  const segEnd = SEG_COUNT * SEG;
  let len = folded.length;
  for (let g = 0; g < segEnd; g += SEG) len += (segs[g + 3] as number) - (segs[g + 2] as number) - ((segs[g + 1] as number) - (segs[g] as number));
  return len;
}

/** Writes the output's units (the folded text, stage 2's replacements in place of their stretches) into `text`. */
function writeText(folded: Sink, rewrites: Sink, text: Sink, len: number): void {
  text.reset(len);
  const out = text.codes;
  const segs = SEGS;
  const segEnd = SEG_COUNT * SEG;
  let w = 0;
  let p = 0;
  for (let g = 0; g < segEnd; g += SEG) {
    w = copyUnits(folded.codes, p, segs[g] as number, out, w);
    w = copyUnits(rewrites.codes, segs[g + 2] as number, segs[g + 3] as number, out, w);
    p = segs[g + 1] as number;
  }
  copyUnits(folded.codes, p, folded.length, out, w);
  text.length = len;
}

/** Writes the output's original starts to all[0, len) and ends to all[len, 2 * len), the same way. */
function writeRanges(folded: Sink, rewrites: Sink, all: Int32Array, len: number): void {
  const segs = SEGS;
  const segEnd = SEG_COUNT * SEG;
  let w = 0;
  let p = 0;
  for (let g = 0; g < segEnd; g += SEG) {
    const s = segs[g] as number;
    const rs = segs[g + 2] as number;
    const re = segs[g + 3] as number;
    copyRanges(folded.starts, p, s, all, w);
    w = copyRanges(folded.ends, p, s, all, len + w) - len;
    copyRanges(rewrites.starts, rs, re, all, w);
    w = copyRanges(rewrites.ends, rs, re, all, len + w) - len;
    p = segs[g + 1] as number;
  }
  copyRanges(folded.starts, p, folded.length, all, w);
  copyRanges(folded.ends, p, folded.length, all, len + w);
}

/**
 * Writes the output's T word tokens (maximal runs of WORD units) to all[at, at + 3T): starts, ends, hashes.
 * Outside the rewritten stretches the output is the folded text shifted, so its tokens are stage 2's words
 * shifted: each stretch starts and ends on a word boundary, next to a non-word unit or the text's edge. Inside
 * them they are the replacements' tokens (RTS/RTE/RTH).
 */
function writeTokens(all: Int32Array, at: number, T: number): void {
  const ts = TS;
  const te = TE;
  const th = TH;
  const words = WORDS;
  const segs = SEGS;
  const segEnd = SEG_COUNT * SEG;
  const ends = at + T;
  const hashes = at + 2 * T;
  let k = 0;
  let w = 0;
  // Output position minus source position of the units copied unchanged since the last stretch.
  let shift = 0;
  for (let g = 0; g < segEnd; g += SEG) {
    const srcStart = segs[g] as number;
    for (; w < words && (ts[w] as number) < srcStart; w++, k++) {
      all[at + k] = (ts[w] as number) + shift;
      all[ends + k] = (te[w] as number) + shift;
      all[hashes + k] = th[w] as number;
    }
    const srcEnd = segs[g + 1] as number;
    while (w < words && (ts[w] as number) < srcEnd) w++;
    const rs = segs[g + 2] as number;
    // Replacement units' position in the output minus in stage 2's sink.
    const moved = srcStart + shift - rs;
    for (let r = segs[g + 4] as number, rEnd = segs[g + 5] as number; r < rEnd; r++, k++) {
      all[at + k] = (RTS[r] as number) + moved;
      all[ends + k] = (RTE[r] as number) + moved;
      all[hashes + k] = RTH[r] as number;
    }
    shift += (segs[g + 3] as number) - rs - (srcEnd - srcStart);
  }
  for (; w < words; w++, k++) {
    all[at + k] = (ts[w] as number) + shift;
    all[ends + k] = (te[w] as number) + shift;
    all[hashes + k] = th[w] as number;
  }
}

// Posts' offset and token arrays are cut from a shared slab (see int32-slab.ts).
const SLAB = new Int32Slab();

/**
 * Stage 1 (code points folded into `folded`, words found) then stage 2 (replacements written into `rewrites`);
 * returns whether stage 2 changed anything.
 */
function runStages(text: string, folded: Sink, rewrites: Sink, obfuscations: Obfuscation[], scripts: ScriptCounts): boolean {
  folded.reset(text.length + 16);
  foldCodePoints(text, folded, obfuscations, scripts);
  rewrites.reset(64);
  return rewriteWords(folded, rewrites, obfuscations);
}

/** Full normalization with token boundaries, obfuscation events and script counts. */
export function normalizeDetailed(text: string): Normalized {
  const obfuscations: Obfuscation[] = [];
  const scripts: ScriptCounts = { thai: 0, khmer: 0, burmese: 0, cjk: 0, hangul: 0, kana: 0, vietnamese: 0, other: 0 };
  const folded = FOLDED;
  const changed = runStages(text, folded, REWRITES, obfuscations, scripts);
  if (obfuscations.length > MAX_OBFUSCATIONS) obfuscations.length = MAX_OBFUSCATIONS;
  let normalized: string;
  let len: number;
  let T: number;
  let all: Int32Array;
  // The five arrays are views of one range of a shared slab: a typed array of this size is otherwise a separate,
  // zero-filled off-heap allocation per post (and garbage-collector work later), which cost more than filling it.
  // Callers see ordinary Int32Arrays of the right lengths; every element is written below.
  if (changed) {
    // Written once, straight from the folded text and the replacements.
    len = outputLength(folded);
    T = WORDS - REPLACED_WORDS + RT_COUNT;
    writeText(folded, REWRITES, TEXT, len);
    normalized = TEXT.toString(0, len);
    all = SLAB.range(2 * len + 3 * T);
    writeRanges(folded, REWRITES, all, len);
    writeTokens(all, 2 * len, T);
  } else {
    // Unchanged text has the tokens stage 1 found (most real posts: nothing to rewrite).
    len = folded.length;
    T = WORDS;
    normalized = folded.toString(0, len);
    all = SLAB.range(2 * len + 3 * T);
    all.set(folded.starts.subarray(0, len), 0);
    all.set(folded.ends.subarray(0, len), len);
    all.set(TS.subarray(0, T), 2 * len);
    all.set(TE.subarray(0, T), 2 * len + T);
    all.set(TH.subarray(0, T), 2 * len + 2 * T);
  }
  const tok = 2 * len;
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
 * offsets, tokens nor script counts, so none of those arrays are written.
 */
export function normalizeForModel(text: string): string {
  // Obfuscation records and script counts are still made by the shared stages, then dropped.
  const obfuscations: Obfuscation[] = [];
  const scripts: ScriptCounts = { thai: 0, khmer: 0, burmese: 0, cjk: 0, hangul: 0, kana: 0, vietnamese: 0, other: 0 };
  if (!runStages(text, MODEL_FOLDED, MODEL_REWRITES, obfuscations, scripts)) return MODEL_FOLDED.toString();
  const len = outputLength(MODEL_FOLDED);
  writeText(MODEL_FOLDED, MODEL_REWRITES, TEXT, len);
  return TEXT.toString(0, len);
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
