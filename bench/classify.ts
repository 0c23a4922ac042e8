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
// - posts_per_s_first_pass: posts_per_s for a model just loaded, on posts it has never seen (its word dictionary,
//   which spares re-hashing words seen before, starts empty): what a freshly started score worker does first.
// Rates are per second of this process's CPU time (user + system) on one core, the median of REPEATS passes after a
// warm-up; every pass scores its own freshly synthesized posts, so no pass meets a post seen before (the model
// remembers words, not posts, as a long-running score worker does). Wall-clock rates go to stderr. The last stdout
// line is one JSON object.
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

/**
 * Median items per CPU-second over REPEATS passes, after one untimed warm-up pass: pass p runs `run(p, i)` for
 * i < n, on post set p (set 0 is the warm-up's), so each pass meets posts not seen before.
 */
function rate(label: string, n: number, run: (set: number, i: number) => number): number {
  for (let i = 0; i < n; i++) sink += run(0, i);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const from = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < n; i++) sink += run(r + 1, i);
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
  // One set of posts per pass (warm-up + REPEATS), each with the features the extract stage would have stored.
  const sets = Array.from({ length: REPEATS + 1 }, (_, p) => synthesize(docs, N_POSTS, 7 + 101 * p));
  const setFeatures = sets.map((posts) => posts.map((p) => extractFeatures(p.text)));
  const text = (set: number, i: number): string => (sets[set]![i] as LabelledDoc).text;
  log(`comparison set: ${name}, ${docs.length} documents; ${sets.length} sets of ${N_POSTS} posts of ${POST_CHARS} characters`);

  // Our model and natural's BayesClassifier, trained on the same documents.
  const artifact = trainModel(docs, { algo: 'waspada', seed: 1, preparer: extractPreparer });
  const ours = modelFromArtifact(artifact, extractPreparer);
  const naturalFrom = process.cpuUsage();
  const serialized = trainNatural('bayes', docs.map((d) => d.text), docs.map((d) => d.label)) as { features: Record<string, number> };
  const naturalTrainSeconds = cpuSeconds(naturalFrom);
  const bayes = restoreNatural('bayes', serialized);
  const vocabulary = Object.keys(serialized.features).length;
  log(`natural BayesClassifier: ${vocabulary} stems, trained in ${naturalTrainSeconds.toFixed(1)} s CPU`);

  // A model fresh from its artifact, one pass over posts it has never seen: the cold start.
  const fresh = modelFromArtifact(artifact, extractPreparer);
  const coldFrom = process.cpuUsage();
  for (let i = 0; i < N_POSTS; i++) sink += fresh.probability(text(1, i), setFeatures[1]![i]);
  const firstPass = N_POSTS / cpuSeconds(coldFrom);
  log(`text model, first pass of a fresh model: ${Math.round(firstPass)}/s CPU time`);

  const textModel = rate('text model (probability)', N_POSTS, (set, i) => ours.probability(text(set, i), setFeatures[set]![i]));
  const explained = rate('scoreText (with explanations)', N_POSTS, (set, i) => scoreText(ours, text(set, i), setFeatures[set]![i]!).probability);
  const endToEnd = rate('extract + scoreText', N_POSTS, (set, i) => scoreText(ours, text(set, i), extractFeatures(text(set, i))).probability);
  let hashingOnly = 0;
  if (artifact.algo === 'waspada') {
    const vectorizer = new Vectorizer(artifact.model.hashing, artifact.model.featureNames);
    const weights = unpackWeights(artifact.model.weights, vectorizer.dim);
    const normalized = sets.map((posts) => posts.map((p) => normalizeText(p.text).text));
    const values = setFeatures.map((fs) => fs.map((f) => extractPreparer.prepare('', f).values));
    hashingOnly = rate('hashing + dot product only', N_POSTS, (set, i) => vectorizer.margin(normalized[set]![i] as string, values[set]![i]!, weights));
  }
  let shipped: number | null = null;
  if (existsSync(shippedModelPath())) {
    const model = await loadModel(shippedModelPath());
    shipped = rate(`shipped model ${model.version} (probability)`, N_POSTS, (set, i) => model.probability(text(set, i), setFeatures[set]![i]));
  }
  const naturalBayes = rate('natural BayesClassifier', Math.min(N_POSTS, N_NATURAL_POSTS), (set, i) => naturalProbability(bayes, text(set, i)));

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
    posts_per_s_first_pass: Math.round(firstPass),
    posts_per_s_shipped_model: shipped === null ? null : Math.round(shipped),
    note:
      'per CPU-second on one core, median of repeats, each pass on posts not seen before; posts_per_s = text model only: probability(text, stored features) incl. normalization; end_to_end adds extraction and explanations; first_pass = a freshly loaded model on new posts',
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
