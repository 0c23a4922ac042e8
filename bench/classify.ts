// Classifier speed benchmark (`npm run bench:classify`): scoring throughput on 500-character posts on one core,
// natural's BayesClassifier on the same posts, training time on 20,000 documents, and peak RSS.
// The last stdout line is {"posts_per_s","natural_bayes_per_s","train_s_20k","peak_rss_mb",...}.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../classifiers/common/random.js';
import type { LabelledDoc } from '../classifiers/dataset/read-dataset.js';
import { extractPreparer } from '../classifiers/features/extract-preparer.js';
import { Vectorizer } from '../classifiers/features/vectorizer.js';
import { loadModel, shippedModelPath } from '../classifiers/load.js';
import { modelFromArtifact } from '../classifiers/models/from-artifact.js';
import type { LoadedModel } from '../classifiers/models/loaded-model.js';
import { naturalProbability, restoreNatural, trainNatural } from '../classifiers/models/natural-baselines.js';
import { unpackWeights } from '../classifiers/models/artifact.js';
import { trainModel } from '../classifiers/train.js';
import { extractFeatures } from '../src/extract/index.js';
import { normalizeText } from '../src/extract/normalize.js';
import { scoreText } from '../src/score/score-text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'fixtures/corpus/corpus.jsonl');
const POST_CHARS = 500;
const N_POSTS = Number(process.env.BENCH_POSTS ?? 5000);
const N_TRAIN = Number(process.env.BENCH_TRAIN_DOCS ?? 20_000);
const log = (message: string): void => void process.stderr.write(`${message}\n`);

function corpus(): Array<{ text: string; label: 0 | 1 }> {
  if (!existsSync(CORPUS)) throw new Error(`missing ${CORPUS}`);
  return readFileSync(CORPUS, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; label: string })
    .map((r) => ({ text: r.text, label: r.label === 'scam' ? 1 : 0 }));
}

/** Posts of exactly POST_CHARS characters: a corpus post followed by lines of others until long enough. */
function synthesize(rows: Array<{ text: string; label: 0 | 1 }>, n: number, seed: number): LabelledDoc[] {
  const random = createRandom(seed);
  const lines = rows.flatMap((r) => r.text.split('\n')).filter((l) => l.trim().length > 0);
  const out: LabelledDoc[] = [];
  for (let i = 0; i < n; i++) {
    const base = rows[Math.floor(random() * rows.length)] as { text: string; label: 0 | 1 };
    let text = base.text;
    while (text.length < POST_CHARS) text += `\n${lines[Math.floor(random() * lines.length)] as string}`;
    out.push({ id: String(i), row: i + 1, text: text.slice(0, POST_CHARS), label: base.label });
  }
  return out;
}

/**
 * Items per second of this process's CPU time (user + system). Wall-clock rates are also logged: on a shared
 * machine they measure the neighbours as much as the code.
 */
function rate(n: number, run: () => void, label = ''): number {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  const cpuRate = n / ((used.user + used.system) / 1e6);
  if (label) log(`${label}: ${Math.round(cpuRate)}/s CPU time, ${Math.round(n / ((performance.now() - wall) / 1000))}/s wall clock`);
  return cpuRate;
}

