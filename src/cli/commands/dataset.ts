// `waspada dataset export|check`: exports analysts' decisions as a training file, and checks a labelled file
// (counts, label balance, duplicates and conflicting labels) before training.
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import type { Command } from 'commander';
import { addDatasetFlags, type DatasetFlags } from '../../../classifiers/dataset/dataset-flags.js';
import { duplicateGroups, fingerprint } from '../../../classifiers/dataset/leakage.js';
import type { LabelSource } from '../../../classifiers/dataset/label-source.js';
import { loadConfig } from '../../config.js';
import { CliError, type RegisterCommand } from '../program.js';
import { loadDocs } from './train.js';

export interface OpenedLabelSource {
  source: LabelSource;
  close(): Promise<void>;
}

/** Labels from analysts' decisions in the system of record (through the running server's socket if one holds it). */
export let openLabelSource: () => Promise<OpenedLabelSource> = async () => {
  const config = loadConfig();
  const { openStore } = await import('../../store/open.js');
  const { decisionLabels } = await import('../../store/labels.js');
  const opened = await openStore(config, { command: 'dataset export' });
  return { source: decisionLabels(opened.store.db), close: () => opened.close() };
};

/** Lets tests (and the lead's wiring) swap the source. */
export function setLabelSourceOpener(open: () => Promise<OpenedLabelSource>): void {
  openLabelSource = open;
}

export interface ExportSummary {
  exported: number;
  scam: number;
  legit: number;
  exact_duplicates: number;
  conflicting: number;
  out: string;
}

/** Writes JSONL rows {id, text, label} (the `waspada train` defaults) and counts duplicates and label conflicts. */
export async function exportLabels(source: LabelSource, out: string): Promise<ExportSummary> {
  const tmp = `${out}.tmp`;
  const stream = createWriteStream(tmp);
  const seen = new Map<string, 'scam' | 'legit'>();
  const summary: ExportSummary = { exported: 0, scam: 0, legit: 0, exact_duplicates: 0, conflicting: 0, out };
  for await (const post of source.labelledPosts()) {
    const f = fingerprint(post.text);
    const key = `${f.exactHi}:${f.exactLo}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      summary.exact_duplicates++;
      if (previous !== post.label) summary.conflicting++;
    } else seen.set(key, post.label);
    if (!stream.write(`${JSON.stringify({ id: post.id, text: post.text, label: post.label })}\n`)) await once(stream, 'drain');
    summary.exported++;
    summary[post.label]++;
  }
  stream.end();
  await once(stream, 'finish');
  await rename(tmp, out);
  return summary;
}

export const registerDataset: RegisterCommand = (program) => {
  const dataset: Command = program.command('dataset').description('Training data: export analysts\' labels, check a labelled file.\nData latih: ekspor label analis, periksa berkas berlabel.');

  dataset
    .command('export')
    .description('Write every post with an analyst decision as JSONL {id, text, label: scam|legit}, ready for `waspada train`.')
    .requiredOption('--out <file>', 'JSONL file to write')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { out: string; json?: boolean }) => {
      const opened = await openLabelSource();
      try {
        const s = await exportLabels(opened.source, opts.out);
        process.stdout.write(
          opts.json
            ? `${JSON.stringify(s)}\n`
            : `exported ${s.exported} posts (${s.scam} scam, ${s.legit} legit) to ${s.out}; ${s.exact_duplicates} exact duplicates, ${s.conflicting} with conflicting labels\n`,
        );
      } finally {
        await opened.close();
      }
    });

  const check = dataset
    .command('check')
    .description('Read a labelled file as `waspada train` would and report rows, labels, duplicates and conflicting labels.')
    .requiredOption('--data <file>', 'labelled dataset')
    .option('--json', 'print the summary as JSON');
  addDatasetFlags(check).action(async (opts: DatasetFlags & { data: string; json?: boolean }) => {
    const docs = await loadDocs([opts.data], opts);
    const fps = docs.map((d) => fingerprint(d.text));
    const groups = duplicateGroups(fps);
    let conflicting = 0;
    const labelOfGroup = new Map<number, number>();
    const conflictGroups = new Set<number>();
    docs.forEach((d, i) => {
      const g = groups.group[i] as number;
      const seen = labelOfGroup.get(g);
      if (seen === undefined) labelOfGroup.set(g, d.label);
      else if (seen !== d.label) conflictGroups.add(g);
    });
    conflicting = conflictGroups.size;
    const scam = docs.filter((d) => d.label === 1).length;
    const summary = { rows: docs.length, scam, legit: docs.length - scam, exact_duplicate_pairs: groups.exactPairs, near_duplicate_pairs: groups.nearPairs, conflicting_groups: conflicting };
    if (docs.length === 0) throw new CliError('no rows');
    process.stdout.write(
      opts.json
        ? `${JSON.stringify(summary)}\n`
        : `${summary.rows} rows: ${scam} scam, ${summary.legit} legit; duplicate pairs: ${groups.exactPairs} exact, ${groups.nearPairs} near; ${conflicting} duplicate groups with conflicting labels\n`,
    );
  });
};
