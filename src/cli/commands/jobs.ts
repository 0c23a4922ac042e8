// `waspada jobs failed|retry|discard|refused|reconcile`: failed jobs by stage queue with their errors, replay
// after a fix, explicit discard, posts the database refused, and re-queueing of posts stranded between stages.
import { Option, type Command } from 'commander';
import { Stage } from '../../contracts/jobs.js';
import type { JobProducer } from '../../queue/producer.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

const queueOption = () => new Option('--queue <stage>', 'stage queue').choices(Stage.options).makeOptionMandatory();

/** Only Redis is needed for the job commands; the database is opened by `refused` and `reconcile` alone. */
async function withQueues<T>(fn: (producer: JobProducer) => Promise<T>): Promise<T> {
  const { config, log } = cliContext();
  const [{ resolveRedis }, { queueSettings }, { JobProducer }] = await Promise.all([
    import('../../queue/redis-server.js'),
    import('../../queue/catalog.js'),
    import('../../queue/producer.js'),
  ]);
  const redis = await resolveRedis(config, log);
  const producer = new JobProducer(queueSettings(config, redis.url));
  try {
    return await fn(producer);
  } finally {
    await producer.close();
    await redis.stop?.();
  }
}

function write(json: boolean | undefined, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

function selection(ids: string[], all: boolean | undefined): { ids: string[] } {
  if (ids.length === 0 && !all) throw new CliError('name job ids, or pass --all for every failed job of the queue');
  if (ids.length > 0 && all) throw new CliError('give job ids or --all, not both');
  return { ids };
}

export const registerJobs: RegisterCommand = (program) => {
  const jobs: Command = program
    .command('jobs')
    .description('Inspect, retry and discard failed jobs; re-queue stranded posts.\nPeriksa, ulangi, dan buang job gagal; antrekan ulang pos yang tertahan.');

  jobs
    .command('failed')
    .description('List failed jobs of a queue, newest first, with their error.\nDaftar job gagal beserta galatnya.')
    .addOption(queueOption())
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--offset <n>', 'skip this many', (v) => Number(v), 0)
    .option('--json', 'print one JSON object')
    .action(async (opts: { queue: string; limit: number; offset: number; json?: boolean }) => {
      if (!Number.isInteger(opts.limit) || opts.limit < 1 || !Number.isInteger(opts.offset) || opts.offset < 0) throw new CliError('--limit must be ≥ 1 and --offset ≥ 0');
      const { listFailed, countFailed } = await import('../../ops/failed-jobs.js');
      await withQueues(async (producer) => {
        const queue = producer.queue(Stage.parse(opts.queue));
        const [total, items] = await Promise.all([countFailed(queue), listFailed(queue, opts.limit, opts.offset)]);
        const lines = [`${opts.queue}: ${total} failed`, ...items.map((j) => `${j.id}\t${j.name}\tattempts=${j.attemptsMade}\t${j.failedAt ?? '-'}\t${j.error}`)];
        write(opts.json, { queue: opts.queue, total, items }, lines.join('\n'));
      });
    });

  for (const [name, description] of [
    ['retry', 'Move failed jobs back to waiting (attempts reset); safe to replay.\nKembalikan job gagal ke antrean.'],
    ['discard', 'Delete failed jobs for good.\nHapus job gagal secara permanen.'],
  ] as const) {
    jobs
      .command(name)
      .description(description)
      .addOption(queueOption())
      .argument('[ids...]', 'job ids (see: waspada jobs failed)')
      .option('--all', 'every failed job of the queue')
      .option('--json', 'print one JSON object')
      .action(async (ids: string[], opts: { queue: string; all?: boolean; json?: boolean }) => {
        const chosen = selection(ids, opts.all);
        const { retryFailed, discardFailed } = await import('../../ops/failed-jobs.js');
        await withQueues(async (producer) => {
          const queue = producer.queue(Stage.parse(opts.queue));
          const result = await (name === 'retry' ? retryFailed(queue, chosen) : discardFailed(queue, chosen));
          const verb = name === 'retry' ? 'retried' : 'discarded';
          write(opts.json, result, `${opts.queue}: ${verb} ${result.done.length}${result.skipped.length ? `; not failed: ${result.skipped.join(', ')}` : ''}`);
          if (result.skipped.length > 0 && result.done.length === 0) process.exitCode = 1;
        });
      });
  }

  jobs
    .command('refused')
    .description('List posts the database refused to store a stage result for, newest first (the reconciler leaves them alone).\nDaftar pos yang ditolak basis data.')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print one JSON object')
    .action(async (opts: { limit: number; json?: boolean }) => {
      if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > 10_000) throw new CliError('--limit must be between 1 and 10000');
      const { config } = cliContext();
      // The database only (no Redis): through the running process's socket when it holds the embedded one.
      const { openStore } = await import('../../store/open.js');
      const opened = await openStore(config, { command: 'jobs refused' });
      try {
        const [total, items] = await Promise.all([opened.store.posts.countRefused(), opened.store.posts.refused(opts.limit)]);
        const lines = [`refused posts: ${total}`, ...items.map((r) => `post ${r.postId}\t${r.stage}\t${r.job}\t${r.refusedAt}\t${r.error}`)];
        if (total > 0) lines.push('after a fix: waspada jobs reconcile --include-refused');
        write(opts.json, { total, items }, lines.join('\n'));
      } finally {
        await opened.close();
      }
    });

  jobs
    .command('reconcile')
    .description('Queue again posts stranded between stages (stored, next job lost). Safe to run any time.\nAntrekan ulang pos yang tertahan di antara tahap.')
    .option('--min-age <seconds>', 'only posts at least this old', (v) => Number(v), 0)
    .option('--dry-run', 'count only')
    .option('--include-refused', 'also posts the database refused before (after a fix) / juga pos yang pernah ditolak basis data')
    .option('--json', 'print one JSON object')
    .action(async (opts: { minAge: number; dryRun?: boolean; includeRefused?: boolean; json?: boolean }) => {
      if (!Number.isFinite(opts.minAge) || opts.minAge < 0) throw new CliError('--min-age must be a number of seconds ≥ 0');
      const { config, log } = cliContext();
      const [{ withSession }, { reconcileStranded }] = await Promise.all([import('../session.js'), import('../../ops/reconcile.js')]);
      await withSession(config, log, 'jobs reconcile', async ({ store, producer }) => {
        const found = await reconcileStranded(store.db, producer, { minAgeSeconds: opts.minAge, batchSize: config.batchSize, dryRun: opts.dryRun, includeRefused: opts.includeRefused });
        const verb = opts.dryRun ? 'stranded' : 'queued again';
        const refused = found.refused > 0 ? `; left alone, refused by the database: ${found.refused} (--include-refused)` : '';
        write(opts.json, { dryRun: Boolean(opts.dryRun), ...found }, `${verb}: collected=${found.collected} extracted=${found.extracted} scored=${found.scored}${refused}`);
      });
    });
};
