// Trains the shipped model classifiers/model.json (`npm run train:shipped`) on the project corpus's train split.
// With --with-real (and ../shared present) the real ads of id-jobs-real are added as legitimate examples; the
// default leaves them out so that their false-positive rate stays a true held-out measurement.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDatasetOptions, readDataset, type LabelledDoc } from '../classifiers/dataset/read-dataset.js';
import { duplicateGroups, fingerprint } from '../classifiers/dataset/leakage.js';
import { extractPreparer } from '../classifiers/features/extract-preparer.js';
import { SHIPPED_MODEL } from '../classifiers/load.js';
import { trainModel } from '../classifiers/train.js';
import { codeVersion, writeArtifact } from '../src/cli/commands/train.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHIPPED_SEED = 20261122;
export const CORPUS = path.join(ROOT, 'fixtures/corpus/corpus.jsonl');
export const ID_JOBS_REAL = path.join(ROOT, '../shared/datasets/id-jobs-real/legit_id_jobs.jsonl');
/** The shipped threshold keeps out-of-fold precision at or above this (false alarms cost reviewers' time). */
export const SHIPPED_TARGET_PRECISION = 0.97;

export async function shippedTrainingData(useReal: boolean): Promise<{ docs: LabelledDoc[]; sources: string[] }> {
  const corpus = await readDataset(CORPUS, { ...defaultDatasetOptions('jsonl'), where: [{ field: 'split', value: 'train' }] });
  const docs = [...corpus];
  const sources = ['fixtures/corpus/corpus.jsonl (split=train)'];
  if (useReal && existsSync(ID_JOBS_REAL)) {
    const real = await readDataset(ID_JOBS_REAL, defaultDatasetOptions('jsonl'));
    docs.push(...real.map((d) => ({ ...d, id: `id-jobs-real:${d.id}` })));
    sources.push('id-jobs-real/legit_id_jobs.jsonl (all legit)');
  }
  return { docs, sources };
}

async function main(): Promise<void> {
  const useReal = process.argv.includes('--with-real');
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6) ?? path.join(ROOT, SHIPPED_MODEL);
  if (useReal && !existsSync(ID_JOBS_REAL)) process.stderr.write(`${ID_JOBS_REAL} is absent: training on the corpus only\n`);
  const { docs, sources } = await shippedTrainingData(useReal);
  const started = performance.now();
  const artifact = trainModel(docs, {
    algo: 'waspada',
    seed: SHIPPED_SEED,
    preparer: extractPreparer,
    thresholdPolicy: { kind: 'precision', target: SHIPPED_TARGET_PRECISION },
    sources,
    codeVersion: codeVersion(),
    now: new Date().toISOString(),
    groups: duplicateGroups(docs.map((d) => fingerprint(d.text))).group,
  });
  const bytes = await writeArtifact(out, artifact);
  const oof = artifact.training.oofMetrics;
  process.stdout.write(
    `${JSON.stringify({ version: artifact.version, out, bytes, n: docs.length, positives: artifact.training.positives, sources, threshold: artifact.threshold, oof_f1: oof?.f1, oof_precision: oof?.precision, oof_recall: oof?.recall, nonzero_weights: artifact.algo === 'waspada' ? artifact.model.weights.count : null, train_s: Math.round((performance.now() - started) / 100) / 10 })}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
