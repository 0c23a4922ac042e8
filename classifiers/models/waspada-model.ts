// The default model: hashed word/character n-grams plus extracted features, FTRL logistic regression,
// Platt-calibrated on out-of-fold margins. Training here; inference and explanations in WaspadaModel.
import type { Features } from '../../src/contracts/features.js';
import type { Span } from '../../src/contracts/common.js';
import type { Normalized } from '../../src/extract/normalize.js';
import { createRandom, shuffled } from '../common/random.js';
import { type TextHashingParams, DEFAULT_TEXT_HASHING } from '../features/text-hashing.js';
import { Vectorizer } from '../features/vectorizer.js';
import type { Preparer } from '../features/preparer.js';
import { compactColumns, rowDot, SparseMatrixBuilder, type SparseMatrix } from '../features/sparse-matrix.js';
import { DEFAULT_FTRL, trainFtrl, type FtrlParams } from './ftrl.js';
import { applyPlatt, fitPlatt, type Platt } from './platt.js';
import { packWeights, unpackWeights, type ModelArtifact, type ModelMetadata, type WaspadaPayload } from './artifact.js';
import type { Explanation, LoadedModel, TermContribution } from './loaded-model.js';

export interface WaspadaParams {
  hashing: TextHashingParams;
  ftrl: FtrlParams;
  /** Folds used to produce out-of-fold margins for calibration and threshold choice (≥ 2). */
  calibrationFolds: number;
}

export const DEFAULT_WASPADA_PARAMS: WaspadaParams = { hashing: DEFAULT_TEXT_HASHING, ftrl: DEFAULT_FTRL, calibrationFolds: 3 };

export interface TrainProgress {
  /** 'vectorize' | 'fold 1/3' | 'final' */
  phase: string;
  done: number;
  total: number;
}

export interface WaspadaTrained {
  payload: WaspadaPayload;
  /** Calibrated out-of-fold probabilities, aligned with the training rows. */
  oofProbabilities: Float64Array;
}

/** Row → fold, seeded, stratified by label, and keeping each duplicate group in one fold when groups are given. */
export function assignFolds(labels: ArrayLike<number>, k: number, seed: number, groups?: ArrayLike<number>): Int32Array {
  const fold = new Int32Array(labels.length);
  const random = createRandom(seed ^ 0x5eed);
  const groupOf = (i: number): number => (groups ? (groups[i] as number) : i);
  const members = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groupOf(i);
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  // Deal groups of each majority label round-robin in a seeded order: stratified and balanced in size.
  for (const label of [0, 1]) {
    const ids = [...members.keys()].filter((g) => {
      const rows = members.get(g) as number[];
      const positives = rows.filter((r) => labels[r] === 1).length;
      return (positives * 2 >= rows.length ? 1 : 0) === label;
    });
    const order = shuffled(ids, random).sort((a, b) => (members.get(b) as number[]).length - (members.get(a) as number[]).length);
    const sizes = new Array<number>(k).fill(0);
    for (const g of order) {
      let smallest = 0;
      for (let f = 1; f < k; f++) if ((sizes[f] as number) < (sizes[smallest] as number)) smallest = f;
      for (const r of members.get(g) as number[]) fold[r] = smallest;
      sizes[smallest] = (sizes[smallest] as number) + (members.get(g) as number[]).length;
    }
  }
  return fold;
}

/** Every document's hashed vector, computed once (extraction included) and reused by every fold. */
export function vectorizeAll(
  texts: readonly string[],
  preparer: Preparer,
  vectorizer: Vectorizer,
  onProgress?: (p: TrainProgress) => void,
): SparseMatrix {
  const builder = new SparseMatrixBuilder(vectorizer.dim);
  texts.forEach((text, i) => {
    const prepared = preparer.prepare(text);
    vectorizer.appendRow(prepared.normalized, prepared.values, builder);
    if (onProgress && (i % 200 === 199 || i === texts.length - 1)) onProgress({ phase: 'vectorize', done: i + 1, total: texts.length });
  });
  return builder.build();
}

