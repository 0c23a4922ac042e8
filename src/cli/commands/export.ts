// `waspada export --queue komdigi|polri --format zip|csv|jsonl --out FILE`: referral files for the
// cases decided as scam (or already referred), with evidence from DATA_DIR/evidence.
// `waspada export campaign <id> --out FILE`: one whole campaign as a Polri packet (ZIP).
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
    .argument('[what]', '"campaign" to export one whole campaign as a Polri packet (ZIP)')
    .argument('[id]', 'campaign id (the smallest post id of the campaign, as the console shows it)')
    .addOption(new Option('--queue <queue>', 'agency (required unless exporting a campaign)').choices(['komdigi', 'polri']))
    .addOption(new Option('--format <format>', 'file format').choices(['zip', 'csv', 'jsonl']).default('zip'))
    .requiredOption('--out <file>', 'output file')
    .addOption(new Option('--status <status>', 'decided (scam, not yet referred), referred, or all').choices(['decided', 'referred', 'all']).default('decided'))
    .option('--case <ids>', 'comma-separated case ids instead of the queue selection')
    .option('--limit <n>', 'most cases', '5000')
    .option('--include-personal-data', "keep job seekers' personal data (default: redacted)")
    .action(async (what: string | undefined, id: string | undefined, opts: { queue?: ReviewQueue; format: ExportFormat; out: string; status: keyof typeof STATUSES_FOR; case?: string; limit: string; includePersonalData?: boolean }) => {
      if (what !== undefined) return exportCampaign(what, id, opts);
      if (!opts.queue) throw new CliError("required option '--queue <queue>' not specified");
      const queue = opts.queue;
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
          : await opened.store.review.caseIds(queue, [...STATUSES_FOR[opts.status]], 'scam', limit);
        const file = await buildExport(
          { store: opened.store, evidence: createFsEvidenceStore(path.join(config.dataDir, 'evidence')) },
          { caseIds: ids, format: opts.format, agency: queue, redact: !opts.includePersonalData, actor: cliActor() },
        );
        await writeFile(opts.out, file.body);
        process.stdout.write(`${file.records.length} case(s) written to ${opts.out} (${file.body.byteLength} bytes)\n`);
      } finally {
        await opened.close();
      }
    });
};

async function exportCampaign(what: string, id: string | undefined, opts: { out: string; includePersonalData?: boolean }): Promise<void> {
  if (what !== 'campaign') throw new CliError(`unknown export "${what}": use "campaign <id>" or --queue`);
  const campaignId = Number(id);
  if (!Number.isInteger(campaignId) || campaignId < 1) throw new CliError('export campaign needs a campaign id (a positive integer)');
  const { config } = cliContext();
  const [{ createFsEvidenceStore }, { buildCampaignExport }] = await Promise.all([import('../../collect/evidence-store.js'), import('../../review/export/campaign-export.js')]);
  const opened = await openCommandStore(config, 'export');
  try {
    const file = await buildCampaignExport(
      { store: opened.store, evidence: createFsEvidenceStore(path.join(config.dataDir, 'evidence')) },
      { campaignId, redact: !opts.includePersonalData, actor: cliActor() },
    );
    if (!file) throw new CliError(`campaign ${campaignId} not found`);
    await writeFile(opts.out, file.body);
    process.stdout.write(`campaign ${campaignId}: ${file.campaign.posts.length} post(s), ${file.records.length} case(s) written to ${opts.out} (${file.body.byteLength} bytes)\n`);
  } finally {
    await opened.close();
  }
}
