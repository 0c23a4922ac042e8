// Turns (normalized text, extracted feature values) into one sparse vector: the hashed text block with
// sublinear counts (1 + ln c), L2-normalised, followed by one slot per named extracted feature. Scoring
// computes w·x directly from the gram counts, without building x.
import { GramBuffer, HashKind, hashGrams, type TextHashingParams } from './text-hashing.js';
import type { SparseMatrixBuilder } from './sparse-matrix.js';

// Read once: a const enum imported from another module is a property lookup under isolated transpilation.
const BIGRAM: number = HashKind.Bigram;

/** Extracted feature values, index-aligned with the preparer's feature names. */
export type FeatureValues = Float64Array;

/** Squashes extracted values (counts, pay ratios of 40×) onto a scale comparable to the normalised text block. */
export function squash(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
}

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
  private keys = new Int32Array(4096).fill(-1);
  private slotCounts = new Int32Array(4096);
  private slots = new Int32Array(4096);
  private distinct = new Int32Array(4096);
  private counts = new Int32Array(4096);
  private gramSlots = new Int32Array(4096);
  private shares = new Float64Array(4096);
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

  /** Makes the counting table at least twice as large as `n` grams (a power of two). */
  private ensureTable(n: number): void {
    let cap = this.keys.length;
    if (cap >= n * 2) return;
    while (cap < n * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.slotCounts = new Int32Array(cap);
    this.distinct = new Int32Array(cap);
    this.counts = new Int32Array(cap);
    this.slots = new Int32Array(cap);
  }

  /**
   * Counts equal grams of `text` with a small open-addressing table (it stays in cache, unlike a 2^20 count
   * array or a sort). Returns how many distinct grams there are; `slots[0..m)` lists their table slots in
   * first-seen order, and the caller must reset `keys` at those slots to -1.
   */
  private tally(text: string): number {
    hashGrams(text, this.hashing, this.grams);
    const n = this.grams.length;
    this.ensureTable(n);
    const mask = this.keys.length - 1;
    const { keys, slotCounts, slots } = this;
    const indices = this.grams.indices;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const index = indices[k] as number;
      let slot = (Math.imul(index, 0x9e3779b1) >>> 0) & mask;
      for (;;) {
        const key = keys[slot] as number;
        if (key === index) {
          slotCounts[slot] = (slotCounts[slot] as number) + 1;
          break;
        }
        if (key === -1) {
          keys[slot] = index;
          slotCounts[slot] = 1;
          slots[m++] = slot;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return m;
  }

  /** Distinct grams of `text` into `distinct`/`counts` (first-seen order); returns how many. */
  private countGrams(text: string): number {
    const m = this.tally(text);
    const { keys, slotCounts, slots } = this;
    for (let k = 0; k < m; k++) {
      const slot = slots[k] as number;
      this.distinct[k] = keys[slot] as number;
      this.counts[k] = slotCounts[slot] as number;
      keys[slot] = -1;
    }
    return m;
  }

  /** Appends the full vector as one row of a training matrix. */
  appendRow(normalizedText: string, features: FeatureValues, out: SparseMatrixBuilder): void {
    const distinct = this.countGrams(normalizedText);
    out.reserve(distinct + this.featureNames.length);
    let norm = 0;
    for (let k = 0; k < distinct; k++) {
      const c = this.counts[k] as number;
      const v = c === 1 ? 1 : 1 + Math.log(c);
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < distinct; k++) {
      const c = this.counts[k] as number;
      out.push(this.distinct[k] as number, (c === 1 ? 1 : 1 + Math.log(c)) * inv);
    }
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = this.slotValue(features, slot);
      if (value !== 0) out.push(this.textDim + slot, value);
    }
    out.endRow();
  }

  /** w·x without building x: the hot path of scoring. `weights` has `dim` entries. */
  margin(normalizedText: string, features: FeatureValues, weights: Float32Array | Float64Array): number {
    const n = this.tally(normalizedText);
    // Same order of operations as textContributions(), so explanations agree with probability() to the bit.
    const { keys, slotCounts, slots } = this;
    let norm = 0;
    let s = 0;
    for (let k = 0; k < n; k++) {
      const slot = slots[k] as number;
      const c = slotCounts[slot] as number;
      const v = c === 1 ? 1 : 1 + Math.log(c);
      norm += v * v;
      s += (weights[keys[slot] as number] as number) * v;
      keys[slot] = -1;
    }
    let out = norm > 0 ? s / Math.sqrt(norm) : 0;
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = this.slotValue(features, slot);
      if (value !== 0) out += (weights[this.textDim + slot] as number) * value;
    }
    return out;
  }

  /** tally() for the traced buffer, also remembering each gram's slot in `gramSlots` to read its count back. */
  private tallyTraced(buffer: GramBuffer): number {
    const n = buffer.length;
    this.ensureTable(n);
    if (this.gramSlots.length < n) this.gramSlots = new Int32Array(Math.max(n, this.gramSlots.length * 2));
    if (this.shares.length < this.keys.length) this.shares = new Float64Array(this.keys.length);
    const mask = this.keys.length - 1;
    const { keys, slotCounts, slots, gramSlots } = this;
    const indices = buffer.indices;
    let m = 0;
    for (let k = 0; k < n; k++) {
      const index = indices[k] as number;
      let slot = (Math.imul(index, 0x9e3779b1) >>> 0) & mask;
      for (;;) {
        const key = keys[slot] as number;
        if (key === index) {
          slotCounts[slot] = (slotCounts[slot] as number) + 1;
          break;
        }
        if (key === -1) {
          keys[slot] = index;
          slotCounts[slot] = 1;
          slots[m++] = slot;
          break;
        }
        slot = (slot + 1) & mask;
      }
      gramSlots[k] = slot;
    }
    return m;
  }

  /**
   * The text block's margin over the `m` tallied grams, in the same order of operations as margin() so the
   * two agree to the bit; leaves in `shares[slot]` each distinct gram's contribution per occurrence.
   */
  private shareOut(m: number, weights: Float32Array | Float64Array): number {
    const { keys, slotCounts, slots, shares } = this;
    let norm = 0;
    let s = 0;
    for (let k = 0; k < m; k++) {
      const slot = slots[k] as number;
      const c = slotCounts[slot] as number;
      const v = c === 1 ? 1 : 1 + Math.log(c);
      norm += v * v;
      const wv = (weights[keys[slot] as number] as number) * v;
      shares[slot] = wv;
      s += wv;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < m; k++) {
      const slot = slots[k] as number;
      shares[slot] = ((shares[slot] as number) * inv) / (slotCounts[slot] as number);
    }
    return norm > 0 ? s / Math.sqrt(norm) : 0;
  }

  /**
   * The text block's log-odds contribution, and its split over words and word pairs for explanations.
   * Character grams are credited to the word they lie in; a gram seen c times contributes w·(1+ln c)/‖x‖
   * in total, shared equally between its occurrences.
   */
  textContributions(normalizedText: string, weights: Float32Array | Float64Array): TextContributions {
    const buffer = this.traced;
    const lower = hashGrams(normalizedText, this.hashing, buffer);
    const n = buffer.length;
    const m = this.tallyTraced(buffer);
    const { keys, slots, gramSlots, shares } = this;
    const total = this.shareOut(m, weights);
    // Every occurrence of a word has the same grams, hence the same contribution: only words and pairs that
    // push towards scam can become reasons, so only those are returned (no objects for the rest).
    const words: SpanWeight[] = [];
    const pairs: SpanWeight[] = [];
    const { kinds, starts, ends } = buffer;
    let wordStart = -1;
    let wordEnd = -1;
    let wordWeight = 0;
    for (let k = 0; k < n; k++) {
      const contribution = shares[gramSlots[k] as number] as number;
      const kind = kinds[k];
      if (kind === BIGRAM) {
        if (contribution > 0) pairs.push({ start: starts[k] as number, end: ends[k] as number, weight: contribution });
      } else if (wordStart !== -1 && wordStart === starts[k]) wordWeight += contribution;
      else {
        if (wordStart !== -1 && wordWeight > 0) words.push({ start: wordStart, end: wordEnd, weight: wordWeight });
        wordStart = starts[k] as number;
        wordEnd = ends[k] as number;
        wordWeight = contribution;
      }
    }
    if (wordStart !== -1 && wordWeight > 0) words.push({ start: wordStart, end: wordEnd, weight: wordWeight });
    for (let k = 0; k < m; k++) keys[slots[k] as number] = -1;
    return { lower, total, words, pairs };
  }

  denseValues(features: FeatureValues): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = this.slotValue(features, slot);
      if (value !== 0) out.push([slot, value]);
    }
    return out;
  }
}
