// K-fold cross-validation: trains one model per fold and pools the out-of-fold probabilities, with folds that
// are stratified and keep exact/near duplicates together (so leakage cannot inflate the figures).
import type { LabelledDoc } from '../dataset/read-dataset.js';
import { duplicateGroups, fingerprint } from '../dataset/leakage.js';
import { memoizedPreparer } from '../features/preparer.js';
import { modelFromArtifact } from '../models/from-artifact.js';
import { assignFolds } from '../models/waspada-model.js';
import { trainModel, type TrainOptions } from '../train.js';

export interface CrossValidation {
  probabilities: Float64Array;
  labels: Uint8Array;
  folds: Int32Array;
  /** Duplicate pairs found in the data (they were kept within one fold unless `groupDuplicates` was off). */
  duplicates: { exactPairs: number; nearPairs: number; grouped: boolean };
  /** Per-fold thresholds chosen on each fold's training data. */
  thresholds: number[];
  /** Out-of-fold predicted positive at the fold's own threshold. */
  predicted: Uint8Array;
  trainSeconds: number;
}

export function crossValidate(
  docs: readonly LabelledDoc[],
  k: number,
  options: TrainOptions & { groupDuplicates?: boolean; onFold?: (fold: number, k: number) => void },
): CrossValidation {
  if (k < 2) throw new Error('--cv needs at least 2 folds');
  const labels = Uint8Array.from(docs.map((d) => d.label));
  const dup = duplicateGroups(docs.map((d) => fingerprint(d.text)));
  const grouped = options.groupDuplicates ?? true;
  const folds = assignFolds(labels, k, options.seed, grouped ? dup.group : undefined);
  const preparer = memoizedPreparer(options.preparer);
  const probabilities = new Float64Array(docs.length);
  const predicted = new Uint8Array(docs.length);
  const thresholds: number[] = [];
  let trainSeconds = 0;
  for (let f = 0; f < k; f++) {
    options.onFold?.(f + 1, k);
    const train = docs.filter((_, i) => folds[i] !== f);
    const trainGroups = grouped ? Int32Array.from(docs.map((_, i) => i).filter((i) => folds[i] !== f).map((i) => dup.group[i] as number)) : undefined;
    const started = performance.now();
    const artifact = trainModel(train, { ...options, preparer, seed: options.seed + 1000 * (f + 1), groups: trainGroups });
    trainSeconds += (performance.now() - started) / 1000;
    const model = modelFromArtifact(artifact, preparer);
    thresholds.push(model.threshold);
    docs.forEach((d, i) => {
      if (folds[i] !== f) return;
      const p = model.probability(d.text);
      probabilities[i] = p;
      predicted[i] = p >= model.threshold ? 1 : 0;
    });
  }
  return { probabilities, labels, folds, duplicates: { exactPairs: dup.exactPairs, nearPairs: dup.nearPairs, grouped }, thresholds, predicted, trainSeconds };
}
