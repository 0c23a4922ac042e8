// bench:pipeline — N posts through every stage (extract, score, route) on real Redis and a real
// database, next to BullMQ's own throughput for no-op jobs measured in the same run.
// Usage: npm run bench:pipeline -- [--posts N] ; DATABASE_URL selects PostgreSQL (default: PGlite in a temp dir).
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createScorerSource } from '../src/app/scorers.js';
import { ingestDeps } from '../src/app/stage-deps.js';
import { assembleServices } from '../src/app/assemble-services.js';
import { loadConfig } from '../src/config.js';
import { Ingestor } from '../src/ingest/ingest-records.js';
import { queueSettings } from '../src/queue/catalog.js';
import { JobProducer } from '../src/queue/producer.js';
import { DEFAULT_LOCAL_REDIS, ping, startPrivateRedis } from '../src/queue/redis-server.js';
import { WorkerHost } from '../src/queue/worker-host.js';
import { openStore } from '../src/store/open.js';
import { STAGE_WORKERS } from '../workers/all.js';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '20000' } } });
const N = Number(values.posts);
const log = pino({ level: 'silent' });
const say = (msg: string) => process.stderr.write(`${msg}\n`);

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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-'));
  const redis = await redisUrl(dataDir);
  const prefix = `bench-${process.pid}`;
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir }, { queuePrefix: prefix });
  say(`bench:pipeline: ${N} posts, database ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}, redis ${redis.url}`);

  const rawNoop = await measureNoop(redis.url, `${prefix}-noop`);
  say(`no-op jobs: ${rawNoop.toFixed(0)}/s`);

  const opened = await openStore(config, { command: 'bench' });
  if (config.databaseUrl) await opened.store.db.query('TRUNCATE posts CASCADE');
  const settings = queueSettings(config, redis.url);
  const producer = new JobProducer(settings, await opened.store.installationId());
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  const services = assembleServices({ config, log, store: opened.store, producer, redisUrl: redis.url, redis: redisClient, scorers: await createScorerSource(config) });
  const texts = corpusTexts();
  const host = new WorkerHost(settings, services, { concurrency: config.workerConcurrency, log });
  host.start(['extract', 'score', 'route'], [STAGE_WORKERS.extract, STAGE_WORKERS.score, STAGE_WORKERS.route]);
  await host.waitUntilReady();

  const start = performance.now();
  const ingestor = new Ingestor(ingestDeps(services), 'bench', config.batchSize);
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
  const postsPerS = N / seconds;
  const cases = await opened.store.cases.countByQueueAndStatus();
  say(`pipeline: ${summary.accepted} posts in ${seconds.toFixed(2)} s; cases ${JSON.stringify(cases)}`);

  await host.close();
  await producer.close();
  redisClient.disconnect();
  await opened.close();
  await dropPrefix(redis.url, prefix);
  await dropPrefix(redis.url, `${prefix}-noop`);
  await redis.stop?.();
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `${JSON.stringify({ posts_per_s: Math.round(postsPerS), raw_noop_per_s: Math.round(rawNoop), ratio: Math.round((postsPerS / rawNoop) * 1000) / 1000, posts: N, database: config.databaseUrl ? 'postgres' : 'pglite', rss_mb: Math.round(rss) })}\n`,
  );
}

await main();
