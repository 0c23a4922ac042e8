// `waspada sources add|list|rm|pause|resume|run-now`: the crawl sources operators manage, and their
// cron schedules (BullMQ job schedulers, kept in step with the database).
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { SourceInput, AdapterName, type Source } from '../../contracts/source.js';
import { describeIssues } from '../../ingest/ingest-records.js';
import type { Store } from '../../store/store.js';
import type { CliSession } from '../session.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

/** Opens the database and the queues for one command, and closes both afterwards. */
async function withSession<T>(command: string, fn: (s: CliSession) => Promise<T>): Promise<T> {
  const { config, log } = cliContext();
  const session = await import('../session.js');
  return session.withSession(config, log, command, fn);
}

async function mustFind(store: Store, name: string): Promise<Source> {
  const source = await store.sources.byName(name);
  if (!source) throw new CliError(`no source named "${name}" (see: waspada sources list)`);
  return source;
}

function printSource(s: Source): string {
  const state = s.enabled ? 'active' : 'paused';
  return `${s.name}\t${s.adapter}\t${state}\t${s.schedule}\t${s.health}\t${s.lastRunAt ?? '-'}\t${s.lastItems}\t${s.url}${s.lastError ? `\t${s.lastError}` : ''}`;
}

export const registerSources: RegisterCommand = (program) => {
  const sources: Command = program
    .command('sources')
    .description('Manage crawl sources and their schedules.\nKelola sumber rayapan dan jadwalnya.');

  sources
    .command('add')
    .description('Add a source, or update the one with the same name.\nTambah sumber, atau perbarui sumber dengan nama yang sama.')
    .requiredOption('--name <name>', 'unique name (letters, digits, . _ -)')
    .addOption(new Option('--adapter <adapter>', 'which collector reads it').choices(AdapterName.options).makeOptionMandatory())
    .requiredOption('--url <url>', 'where to start, e.g. https://t.me/s/channel')
    .option('--schedule <cron>', 'cron pattern, UTC', '*/30 * * * *')
    .option('--options <file>', 'JSON file with adapter options (selectors for "site", storageState for "facebook")')
    .option('--ignore-robots <reason>', 'crawl even where robots.txt disallows; the reason is recorded')
    .option('--paused', 'add without scheduling')
    .action(async (opts: { name: string; adapter: string; url: string; schedule: string; options?: string; ignoreRobots?: string; paused?: boolean }) => {
      let options: unknown = {};
      if (opts.options) {
        try {
          options = JSON.parse(readFileSync(opts.options, 'utf8'));
        } catch (error) {
          throw new CliError(`cannot read --options ${opts.options}: ${(error as Error).message}`);
        }
      }
      const parsed = SourceInput.safeParse({
        name: opts.name,
        adapter: opts.adapter,
        url: opts.url,
        schedule: opts.schedule,
        enabled: !opts.paused,
        options,
        ignoreRobots: opts.ignoreRobots ? { reason: opts.ignoreRobots } : undefined,
      });
      if (!parsed.success) throw new CliError(`invalid source: ${describeIssues(parsed.error)}`);
      await withSession('sources add', async ({ store, producer }) => {
        const { syncSchedule } = await import('../../queue/schedules.js');
        const source = await store.sources.upsert(parsed.data);
        await syncSchedule(producer, source);
        process.stdout.write(`${printSource(source)}\n`);
      });
    });

  sources
    .command('list')
    .description('List sources with their health.\nDaftar sumber beserta kesehatannya.')
    .option('--json', 'one JSON object per source')
    .action(async (opts: { json?: boolean }) => {
      const { config } = cliContext();
      const { withStore } = await import('../session.js');
      await withStore(config, 'sources list', async (store) => {
        for (const s of await store.sources.list()) process.stdout.write(`${opts.json ? JSON.stringify(s) : printSource(s)}\n`);
      });
    });

  for (const [verb, enabled, text] of [
    ['pause', false, 'Stop scheduled crawls of a source.\nHentikan rayapan terjadwal sebuah sumber.'],
    ['resume', true, 'Resume scheduled crawls of a source.\nLanjutkan rayapan terjadwal sebuah sumber.'],
  ] as const) {
    sources
      .command(verb)
      .description(text)
      .argument('<name>')
      .action(async (name: string) =>
        withSession(`sources ${verb}`, async ({ store, producer }) => {
          const { syncSchedule } = await import('../../queue/schedules.js');
          await mustFind(store, name);
          const source = (await store.sources.setEnabled(name, enabled))!;
          await syncSchedule(producer, source);
          process.stdout.write(`${printSource(source)}\n`);
        }),
      );
  }

  sources
    .command('rm')
    .description('Remove a source and its schedule (collected posts stay).\nHapus sumber dan jadwalnya (unggahan yang terkumpul tetap ada).')
    .argument('<name>')
    .action(async (name: string) =>
      withSession('sources rm', async ({ store, producer }) => {
        const { removeSchedule } = await import('../../queue/schedules.js');
        const source = await mustFind(store, name);
        await removeSchedule(producer, source.id);
        await store.sources.remove(name);
        process.stdout.write(`removed ${name}\n`);
      }),
    );

  sources
    .command('run-now')
    .description('Queue an immediate crawl of a source.\nAntrekan rayapan segera untuk sebuah sumber.')
    .argument('<name>')
    .action(async (name: string) =>
      withSession('sources run-now', async ({ store, producer }) => {
        const { runNow } = await import('../../queue/schedules.js');
        const source = await mustFind(store, name);
        const jobId = await runNow(producer, source.id);
        process.stdout.write(`queued ${name} (job ${jobId})\n`);
      }),
    );
};
