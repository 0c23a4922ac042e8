// Small inline-SVG charts for the evaluation report (no chart library, no scripts): PR curve,
// reliability diagram, confusion matrix. Every text goes through escapeHtml.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const W = 360;
const H = 300;
const M = { left: 48, right: 16, top: 16, bottom: 40 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const x = (v: number): number => M.left + v * PW;
const y = (v: number): number => M.top + (1 - v) * PH;
const f = (v: number): string => v.toFixed(1);

function axes(xLabel: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${f(x(t))}" y1="${f(y(0))}" x2="${f(x(t))}" y2="${f(y(0) + 4)}" stroke="#333"/>` +
        `<text x="${f(x(t))}" y="${f(y(0) + 16)}" font-size="10" text-anchor="middle">${t}</text>` +
        `<line x1="${f(x(0) - 4)}" y1="${f(y(t))}" x2="${f(x(0))}" y2="${f(y(t))}" stroke="#333"/>` +
        `<text x="${f(x(0) - 7)}" y="${f(y(t) + 3)}" font-size="10" text-anchor="end">${t}</text>`,
    )
    .join('');
  return (
    `<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="#fafafa" stroke="#333"/>${ticks}` +
    `<text x="${f(M.left + PW / 2)}" y="${H - 6}" font-size="11" text-anchor="middle">${escapeHtml(xLabel)}</text>` +
    `<text x="12" y="${f(M.top + PH / 2)}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${f(M.top + PH / 2)})">${escapeHtml(yLabel)}</text>`
  );
}

function svg(title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

export interface CurveSeries {
  name: string;
  points: Array<{ recall: number; precision: number }>;
  color: string;
}

/** Precision (y) against recall (x), one line per series; `mark` is the operating point. */
export function prCurveSvg(series: CurveSeries[], mark?: { recall: number; precision: number }): string {
  const lines = series
    .map((s) => {
      const pts = [...s.points].sort((a, b) => a.recall - b.recall || b.precision - a.precision);
      const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(x(p.recall))},${f(y(p.precision))}`).join(' ');
      return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"/>`;
    })
    .join('');
  const legend = series
    .map((s, i) => `<rect x="${M.left + 8}" y="${M.top + 8 + i * 14}" width="10" height="3" fill="${s.color}"/><text x="${M.left + 22}" y="${M.top + 12 + i * 14}" font-size="10">${escapeHtml(s.name)}</text>`)
    .join('');
  const dot = mark ? `<circle cx="${f(x(mark.recall))}" cy="${f(y(mark.precision))}" r="4" fill="#c00"><title>threshold</title></circle>` : '';
  return svg('Precision–recall curve', axes('recall', 'precision') + lines + dot + legend);
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

export function calibrationBins(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const out: CalibrationBin[] = Array.from({ length: bins }, (_, b) => ({ lower: b / bins, upper: (b + 1) / bins, count: 0, meanPredicted: 0, observed: 0 }));
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] as number;
    const bin = out[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))] as CalibrationBin;
    bin.count++;
    bin.meanPredicted += p;
    bin.observed += labels[i] === 1 ? 1 : 0;
  }
  for (const bin of out) {
    if (bin.count > 0) {
      bin.meanPredicted /= bin.count;
      bin.observed /= bin.count;
    }
  }
  return out;
}

/** Reliability diagram: observed scam share per probability bin against the diagonal; dot area ~ bin size. */
export function calibrationSvg(bins: CalibrationBin[]): string {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const used = bins.filter((b) => b.count > 0);
  const d = used.map((b, i) => `${i === 0 ? 'M' : 'L'}${f(x(b.meanPredicted))},${f(y(b.observed))}`).join(' ');
  const dots = used
    .map((b) => `<circle cx="${f(x(b.meanPredicted))}" cy="${f(y(b.observed))}" r="${f(2 + 6 * Math.sqrt(b.count / max))}" fill="#1f77b4" fill-opacity="0.6"><title>${b.count} posts, predicted ${b.meanPredicted.toFixed(2)}, observed ${b.observed.toFixed(2)}</title></circle>`)
    .join('');
  const diagonal = `<line x1="${f(x(0))}" y1="${f(y(0))}" x2="${f(x(1))}" y2="${f(y(1))}" stroke="#999" stroke-dasharray="4 3"/>`;
  return svg('Calibration', axes('predicted probability', 'observed scam share') + diagonal + `<path d="${d}" fill="none" stroke="#1f77b4"/>` + dots);
}

export function confusionSvg(c: { tp: number; fp: number; tn: number; fn: number }): string {
  const cell = 110;
  const ox = 110;
  const oy = 40;
  const total = Math.max(1, c.tp + c.fp + c.tn + c.fn);
  const cells: Array<[number, number, number, string]> = [
    [0, 0, c.tp, 'TP'],
    [1, 0, c.fn, 'FN'],
    [0, 1, c.fp, 'FP'],
    [1, 1, c.tn, 'TN'],
  ];
  const body = cells
    .map(([col, row, n, name]) => {
      const shade = Math.round(245 - 150 * (n / total));
      return (
        `<rect x="${ox + col * cell}" y="${oy + row * cell}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#333"/>` +
        `<text x="${ox + col * cell + cell / 2}" y="${oy + row * cell + cell / 2}" font-size="20" text-anchor="middle">${n}</text>` +
        `<text x="${ox + col * cell + cell / 2}" y="${oy + row * cell + cell / 2 + 18}" font-size="10" text-anchor="middle">${name}</text>`
      );
    })
    .join('');
  const labels =
    `<text x="${ox + cell / 2}" y="${oy - 8}" font-size="11" text-anchor="middle">predicted scam</text>` +
    `<text x="${ox + cell * 1.5}" y="${oy - 8}" font-size="11" text-anchor="middle">predicted clear</text>` +
    `<text x="${ox - 8}" y="${oy + cell / 2}" font-size="11" text-anchor="end">actual scam</text>` +
    `<text x="${ox - 8}" y="${oy + cell * 1.5}" font-size="11" text-anchor="end">actual legit</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${ox + 2 * cell + 10} ${oy + 2 * cell + 10}" width="${ox + 2 * cell + 10}" height="${oy + 2 * cell + 10}" role="img" aria-label="Confusion matrix"><title>Confusion matrix</title>${labels}${body}</svg>`;
}
