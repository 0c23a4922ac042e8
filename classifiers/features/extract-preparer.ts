// The production preparer: the extractor's normalized text (obfuscation undone, lower-cased) and its feature
// vector, so the model sees the same evidence analysts see in the reasons.
import type { Span } from '../../src/contracts/common.js';
import { FEATURES_VERSION } from '../../src/contracts/features.js';
import { extractFeatures } from '../../src/extract/index.js';
import { FEATURE_VECTOR_NAMES, featureValues } from '../../src/extract/feature-vector.js';
import { normalizeDetailed, normalizeForModel, toOriginalSpan, type Normalized } from '../../src/extract/normalize.js';
import type { Preparer } from './preparer.js';

/** Maps spans through `normalized`'s offsets. */
const mapper =
  (normalized: Normalized) =>
  (start: number, end: number): Span =>
    toOriginalSpan(normalized, start, end);

/** Normalizes again, with offsets, only when a span is first asked for (probability() never asks). */
function lazyMapper(text: string): (start: number, end: number) => Span {
  let detailed: Normalized | undefined;
  return (start, end) => toOriginalSpan((detailed ??= normalizeDetailed(text)), start, end);
}

export const extractPreparer: Preparer = {
  featuresVersion: FEATURES_VERSION,
  featureNames: FEATURE_VECTOR_NAMES,
  prepare(text, features, options) {
    const values = featureValues(features ?? extractFeatures(text), options?.values);
    const given = options?.normalized;
    if (given) return { normalized: given.text, toOriginal: mapper(given), values };
    if (options?.spans) {
      const detailed = normalizeDetailed(text);
      return { normalized: detailed.text, toOriginal: mapper(detailed), values };
    }
    return { normalized: normalizeForModel(text), toOriginal: lazyMapper(text), values };
  },
};
