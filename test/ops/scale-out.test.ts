// Scale-out: three separate worker processes (extract, score, route) and a web process on one Redis
// and one PostgreSQL schema. Posts arrive through the API; each is scored exactly once, no case is
// doubled, and each worker's own /metrics counts the jobs it ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '../../src/store/pg-db.js';
import { Store } from '../../src/store/store.js';
import { testDatabases } from '../helpers/databases.js';
import { waitFor } from '../helpers/pipeline.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { corpusPosts, pipelineCounts } from './helpers/ops-pipeline.js';
import { freePort, operatorToken, postAll, startWeb, startWorker, stopAll, type ClusterEnv, type WaspadaProcess } from './helpers/processes.js';

const POSTS = Number(process.env.SCALE_POSTS ?? 2000);
const postgres = (await testDatabases()).find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('three worker processes and a web process on one Redis and one PostgreSQL', () => {
  let drop: () => Promise<void>;
  let store: Store;
  let env: ClusterEnv;
  const processes: WaspadaProcess[] = [];
  const metricsPorts: Record<string, number> = {};
  let redisUrl: string;

  beforeAll(async () => {
    const opened = await postgres!.open();
    drop = opened.drop;
    store = new Store(opened.db);
    redisUrl = (await testRedis()).url;
    env = { DATABASE_URL: opened.url!, REDIS_URL: redisUrl, QUEUE_PREFIX: uniquePrefix('scale'), JOB_BACKOFF_MS: '200', LOG_FORMAT: 'json', RECONCILE_INTERVAL_SECONDS: '0' };
    for (const stage of ['extract', 'score', 'route']) {
      metricsPorts[stage] = await freePort();
      processes.push(startWorker(stage, { ...env, METRICS_PORT: String(metricsPorts[stage]) }));
    }
    processes.push(await startWeb(env));
    await Promise.all(processes.map((p) => p.started));
  });
  afterAll(async () => {
    await stopAll(processes);
    await dropPrefix(redisUrl, env.QUEUE_PREFIX).catch(() => undefined);
    await drop?.();
  });

  it(`scores each of ${POSTS} API-ingested posts exactly once, with no duplicate case`, async () => {
    const web = processes.find((p) => p.name === 'web') as WaspadaProcess & { base: string };
    const token = await operatorToken(store);
    const posts = corpusPosts(POSTS, 'scale');
    const started = Date.now();
    const sent = await postAll(web.base, token, posts);
    expect(sent.accepted).toBe(POSTS);
    await waitFor(async () => (await pipelineCounts(store.db)).routed === POSTS, `all ${POSTS} posts routed`, 600_000);
    const seconds = (Date.now() - started) / 1000;
    const counts = await pipelineCounts(store.db);
    expect(counts).toMatchObject({ posts: POSTS, routed: POSTS, scores: POSTS, features: POSTS, dupCases: 0 });
    // A second delivery of the same posts changes nothing.
    const again = await postAll(web.base, token, posts.slice(0, 500));
    expect(again).toMatchObject({ accepted: 0, duplicate: 500 });

    const jobs: Record<string, number> = {};
    for (const [stage, port] of Object.entries(metricsPorts)) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const match = new RegExp(`waspada_jobs_completed_total\\{stage="${stage}",job="${stage}-posts"\\} (\\d+)`).exec(text);
      jobs[stage] = Number(match?.[1] ?? 0);
      expect(jobs[stage]).toBeGreaterThan(0);
      expect(text).toMatch(new RegExp(`waspada_job_duration_seconds_bucket\\{le="[^"]+",stage="${stage}"`));
    }
    const webMetrics = await (await fetch(`${web.base}/metrics`)).text();
    expect(webMetrics).toMatch(/waspada_queue_jobs\{queue="extract",state="waiting"\} 0/);
    process.stdout.write(`scale-out: ${POSTS} posts via API through 3 worker processes in ${seconds.toFixed(1)} s (${(POSTS / seconds).toFixed(0)} posts/s); jobs per worker ${JSON.stringify(jobs)}; ${counts.cases} cases, 0 duplicates; API retries ${sent.retries}\n`);
  }, 900_000);
});
