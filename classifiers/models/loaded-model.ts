// The interface every loaded model offers the score stage, whatever algorithm trained it.
import type { Span } from '../../src/contracts/common.js';
import type { Features } from '../../src/contracts/features.js';
import type { Normalized } from '../../src/extract/normalize.js';
import type { Algo, ModelMetadata } from './artifact.js';

export interface TermContribution {
  /** The word or word pair as it appears (lower-cased) in the normalized text. */
  term: string;
  /** Its share of the model's log-odds; positive pushes towards scam. */
  weight: number;
  spans: Span[];
}

export interface Explanation {
  /** The same calibrated probability `probability()` returns. */
  probability: number;
  /** Text terms, strongest push towards scam first. */
  terms: TermContribution[];
  /** Extracted feature slots (featureVector names) with their log-odds contribution, largest magnitude first. */
  features: Array<{ name: string; weight: number }>;
}

export interface LoadedModel {
  readonly metadata: ModelMetadata;
  readonly version: string;
  readonly algo: Algo;
  readonly threshold: number;
  readonly uncertaintyBand: number;
  /**
   * Calibrated probability that the post is a lure. `features` skips a second extraction when given, and
   * `normalized` (the extractor's normalizeDetailed of this same text) a second normalization.
   */
  probability(text: string, features?: Features, normalized?: Normalized): number;
  explain(text: string, features?: Features, topK?: number, normalized?: Normalized): Explanation;
}
