// `waspada audit verify`: recomputes the audit log's hash chain; exits 1 and names the first broken
// entry when anything was edited, removed or reordered.
import { openCommandStore } from '../open-store.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

export const registerAudit: RegisterCommand = (program) => {
  const audit = program.command('audit').description('The tamper-evident audit log.\nLog audit yang tahan rusak.');
  audit
    .command('verify')
    .description('Verify the hash chain of the audit log.\nPeriksa rantai hash log audit.')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { config } = cliContext();
      const opened = await openCommandStore(config, 'audit');
      try {
        const check = await opened.store.audit.verify();
        if (opts.json) process.stdout.write(`${JSON.stringify(check)}\n`);
        if (!check.ok) throw new CliError(`audit chain broken at entry #${check.brokenId}: ${check.problem} (${check.checked} entries before it are intact)`);
        if (!opts.json) process.stdout.write(`audit chain intact: ${check.checked} entries\n`);
      } finally {
        await opened.close();
      }
    });
  audit
    .command('tail')
    .description('Show the latest audit entries.\nTampilkan entri audit terbaru.')
    .option('--limit <n>', 'entries', '20')
    .action(async (opts: { limit: string }) => {
      const { config } = cliContext();
      const opened = await openCommandStore(config, 'audit');
      try {
        for (const e of (await opened.store.audit.recent(Number(opts.limit) || 20)).reverse()) {
          process.stdout.write(`${e.id}\t${e.at}\t${e.actor}\t${e.action}\t${e.subject ?? ''}\n`);
        }
      } finally {
        await opened.close();
      }
    });
};
