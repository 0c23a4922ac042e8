// Platt scaling: monotone, and calibrated on data generated from a known logistic curve.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../common/random.js';
import { applyPlatt, fitPlatt } from './platt.js';

describe('fitPlatt', () => {
  it('recovers a known logistic relation between margin and outcome', () => {
    const random = createRandom(5);
    const margins: number[] = [];
    const labels: number[] = [];
    // True model: P(y=1 | m) = 1 / (1 + exp(-(2m - 1))), i.e. a = -2, b = 1.
    for (let i = 0; i < 20000; i++) {
      const m = random() * 6 - 3;
      margins.push(m);
      labels.push(random() < 1 / (1 + Math.exp(-(2 * m - 1))) ? 1 : 0);
    }
    const p = fitPlatt(margins, labels);
    expect(p.a).toBeCloseTo(-2, 0);
    expect(p.b).toBeCloseTo(1, 0);
    expect(applyPlatt(p, 0.5)).toBeCloseTo(0.5, 1);
    expect(applyPlatt(p, 2)).toBeGreaterThan(applyPlatt(p, 1));
  });
});