async function main(): Promise<void> {
  const rows = corpus();
  const posts = synthesize(rows, N_POSTS, 7);
  let model: LoadedModel;
  if (existsSync(shippedModelPath())) model = await loadModel(shippedModelPath());
  else {
    log('shipped model missing: training one on the corpus for the benchmark');
    model = modelFromArtifact(trainModel(rows.map((r, i) => ({ id: String(i), row: i + 1, ...r })), { algo: 'waspada', seed: 1, preparer: extractPreparer }), extractPreparer);
  }
  log(`model ${model.version}; ${posts.length} posts of ${POST_CHARS} characters`);
  const features = posts.map((p) => extractFeatures(p.text));
  const normalized = posts.map((p) => normalizeText(p.text).text);

  // Warm up the JIT on every path before timing.
  for (let i = 0; i < 300; i++) {
    const p = posts[i % posts.length] as LabelledDoc;
    model.probability(p.text, features[i % posts.length]);
    scoreText(model, p.text, features[i % posts.length]!);
  }
  let sink = 0;
  const modelOnly = rate(posts.length, () => posts.forEach((p, i) => (sink += model.probability(p.text, features[i]))), 'probability');
  const withExplanations = rate(posts.length, () => posts.forEach((p, i) => (sink += scoreText(model, p.text, features[i]!).probability)), 'scoreText');
  const withExtraction = rate(posts.length, () =>
    posts.forEach((p) => {
      const f = extractFeatures(p.text);
      sink += scoreText(model, p.text, f).probability;
    }),
    'extract + scoreText',
  );
  // The model's own work on already-normalized text (hashing + dot product), no normalization or extraction.
  const artifact = JSON.parse(readFileSync(shippedModelPath(), 'utf8')) as { model?: { hashing: { bits: number; charMax: number; bigrams: boolean }; featureNames: string[]; weights: { count: number; indices: string; values: string } } };
  let hashOnly = 0;
  if (artifact.model?.hashing) {
    const v = new Vectorizer(artifact.model.hashing, artifact.model.featureNames);
    const w = unpackWeights(artifact.model.weights, v.dim);
    const values = features.map((f) => extractPreparer.prepare('', f).values);
    hashOnly = rate(posts.length, () => normalized.forEach((t, i) => (sink += v.margin(t, values[i]!, w))), 'hash + dot only');
  }

  // natural's BayesClassifier trained on the same corpus, classifying the same posts.
  const bayes = restoreNatural('bayes', trainNatural('bayes', rows.map((r) => r.text), rows.map((r) => r.label)));
  const bayesSample = posts.slice(0, Math.min(posts.length, 1000));
  const naturalBayes = rate(bayesSample.length, () => bayesSample.forEach((p) => (sink += naturalProbability(bayes, p.text))), 'natural bayes');

  // Training on N_TRAIN documents (extraction included: the trainer extracts every document).
  const trainDocs = synthesize(rows, N_TRAIN, 11);
  log(`training on ${trainDocs.length} documents…`);
  const cpuSeconds = (from: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1e6;
  };
  const trainCpu = process.cpuUsage();
  const trainWall = performance.now();
  const trained = trainModel(trainDocs, { algo: 'waspada', seed: 1, preparer: extractPreparer });
  const trainSeconds = cpuSeconds(trainCpu);
  log(`training: ${trainSeconds.toFixed(1)} s CPU time, ${((performance.now() - trainWall) / 1000).toFixed(1)} s wall clock`);
  const extractCpu = process.cpuUsage();
  for (const d of trainDocs.slice(0, 2000)) extractFeatures(d.text);
  const extractShare = (cpuSeconds(extractCpu) * (trainDocs.length / 2000)) / trainSeconds;

  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const result = {
    posts_per_s: Math.round(modelOnly),
    posts_per_s_note:
      'per second of CPU time on one core: model.probability(text, features) = normalization + hashing + calibrated dot product; extraction excluded (the score stage receives stored features)',
    posts_per_s_with_explanations: Math.round(withExplanations),
    posts_per_s_with_extraction: Math.round(withExtraction),
    posts_per_s_hash_only: Math.round(hashOnly),
    natural_bayes_per_s: Math.round(naturalBayes),
    speedup_vs_natural_bayes: Math.round(modelOnly / naturalBayes),
    train_s_20k: Math.round(trainSeconds * 10) / 10,
    train_note: 'CPU seconds, feature extraction of every document included, 3 calibration folds + final model',
    train_docs: trainDocs.length,
    train_extraction_share: Math.round(extractShare * 100) / 100,
    train_nonzero_weights: trained.algo === 'waspada' ? trained.model.weights.count : null,
    peak_rss_mb: Math.round(peakRssMb),
    checksum: Math.round(sink) % 1000,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
