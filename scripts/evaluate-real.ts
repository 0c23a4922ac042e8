// Real-data figures (`npm run eval:real`): 5-fold CV F1 on EMSCAD (fraud) and id-sms (penipuan = 1; 0 and 2
// negative), each next to natural's BayesClassifier on the same folds, and the shipped model's false-positive
// rate on the 1,921 real Indonesian job ads of id-jobs-real (which the shipped model never trained on).
// Reads ../shared/datasets at run time; when it is absent it says so and prints {"available":false}.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDatasetOptions, readDataset, type DatasetOptions, type LabelledDoc } from '../classifiers/dataset/read-dataset.js';
import { crossLeakage, decodeFingerprints, fingerprint } from '../classifiers/dataset/leakage.js';
import { crossValidate } from '../classifiers/eval/cross-validate.js';
import { metricsFromDecisions } from '../classifiers/eval/metrics.js';
import { extractPreparer } from '../classifiers/features/extract-preparer.js';
import { loadModel, shippedModelPath } from '../classifiers/load.js';
import type { Algo } from '../classifiers/models/artifact.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATASETS = path.resolve(process.env.WASPADA_DATASETS ?? path.join(ROOT, '../shared/datasets'));
const SEED = 42;
const FOLDS = 5;
const log = (message: string): void => void process.stderr.write(`${message}\n`);

const round = (x: number): number => Math.round(x * 10000) / 10000;

function cv(docs: readonly LabelledDoc[], algo: Algo): Record<string, unknown> {
  const started = performance.now();
  const result = crossValidate(docs, FOLDS, { algo, seed: SEED, preparer: extractPreparer });
  const m = metricsFromDecisions(result.probabilities, result.labels, result.predicted, 0);
  return {
    f1: round(m.f1),
    precision: round(m.precision),
    recall: round(m.recall),
    pr_auc: round(m.pr_auc),
    roc_auc: round(m.roc_auc),
    confusion: m.confusion,
    duplicate_pairs: { exact: result.duplicates.exactPairs, near: result.duplicates.nearPairs },
    seconds: Math.round((performance.now() - started) / 1000),
  };
}

async function compareOn(name: string, file: string, options: DatasetOptions): Promise<Record<string, unknown>> {
  const docs = await readDataset(file, options);
  const positives = docs.filter((d) => d.label === 1).length;
  log(`${name}: ${docs.length} rows (${positives} positive), ${FOLDS}-fold CV (seed ${SEED}, duplicates kept within one fold)…`);
  const waspada = cv(docs, 'waspada');
  log(`  waspada F1 ${String(waspada.f1)}`);
  const bayes = cv(docs, 'bayes');
  log(`  natural bayes F1 ${String(bayes.f1)}`);
  return { n: docs.length, positives, waspada, natural_bayes: bayes };
}

async function main(): Promise<void> {
  const emscad = path.join(DATASETS, 'emscad-subset/emscad_subset_train.csv');
  const sms = path.join(DATASETS, 'id-sms/dataset_sms_spam_v1.csv');
  const jobs = path.join(DATASETS, 'id-jobs-real/legit_id_jobs.jsonl');
  const missing = [emscad, sms, jobs].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    log(`real datasets absent (${missing.join(', ')}): nothing measured. Set WASPADA_DATASETS or check out ../shared.`);
    process.stdout.write(`${JSON.stringify({ available: false, missing })}\n`);
    return;
  }
  const result: Record<string, unknown> = { available: true, folds: FOLDS, seed: SEED };
  result.emscad = await compareOn('emscad-subset', emscad, defaultDatasetOptions('emscad'));
  result.id_sms = await compareOn('id-sms', sms, { ...defaultDatasetOptions('csv'), textFields: ['Teks'], positive: ['1'], negative: ['0', '2'] });

  const model = await loadModel(shippedModelPath(), extractPreparer);
  const real = await readDataset(jobs, defaultDatasetOptions('jsonl'));
  let fp = 0;
  let uncertain = 0;
  for (const doc of real) {
    const p = model.probability(doc.text);
    if (p >= model.threshold) fp++;
    if (Math.abs(p - model.threshold) <= model.uncertaintyBand) uncertain++;
  }
  const leakage = crossLeakage(decodeFingerprints(model.metadata.training.fingerprints), real.map((d) => fingerprint(d.text)));
  result.id_jobs_real = {
    n: real.length,
    false_positives: fp,
    fpr: round(fp / real.length),
    uncertain_share: round(uncertain / real.length),
    threshold: round(model.threshold),
    model: model.version,
    trained_on: model.metadata.training.sources,
    held_out: !model.metadata.training.sources.some((s) => s.includes('id-jobs-real')),
    leakage: { exact: leakage.exact, near: leakage.near },
  };
  log(`id-jobs-real: ${fp}/${real.length} flagged suspect by the shipped model (${(100 * fp / real.length).toFixed(2)}%)`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
