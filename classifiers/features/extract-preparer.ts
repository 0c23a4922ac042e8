// The production preparer: the extractor's normalized text (obfuscation undone, lower-cased) and its feature
// vector, so the model sees the same evidence analysts see in the reasons.
import { FEATURES_VERSION, type Features } from '../../src/contracts/features.js';
import { extractFeatures } from '../../src/extract/index.js';
import { FEATURE_VECTOR_NAMES, featureVector } from '../../src/extract/feature-vector.js';
import { normalizeDetailed, toOriginalSpan } from '../../src/extract/normalize.js';
import type { Preparer } from './preparer.js';

export const extractPreparer: Preparer = {
  featuresVersion: FEATURES_VERSION,
  featureNames: FEATURE_VECTOR_NAMES,
  prepare(text: string, features?: Features) {
    const normalized = normalizeDetailed(text);
    return {
      normalized: normalized.text,
      toOriginal: (start, end) => toOriginalSpan(normalized, start, end),
      values: featureVector(features ?? extractFeatures(text)),
    };
  },
};
