// The model file format (JSON): algorithm, parameters, training provenance, calibration, threshold, and the
// non-zero weights packed as base64 (delta-varint indices, float32 values) to keep the file small.
import { z } from 'zod';

export const MODEL_FORMAT = 'waspada-model/1';
export const Algo = z.enum(['waspada', 'bayes', 'natural-lr']);
export type Algo = z.infer<typeof Algo>;

const MetricsSchema = z.object({
  n: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  pr_auc: z.number(),
  roc_auc: z.number(),
  threshold: z.number(),
  confusion: z.object({ tp: z.number(), fp: z.number(), tn: z.number(), fn: z.number() }),
});

const TradeoffRow = z.object({
  threshold: z.number(),
  precision: z.number(),
  recall: z.number(),
  flaggedRate: z.number(),
  casesPerDay: z.number().optional(),
});

export const ModelMetadata = z.object({
  format: z.literal(MODEL_FORMAT),
  algo: Algo,
  /** Unique name of this artifact, e.g. `waspada-20261122T1130-3f9a0c1d`. */
  version: z.string().min(1),
  createdAt: z.string(),
  /** Package version and git commit of the code that trained it. */
  codeVersion: z.string(),
  /** Extractor features version the dense block was trained with. */
  featuresVersion: z.string(),
  seed: z.number().int(),
  params: z.record(z.string(), z.unknown()),
  threshold: z.number().min(0).max(1),
  thresholdPolicy: z.record(z.string(), z.unknown()),
  thresholdNote: z.string(),
  tradeoff: z.array(TradeoffRow),
  /** Half-width of the probability band around the threshold counted as uncertain (active learning). */
  uncertaintyBand: z.number().min(0).max(0.5),
  training: z.object({
    /** Hash of the training rows (ids, labels, texts) in order. */
    dataHash: z.string(),
    sources: z.array(z.string()),
    n: z.number().int(),
    positives: z.number().int(),
    /** Metrics of out-of-fold calibrated predictions on the training data, when computed. */
    oofMetrics: MetricsSchema.nullable(),
    /** Packed fingerprints of training texts, for leakage checks at evaluation time. */
    fingerprints: z.string(),
  }),
});
export type ModelMetadata = z.infer<typeof ModelMetadata>;

export const WaspadaPayload = z.object({
  hashing: z.object({ scheme: z.literal('fnv1a32-fmix'), bits: z.number().int().min(10).max(24), charMax: z.number().int().min(3).max(6), bigrams: z.boolean() }),
  featureNames: z.array(z.string()),
  weights: z.object({ count: z.number().int().nonnegative(), indices: z.string(), values: z.string() }),
  bias: z.number(),
  platt: z.object({ a: z.number(), b: z.number() }),
});
export type WaspadaPayload = z.infer<typeof WaspadaPayload>;

export const ModelArtifact = z.discriminatedUnion('algo', [
  ModelMetadata.extend({ algo: z.literal('waspada'), model: WaspadaPayload }),
  ModelMetadata.extend({ algo: z.literal('bayes'), model: z.object({ classifier: z.unknown() }) }),
  ModelMetadata.extend({ algo: z.literal('natural-lr'), model: z.object({ classifier: z.unknown() }) }),
]);
export type ModelArtifact = z.infer<typeof ModelArtifact>;

/** Packs the non-zero entries of `weights`. */
export function packWeights(weights: ArrayLike<number>): WaspadaPayload['weights'] {
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (w !== 0 && Math.fround(w) !== 0) {
      indices.push(i);
      values.push(w);
    }
  }
  const bytes: number[] = [];
  let previous = 0;
  for (const index of indices) {
    let delta = index - previous;
    previous = index;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  const floats = Float32Array.from(values);
  return {
    count: indices.length,
    indices: Buffer.from(Uint8Array.from(bytes)).toString('base64'),
    values: Buffer.from(floats.buffer).toString('base64'),
  };
}

/** Unpacks into a dense Float32Array of `dim` entries. */
export function unpackWeights(packed: WaspadaPayload['weights'], dim: number): Float32Array {
  const out = new Float32Array(dim);
  const bytes = Buffer.from(packed.indices, 'base64');
  const raw = Buffer.from(packed.values, 'base64');
  const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  if (values.length !== packed.count) throw new Error(`model weights: expected ${packed.count} values, found ${values.length}`);
  let position = 0;
  let index = 0;
  for (let k = 0; k < packed.count; k++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[position++];
      if (byte === undefined) throw new Error('model weights: truncated index stream');
      delta += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    index += delta;
    if (index >= dim) throw new Error(`model weights: index ${index} outside ${dim} slots`);
    out[index] = values[k] as number;
  }
  return out;
}
