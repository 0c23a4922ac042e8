// What a model needs from a post before hashing: the extractor's normalized text (with a way back to the
// original offsets, for highlighted explanations) and the extracted feature values.
import type { Span } from '../../src/contracts/common.js';
import type { Features } from '../../src/contracts/features.js';
import type { Normalized } from '../../src/extract/normalize.js';
import type { FeatureValues } from './vectorizer.js';

export interface PreparedText {
  normalized: string;
  /** Maps a [start, end) range of `normalized` back to the original text. */
  toOriginal(start: number, end: number): Span;
  /** Aligned with the preparer's `featureNames`. */
  values: FeatureValues;
}

export interface PrepareOptions {
  /**
   * The extractor's `normalizeDetailed(text)` for this very text, when the caller already holds it (the extract
   * stage computes it inside extractFeatures): the text is then not normalized a second time.
   */
  normalized?: Normalized;
  /**
   * Whether `toOriginal` will be called. Without it the preparer may skip the offset map, which is then computed
   * on first use: right for probability(), which never maps spans.
   */
  spans?: boolean;
  /**
   * A buffer of `featureNames.length` values to fill instead of allocating one: for callers that are done with
   * the prepared text before they prepare the next (a typed array per post is a native allocation).
   */
  values?: Float64Array;
}

export interface Preparer {
  /** Identifies the feature set; stored in the model and checked on load. */
  readonly featuresVersion: string;
  readonly featureNames: readonly string[];
  /** `features` when the extract stage already ran; otherwise the preparer extracts them. */
  prepare(text: string, features?: Features, options?: PrepareOptions): PreparedText;
}

const NO_VALUES = new Float64Array(0);

/** Text only, no extraction: lower-cased text, no feature slots. For baselines of the text block and for tests. */
export const plainPreparer: Preparer = {
  featuresVersion: 'none',
  featureNames: [],
  prepare(text) {
    return { normalized: text, toOriginal: (start, end) => ({ start, end }), values: NO_VALUES };
  },
};

/** Remembers prepared texts (by text), so cross-validation extracts each document once instead of once per fold. */
export function memoizedPreparer(inner: Preparer): Preparer {
  const cache = new Map<string, PreparedText>();
  return {
    featuresVersion: inner.featuresVersion,
    featureNames: inner.featureNames,
    prepare(text, features, options) {
      if (features) return inner.prepare(text, features, options);
      let prepared = cache.get(text);
      if (!prepared) {
        // Kept for later calls, so never in the caller's reusable buffer.
        prepared = inner.prepare(text, undefined, { ...options, values: undefined });
        cache.set(text, prepared);
      }
      return prepared;
    },
  };
}
