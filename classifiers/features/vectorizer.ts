// Turns (normalized text, extracted feature values) into one sparse vector: the hashed text block with
// sublinear counts (1 + ln c), L2-normalised, followed by one slot per named extracted feature. Scoring
// computes w·x directly from the gram counts, without building x, in the grams' first-seen order (which the
// shipped model's scores depend on to the last bit).
import { GramBuffer, GramDictionary, hashGramIds, type TextHashingParams } from './text-hashing.js';
import type { SparseMatrixBuilder } from './sparse-matrix.js';

/** Extracted feature values, index-aligned with the preparer's feature names. */
export type FeatureValues = Float64Array;

/** Squashes extracted values (counts, pay ratios of 40×) onto a scale comparable to the normalised text block. */
export function squash(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
}

// 1 + ln c for small counts, computed once: Math.log is a library call, and most repeated grams repeat a few times.
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => 1 + Math.log(c));
const sublinear = (c: number): number => (c < 256 ? (SUBLINEAR[c] as number) : 1 + Math.log(c));

// A gram id's mark: the post number (1..MAX_POST) above ORDINAL_BITS bits of ordinal, all in a positive int32.
const ORDINAL_BITS = 21;
const BIG_ORDINAL = (1 << ORDINAL_BITS) - 1;
const MAX_POST = (1 << (31 - ORDINAL_BITS)) - 1;

export interface SpanWeight {
  start: number;
  end: number;
  weight: number;
}

export interface TextContributions {
  /** The lower-cased text the spans refer to. */
  lower: string;
  /** Text block's total contribution to the margin. */
  total: number;
  /** One entry per word occurrence (its unigram and character grams) whose contribution is positive. */
  words: SpanWeight[];
  /** One entry per adjacent word pair whose contribution is positive. */
  pairs: SpanWeight[];
}

export class Vectorizer {
  readonly textDim: number;
  readonly dim: number;
  private readonly grams = new GramBuffer(false);
  private readonly traced = new GramBuffer(true);
  private readonly dictionary: GramDictionary;
  /**
   * Per gram id, `post << ORDINAL_BITS | ordinal`: whether it was seen in the current post (post numbers wrap,
   * and the marks are cleared when they do) and its ordinal among the post's distinct grams. One 32-bit cell
   * per id, so the per-post random reads stay within a few hundred KB.
   */
  private marks = new Int32Array(1 << 14);
  private post = 0;
  /** Distinct grams of the current post so far. */
  private seen = 0;
  /** Ordinals of BIG_ORDINAL and up (posts of two million distinct grams or more), which do not fit in a mark. */
  private readonly bigOrdinals = new Map<number, number>();
  /** Weights by gram id, for `weightsOf` and dictionary generation `weightsGeneration`, for ids below `weightsFilled`. */
  private idWeights = new Float32Array(1 << 14);
  /** The post's distinct gram ids in first-seen order, and their counts. */
  private distinct = new Int32Array(4096);
  private counts = new Int32Array(4096);
  /** Traced scoring: each gram occurrence's ordinal, and each distinct gram's contribution per occurrence. */
  private ordinals = new Int32Array(4096);
  private shares = new Float64Array(4096);
  /** Which weights `idWeights` holds (for ids below `weightsFilled`, in dictionary generation `weightsGeneration`). */
  private weightsOf: Float32Array | Float64Array | null = null;
  private weightsGeneration = -1;
  private weightsFilled = 0;
  /** For each of the model's feature slots, its index in the preparer's values, or -1 (contributes nothing). */
  private readonly inputSlot: Int32Array;

  /**
   * `featureNames` are the model's slots; `inputNames` name the values the preparer hands over (the same by
   * default). A model trained on another extractor version reads its slots by name, so a slot the extractor no
   * longer emits contributes nothing.
   */
  constructor(
    readonly hashing: TextHashingParams,
    readonly featureNames: readonly string[],
    inputNames: readonly string[] = featureNames,
  ) {
    this.dictionary = new GramDictionary(hashing);
    this.textDim = 2 ** hashing.bits;
    this.dim = this.textDim + featureNames.length;
    const input = new Map(inputNames.map((name, i) => [name, i]));
    this.inputSlot = Int32Array.from(featureNames, (name) => input.get(name) ?? -1);
  }

  /** The squashed value of model slot `slot` (0 when the preparer does not provide it). */
  private slotValue(features: FeatureValues, slot: number): number {
    const j = this.inputSlot[slot] as number;
    return j < 0 ? 0 : squash(features[j] as number);
  }

