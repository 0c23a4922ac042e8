// Platt scaling: maps raw margins to calibrated probabilities, fitted on out-of-fold margins so the
// calibration never sees a margin the model produced for its own training example.

export interface Platt {
  a: number;
  b: number;
}

/** p = 1 / (1 + exp(a·m + b)). */
export function applyPlatt(p: Platt, margin: number): number {
  const f = p.a * margin + p.b;
  return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
}

/** Newton's method with backtracking on Platt's smoothed targets (Lin, Lin & Weng, 2007). */
export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  const len = margins.length;
  let prior1 = 0;
  for (let i = 0; i < len; i++) prior1 += labels[i] === 1 ? 1 : 0;
  const prior0 = len - prior1;
  const hiTarget = (prior1 + 1) / (prior1 + 2);
  const loTarget = 1 / (prior0 + 2);
  const t = new Float64Array(len);
  for (let i = 0; i < len; i++) t[i] = labels[i] === 1 ? hiTarget : loTarget;
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  const objective = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < len; i++) {
      const fApB = (margins[i] as number) * A + B;
      const ti = t[i] as number;
      f += fApB >= 0 ? ti * fApB + Math.log1p(Math.exp(-fApB)) : (ti - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return f;
  };
  let fval = objective(a, b);
  const sigma = 1e-12;
  for (let iter = 0; iter < 100; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < len; i++) {
      const m = margins[i] as number;
      const fApB = m * a + b;
      const p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
      const q = 1 - p;
      const d2 = p * q;
      h11 += m * m * d2;
      h22 += d2;
      h21 += m * d2;
      const d1 = (t[i] as number) - p;
      g1 += m * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const na = a + step * dA;
      const nb = b + step * dB;
      const nf = objective(na, nb);
      if (nf < fval + 1e-4 * step * gd) {
        a = na;
        b = nb;
        fval = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { a, b };
}
