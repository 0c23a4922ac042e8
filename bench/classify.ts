// Classifier speed benchmark (`npm run bench:classify`). What each figure measures:
//
// - Posts: POST_CHARS-character posts, each a document of the comparison set followed by lines of others.
// - Comparison set: the shipped model's training documents (corpus, split=train) plus, when ../shared is present,
//   the 1,921 real Indonesian job ads of id-jobs-real: the training set of `train:shipped --with-real`. Both our
//   model and natural's BayesClassifier are trained on exactly these documents in this run. natural's scoring
//   cost grows with its vocabulary (a dense feature vector over every stem, searched per post), so the set matters:
//   the synthetic corpus alone has ~3,400 stems and flatters it; with the real ads it has ~15,000, about what it
//   had on EMSCAD when the issue measured it at ~71 (long) ads/s. The JSON says which set and vocabulary were used.
// - posts_per_s ("text model only"): model.probability(text, features) with the features the extract stage stored,
//   as the score stage receives them: the extractor's text normalization, feature vector, hashing of word and
//   character n-grams, sparse dot product and calibration. Extraction itself is excluded.
// - posts_per_s_explained: scoreText(), i.e. the above plus per-post explanations and reasons (the score stage's work).
// - posts_per_s_end_to_end: extractFeatures(text) + scoreText(): from raw text to the score output.
// - posts_per_s_hashing_only: hashing + dot product on already-normalized text and feature values (the model's own part).
// - natural_bayes_per_s: natural's BayesClassifier P(scam) for the same posts (tokenize, stem, classify).
// - train_s_20k: trainModel() on TRAIN_DOCS synthesized documents (same recipe as the posts), extraction of every
//   document, 3 calibration folds and the final model included.
// Rates are per second of this process's CPU time (user + system) on one core, the median of REPEATS passes after a
// warm-up; wall-clock rates go to stderr. The last stdout line is one JSON object.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../classifiers/common/random.js';
import { defaultDatasetOptions, readDataset, type LabelledDoc } from '../classifiers/dataset/read-dataset.js';
import { extractPreparer } from '../classifiers/features/extract-preparer.js';
import { Vectorizer } from '../classifiers/features/vectorizer.js';
import { loadModel, shippedModelPath } from '../classifiers/load.js';
import { unpackWeights } from '../classifiers/models/artifact.js';
import { modelFromArtifact } from '../classifiers/models/from-artifact.js';
import { naturalProbability, restoreNatural, trainNatural } from '../classifiers/models/natural-baselines.js';
import { trainModel } from '../classifiers/train.js';
import { extractFeatures } from '../src/extract/index.js';
import { normalizeText } from '../src/extract/normalize.js';
import { scoreText } from '../src/score/score-text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'fixtures/corpus/corpus.jsonl');
const ID_JOBS_REAL = path.resolve(process.env.WASPADA_DATASETS ?? path.join(ROOT, '../shared/datasets'), 'id-jobs-real/legit_id_jobs.jsonl');
const POST_CHARS = 500;
const N_POSTS = Number(process.env.BENCH_POSTS ?? 3000);
const N_NATURAL_POSTS = Number(process.env.BENCH_NATURAL_POSTS ?? 600);
const N_TRAIN = Number(process.env.BENCH_TRAIN_DOCS ?? 20_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const log = (message: string): void => void process.stderr.write(`${message}\n`);

/** The comparison set: corpus train split, plus the real ads of id-jobs-real when available. */
async function comparisonSet(): Promise<{ docs: LabelledDoc[]; name: string }> {
  if (!existsSync(CORPUS)) throw new Error(`missing ${CORPUS}`);
  const corpus = await readDataset(CORPUS, { ...defaultDatasetOptions('jsonl'), where: [{ field: 'split', value: 'train' }] });
  if (!existsSync(ID_JOBS_REAL)) {
    log(`${ID_JOBS_REAL} absent: natural is trained on the synthetic corpus alone, whose small vocabulary flatters it`);
    return { docs: corpus, name: 'corpus split=train (synthetic vocabulary: flatters natural)' };
  }
  const real = await readDataset(ID_JOBS_REAL, defaultDatasetOptions('jsonl'));
  return { docs: [...corpus, ...real.map((d) => ({ ...d, id: `id-jobs-real:${d.id}` }))], name: 'corpus split=train + id-jobs-real' };
}

/** Posts of exactly POST_CHARS characters: a document followed by lines of others until long enough. */
function synthesize(rows: readonly LabelledDoc[], n: number, seed: number): LabelledDoc[] {
  const random = createRandom(seed);
  const lines = rows.flatMap((r) => r.text.split('\n')).filter((l) => l.trim().length > 0);
  const out: LabelledDoc[] = [];
  for (let i = 0; i < n; i++) {
    const base = rows[Math.floor(random() * rows.length)] as LabelledDoc;
    let text = base.text;
    while (text.length < POST_CHARS) text += `\n${lines[Math.floor(random() * lines.length)] as string}`;
    out.push({ id: String(i), row: i + 1, text: text.slice(0, POST_CHARS), label: base.label });
  }
  return out;
}

const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

let sink = 0;

/** Median items per CPU-second over REPEATS passes of `run(i)` for i < n, after one untimed warm-up pass. */
function rate(label: string, n: number, run: (i: number) => number): number {
  for (let i = 0; i < n; i++) sink += run(i);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const from = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < n; i++) sink += run(i);
    cpu.push(n / cpuSeconds(from));
    wall.push(n / ((performance.now() - started) / 1000));
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const result = median(cpu);
  log(`${label}: ${Math.round(result)}/s CPU time, ${Math.round(median(wall))}/s wall clock (median of ${REPEATS})`);
  return result;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] as number;
  const { docs, name } = await comparisonSet();
  const posts = synthesize(docs, N_POSTS, 7);
  log(`comparison set: ${name}, ${docs.length} documents; ${posts.length} posts of ${POST_CHARS} characters`);

  // Our model and natural's BayesClassifier, trained on the same documents.
  const artifact = trainModel(docs, { algo: 'waspada', seed: 1, preparer: extractPreparer });
  const ours = modelFromArtifact(artifact, extractPreparer);
  const naturalFrom = process.cpuUsage();
  const serialized = trainNatural('bayes', docs.map((d) => d.text), docs.map((d) => d.label)) as { features: Record<string, number> };
  const naturalTrainSeconds = cpuSeconds(naturalFrom);
  const bayes = restoreNatural('bayes', serialized);
  const vocabulary = Object.keys(serialized.features).length;
  log(`natural BayesClassifier: ${vocabulary} stems, trained in ${naturalTrainSeconds.toFixed(1)} s CPU`);

  const features = posts.map((p) => extractFeatures(p.text));
  const textModel = rate('text model (probability)', posts.length, (i) => ours.probability((posts[i] as LabelledDoc).text, features[i]));
  const explained = rate('scoreText (with explanations)', posts.length, (i) => scoreText(ours, (posts[i] as LabelledDoc).text, features[i]!).probability);
  const endToEnd = rate('extract + scoreText', posts.length, (i) => {
    const text = (posts[i] as LabelledDoc).text;
    return scoreText(ours, text, extractFeatures(text)).probability;
  });
  let hashingOnly = 0;
  if (artifact.algo === 'waspada') {
    const vectorizer = new Vectorizer(artifact.model.hashing, artifact.model.featureNames);
    const weights = unpackWeights(artifact.model.weights, vectorizer.dim);
    const normalized = posts.map((p) => normalizeText(p.text).text);
    const values = features.map((f) => extractPreparer.prepare('', f).values);
    hashingOnly = rate('hashing + dot product only', posts.length, (i) => vectorizer.margin(normalized[i] as string, values[i]!, weights));
  }
  let shipped: number | null = null;
  if (existsSync(shippedModelPath())) {
    const model = await loadModel(shippedModelPath());
    shipped = rate(`shipped model ${model.version} (probability)`, posts.length, (i) => model.probability((posts[i] as LabelledDoc).text, features[i]));
  }
  const naturalPosts = posts.slice(0, Math.min(posts.length, N_NATURAL_POSTS));
  const naturalBayes = rate('natural BayesClassifier', naturalPosts.length, (i) => naturalProbability(bayes, (naturalPosts[i] as LabelledDoc).text));

  const trainDocs = synthesize(docs, N_TRAIN, 11);
  log(`training on ${trainDocs.length} documents…`);
  const trainFrom = process.cpuUsage();
  const trainWall = performance.now();
  const trained = trainModel(trainDocs, { algo: 'waspada', seed: 1, preparer: extractPreparer });
  const trainSeconds = cpuSeconds(trainFrom);
  log(`training: ${trainSeconds.toFixed(1)} s CPU time, ${((performance.now() - trainWall) / 1000).toFixed(1)} s wall clock`);
  const extractFrom = process.cpuUsage();
  const sample = trainDocs.slice(0, 2000);
  for (const d of sample) extractFeatures(d.text);
  const extractShare = (cpuSeconds(extractFrom) * (trainDocs.length / sample.length)) / trainSeconds;

  const result = {
    posts_per_s: Math.round(textModel),
    natural_bayes_per_s: Math.round(naturalBayes),
    train_s_20k: Math.round(trainSeconds * 10) / 10,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    speedup_vs_natural_bayes: Math.round(textModel / naturalBayes),
    posts_per_s_explained: Math.round(explained),
    posts_per_s_end_to_end: Math.round(endToEnd),
    posts_per_s_hashing_only: Math.round(hashingOnly),
    posts_per_s_shipped_model: shipped === null ? null : Math.round(shipped),
    note:
      'per CPU-second on one core, median of repeats; posts_per_s = text model only: probability(text, stored features) incl. normalization; end_to_end adds extraction and explanations',
    post_chars: POST_CHARS,
    comparison_set: name,
    comparison_docs: docs.length,
    natural_vocabulary: vocabulary,
    train_docs: trainDocs.length,
    train_note: 'CPU seconds, extraction of every document included, 3 calibration folds + final model',
    train_extraction_share: Math.round(extractShare * 100) / 100,
    train_nonzero_weights: trained.algo === 'waspada' ? trained.model.weights.count : null,
    load_average: [Math.round(loadBefore * 100) / 100, Math.round((loadavg()[0] as number) * 100) / 100],
    checksum: Math.round(sink) % 1000,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
