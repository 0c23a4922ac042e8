// `waspada eval`: measures a model on a labelled file, or an algorithm by K-fold cross-validation, against
// baselines; reports leakage and writes an optional HTML report. The last stdout line is one JSON object.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addDatasetFlags } from '../../../classifiers/dataset/dataset-flags.js';
import type { LabelledDoc } from '../../../classifiers/dataset/read-dataset.js';
import { crossLeakage, decodeFingerprints, fingerprint } from '../../../classifiers/dataset/leakage.js';
import { renderReport } from '../../../classifiers/eval/html-report.js';
import { metricsFromDecisions, type Metrics } from '../../../classifiers/eval/metrics.js';
import { chooseThreshold, type TradeoffRow } from '../../../classifiers/eval/threshold.js';
import type { Algo } from '../../../classifiers/models/artifact.js';
import type { LoadedModel } from '../../../classifiers/models/loaded-model.js';
import type { WaspadaParams } from '../../../classifiers/models/waspada-model.js';
import { CliError, type RegisterCommand } from '../program.js';
import { addModelFlags, loadDocs, parseNumber, phaseProgress, thresholdPolicyFrom, waspadaParamsFrom, type ModelFlags } from './train.js';

interface EvalFlags extends ModelFlags {
  model?: string;
  data: string[];
  cv?: string;
  compare?: string[];
  compareAlgo?: string[];
  report?: string;
  threshold?: string;
  json?: boolean;
}

