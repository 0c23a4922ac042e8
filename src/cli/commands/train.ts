// `waspada train`: trains a scoring model from a labelled dataset and writes the artifact (optionally adding it
// to the registry under DATA_DIR/models).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option } from 'commander';
import { addDatasetFlags, datasetOptionsFrom, type DatasetFlags } from '../../../classifiers/dataset/dataset-flags.js';
import { DatasetError, readDataset, type LabelledDoc } from '../../../classifiers/dataset/read-dataset.js';
import { duplicateGroups, fingerprint } from '../../../classifiers/dataset/leakage.js';
import type { ThresholdPolicy } from '../../../classifiers/eval/threshold.js';
import type { Algo, ModelArtifact } from '../../../classifiers/models/artifact.js';
import { DEFAULT_WASPADA_PARAMS, type WaspadaParams } from '../../../classifiers/models/waspada-model.js';
import { packageRoot } from '../../package-root.js';
import { startProgress, type Progress } from '../progress.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

export interface ModelFlags extends DatasetFlags {
  algo: Algo;
  seed: string;
  targetPrecision?: string;
  capacity?: string;
  dailyPosts?: string;
  band?: string;
  epochs?: string;
  bits?: string;
}

export function parseNumber(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new CliError(`${flag} must be a number in [${min}, ${max}], got '${value}'`);
  return n;
}

export function thresholdPolicyFrom(flags: ModelFlags): ThresholdPolicy {
  const target = parseNumber('--target-precision', flags.targetPrecision, 0, 1);
  const capacity = parseNumber('--capacity', flags.capacity, 1, 1e9);
  if (target !== undefined && capacity !== undefined) throw new CliError('use either --target-precision or --capacity, not both');
  if (target !== undefined) return { kind: 'precision', target };
  if (capacity !== undefined) {
    const postsPerDay = parseNumber('--daily-posts', flags.dailyPosts, 1, 1e12);
    if (postsPerDay === undefined) throw new CliError('--capacity needs --daily-posts (how many posts are scored a day)');
    return { kind: 'capacity', casesPerDay: capacity, postsPerDay };
  }
  return { kind: 'f1' };
}

export function waspadaParamsFrom(flags: ModelFlags): WaspadaParams {
  const epochs = parseNumber('--epochs', flags.epochs, 1, 100);
  const bits = parseNumber('--bits', flags.bits, 12, 24);
  return {
    ...DEFAULT_WASPADA_PARAMS,
    hashing: { ...DEFAULT_WASPADA_PARAMS.hashing, ...(bits !== undefined ? { bits: Math.round(bits) } : {}) },
    ftrl: { ...DEFAULT_WASPADA_PARAMS.ftrl, ...(epochs !== undefined ? { epochs: Math.round(epochs) } : {}) },
  };
}

export function addModelFlags(command: ReturnType<typeof addDatasetFlags>): typeof command {
  return command
    .addOption(new Option('--algo <algo>', 'waspada (hashed n-grams + extracted features, calibrated) or natural\'s bayes / natural-lr baselines').choices(['waspada', 'bayes', 'natural-lr']).default('waspada'))
    .option('--seed <n>', 'random seed: same data + seed = same model', '42')
    .option('--target-precision <p>', 'choose the threshold as the lowest with out-of-fold precision ≥ p')
    .option('--capacity <cases>', 'choose the threshold so that at most this many cases a day are flagged (needs --daily-posts)')
    .option('--daily-posts <n>', 'posts scored a day, for --capacity and the trade-off table')
    .option('--band <b>', 'half-width of the uncertain (active-learning) band around the threshold (default 0.15)')
    .option('--epochs <n>', `training passes (default ${DEFAULT_WASPADA_PARAMS.ftrl.epochs})`)
    .option('--bits <n>', `log2 of the hashed feature space (default ${DEFAULT_WASPADA_PARAMS.hashing.bits})`);
}

/** Package version plus git commit when the checkout has one. */
export function codeVersion(): string {
  const root = packageRoot();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    commit = 'no-git';
  }
  return `${pkg.version ?? '0.0.0'}+${commit}`;
}

export async function loadDocs(files: string[], flags: DatasetFlags): Promise<LabelledDoc[]> {
  const docs: LabelledDoc[] = [];
  for (const file of files) {
    if (!existsSync(file)) throw new CliError(`dataset not found: ${file}`);
    try {
      const rows = await readDataset(file, datasetOptionsFrom(file, flags));
      // Ids are prefixed with the file when several are combined, so they stay unique.
      docs.push(...(files.length > 1 ? rows.map((d) => ({ ...d, id: `${path.basename(file)}:${d.id}` })) : rows));
    } catch (error) {
      if (error instanceof DatasetError) throw new CliError(error.message);
      throw error;
    }
  }
  if (docs.length === 0) throw new CliError('the dataset has no rows');
  return docs;
}

