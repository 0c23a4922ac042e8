// Trains any of the selectable algorithms into a model artifact with its provenance, out-of-fold metrics
// and chosen threshold. Pure apart from the clock value passed in.
import { hash64Hex } from './common/hash.js';
import type { LabelledDoc } from './dataset/read-dataset.js';
import { encodeFingerprints, fingerprint } from './dataset/leakage.js';
import { computeMetrics } from './eval/metrics.js';
import { chooseThreshold, type ThresholdPolicy } from './eval/threshold.js';
import type { Preparer } from './features/preparer.js';
import { MODEL_FORMAT, type Algo, type ModelArtifact, type ModelMetadata } from './models/artifact.js';
import { trainNatural } from './models/natural-baselines.js';
import { DEFAULT_WASPADA_PARAMS, trainWaspada, type TrainProgress, type WaspadaParams } from './models/waspada-model.js';

export { DEFAULT_BAND as DEFAULT_UNCERTAINTY_BAND } from './active-learning.js';
import { DEFAULT_BAND as DEFAULT_UNCERTAINTY_BAND } from './active-learning.js';

export interface TrainOptions {
  algo: Algo;
  seed: number;
  preparer: Preparer;
  params?: Partial<WaspadaParams>;
  /** Applies to the waspada algorithm (which has out-of-fold probabilities); baselines use 0.5. */
  thresholdPolicy?: ThresholdPolicy;
  uncertaintyBand?: number;
  sources?: string[];
  codeVersion?: string;
  /** ISO time; passed in so training stays a pure function of its inputs. */
  now?: string;
  onProgress?: (p: TrainProgress) => void;
  /** Duplicate-group id per row, so calibration folds keep duplicates together. */
  groups?: ArrayLike<number>;
}

export function datasetHash(docs: readonly LabelledDoc[]): string {
  return hash64Hex(docs.map((d) => `${d.id}\u0001${d.label}\u0001${d.text}`).join('\u0002'));
}

export function trainModel(docs: readonly LabelledDoc[], options: TrainOptions): ModelArtifact {
  if (docs.length < 4) throw new Error(`training needs at least 4 rows, got ${docs.length}`);
  const labels = Uint8Array.from(docs.map((d) => d.label));
  const positives = labels.reduce((s, y) => s + y, 0);
  if (positives === 0 || positives === docs.length) throw new Error('training needs both scam and legitimate rows');
  const texts = docs.map((d) => d.text);
  const dataHash = datasetHash(docs);
  const createdAt = options.now ?? new Date(0).toISOString();
  const stamp = createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = {
    format: MODEL_FORMAT,
    createdAt,
    codeVersion: options.codeVersion ?? 'unknown',
    seed: options.seed,
    uncertaintyBand: options.uncertaintyBand ?? DEFAULT_UNCERTAINTY_BAND,
  } as const;
  const training = (oofMetrics: ModelMetadata['training']['oofMetrics']): ModelMetadata['training'] => ({
    dataHash,
    sources: options.sources ?? [],
    n: docs.length,
    positives,
    oofMetrics,
    fingerprints: encodeFingerprints(texts.map((t) => fingerprint(t))),
  });

  if (options.algo === 'waspada') {
    const params: WaspadaParams = { ...DEFAULT_WASPADA_PARAMS, ...options.params };
    const trained = trainWaspada(texts, labels, options.preparer, params, options.seed, options.onProgress, options.groups);
    const choice = chooseThreshold(trained.oofProbabilities, labels, options.thresholdPolicy ?? { kind: 'f1' });
    return {
      ...base,
      algo: 'waspada',
      version: `waspada-${stamp}-${hash64Hex(`${dataHash}|${JSON.stringify(params)}|${options.seed}`).slice(0, 8)}`,
      featuresVersion: options.preparer.featuresVersion,
      params: { ...params } as Record<string, unknown>,
      threshold: choice.threshold,
      thresholdPolicy: { ...choice.policy },
      thresholdNote: `out-of-fold: ${choice.note}`,
      tradeoff: choice.tradeoff,
      training: training(computeMetrics(trained.oofProbabilities, labels, choice.threshold)),
      model: trained.payload,
    };
  }
  options.onProgress?.({ phase: `training natural ${options.algo}`, done: 0, total: 1 });
  const classifier = trainNatural(options.algo, texts, labels);
  options.onProgress?.({ phase: `training natural ${options.algo}`, done: 1, total: 1 });
  return {
    ...base,
    algo: options.algo,
    version: `${options.algo}-${stamp}-${dataHash.slice(0, 8)}`,
    featuresVersion: 'none',
    params: {},
    threshold: 0.5,
    thresholdPolicy: { kind: 'fixed', threshold: 0.5 },
    thresholdNote: 'natural baseline: the class with the higher score',
    tradeoff: [],
    training: training(null),
    model: { classifier },
  };
}
