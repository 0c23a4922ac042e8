// Metrics and threshold choice against small cases computed by hand.
import { describe, expect, it } from 'vitest';
import { averagePrecision, computeMetrics, confusionAt, metricsFromDecisions, precisionRecallF1, rocAuc } from './metrics.js';
import { chooseThreshold } from './threshold.js';

describe('metrics', () => {
  // scores:  0.9 0.8 0.7 0.6 0.4 0.3 0.2 0.1
  // labels:   1   0   1   1   0   1   0   0
  const p = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];
  const y = [1, 0, 1, 1, 0, 1, 0, 0];

  it('counts the confusion matrix at a threshold (≥ is positive)', () => {
    expect(confusionAt(p, y, 0.6)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
    expect(confusionAt(p, y, 0.61)).toEqual({ tp: 2, fp: 1, tn: 3, fn: 2 });
  });

  it('computes precision, recall and F1', () => {
    const m = precisionRecallF1({ tp: 3, fp: 1, tn: 3, fn: 1 });
    expect(m.precision).toBeCloseTo(0.75, 12);
    expect(m.recall).toBeCloseTo(0.75, 12);
    expect(m.f1).toBeCloseTo(0.75, 12);
    expect(precisionRecallF1({ tp: 0, fp: 0, tn: 5, fn: 2 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('computes average precision as Σ ΔR·P', () => {
    // Positives at ranks 1, 3, 4, 6: AP = (1/4)(1/1 + 2/3 + 3/4 + 4/6)
    expect(averagePrecision(p, y)).toBeCloseTo((1 + 2 / 3 + 3 / 4 + 4 / 6) / 4, 12);
  });

  it('computes ROC-AUC as the share of correctly ordered pairs, ties counting one half', () => {
    // Pairs (pos, neg) with pos ranked higher: 0.9>all 4 neg; 0.7>3; 0.6>3; 0.3>2 → 12 of 16.
    expect(rocAuc(p, y)).toBeCloseTo(12 / 16, 12);
    expect(rocAuc([0.5, 0.5], [1, 0])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0.2, 0.8], [1, 0])).toBe(0);
  });

  it('bundles everything for the eval JSON line', () => {
    const m = computeMetrics(p, y, 0.6);
    expect(m).toMatchObject({ n: 8, threshold: 0.6, confusion: { tp: 3, fp: 1, tn: 3, fn: 1 } });
    const d = metricsFromDecisions(p, y, [1, 1, 1, 0, 0, 0, 0, 0], 0.7);
    expect(d.confusion).toEqual({ tp: 2, fp: 1, tn: 3, fn: 2 });
  });
});

describe('chooseThreshold', () => {
  const p = [0.95, 0.9, 0.85, 0.7, 0.6, 0.5, 0.3, 0.1];
  const y = [1, 1, 0, 1, 1, 0, 0, 0];

  it('by target precision: the lowest threshold whose precision meets it', () => {
    // At 0.9 precision 1 (2/2); at 0.85 2/3; at 0.6 4/5 = 0.8; at 0.5 4/6.
    expect(chooseThreshold(p, y, { kind: 'precision', target: 0.8 }).threshold).toBe(0.6);
    expect(chooseThreshold(p, y, { kind: 'precision', target: 1 }).threshold).toBe(0.9);
  });

  it('by review capacity: flags at most cases/day given posts/day', () => {
    // 300 of 1000 posts a day → at most 30% of rows = 2.4 rows → the top 2.
    const c = chooseThreshold(p, y, { kind: 'capacity', casesPerDay: 300, postsPerDay: 1000 });
    expect(c.threshold).toBe(0.9);
    expect(c.tradeoff.find((r) => r.threshold === 0.9)?.casesPerDay).toBe(250);
  });

  it('by F1 and shows the trade-off table including the chosen threshold', () => {
    const c = chooseThreshold(p, y, { kind: 'f1' });
    // F1 at 0.6: P 0.8, R 1 → 0.889, the best; the threshold sits halfway to the next score (0.5).
    expect(c.threshold).toBeCloseTo(0.55, 12);
    expect(c.tradeoff.map((r) => r.threshold)).toContain(c.threshold);
    expect(c.note).toMatch(/F1/);
  });
});
