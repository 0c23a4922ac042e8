// Binary metrics for the positive (scam) class: confusion counts, precision/recall/F1 at a threshold,
// average precision (PR-AUC) and ROC-AUC with ties handled. Pure; checked against hand-computed cases.

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Metrics {
  n: number;
  precision: number;
  recall: number;
  f1: number;
  pr_auc: number;
  roc_auc: number;
  threshold: number;
  confusion: Confusion;
}

/** A prediction is positive when probability ≥ threshold. */
export function confusionAt(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const predicted = (probabilities[i] as number) >= threshold;
    if (labels[i] === 1) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  }
  return c;
}

/** Precision is 0 when nothing is predicted positive (scikit-learn's zero_division=0). */
export function precisionRecallF1(c: Confusion): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function descendingOrder(probabilities: ArrayLike<number>): number[] {
  const order = Array.from({ length: probabilities.length }, (_, i) => i);
  order.sort((a, b) => (probabilities[b] as number) - (probabilities[a] as number) || a - b);
  return order;
}

/** Average precision: Σ (R_k − R_{k−1}) · P_k over distinct thresholds (as scikit-learn computes it). */
export function averagePrecision(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = descendingOrder(probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  if (positives === 0) return 0;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next !== undefined && probabilities[next] === probabilities[i]) continue;
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** ROC-AUC as the Mann–Whitney statistic; tied scores count one half. */
export function rocAuc(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = descendingOrder(probabilities).reverse();
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return 0;
  let rankSum = 0;
  let k = 0;
  while (k < order.length) {
    let j = k;
    while (j + 1 < order.length && probabilities[order[j + 1] as number] === probabilities[order[k] as number]) j++;
    const averageRank = (k + j) / 2 + 1;
    for (let m = k; m <= j; m++) if (labels[order[m] as number] === 1) rankSum += averageRank;
    k = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function computeMetrics(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Metrics {
  const confusion = confusionAt(probabilities, labels, threshold);
  return {
    n: labels.length,
    ...precisionRecallF1(confusion),
    pr_auc: averagePrecision(probabilities, labels),
    roc_auc: rocAuc(probabilities, labels),
    threshold,
    confusion,
  };
}

/** Points of the precision–recall curve, one per distinct score, highest threshold first. */
export function prCurve(probabilities: ArrayLike<number>, labels: ArrayLike<number>): Array<{ threshold: number; precision: number; recall: number; flagged: number }> {
  const order = descendingOrder(probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const out: Array<{ threshold: number; precision: number; recall: number; flagged: number }> = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next !== undefined && probabilities[next] === probabilities[i]) continue;
    out.push({ threshold: probabilities[i] as number, precision: tp / (tp + fp), recall: positives === 0 ? 0 : tp / positives, flagged: tp + fp });
  }
  return out;
}

/** Metrics when each row's decision was made at its own threshold (pooled cross-validation folds). */
export function metricsFromDecisions(probabilities: ArrayLike<number>, labels: ArrayLike<number>, predicted: ArrayLike<number>, threshold: number): Metrics {
  const confusion: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) predicted[i] === 1 ? confusion.tp++ : confusion.fn++;
    else predicted[i] === 1 ? confusion.fp++ : confusion.tn++;
  }
  return {
    n: labels.length,
    ...precisionRecallF1(confusion),
    pr_auc: averagePrecision(probabilities, labels),
    roc_auc: rocAuc(probabilities, labels),
    threshold,
    confusion,
  };
}