export function trainWaspada(
  texts: readonly string[],
  labels: ArrayLike<number>,
  preparer: Preparer,
  params: WaspadaParams,
  seed: number,
  onProgress?: (p: TrainProgress) => void,
  groups?: ArrayLike<number>,
): WaspadaTrained {
  const vectorizer = new Vectorizer(params.hashing, preparer.featureNames);
  const { matrix: x, original } = compactColumns(vectorizeAll(texts, preparer, vectorizer, onProgress));
  const n = texts.length;
  const k = Math.max(2, params.calibrationFolds);
  const folds = assignFolds(labels, k, seed, groups);
  const margins = new Float64Array(n);
  for (let f = 0; f < k; f++) {
    const trainRows: number[] = [];
    for (let i = 0; i < n; i++) if (folds[i] !== f) trainRows.push(i);
    const phase = `calibration fold ${f + 1}/${k}`;
    const model = trainFtrl(x, trainRows, labels, params.ftrl, seed + f + 1, (e) => onProgress?.({ phase, done: e, total: params.ftrl.epochs }));
    for (let i = 0; i < n; i++) if (folds[i] === f) margins[i] = rowDot(x, i, model.weights) + model.bias;
  }
  const platt = fitPlatt(margins, labels);
  const everyRow = Int32Array.from({ length: n }, (_, i) => i);
  const final = trainFtrl(x, everyRow, labels, params.ftrl, seed, (e) => onProgress?.({ phase: 'final model', done: e, total: params.ftrl.epochs }));
  const weights = new Float64Array(vectorizer.dim);
  for (let j = 0; j < original.length; j++) weights[original[j] as number] = final.weights[j] as number;
  const oofProbabilities = margins.map((m) => applyPlatt(platt, m));
  return {
    payload: {
      hashing: { scheme: 'fnv1a32-fmix', ...params.hashing },
      featureNames: [...preparer.featureNames],
      weights: packWeights(weights),
      bias: final.bias,
      platt,
    },
    oofProbabilities,
  };
}

type WaspadaArtifact = Extract<ModelArtifact, { algo: 'waspada' }>;

const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;

export class WaspadaModel implements LoadedModel {
  readonly metadata: ModelMetadata;
  private readonly vectorizer: Vectorizer;
  private readonly weights: Float32Array;
  private readonly bias: number;
  private readonly platt: Platt;

  constructor(
    artifact: WaspadaArtifact,
    private readonly preparer: Preparer,
  ) {
    const { model, ...metadata } = artifact;
    this.metadata = metadata;
    const { scheme: _scheme, ...hashing } = model.hashing;
    this.vectorizer = new Vectorizer(hashing, model.featureNames, preparer.featureNames);
    this.weights = unpackWeights(model.weights, this.vectorizer.dim);
    this.bias = model.bias;
    this.platt = model.platt;
  }

  /** Feature values are read before probability() or explain() returns, so one buffer serves every call. */
  private scratch: Float64Array | undefined;
  private scratchValues(): Float64Array {
    return (this.scratch ??= new Float64Array(this.preparer.featureNames.length));
  }

  get version(): string {
    return this.metadata.version;
  }
  get algo(): 'waspada' {
    return 'waspada';
  }
  get threshold(): number {
    return this.metadata.threshold;
  }
  get uncertaintyBand(): number {
    return this.metadata.uncertaintyBand;
  }

  probability(text: string, features?: Features, normalized?: Normalized): number {
    const prepared = this.preparer.prepare(text, features, { normalized, values: this.scratchValues() });
    return applyPlatt(this.platt, this.vectorizer.margin(prepared.normalized, prepared.values, this.weights) + this.bias);
  }

  /** Log-odds contributions: character grams are credited to the word they lie in, so terms stay readable. */
  explain(text: string, features?: Features, topK = 8, normalized?: Normalized): Explanation {
    const prepared = this.preparer.prepare(text, features, { normalized, spans: true, values: this.scratchValues() });
    const contributions = this.vectorizer.textContributions(prepared.normalized, this.weights);
    const { lower } = contributions;
    let margin = contributions.total;
    // Sum occurrences of the same term; only terms that push towards scam are candidates.
    const byTerm = new Map<string, { weight: number; spans: Array<[number, number]> }>();
    const add = (term: string, start: number, end: number, weight: number): void => {
      const entry = byTerm.get(term);
      if (entry) {
        entry.weight += weight;
        entry.spans.push([start, end]);
      } else byTerm.set(term, { weight, spans: [[start, end]] });
    };
    for (const w of contributions.words) add(lower.slice(w.start, w.end), w.start, w.end, w.weight);
    for (const p of contributions.pairs) if (p.weight > 0) add(lower.slice(p.start, p.end).replace(NON_WORD_RUN, ' '), p.start, p.end, p.weight);
    const top: Array<[string, { weight: number; spans: Array<[number, number]> }]> = [];
    for (const entry of byTerm) if (entry[1].weight > 0) top.push(entry);
    top.sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1));
    const terms: TermContribution[] = top.slice(0, topK).map(([term, e]) => {
      const seen = new Set<string>();
      const spans: Span[] = [];
      for (const [start, end] of e.spans) {
        const span = prepared.toOriginal(start, end);
        const key = `${span.start}:${span.end}`;
        if (!seen.has(key)) {
          seen.add(key);
          spans.push(span);
        }
      }
      return { term, weight: e.weight, spans: spans.sort((a, b) => a.start - b.start) };
    });
    // Added in slot order, as margin() does, so explain() and probability() agree to the last bit.
    const dense = this.vectorizer.denseWeights(prepared.values, this.weights);
    for (const f of dense) margin += f.weight;
    const featureWeights = dense.filter((f) => f.weight !== 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.name < b.name ? -1 : 1));
    return { probability: applyPlatt(this.platt, margin + this.bias), terms, features: featureWeights };
  }
}
