// The evaluation report: one self-contained HTML page (PR curve, calibration, confusion matrix, threshold
// trade-off, leakage, worst errors). Pure: returns the HTML string; the eval command writes it.
import { NEAR_DUPLICATE_BITS, type LeakageReport } from '../dataset/leakage.js';
import type { Metrics } from './metrics.js';
import { prCurve } from './metrics.js';
import { calibrationBins, calibrationSvg, confusionSvg, escapeHtml, prCurveSvg, type CurveSeries } from './svg-charts.js';
import type { TradeoffRow } from './threshold.js';

export interface ReportInput {
  title: string;
  model: string;
  data: string;
  /** e.g. "held-out file" or "5-fold cross-validation (duplicates kept within one fold)". */
  setting: string;
  metrics: Metrics;
  probabilities: ArrayLike<number>;
  labels: ArrayLike<number>;
  predicted: ArrayLike<number>;
  docs: ReadonlyArray<{ id: string; text: string }>;
  tradeoff: TradeoffRow[];
  thresholdNote: string;
  leakage?: LeakageReport | { exactPairs: number; nearPairs: number; grouped: boolean };
  compare?: Array<{ name: string; metrics: Metrics; probabilities: ArrayLike<number> }>;
  generatedAt: string;
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b'];
const WORST = 10;
const SNIPPET = 400;

function fmt(v: number): string {
  return v.toFixed(3);
}

function metricsRow(name: string, m: Metrics): string {
  return `<tr><td>${escapeHtml(name)}</td><td>${m.n}</td><td>${fmt(m.precision)}</td><td>${fmt(m.recall)}</td><td>${fmt(m.f1)}</td><td>${fmt(m.pr_auc)}</td><td>${fmt(m.roc_auc)}</td><td>${fmt(m.threshold)}</td></tr>`;
}

function errorsTable(input: ReportInput, kind: 'fp' | 'fn'): string {
  const rows: number[] = [];
  for (let i = 0; i < input.labels.length; i++) {
    const wrong = kind === 'fp' ? input.labels[i] === 0 && input.predicted[i] === 1 : input.labels[i] === 1 && input.predicted[i] === 0;
    if (wrong) rows.push(i);
  }
  rows.sort((a, b) => (kind === 'fp' ? (input.probabilities[b] as number) - (input.probabilities[a] as number) : (input.probabilities[a] as number) - (input.probabilities[b] as number)) || a - b);
  if (rows.length === 0) return '<p>None.</p>';
  const body = rows
    .slice(0, WORST)
    .map((i) => {
      const doc = input.docs[i];
      const text = doc ? (doc.text.length > SNIPPET ? `${doc.text.slice(0, SNIPPET)}…` : doc.text) : '';
      return `<tr><td>${escapeHtml(doc?.id ?? String(i))}</td><td>${fmt(input.probabilities[i] as number)}</td><td class="text">${escapeHtml(text)}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>id</th><th>probability</th><th>text</th></tr>${body}</table>`;
}

export function renderReport(input: ReportInput): string {
  const curve = prCurve(input.probabilities, input.labels);
  const series: CurveSeries[] = [{ name: input.model, points: curve, color: COLORS[0] as string }];
  (input.compare ?? []).forEach((c, i) => series.push({ name: c.name, points: prCurve(c.probabilities, input.labels), color: COLORS[(i + 1) % COLORS.length] as string }));
  const m = input.metrics;
  const tradeoff = input.tradeoff
    .map(
      (r) =>
        `<tr${Math.abs(r.threshold - m.threshold) < 1e-9 ? ' class="chosen"' : ''}><td>${fmt(r.threshold)}</td><td>${fmt(r.precision)}</td><td>${fmt(r.recall)}</td><td>${(100 * r.flaggedRate).toFixed(1)}%</td><td>${r.casesPerDay ?? ''}</td></tr>`,
    )
    .join('');
  const leakage = input.leakage
    ? 'exact' in input.leakage
      ? `<p>Rows of this file also in the model's training data: ${input.leakage.exact} exact, ${input.leakage.near} near-duplicate (SimHash ≤ ${NEAR_DUPLICATE_BITS} of 64 bits). Metrics on those rows are optimistic.</p>`
      : `<p>Duplicate pairs in the data: ${input.leakage.exactPairs} exact, ${input.leakage.nearPairs} near. ${input.leakage.grouped ? 'Each duplicate group was kept inside one fold.' : 'Duplicates were NOT grouped: figures may be optimistic.'}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}td.text{white-space:pre-wrap;font-size:12px;max-width:760px}tr.chosen{background:#ffe9a8}.charts{display:flex;flex-wrap:wrap;gap:1.5em}</style>
</head><body>
<h1>${escapeHtml(input.title)}</h1>
<p>Model <code>${escapeHtml(input.model)}</code> on <code>${escapeHtml(input.data)}</code>; ${escapeHtml(input.setting)}. Generated ${escapeHtml(input.generatedAt)}. Positive class: scam.</p>
<table><tr><th>model</th><th>n</th><th>precision</th><th>recall</th><th>F1</th><th>PR-AUC</th><th>ROC-AUC</th><th>threshold</th></tr>
${metricsRow(input.model, m)}${(input.compare ?? []).map((c) => metricsRow(c.name, c.metrics)).join('')}</table>
${leakage}
<div class="charts"><figure>${prCurveSvg(series, { recall: m.recall, precision: m.precision })}<figcaption>Precision–recall (red dot: operating threshold)</figcaption></figure>
<figure>${calibrationSvg(calibrationBins(input.probabilities, input.labels))}<figcaption>Calibration (dashed: perfect)</figcaption></figure>
<figure>${confusionSvg(m.confusion)}<figcaption>Confusion matrix at the threshold</figcaption></figure></div>
<h2>Threshold trade-off</h2><p>${escapeHtml(input.thresholdNote)}</p>
<table><tr><th>threshold</th><th>precision</th><th>recall</th><th>flagged</th><th>cases/day</th></tr>${tradeoff}</table>
<h2>Worst false positives (legitimate posts scored highest)</h2>${errorsTable(input, 'fp')}
<h2>Worst false negatives (scams scored lowest)</h2>${errorsTable(input, 'fn')}
</body></html>
`;
}