interface Run {
  name: string;
  probabilities: Float64Array;
  predicted: Uint8Array;
  metrics: Metrics;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function holdoutRun(model: LoadedModel, docs: readonly LabelledDoc[], labels: Uint8Array, threshold?: number): Run {
  const t = threshold ?? model.threshold;
  const probabilities = Float64Array.from(docs.map((d) => model.probability(d.text)));
  const predicted = Uint8Array.from(probabilities, (p) => (p >= t ? 1 : 0));
  return { name: model.version, probabilities, predicted, metrics: metricsFromDecisions(probabilities, labels, predicted, t) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function printHuman(primary: Run, compare: Run[], setting: string, extra: string): void {
  const line = (r: Run): string => {
    const m = r.metrics;
    return `${r.name.padEnd(40)} n=${m.n} P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)} PR-AUC=${m.pr_auc.toFixed(3)} ROC-AUC=${m.roc_auc.toFixed(3)} thr=${m.threshold.toFixed(3)}`;
  };
  process.stdout.write(`${setting}\n${[primary, ...compare].map(line).join('\n')}\n${extra}`);
}

export const registerEval: RegisterCommand = (program) => {
  const command = program
    .command('eval')
    .description(
      'Measure a model on a labelled file, or an algorithm by K-fold cross-validation (--cv K).\nUkur model pada berkas berlabel, atau algoritme dengan validasi silang K lipatan.\n\n' +
        'The last line on stdout is one JSON object: {"n","precision","recall","f1","pr_auc","roc_auc","threshold","confusion",...} for the scam class.\n' +
        'Examples:\n  waspada eval --model model.json --data test.jsonl --report out/\n' +
        '  waspada eval --cv 5 --data emscad.csv --format emscad --compare-algo bayes --json',
    )
    .option('--model <model>', 'model artifact to evaluate (with --cv: its algorithm and parameters are cross-validated)')
    .requiredOption('--data <file>', 'labelled dataset; repeat to combine files', collect)
    .option('--cv <k>', 'K-fold cross-validation on --data: train per fold, pool out-of-fold predictions')
    .option('--compare <model>', 'another model to measure on the same rows (with --cv: its algorithm on the same folds); repeatable', collect)
    .option('--compare-algo <algo>', 'with --cv: also cross-validate this algorithm (waspada, bayes, natural-lr) on the same folds; repeatable', collect)
    .option('--report <dir>', 'write an HTML report (PR curve, calibration, confusion matrix, worst errors) to DIR/index.html')
    .option('--threshold <t>', 'override the model threshold (held-out evaluation only)')
    .option('--no-group-duplicates', 'with --cv: let exact/near duplicates fall into different folds (not recommended)')
    .option('--json', 'print only the JSON result line');
  addModelFlags(addDatasetFlags(command)).action(async (flags: EvalFlags & { groupDuplicates: boolean }) => {
    // Model code loads here rather than at the top, so `waspada --help` stays quick.
    const [{ crossValidate }, { extractPreparer }, { loadModel }] = await Promise.all([
      import('../../../classifiers/eval/cross-validate.js'),
      import('../../../classifiers/features/extract-preparer.js'),
      import('../../../classifiers/load.js'),
    ]);
    const docs = await loadDocs(flags.data, flags);
    const labels = Uint8Array.from(docs.map((d) => d.label));
    const k = parseNumber('--cv', flags.cv, 2, 50);
    const seed = Math.round(parseNumber('--seed', flags.seed, 0, 2 ** 31 - 1) ?? 42);
    const data = flags.data.map((f) => path.basename(f)).join('+');
    const dailyPosts = parseNumber('--daily-posts', flags.dailyPosts, 1, 1e12);
    let suggested: { threshold: number; note: string } | undefined;
    let primary: Run;
    const compare: Run[] = [];
    let setting: string;
    let tradeoff: TradeoffRow[];
    let thresholdNote: string;
    let leakageJson: Record<string, unknown>;
    let leakageReport: Parameters<typeof renderReport>[0]['leakage'];

    if (k === undefined) {
      if (!flags.model) throw new CliError('eval needs --model (or --cv K to cross-validate an algorithm)');
      if (flags.compareAlgo?.length) throw new CliError('--compare-algo needs --cv');
      const model = await loadModel(flags.model, extractPreparer);
      const threshold = parseNumber('--threshold', flags.threshold, 0, 1);
      primary = holdoutRun(model, docs, labels, threshold);
      for (const file of flags.compare ?? []) compare.push(holdoutRun(await loadModel(file, extractPreparer), docs, labels));
      setting = `held-out evaluation of ${model.version} (${model.algo}) on ${docs.length} rows`;
      const choice = chooseThreshold(primary.probabilities, labels, { kind: 'fixed', threshold: primary.metrics.threshold }, dailyPosts);
      tradeoff = choice.tradeoff;
      thresholdNote = `model threshold: ${model.metadata.thresholdNote}`;
      const policy = thresholdPolicyFrom(flags);
      if (policy.kind !== 'f1') {
        // What the requested policy would pick on this data; the metrics above stay at the model's threshold.
        const pick = chooseThreshold(primary.probabilities, labels, policy, dailyPosts);
        suggested = { threshold: pick.threshold, note: pick.note };
        thresholdNote += `; on this data, ${pick.note}: ${pick.threshold.toFixed(3)}`;
      }
      const leakage = crossLeakage(decodeFingerprints(model.metadata.training.fingerprints), docs.map((d) => fingerprint(d.text)));
      leakageReport = leakage;
      leakageJson = { exact: leakage.exact, near: leakage.near };
    } else {
      if (flags.threshold !== undefined) throw new CliError('--threshold applies to held-out evaluation; with --cv each fold chooses its own');
      const specs: Array<{ name: string; algo: Algo; params?: WaspadaParams }> = [];
      const fromModel = async (file: string): Promise<{ name: string; algo: Algo; params?: WaspadaParams }> => {
        const m = await loadModel(file, extractPreparer);
        return { name: `${m.algo} (${path.basename(file)})`, algo: m.algo, ...(m.algo === 'waspada' ? { params: m.metadata.params as unknown as WaspadaParams } : {}) };
      };
      specs.push(flags.model ? await fromModel(flags.model) : { name: flags.algo, algo: flags.algo, params: waspadaParamsFrom(flags) });
      for (const file of flags.compare ?? []) specs.push(await fromModel(file));
      for (const algo of flags.compareAlgo ?? []) {
        if (algo !== 'waspada' && algo !== 'bayes' && algo !== 'natural-lr') throw new CliError(`--compare-algo: unknown algorithm '${algo}'`);
        specs.push({ name: algo, algo, ...(algo === 'waspada' ? { params: waspadaParamsFrom(flags) } : {}) });
      }
      const policy = thresholdPolicyFrom(flags);
      let duplicates = { exactPairs: 0, nearPairs: 0, grouped: flags.groupDuplicates };
      const runs: Run[] = [];
      const thresholdsOf: number[][] = [];
      for (const spec of specs) {
        const progress = process.stderr.isTTY && !flags.json ? phaseProgress() : null;
        const cv = crossValidate(docs, k, {
          algo: spec.algo,
          seed,
          preparer: extractPreparer,
          ...(spec.params ? { params: spec.params } : {}),
          thresholdPolicy: policy,
          groupDuplicates: flags.groupDuplicates,
          onFold: (f, total) => progress?.onProgress({ phase: `${spec.name} folds`, done: f - 1, total }),
        });
        progress?.stop();
        duplicates = cv.duplicates;
        thresholdsOf.push(cv.thresholds);
        runs.push({ name: spec.name, probabilities: cv.probabilities, predicted: cv.predicted, metrics: metricsFromDecisions(cv.probabilities, labels, cv.predicted, median(cv.thresholds)) });
      }
      primary = runs[0] as Run;
      compare.push(...runs.slice(1));
      setting = `${k}-fold cross-validation, seed ${seed}, ${duplicates.grouped ? 'exact/near duplicates kept within one fold' : 'duplicates NOT grouped'}; each fold's threshold chosen on its own training data (median reported)`;
      const choice = chooseThreshold(primary.probabilities, labels, { kind: 'fixed', threshold: primary.metrics.threshold }, dailyPosts);
      tradeoff = choice.tradeoff;
      thresholdNote = `per-fold thresholds ${(thresholdsOf[0] ?? []).map((t) => t.toFixed(3)).join(', ')} (policy: ${JSON.stringify(policy)})`;
      leakageReport = duplicates;
      leakageJson = { exact_pairs: duplicates.exactPairs, near_pairs: duplicates.nearPairs, grouped: duplicates.grouped };
    }

    if (flags.report) {
      await mkdir(flags.report, { recursive: true });
      const html = renderReport({
        title: `Waspada evaluation: ${data}`,
        model: primary.name,
        data,
        setting,
        metrics: primary.metrics,
        probabilities: primary.probabilities,
        labels,
        predicted: primary.predicted,
        docs,
        tradeoff,
        thresholdNote,
        leakage: leakageReport,
        compare: compare.map((c) => ({ name: c.name, metrics: c.metrics, probabilities: c.probabilities })),
        generatedAt: new Date().toISOString(),
      });
      await writeFile(path.join(flags.report, 'index.html'), html);
    }
    const result = {
      ...primary.metrics,
      model: primary.name,
      data,
      setting,
      leakage: leakageJson,
      tradeoff,
      ...(suggested ? { suggested_threshold: suggested } : {}),
      compare: compare.map((c) => ({ model: c.name, ...c.metrics })),
      ...(flags.report ? { report: path.join(flags.report, 'index.html') } : {}),
    };
    if (!flags.json) {
      const leak = 'exact' in leakageJson ? `leakage vs training data: ${String(leakageJson.exact)} exact, ${String(leakageJson.near)} near duplicates\n` : `duplicate pairs in data: ${String(leakageJson.exact_pairs)} exact, ${String(leakageJson.near_pairs)} near\n`;
      const table = tradeoff
        .map((r) => `  ${r.threshold.toFixed(3)}  P=${r.precision.toFixed(3)}  R=${r.recall.toFixed(3)}  flagged=${(100 * r.flaggedRate).toFixed(1)}%${r.casesPerDay !== undefined ? `  cases/day=${r.casesPerDay}` : ''}`)
        .join('\n');
      printHuman(primary, compare, setting, `${leak}threshold trade-off (${thresholdNote}):\n${table}\n${flags.report ? `report: ${path.join(flags.report, 'index.html')}\n` : ''}`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });
};
