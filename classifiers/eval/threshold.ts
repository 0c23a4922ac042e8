// Chooses the suspect threshold from out-of-fold probabilities: best F1, a target precision, or the number of
// cases reviewers can take per day. Returns the trade-off table too, so the choice is visible.
import { prCurve } from './metrics.js';

export type ThresholdPolicy =
  | { kind: 'f1' }
  | { kind: 'precision'; target: number }
  | { kind: 'capacity'; casesPerDay: number; postsPerDay: number }
  | { kind: 'fixed'; threshold: number };

export interface TradeoffRow {
  threshold: number;
  precision: number;
  recall: number;
  /** Share of all posts flagged suspect at this threshold. */
  flaggedRate: number;
  /** flaggedRate × postsPerDay when a daily volume is known. */
  casesPerDay?: number;
}

export interface ThresholdChoice {
  threshold: number;
  policy: ThresholdPolicy;
  /** Why this threshold, in one sentence, for the report and the model metadata. */
  note: string;
  tradeoff: TradeoffRow[];
}

const TABLE_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** `dailyPosts` adds a cases-per-day column to the trade-off table (the capacity policy brings its own). */
export function chooseThreshold(probabilities: ArrayLike<number>, labels: ArrayLike<number>, policy: ThresholdPolicy, dailyPosts?: number): ThresholdChoice {
  const curve = prCurve(probabilities, labels);
  const n = labels.length;
  const postsPerDay = policy.kind === 'capacity' ? policy.postsPerDay : dailyPosts;
  let threshold = 0.5;
  let note = '';
  switch (policy.kind) {
    case 'fixed':
      threshold = policy.threshold;
      note = `fixed at ${threshold}`;
      break;
    case 'f1': {
      let best = -1;
      let at = 0;
      curve.forEach((p, k) => {
        const f1 = p.precision + p.recall === 0 ? 0 : (2 * p.precision * p.recall) / (p.precision + p.recall);
        if (f1 > best) {
          best = f1;
          at = k;
        }
      });
      // Halfway to the next lower score: the same decisions on these rows, with a margin for new ones.
      const chosen = curve[at];
      const below = curve[at + 1];
      threshold = chosen ? (below ? (chosen.threshold + below.threshold) / 2 : chosen.threshold) : 0.5;
      note = `maximises F1 (${best.toFixed(3)})`;
      break;
    }
    case 'precision': {
      // The lowest threshold (most recall) whose precision still meets the target.
      const ok = curve.filter((p) => p.precision >= policy.target);
      const last = ok[ok.length - 1];
      threshold = last ? last.threshold : 1;
      note = last
        ? `lowest threshold with precision ≥ ${policy.target} (recall ${last.recall.toFixed(3)})`
        : `no threshold reaches precision ${policy.target}; nothing is flagged`;
      break;
    }
    case 'capacity': {
      const maxRate = policy.casesPerDay / policy.postsPerDay;
      const ok = curve.filter((p) => p.flagged / n <= maxRate);
      const last = ok[ok.length - 1];
      threshold = last ? last.threshold : 1;
      note = `flags at most ${policy.casesPerDay} of ${policy.postsPerDay} posts a day, assuming the evaluation data's scam share`;
      break;
    }
    default: {
      const never: never = policy;
      throw new Error(`unknown threshold policy ${JSON.stringify(never)}`);
    }
  }
  const thresholds = [...new Set([...TABLE_THRESHOLDS, threshold])].sort((a, b) => a - b);
  const tradeoff = thresholds.map((t) => tradeoffAt(probabilities, labels, t, postsPerDay));
  return { threshold, policy, note, tradeoff };
}

export function tradeoffAt(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold: number, postsPerDay?: number): TradeoffRow {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const flagged = (probabilities[i] as number) >= threshold;
    if (labels[i] === 1) {
      positives++;
      if (flagged) tp++;
    } else if (flagged) fp++;
  }
  const flaggedRate = labels.length === 0 ? 0 : (tp + fp) / labels.length;
  const row: TradeoffRow = { threshold, precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: positives === 0 ? 0 : tp / positives, flaggedRate };
  if (postsPerDay !== undefined) row.casesPerDay = Math.round(flaggedRate * postsPerDay);
  return row;
}
