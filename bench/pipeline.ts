// bench:pipeline — N posts through every stage (ingest, extract, score, route, cases) on real Redis and a
// real database, next to BullMQ's own throughput for no-op jobs measured in the same run.
//
// Usage: npm run bench:pipeline -- [--posts N] [--batch B] [--concurrency C] [--layout L] [--without W,…]
//   DATABASE_URL selects PostgreSQL (default: PGlite in a temp dir).
//   --layout says which stage workers run in which process, as a deployment would run
//   `waspada worker <stage>` processes: groups separated by ',', stages in a group joined by '+';
//   'main' is this process (which also ingests and, with PGlite, owns the database and serves it to
//   the others on a loopback socket). Default 'extract+score+route': this process ingests (and with PGlite
//   runs every statement), one child process runs the three stages, so the two cores each get a share
//   (database | extraction, model, routing). 'main:extract+score+route' runs everything in one process. --batch 1000 costs less CPU per post
//   than 500 or 200 (fewer statements and jobs) while 20,000 posts still give 20 batches to overlap.
//   With PostgreSQL the extract+score child is the busiest process; 'main:route,extract,score' spreads it.
//   Where extract and score share a process, extract scores its batch in the same job (no score job, no
//   read back of text and features): CPU per post, PGlite owner 774 -> 731 µs, child 369 -> 316 µs;
//   PostgreSQL child 388 -> 332 µs. Where route runs there too, the batch is routed in the same job with
//   posts, features and scores in hand, and the extract stage stores campaign signatures from its own
//   normalization: PGlite owner 775 -> 554 µs per post (measured under load). What remains in the owner
//   is the statements themselves, storing features first (jsonb parsing: json, text columns or json
//   element-wise casts were tried in PGlite and were no cheaper, or not enough to change the schema).
//   Tried and dropped: a partial index on unfinished stages instead of posts_stage_idx (no measurable gain).
//   Smaller stored JSON (packed spans, derivable fields left out) and no foreign keys on the derived rows
//   (migration 007): PGlite owner ~550 -> ~445 µs per post, PostgreSQL server ~330 -> 271 µs (same day, A/B).
//   PostgreSQL's own CPU time is not in cpu_us_per_post; read it from the server's processes.
//   --without features,scores,cases measures a ceiling: the stage processes skip those writes (skipWrites).
// Prints per-process CPU time on stderr; the last stdout line is one JSON object.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import pino from 'pino';
import { createScorerSource } from '../src/app/scorers.js';
import { ingestDeps } from '../src/app/stage-deps.js';
import { assembleServices } from '../src/app/assemble-services.js';
import { loadConfig, type Config } from '../src/config.js';
import { Stage } from '../src/contracts/jobs.js';
import { Ingestor } from '../src/ingest/ingest-records.js';
import { queueSettings } from '../src/queue/catalog.js';
import { JobProducer } from '../src/queue/producer.js';
import { DEFAULT_LOCAL_REDIS, ping, startPrivateRedis } from '../src/queue/redis-server.js';
import { WorkerHost } from '../src/queue/worker-host.js';
import { openStore, type OpenedStore } from '../src/store/open.js';
import { STAGE_WORKERS } from '../workers/all.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '2' },
    layout: { type: 'string', default: 'extract+score+route' },
    without: { type: 'string', default: '' },
    child: { type: 'string' },
  },
});
const N = Number(values.posts);
/** Writes skipped in every stage process, for a ceiling measurement (see skipWrites). */
const WITHOUT = new Set((process.env.BENCH_WITHOUT ?? values.without).split(',').filter(Boolean));
for (const w of WITHOUT) if (!['features', 'scores', 'cases'].includes(w)) throw new Error(`--without takes features, scores and/or cases, not "${w}"`);
const log = pino({ level: 'silent' });
const say = (msg: string) => process.stderr.write(`${msg}\n`);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function redisUrl(dataDir: string): Promise<{ url: string; stop?: () => Promise<void> }> {
  const url = process.env.REDIS_URL ?? DEFAULT_LOCAL_REDIS;
  if (await ping(url)) return { url };
  return startPrivateRedis(loadConfig({ DATA_DIR: dataDir }));
}

async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

async function measureNoop(url: string, prefix: string): Promise<number> {
  const { connection } = queueSettings(loadConfig({}), url);
  const queue = new Queue('noop', { connection, prefix });
  for (let i = 0; i < N; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, N - i) }, (_, j) => ({ name: 'noop', data: { i: i + j }, opts: { removeOnComplete: true } })));
  }
  let done = 0;
  const start = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency: 50 });
    worker.on('completed', () => {
      done += 1;
      if (done === N) void worker.close().then(() => resolve());
    });
  });
  await finished;
  const seconds = (performance.now() - start) / 1000;
  await queue.close();
  return N / seconds;
}

