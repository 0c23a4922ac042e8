// Fault: `kill -9` of a worker process in the middle of a batch. Its active jobs stall, another worker
// takes them over after the lock expires, and every post is still scored once with no duplicate case.
// FAULT_POSTS sets the size (npm test: 1,000; npm run test:faults: 10,000).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../src/store/store.js';
import { testDatabases } from '../../helpers/databases.js';
import { waitFor } from '../../helpers/pipeline.js';
import { dropPrefix, testRedis, uniquePrefix } from '../../helpers/redis.js';
import { corpusPosts, pipelineCounts } from '../helpers/ops-pipeline.js';
import { operatorToken, postAll, startWeb, startWorker, stopAll, type ClusterEnv, type WaspadaProcess } from '../helpers/processes.js';

const POSTS = Number(process.env.FAULT_POSTS ?? 1000);
const postgres = (await testDatabases()).find((d) => d.name === 'postgres');

describe.skipIf(!postgres)(`kill -9 of a worker process mid-batch (${POSTS} posts)`, () => {
  let drop: () => Promise<void>;
  let store: Store;
  let env: ClusterEnv;
  let redisUrl: string;
  const processes: WaspadaProcess[] = [];

  beforeAll(async () => {
    const opened = await postgres!.open();
    drop = opened.drop;
    store = new Store(opened.db);
    redisUrl = (await testRedis()).url;
    env = { DATABASE_URL: opened.url!, REDIS_URL: redisUrl, QUEUE_PREFIX: uniquePrefix('kill'), JOB_BACKOFF_MS: '200', LOG_FORMAT: 'json', BATCH_SIZE: '100', RECONCILE_INTERVAL_SECONDS: '0' };
    processes.push(startWorker('all', env, 'victim'), startWorker('all', env, 'survivor'), await startWeb(env));
    await Promise.all(processes.map((p) => p.started));
  });
  afterAll(async () => {
    await stopAll(processes);
    await dropPrefix(redisUrl, env.QUEUE_PREFIX).catch(() => undefined);
    await drop?.();
  });

  it('loses nothing and doubles nothing', async () => {
    const web = processes.find((p) => p.name === 'web') as WaspadaProcess & { base: string };
    const victim = processes.find((p) => p.name === 'victim')!;
    const token = await operatorToken(store);
    const started = Date.now();
    const sending = postAll(web.base, token, corpusPosts(POSTS, 'kill'));
    // Kill once the victim is busy: some posts scored, most not.
    await waitFor(async () => (await pipelineCounts(store.db)).scores >= Math.min(200, POSTS / 5), 'scoring to be under way', 300_000);
    const atKill = await pipelineCounts(store.db);
    victim.child.kill('SIGKILL');
    const sent = await sending;
    expect(sent.accepted).toBe(POSTS);
    // BullMQ's stalled-job check (every 30 s) hands the victim's active jobs to the survivor.
    await waitFor(async () => (await pipelineCounts(store.db)).routed === POSTS, `all ${POSTS} posts routed after the kill`, 900_000);
    const seconds = (Date.now() - started) / 1000;
    const counts = await pipelineCounts(store.db);
    expect(counts).toMatchObject({ posts: POSTS, routed: POSTS, scores: POSTS, features: POSTS, dupCases: 0 });
    process.stdout.write(
      `fault kill -9: ${POSTS} posts; worker killed at ${atKill.scores} scored / ${atKill.routed} routed; recovered, all ${POSTS} scored once, ${counts.cases} cases, 0 duplicates, in ${seconds.toFixed(1)} s\n`,
    );
  }, 1_200_000);
});