  /** Room for every id of the dictionary in the per-id arrays. */
  private fitIds(): void {
    const ids = this.dictionary.size;
    if (this.marks.length < ids) {
      const size = Math.max(ids, this.marks.length * 2);
      const marks = new Int32Array(size);
      marks.set(this.marks);
      this.marks = marks;
      const weights = new Float32Array(size);
      weights.set(this.idWeights);
      this.idWeights = weights;
    }
  }

  /**
   * Counts equal grams of `buffer` by marking each gram id with the post number: no table to probe or clear, and
   * arrays indexed by dense ids stay in cache. Fills `distinct`/`counts` in first-seen order and, when `traced`,
   * each occurrence's ordinal in `ordinals`; returns how many distinct grams there are. An untraced buffer is in
   * hashGramIds' compact form: known words' grams are read from the dictionary.
   */
  private tally(buffer: GramBuffer, traced: boolean): number {
    const n = buffer.length;
    this.fitIds();
    // A compact buffer stands for more grams than it has items; its capacity covers the worst case of its text.
    const grams = traced ? n : buffer.indices.length;
    if (this.distinct.length < grams) {
      const size = Math.max(grams, this.distinct.length * 2);
      this.distinct = new Int32Array(size);
      this.counts = new Int32Array(size);
      this.shares = new Float64Array(size);
    }
    if (traced && this.ordinals.length < n) this.ordinals = new Int32Array(Math.max(n, this.ordinals.length * 2));
    if (this.post === MAX_POST) {
      this.marks.fill(0);
      this.post = 0;
    }
    this.post++;
    this.seen = 0;
    if (this.bigOrdinals.size > 0) this.bigOrdinals.clear();
    const items = buffer.indices;
    if (traced) {
      this.visit(items, 0, n, this.ordinals);
      return this.seen;
    }
    const { pool, poolStart } = this.dictionary;
    for (let k = 0; k < n; ) {
      if ((items[k] as number) >= 0) {
        let end = k + 1;
        while (end < n && (items[end] as number) >= 0) end++;
        this.visit(items, k, end, null);
        k = end;
        continue;
      }
      // A known word: its unigram, its bigram (the next item) when flagged, then its character grams.
      const code = ~(items[k++] as number);
      const entry = code >>> 1;
      const from = poolStart[entry] as number;
      this.visit(pool, from, from + 1, null);
      if ((code & 1) === 1) {
        this.visit(items, k, k + 1, null);
        k++;
      }
      this.visit(pool, from + 1, poolStart[entry + 1] as number, null);
    }
    return this.seen;
  }

  /** Counts the gram ids `ids[from, to)` into the current post (see tally); `ordinals[k]` gets id k's ordinal. */
  private visit(ids: Int32Array, from: number, to: number, ordinals: Int32Array | null): void {
    const { marks, distinct, counts } = this;
    const post = this.post;
    let m = this.seen;
    for (let k = from; k < to; k++) {
      const id = ids[k] as number;
      const mark = marks[id] as number;
      let ordinal: number;
      if (mark >>> ORDINAL_BITS === post) {
        ordinal = mark & BIG_ORDINAL;
        if (ordinal === BIG_ORDINAL) ordinal = this.bigOrdinals.get(id) as number;
        counts[ordinal] = (counts[ordinal] as number) + 1;
      } else {
        ordinal = m++;
        if (ordinal < BIG_ORDINAL) marks[id] = (post << ORDINAL_BITS) | ordinal;
        else {
          marks[id] = (post << ORDINAL_BITS) | BIG_ORDINAL;
          this.bigOrdinals.set(id, ordinal);
        }
        distinct[ordinal] = id;
        counts[ordinal] = 1;
      }
      if (ordinals !== null) ordinals[k] = ordinal;
    }
    this.seen = m;
  }

  /**
   * The weight of every dictionary id, read into `idWeights` as ids appear; false when
   * `weights` is not single precision, whose values the float cells could not hold exactly.
   */
  private fillWeights(weights: Float32Array | Float64Array): boolean {
    if (!(weights instanceof Float32Array)) return false;
    const dictionary = this.dictionary;
    if (this.weightsOf !== weights || this.weightsGeneration !== dictionary.generation) {
      this.weightsOf = weights;
      this.weightsGeneration = dictionary.generation;
      this.weightsFilled = 0;
    }
    const size = dictionary.size;
    const { idWeights } = this;
    const indexOf = dictionary.indexOf;
    for (let id = this.weightsFilled; id < size; id++) idWeights[id] = weights[indexOf[id] as number] as number;
    this.weightsFilled = size;
    return true;
  }

  /** The k-th distinct gram's weight. */
  private weightOf(k: number, weights: Float32Array | Float64Array, cached: boolean): number {
    const id = this.distinct[k] as number;
    return cached ? (this.idWeights[id] as number) : (weights[this.dictionary.indexOf[id] as number] as number);
  }

