// A real pipeline with the operations layer attached (metrics, backpressure), in this process, on a
// test database and a unique BullMQ prefix; stages can be started and stopped one at a time.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Registry } from 'prom-client';
import { assembleServices } from '../../../src/app/assemble-services.js';
import { createScorerSource } from '../../../src/app/scorers.js';
import type { Services } from '../../../src/app/services.js';
import { loadConfig, type Config } from '../../../src/config.js';
import type { Stage } from '../../../src/contracts/jobs.js';
import { attachOps, type Ops } from '../../../src/ops/attach-ops.js';
import { queueSettings } from '../../../src/queue/catalog.js';
import { JobProducer } from '../../../src/queue/producer.js';
import { WorkerHost } from '../../../src/queue/worker-host.js';
import type { Db } from '../../../src/store/db.js';
import { Store } from '../../../src/store/store.js';
import { createMetrics } from '../../../src/web/metrics.js';
import { STAGE_WORKERS } from '../../../workers/all.js';
import { dropPrefix, testRedis, uniquePrefix } from '../../helpers/redis.js';

export interface OpsPipeline {
  services: Services;
  config: Config;
  metrics: Registry;
  ops: Ops;
  prefix: string;
  redisUrl: string;
  /** Starts a WorkerHost for these stages; returns it so a test can close it. */
  startStages(stages: Stage[], concurrency?: number): Promise<WorkerHost<Services>>;
  stop(): Promise<void>;
}

export async function startOpsPipeline(db: Db, overrides: Partial<Config> = {}, redisUrl?: string): Promise<OpsPipeline> {
  const url = redisUrl ?? (await testRedis()).url;
  const prefix = overrides.queuePrefix ?? uniquePrefix('ops');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-ops-'));
  const config = loadConfig({ DATA_DIR: dataDir }, { jobBackoffMs: 50, reconcileIntervalSeconds: 0, ...overrides, queuePrefix: prefix });
  const log = pino({ level: 'silent' });
  const settings = queueSettings(config, url);
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const store = new Store(db);
  const producer = new JobProducer(settings, await store.installationId());
  const services = assembleServices({ config, log, store, producer, redisUrl: url, redis, scorers: await createScorerSource(config) });
  const metrics = createMetrics({ store, queues: () => producer.allQueues() });
  const ops = attachOps({ config, store, producer, metrics, log });
  const hosts: Array<WorkerHost<Services>> = [];
  return {
    services,
    config,
    metrics,
    ops,
    prefix,
    redisUrl: url,
    async startStages(stages, concurrency = 2) {
      const host = new WorkerHost(settings, services, { concurrency, log, onJobDone: ops.onJobDone });
      host.start(stages, stages.map((s) => STAGE_WORKERS[s]));
      await host.waitUntilReady();
      hosts.push(host);
      return host;
    },
    async stop() {
      for (const host of hosts) await host.close();
      await ops.stop();
      await producer.close();
      await services.closeLazy();
      redis.disconnect();
      await dropPrefix(url, prefix).catch(() => undefined);
    },
  };
}

const corpus = readFileSync(new URL('../../../fixtures/corpus/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; platform: string; text: string });

/** Distinct posts drawn from the labelled corpus, so a realistic share of them become cases. */
export function corpusPosts(n: number, tag: string): Array<{ platform: string; externalId: string; text: string }> {
  return Array.from({ length: n }, (_, i) => {
    const base = corpus[i % corpus.length]!;
    // A unique suffix keeps every post distinct (dedupe is by platform + external id and by text).
    return { platform: base.platform, externalId: `${tag}-${i}`, text: `${base.text} #${tag}${i}` };
  });
}

/** Counts that show whether anything was lost or doubled. */
export async function pipelineCounts(db: Db): Promise<{ posts: number; routed: number; scores: number; features: number; cases: number; dupCases: number }> {
  const rows = await db.query<{ posts: number; routed: number; scores: number; features: number; cases: number; dup: number }>(
    `SELECT (SELECT count(*)::int FROM posts) AS posts,
            (SELECT count(*)::int FROM posts WHERE stage = 'routed') AS routed,
            (SELECT count(*)::int FROM scores) AS scores,
            (SELECT count(*)::int FROM features) AS features,
            (SELECT count(*)::int FROM cases) AS cases,
            (SELECT count(*)::int FROM (SELECT post_id, queue FROM cases GROUP BY post_id, queue HAVING count(*) > 1) d) AS dup`,
  );
  const r = rows[0]!;
  return { posts: r.posts, routed: r.routed, scores: r.scores, features: r.features, cases: r.cases, dupCases: r.dup };
}
