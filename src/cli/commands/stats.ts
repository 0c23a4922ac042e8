// `waspada stats`: how many posts reached each stage, cases per review queue, and queue depths.
import { cliContext, type RegisterCommand } from '../program.js';

export const registerStats: RegisterCommand = (program) => {
  program
    .command('stats')
    .description('Counts per pipeline stage and per review queue.\nJumlah per tahap pipeline dan per antrean tinjauan.')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const { config } = cliContext();
      const { openStore } = await import('../../store/open.js');
      const { queueSettings, STAGES } = await import('../../queue/catalog.js');
      const { JobProducer } = await import('../../queue/producer.js');
      const { DEFAULT_LOCAL_REDIS, ping } = await import('../../queue/redis-server.js');
      const opened = await openStore(config, { command: 'stats' });
      try {
        const posts = await opened.store.posts.countReached();
        const verdicts = await opened.store.scores.countByVerdict();
        const cases: Record<string, Record<string, number>> = { komdigi: {}, polri: {} };
        for (const row of await opened.store.cases.countByQueueAndStatus()) (cases[row.queue] ??= {})[row.status] = row.n;
        const rejected = await opened.store.rejects.count();
        const refused = await opened.store.posts.countRefused();
        // Queue depths only when a Redis already answers: stats never starts one.
        const redisUrl = config.redisUrl ?? DEFAULT_LOCAL_REDIS;
        let queues: Record<string, Record<string, number>> | null = null;
        if (await ping(redisUrl)) {
          const producer = new JobProducer(queueSettings(config, redisUrl));
          queues = {};
          for (const stage of STAGES) queues[stage] = await producer.queue(stage).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          await producer.close();
        }
        const result = { posts, verdicts, cases, rejected, refused, queues, database: opened.store.db.kind };
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const lines = [
          `posts: ${Object.entries(posts).map(([k, v]) => `${k}=${v}`).join(' ')}`,
          `verdicts: ${Object.entries(verdicts).map(([k, v]) => `${k}=${v}`).join(' ') || '-'}`,
          ...Object.entries(cases).map(([q, s]) => `cases ${q}: ${Object.entries(s).map(([k, v]) => `${k}=${v}`).join(' ') || '-'}`),
          `rejected records: ${rejected}`,
          `posts refused by the database: ${refused}${refused > 0 ? ' (waspada jobs refused)' : ''}`,
          queues ? `queues: ${Object.entries(queues).map(([q, c]) => `${q}(waiting=${c.waiting ?? 0} active=${c.active ?? 0} failed=${c.failed ?? 0})`).join(' ')}` : 'queues: Redis not reachable',
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await opened.close();
      }
    });
};