  /** Appends the full vector as one row of a training matrix. */
  appendRow(normalizedText: string, features: FeatureValues, out: SparseMatrixBuilder): void {
    hashGramIds(normalizedText, this.dictionary, this.grams, true);
    const distinct = this.tally(this.grams, false);
    const indexOf = this.dictionary.indexOf;
    out.reserve(distinct + this.featureNames.length);
    let norm = 0;
    for (let k = 0; k < distinct; k++) {
      const c = this.counts[k] as number;
      const v = c === 1 ? 1 : sublinear(c);
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < distinct; k++) {
      const c = this.counts[k] as number;
      out.push(indexOf[this.distinct[k] as number] as number, (c === 1 ? 1 : sublinear(c)) * inv);
    }
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = this.slotValue(features, slot);
      if (value !== 0) out.push(this.textDim + slot, value);
    }
    out.endRow();
  }

  /** w·x without building x: the hot path of scoring. `weights` has `dim` entries. */
  margin(normalizedText: string, features: FeatureValues, weights: Float32Array | Float64Array): number {
    hashGramIds(normalizedText, this.dictionary, this.grams, true);
    const n = this.tally(this.grams, false);
    const cached = this.fillWeights(weights);
    // Same order of operations as textContributions(), so explanations agree with probability() to the bit.
    const counts = this.counts;
    let norm = 0;
    let s = 0;
    for (let k = 0; k < n; k++) {
      const c = counts[k] as number;
      const v = c === 1 ? 1 : sublinear(c);
      norm += v * v;
      s += this.weightOf(k, weights, cached) * v;
    }
    let out = norm > 0 ? s / Math.sqrt(norm) : 0;
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = this.slotValue(features, slot);
      if (value !== 0) out += (weights[this.textDim + slot] as number) * value;
    }
    return out;
  }

  /**
   * The text block's margin over the `m` tallied grams, in the same order of operations as margin() so the
   * two agree to the bit; leaves in `shares[k]` the k-th distinct gram's contribution per occurrence.
   */
  private shareOut(m: number, weights: Float32Array | Float64Array): number {
    const cached = this.fillWeights(weights);
    const { counts, shares } = this;
    let norm = 0;
    let s = 0;
    for (let k = 0; k < m; k++) {
      const c = counts[k] as number;
      const v = c === 1 ? 1 : sublinear(c);
      norm += v * v;
      const wv = this.weightOf(k, weights, cached) * v;
      shares[k] = wv;
      s += wv;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < m; k++) shares[k] = ((shares[k] as number) * inv) / (counts[k] as number);
    return norm > 0 ? s / Math.sqrt(norm) : 0;
  }

  /**
   * The text block's log-odds contribution, and its split over words and word pairs for explanations.
   * Character grams are credited to the word they lie in; a gram seen c times contributes w·(1+ln c)/‖x‖
   * in total, shared equally between its occurrences.
   */
  textContributions(normalizedText: string, weights: Float32Array | Float64Array): TextContributions {
    const buffer = this.traced;
    const lower = hashGramIds(normalizedText, this.dictionary, buffer);
    const n = buffer.length;
    const m = this.tally(buffer, true);
    const total = this.shareOut(m, weights);
    const { ordinals, shares } = this;
    // Only words and pairs that push towards scam can become reasons, so only those are returned (no objects for
    // the rest). A word's weight adds its unigram's and character grams' shares in gram order, as before.
    const words: SpanWeight[] = [];
    const pairs: SpanWeight[] = [];
    const { firsts, starts, ends } = buffer;
    const wordCount = buffer.words;
    for (let w = 0; w < wordCount; w++) {
      const first = firsts[w] as number;
      const last = w + 1 < wordCount ? (firsts[w + 1] as number) : n;
      let weight = shares[ordinals[first] as number] as number;
      let k = first + 1;
      if (buffer.pairs[w] === 1) {
        const pair = shares[ordinals[k++] as number] as number;
        if (pair > 0) pairs.push({ start: starts[w - 1] as number, end: ends[w] as number, weight: pair });
      }
      for (; k < last; k++) weight += shares[ordinals[k] as number] as number;
      if (weight > 0) words.push({ start: starts[w] as number, end: ends[w] as number, weight });
    }
    return { lower, total, words, pairs };
  }

  /** Each extracted feature's contribution w·x to the margin, in slot order, for the slots whose value is not 0. */
  denseWeights(features: FeatureValues, weights: Float32Array | Float64Array): Array<{ name: string; weight: number }> {
    const out: Array<{ name: string; weight: number }> = [];
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = this.slotValue(features, slot);
      if (value !== 0) out.push({ name: this.featureNames[slot] as string, weight: (weights[this.textDim + slot] as number) * value });
    }
    return out;
  }
}