/** A progress bar per training phase (stderr, only on a terminal). */
export function phaseProgress(): { onProgress: (p: { phase: string; done: number; total: number }) => void; stop: () => void } {
  let phase = '';
  let bar: Progress | null = null;
  return {
    onProgress: (p) => {
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        bar = startProgress(p.phase, p.total);
      }
      bar?.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}

export async function writeArtifact(file: string, artifact: ModelArtifact): Promise<number> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const json = `${JSON.stringify(artifact)}\n`;
  await writeFile(`${file}.tmp`, json);
  await rename(`${file}.tmp`, file);
  return Buffer.byteLength(json);
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

interface TrainFlags extends ModelFlags {
  data: string[];
  out: string;
  register?: boolean;
  promote?: boolean;
  json?: boolean;
}

export const registerTrain: RegisterCommand = (program) => {
  const command = program
    .command('train')
    .description(
      'Train a scoring model on a labelled dataset and write it to --out.\nLatih model penilai dari dataset berlabel dan simpan ke --out.\n\n' +
        'Examples:\n  waspada train --data fixtures/corpus/corpus.jsonl --out model.json\n' +
        '  waspada train --data emscad.csv --format emscad --out emscad.json\n' +
        '  waspada train --data sms.csv --text-field Teks --positive 1 --negative 0 --negative 2 --out sms.json --target-precision 0.95',
    )
    .requiredOption('--data <file>', 'labelled dataset (JSONL, CSV or EMSCAD CSV); repeat to combine files', collect)
    .requiredOption('--out <model>', 'where to write the model artifact (JSON)');
  addModelFlags(addDatasetFlags(command))
    .option('--register', 'also add the model to the registry in DATA_DIR/models')
    .option('--promote', 'add to the registry and promote it (implies --register)')
    .option('--json', 'print the summary as one JSON object on stdout')
    .action(async (flags: TrainFlags) => {
      // Training code loads here rather than at the top, so `waspada --help` stays quick.
      const [{ trainModel }, { extractPreparer }, { modelsDir }, { ModelRegistry }] = await Promise.all([
        import('../../../classifiers/train.js'),
        import('../../../classifiers/features/extract-preparer.js'),
        import('../../../classifiers/load.js'),
        import('../../../classifiers/registry.js'),
      ]);
      const docs = await loadDocs(flags.data, flags);
      const seed = parseNumber('--seed', flags.seed, 0, 2 ** 31 - 1) ?? 42;
      const band = parseNumber('--band', flags.band, 0, 0.5);
      const progress = process.stderr.isTTY ? phaseProgress() : null;
      const started = performance.now();
      const artifact = trainModel(docs, {
        algo: flags.algo,
        seed: Math.round(seed),
        preparer: extractPreparer,
        params: waspadaParamsFrom(flags),
        thresholdPolicy: thresholdPolicyFrom(flags),
        ...(band !== undefined ? { uncertaintyBand: band } : {}),
        sources: flags.data.map((f) => path.basename(f)),
        codeVersion: codeVersion(),
        now: new Date().toISOString(),
        ...(progress ? { onProgress: progress.onProgress } : {}),
        groups: duplicateGroups(docs.map((d) => fingerprint(d.text))).group,
      });
      progress?.stop();
      const bytes = await writeArtifact(flags.out, artifact);
      let registered: string | null = null;
      if (flags.register || flags.promote) {
        const { config } = cliContext();
        const registry = new ModelRegistry(modelsDir(config), extractPreparer);
        registered = await registry.add(flags.out);
        if (flags.promote) await registry.promote(registered);
      }
      const summary = {
        version: artifact.version,
        algo: artifact.algo,
        out: flags.out,
        bytes,
        n: docs.length,
        positives: artifact.training.positives,
        threshold: artifact.threshold,
        threshold_note: artifact.thresholdNote,
        oof: artifact.training.oofMetrics,
        train_s: Math.round((performance.now() - started) / 10) / 100,
        registered,
        promoted: flags.promote === true,
      };
      if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        const oof = artifact.training.oofMetrics;
        process.stdout.write(
          `trained ${artifact.version} (${artifact.algo}) on ${docs.length} rows (${artifact.training.positives} scam) in ${summary.train_s}s → ${flags.out} (${(bytes / 1024).toFixed(0)} KiB)\n` +
            (oof ? `out-of-fold: precision ${oof.precision.toFixed(3)} recall ${oof.recall.toFixed(3)} F1 ${oof.f1.toFixed(3)} PR-AUC ${oof.pr_auc.toFixed(3)}\n` : '') +
            `threshold ${artifact.threshold.toFixed(3)}: ${artifact.thresholdNote}\n` +
            (registered ? `registered as ${registered}${flags.promote ? ' and promoted' : ''}\n` : ''),
        );
      }
    });
};
