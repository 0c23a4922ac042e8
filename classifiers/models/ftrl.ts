// Sparse logistic regression trained with FTRL-Proximal (McMahan et al., KDD 2013): per-coordinate adaptive
// steps, L1 that zeroes most hashed n-grams (small artifacts) and L2; deterministic for a given seed.
import { createRandom, shuffled } from '../common/random.js';
import type { SparseVector } from '../features/sparse-vector.js';

export interface FtrlParams {
  /** Learning-rate scale. */
  alpha: number;
  /** Learning-rate smoothing. */
  beta: number;
  /** L1 strength: larger gives fewer non-zero weights. */
  l1: number;
  /** L2 strength. */
  l2: number;
  /** Passes over the data, each in a fresh seeded order. */
  epochs: number;
  /** Weight of positive examples relative to negatives (1 = unweighted). */
  positiveWeight: number;
}

export const DEFAULT_FTRL: FtrlParams = { alpha: 0.5, beta: 1, l1: 0.0005, l2: 0.0001, epochs: 8, positiveWeight: 1 };

export interface LinearWeights {
  /** One weight per feature slot. */
  weights: Float64Array;
  bias: number;
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export { sigmoid };

/** Trains on `xs` with labels `ys` (1 = scam). `onEpoch` reports progress. */
export function trainFtrl(
  xs: readonly SparseVector[],
  ys: ArrayLike<number>,
  dim: number,
  params: FtrlParams,
  seed: number,
  onEpoch?: (epoch: number) => void,
): LinearWeights {
  const z = new Float64Array(dim + 1);
  const n = new Float64Array(dim + 1);
  const { alpha, beta, l1, l2 } = params;
  const random = createRandom(seed);
  const order = xs.map((_, i) => i);
  const weightOf = (i: number, useL1: boolean): number => {
    const zi = z[i] as number;
    const lambda1 = useL1 ? l1 : 0;
    if (Math.abs(zi) <= lambda1) return 0;
    return -(zi - Math.sign(zi) * lambda1) / ((beta + Math.sqrt(n[i] as number)) / alpha + l2);
  };
  // Weights read while computing the margin are reused in the update: a row's indices are distinct, so
  // nothing changes a coordinate between the two reads and the result is the same, at half the cost.
  let current = new Float64Array(1024);
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    for (const row of shuffled(order, random)) {
      const x = xs[row] as SparseVector;
      const y = ys[row] as number;
      const { indices, values } = x;
      if (current.length <= indices.length) current = new Float64Array(indices.length * 2);
      const biasWeight = weightOf(dim, false);
      let margin = biasWeight;
      for (let k = 0; k < indices.length; k++) {
        const w = weightOf(indices[k] as number, true);
        current[k] = w;
        margin += w * (values[k] as number);
      }
      current[indices.length] = biasWeight;
      const scale = y === 1 ? params.positiveWeight : 1;
      const g = (sigmoid(margin) - y) * scale;
      for (let k = 0; k <= indices.length; k++) {
        const i = k < indices.length ? (indices[k] as number) : dim;
        const xi = k < indices.length ? (values[k] as number) : 1;
        const gi = g * xi;
        const ni = n[i] as number;
        const sigma = (Math.sqrt(ni + gi * gi) - Math.sqrt(ni)) / alpha;
        z[i] = (z[i] as number) + gi - sigma * (current[k] as number);
        n[i] = ni + gi * gi;
      }
    }
    onEpoch?.(epoch + 1);
  }
  const weights = new Float64Array(dim);
  for (let i = 0; i < dim; i++) weights[i] = weightOf(i, true);
  return { weights, bias: weightOf(dim, false) };
}
