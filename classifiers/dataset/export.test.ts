// `waspada dataset export` over a LabelSource: JSONL that `waspada train` reads back, with duplicate counts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportLabels } from '../../src/cli/commands/dataset.js';
import { arrayLabelSource } from './label-source.js';
import { defaultDatasetOptions, parseDataset } from './read-dataset.js';

describe('exportLabels', () => {
  it('writes {id, text, label} lines and counts duplicates and conflicting labels', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'waspada-export-'));
    try {
      const out = path.join(dir, 'labels.jsonl');
      const source = arrayLabelSource([
        { id: 1, text: 'Kerja CS di Kamboja gaji 15 juta', label: 'scam' },
        { id: 2, text: 'Kasir toko di Bandung', label: 'legit' },
        { id: 3, text: 'kerja cs di kamboja, gaji 15 juta!', label: 'legit' },
      ]);
      const summary = await exportLabels(source, out);
      expect(summary).toEqual({ exported: 3, scam: 1, legit: 2, exact_duplicates: 1, conflicting: 1, out });
      const docs = parseDataset(await readFile(out, 'utf8'), defaultDatasetOptions('jsonl'));
      expect(docs.map((d) => [d.id, d.label])).toEqual([
        ['1', 1],
        ['2', 0],
        ['3', 0],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