function corpusTexts(): string[] {
  const file = new URL('../fixtures/corpus/corpus.jsonl', import.meta.url);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

// A URL without a user (postgres://127.0.0.1:5432/test) would fail in node-postgres when USER is unset.
process.env.PGUSER ??= process.env.USER ?? 'postgres';

async function createSchema(url: string, name: string): Promise<{ name: string; drop(): Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${name}`);
  return { name, drop: () => admin(`DROP SCHEMA ${name} CASCADE`) };
}

function withSearchPath(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

function parseStages(group: string): Stage[] {
  return group.split('+').filter(Boolean).map((s) => Stage.parse(s));
}

/**
 * --without: an upper bound, not a figure of the product. The stage processes skip storing features (and
 * campaign signatures), scores and/or cases, so the run shows what the pipeline could do if those writes cost
 * nothing: posts are still stored, read, extracted, scored, routed and moved to 'routed'. Skipping scores
 * needs the three stages in one process (routing otherwise reads the scores back).
 */
function skipWrites(store: OpenedStore['store'], stages: Stage[]): void {
  const stored = store.stages;
  if (WITHOUT.has('features')) {
    const save = stored.saveFeatures.bind(stored);
    stored.saveFeatures = (_rows, ids, options) => save([], ids, options);
  }
  if (WITHOUT.has('scores')) {
    if (stages.includes('score') && !(stages.includes('extract') && stages.includes('route'))) throw new Error('--without scores needs extract+score+route in one process');
    stored.saveScores = async (scores) => scores.map((s) => s.postId);
  }
  if (WITHOUT.has('cases')) store.cases.create = async () => [];
}

/** Stage workers of one process on the bench's Redis prefix and database, as `waspada worker` builds them. */
async function startWorkers(config: Config, url: string, opened: OpenedStore, stages: Stage[]) {
  const settings = queueSettings(config, url);
  skipWrites(opened.store, stages);
  const producer = new JobProducer(settings, await opened.store.installationId());
  const redisClient = new Redis(url, { maxRetriesPerRequest: null });
  const services = assembleServices({ config, log, store: opened.store, producer, redisUrl: url, redis: redisClient, scorers: await createScorerSource(config) });
  const host = new WorkerHost(settings, services, { concurrency: config.workerConcurrency, log });
  host.start(stages, stages.map((s) => STAGE_WORKERS[s]));
  await host.waitUntilReady();
  return {
    services,
    producer,
    async close() {
      await host.close();
      await producer.close();
      await services.closeLazy();
      redisClient.disconnect();
    },
  };
}

/** A child process: stage workers until the parent says stop, then its CPU time back to the parent. */
async function child(stages: Stage[]): Promise<void> {
  const config = loadConfig(process.env);
  const url = process.env.REDIS_URL!;
  const opened = await openStore(config, { command: `bench worker ${stages.join('+')}` });
  const workers = await startWorkers(config, url, opened, stages);
  const cpu0 = cpuMs();
  process.send!({ ready: true });
  process.on('message', (msg: { stop?: boolean }) => {
    if (!msg.stop) return;
    void (async () => {
      const cpu = cpuMs() - cpu0;
      await workers.close();
      await opened.close();
      process.send!({ cpuMs: cpu }, () => process.exit(0));
    })();
  });
}

function spawnChild(stages: Stage[], env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; stop(): Promise<number> }> {
  const proc = fork(fileURLToPath(import.meta.url), ['--child', stages.join('+')], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`bench worker ${stages.join('+')} exited with ${code}`)));
    proc.once('message', () =>
      resolve({
        proc,
        stop: () =>
          new Promise<number>((done) => {
            proc.removeAllListeners('exit');
            proc.on('message', (msg: { cpuMs?: number }) => msg.cpuMs !== undefined && done(msg.cpuMs));
            proc.send({ stop: true });
          }),
      }),
    );
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-'));
  const redis = await redisUrl(dataDir);
  const prefix = `bench-${process.pid}`;
  const overrides = { queuePrefix: prefix, batchSize: Number(values.batch), workerConcurrency: Number(values.concurrency) };
  // On PostgreSQL the run gets a throwaway schema, dropped at the end, so no existing table is touched.
  const schema = process.env.DATABASE_URL ? await createSchema(process.env.DATABASE_URL, `bench_${process.pid}`) : undefined;
  const databaseUrl = schema ? withSearchPath(process.env.DATABASE_URL!, schema.name) : undefined;
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, overrides);
  const groups = values.layout.split(',').filter(Boolean);
  const mainStages = parseStages(groups.find((g) => g.startsWith('main:'))?.slice('main:'.length) ?? '');
  const childStages = groups.filter((g) => !g.startsWith('main:')).map(parseStages);
  const covered = [...mainStages, ...childStages.flat()];
  for (const stage of ['extract', 'score', 'route'] as const) if (!covered.includes(stage)) throw new Error(`--layout runs no ${stage} worker`);
  say(`bench:pipeline: ${N} posts, database ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}, redis ${redis.url}, batch ${config.batchSize}, concurrency ${config.workerConcurrency}, layout ${values.layout}`);

  const rawNoop = await measureNoop(redis.url, `${prefix}-noop`);
  say(`no-op jobs: ${rawNoop.toFixed(0)}/s`);

  // With PGlite this process owns the database and serves it on loopback to the child processes.
  const opened = await openStore(config, { command: 'bench', serve: childStages.length > 0 });
  const env = { ...process.env, BENCH_WITHOUT: [...WITHOUT].join(','), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), DATA_DIR: dataDir, REDIS_URL: redis.url, QUEUE_PREFIX: prefix, BATCH_SIZE: values.batch, WORKER_CONCURRENCY: values.concurrency, LOG_LEVEL: 'silent' };
  const children = await Promise.all(childStages.map((stages) => spawnChild(stages, env)));
  const workers = await startWorkers(config, redis.url, opened, mainStages);
  const texts = corpusTexts();

  const cpu0 = cpuMs();
  const start = performance.now();
  const ingestor = new Ingestor(ingestDeps(workers.services), 'bench', config.batchSize);
  for (let i = 0; i < N; i += 1) {
    const text = `${texts[i % texts.length]} #${i}`;
    await ingestor.add({ record: `bench ${i}`, value: { platform: 'telegram', externalId: `bench/${i}`, text, reach: { views: i } }, notes: [] });
  }
  const summary = await ingestor.finish();
  // Poll cheaply: a count over all posts on every tick would load the database being measured.
  const lastId = Math.max(...summary.postIds);
  for (;;) {
    const rows = await opened.store.db.query<{ stage: string }>('SELECT stage FROM posts WHERE id = $1', [lastId]);
    if (rows[0]?.stage === 'routed' && (await opened.store.posts.countReached()).routed >= N) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - start) / 1000;
  const mainCpu = cpuMs() - cpu0;
  const postsPerS = N / seconds;
  const cases = await opened.store.cases.countByQueueAndStatus();
  say(`pipeline: ${summary.accepted} posts in ${seconds.toFixed(2)} s; cases ${JSON.stringify(cases)}`);

  const childCpu = await Promise.all(children.map((c) => c.stop()));
  const cpu = { [`main(ingest${mainStages.length ? `+${mainStages.join('+')}` : ''}${config.databaseUrl ? '' : '+pglite'})`]: Math.round(mainCpu), ...Object.fromEntries(childStages.map((s, i) => [`${s.join('+')}${childStages.length > 1 ? `#${i + 1}` : ''}`, Math.round(childCpu[i]!)])) };
  say(`CPU ms by process: ${JSON.stringify(cpu)}`);
  await workers.close();
  await opened.close();
  await dropPrefix(redis.url, prefix);
  await dropPrefix(redis.url, `${prefix}-noop`);
  await redis.stop?.();
  await schema?.drop();
  const totalCpu = mainCpu + childCpu.reduce((a, b) => a + b, 0);
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `${JSON.stringify({
      posts_per_s: Math.round(postsPerS),
      raw_noop_per_s: Math.round(rawNoop),
      ratio: Math.round((postsPerS / rawNoop) * 1000) / 1000,
      posts: N,
      database: config.databaseUrl ? 'postgres' : 'pglite',
      layout: values.layout,
      batch: config.batchSize,
      ...(WITHOUT.size > 0 ? { without: [...WITHOUT], note: 'upper bound: these writes skipped, not a figure of the product' } : {}),
      // CPU time of this process and the children while the posts went through (not counting PostgreSQL's own).
      cpu_us_per_post: Math.round((totalCpu * 1000) / N),
      load_avg_1m: Math.round(os.loadavg()[0]! * 100) / 100,
      rss_mb: Math.round(rss),
    })}\n`,
  );
}

if (values.child) await child(parseStages(values.child));
else await main();
