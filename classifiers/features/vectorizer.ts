// Turns (normalized text, extracted feature values) into one sparse vector: the hashed text block, L2-normalised,
// followed by one slot per named extracted feature. Also scores directly against weights without allocating.
import { forEachHashedGram, type HashKind, type TextHashingParams } from './text-hashing.js';
import type { SparseVector } from './sparse-vector.js';

export type FeatureValues = Readonly<Record<string, number>>;

/** Squashes extracted values (counts, pay ratios of 40×) onto a scale comparable to the normalised text block. */
export function squash(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
}

export class Vectorizer {
  readonly textDim: number;
  readonly dim: number;
  private readonly counts: Float32Array;
  private touched: Int32Array;
  private nTouched = 0;
  private readonly sink = (index: number): void => {
    if (this.counts[index] === 0) {
      if (this.nTouched === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.nTouched++] = index;
    }
    this.counts[index] = (this.counts[index] as number) + 1;
  };

  constructor(
    readonly hashing: TextHashingParams,
    readonly featureNames: readonly string[],
  ) {
    this.textDim = 2 ** hashing.bits;
    this.dim = this.textDim + featureNames.length;
    this.counts = new Float32Array(this.textDim);
    this.touched = new Int32Array(4096);
  }

  /** The full vector, for training. */
  vectorize(normalizedText: string, features: FeatureValues): SparseVector {
    this.fill(normalizedText);
    const dense = this.denseValues(features);
    const indices = new Int32Array(this.nTouched + dense.length);
    const values = new Float32Array(this.nTouched + dense.length);
    let norm = 0;
    for (let k = 0; k < this.nTouched; k++) {
      const v = 1 + Math.log(this.counts[this.touched[k] as number] as number);
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < this.nTouched; k++) {
      const index = this.touched[k] as number;
      indices[k] = index;
      values[k] = (1 + Math.log(this.counts[index] as number)) * inv;
      this.counts[index] = 0;
    }
    let m = this.nTouched;
    for (const [slot, value] of dense) {
      indices[m] = this.textDim + slot;
      values[m] = value;
      m++;
    }
    this.nTouched = 0;
    return { indices: indices.subarray(0, m), values: values.subarray(0, m) };
  }

  /** w·x without building x: the hot path of scoring. `weights` has `dim` entries. */
  margin(normalizedText: string, features: FeatureValues, weights: Float32Array | Float64Array): number {
    this.fill(normalizedText);
    let norm = 0;
    let s = 0;
    for (let k = 0; k < this.nTouched; k++) {
      const index = this.touched[k] as number;
      const v = 1 + Math.log(this.counts[index] as number);
      norm += v * v;
      s += (weights[index] as number) * v;
      this.counts[index] = 0;
    }
    this.nTouched = 0;
    let out = norm > 0 ? s / Math.sqrt(norm) : 0;
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = squash(features[this.featureNames[slot] as string] ?? 0);
      if (value !== 0) out += (weights[this.textDim + slot] as number) * value;
    }
    return out;
  }

  /** Per-n-gram contributions for explanations: (kind, word span, weight·value) for every emitted gram. */
  textContributions(normalizedText: string, weights: Float32Array | Float64Array): Array<{ kind: HashKind; start: number; end: number; contribution: number }> {
    const grams: Array<{ index: number; kind: HashKind; start: number; end: number }> = [];
    const counts = new Map<number, number>();
    forEachHashedGram(normalizedText, this.hashing, (index, kind, start, end) => {
      grams.push({ index, kind, start, end });
      counts.set(index, (counts.get(index) ?? 0) + 1);
    });
    let norm = 0;
    for (const c of counts.values()) norm += (1 + Math.log(c)) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    // A gram seen c times contributes w·(1+ln c)/‖x‖ in total; share it equally between its occurrences.
    return grams.map((g) => {
      const c = counts.get(g.index) ?? 1;
      return { kind: g.kind, start: g.start, end: g.end, contribution: ((weights[g.index] as number) * (1 + Math.log(c)) * inv) / c };
    });
  }

  denseValues(features: FeatureValues): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let slot = 0; slot < this.featureNames.length; slot++) {
      const value = squash(features[this.featureNames[slot] as string] ?? 0);
      if (value !== 0) out.push([slot, value]);
    }
    return out;
  }

  private fill(text: string): void {
    forEachHashedGram(text, this.hashing, this.sink);
  }
}
