// `waspada retention purge`: deletes posts older than RETENTION_DAYS that never became a case
// (their features, scores and evidence links go with them); cases and their posts are kept.
import { openCommandStore } from '../open-store.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';
import { cliActor } from './users.js';

export const registerRetention: RegisterCommand = (program) => {
  const retention = program.command('retention').description('Data retention.\nRetensi data.');
  retention
    .command('purge')
    .description('Delete old posts that never became a case.\nHapus unggahan lama yang tidak pernah menjadi kasus.')
    .option('--days <n>', 'override RETENTION_DAYS')
    .option('--json', 'print one JSON object')
    .action(async (opts: { days?: string; json?: boolean }) => {
      const { config } = cliContext();
      const days = opts.days === undefined ? config.retentionDays : Number(opts.days);
      if (!Number.isInteger(days) || days < 1) throw new CliError('--days must be a positive integer');
      const before = new Date(Date.now() - days * 86_400_000);
      const opened = await openCommandStore(config, 'retention');
      try {
        const purged = await opened.store.review.purgePostsWithoutCases(before);
        await opened.store.audit.append({ actor: cliActor(), action: 'retention.purge', data: { days, before: before.toISOString(), purged } });
        process.stdout.write(opts.json ? `${JSON.stringify({ purged, before: before.toISOString(), days })}\n` : `${purged} post(s) collected before ${before.toISOString()} without a case purged\n`);
      } finally {
        await opened.close();
      }
    });
};
