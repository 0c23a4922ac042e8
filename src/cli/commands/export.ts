// `waspada export --queue komdigi|polri --format zip|csv|jsonl --out FILE`: referral files for the
// cases decided as scam (or already referred), with evidence from DATA_DIR/evidence.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option } from 'commander';
import type { ReviewQueue } from '../../contracts/common.js';
import type { ExportFormat } from '../../review/export/build-export.js';
import { openCommandStore } from '../open-store.js';
import type { STATUSES_FOR } from '../../web/routes/exports.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';
import { cliActor } from './users.js';

export const registerExport: RegisterCommand = (program) => {
  program
    .command('export')
    .description('Write referral files for a queue (Komdigi dossier or Polri packet).\nTulis berkas rujukan untuk satu antrean.')
    .addOption(new Option('--queue <queue>', 'agency').choices(['komdigi', 'polri']).makeOptionMandatory())
    .addOption(new Option('--format <format>', 'file format').choices(['zip', 'csv', 'jsonl']).default('zip'))
    .requiredOption('--out <file>', 'output file')
    .addOption(new Option('--status <status>', 'decided (scam, not yet referred), referred, or all').choices(['decided', 'referred', 'all']).default('decided'))
    .option('--case <ids>', 'comma-separated case ids instead of the queue selection')
    .option('--limit <n>', 'most cases', '5000')
    .option('--include-personal-data', "keep job seekers' personal data (default: redacted)")
    .action(async (opts: { queue: ReviewQueue; format: ExportFormat; out: string; status: keyof typeof STATUSES_FOR; case?: string; limit: string; includePersonalData?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive integer');
      const { config } = cliContext();
      const [{ createFsEvidenceStore }, { buildExport }, { STATUSES_FOR }] = await Promise.all([
        import('../../collect/evidence-store.js'),
        import('../../review/export/build-export.js'),
        import('../../web/routes/exports.js'),
      ]);
      const opened = await openCommandStore(config, 'export');
      try {
        const ids = opts.case
          ? opts.case.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0)
          : await opened.store.review.caseIds(opts.queue, [...STATUSES_FOR[opts.status]], 'scam', limit);
        const file = await buildExport(
          { store: opened.store, evidence: createFsEvidenceStore(path.join(config.dataDir, 'evidence')) },
          { caseIds: ids, format: opts.format, agency: opts.queue, redact: !opts.includePersonalData, actor: cliActor() },
        );
        await writeFile(opts.out, file.body);
        process.stdout.write(`${file.records.length} case(s) written to ${opts.out} (${file.body.byteLength} bytes)\n`);
      } finally {
        await opened.close();
      }
    });
};
