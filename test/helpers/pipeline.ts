// Builds a real pipeline for tests: a store on a test database, BullMQ on real Redis under a unique
// prefix, and the stage workers from workers/, all in this process.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { assembleServices } from '../../src/app/assemble-services.js';
import { createScorerSource } from '../../src/app/scorers.js';
import type { Services } from '../../src/app/services.js';
import { loadConfig, type Config } from '../../src/config.js';
import { queueSettings } from '../../src/queue/catalog.js';
import { JobProducer } from '../../src/queue/producer.js';
import { WorkerHost } from '../../src/queue/worker-host.js';
import type { Db } from '../../src/store/db.js';
import { Store } from '../../src/store/store.js';
import { STAGE_WORKERS } from '../../workers/all.js';
import { dropPrefix, testRedis, uniquePrefix } from './redis.js';

export interface TestPipeline {
  services: Services;
  host: WorkerHost<Services>;
  stop(): Promise<void>;
}

/** Which stages run together: one host for all (as `waspada worker all`), or a host per stage (as separate `waspada worker <stage>` processes). */
export type TestLayout = 'one-host' | 'host-per-stage';

export async function startTestPipeline(db: Db, overrides: Partial<Config> = {}, layout: TestLayout = 'one-host'): Promise<TestPipeline> {
  const redis = await testRedis();
  const prefix = uniquePrefix('pipe');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-pipe-'));
  const config = loadConfig({ DATA_DIR: dataDir }, { queuePrefix: prefix, jobBackoffMs: 50, ...overrides });
  const log = pino({ level: 'silent' });
  const settings = queueSettings(config, redis.url);
  const producer = new JobProducer(settings, await new Store(db).installationId());
  const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  const services = assembleServices({
    config,
    log,
    store: new Store(db),
    producer,
    redisUrl: redis.url,
    redis: redisClient,
    scorers: await createScorerSource(config),
  });
  const groups: Array<Array<'extract' | 'score' | 'route'>> = layout === 'one-host' ? [['extract', 'score', 'route']] : [['extract'], ['score'], ['route']];
  const hosts = groups.map((stages) => {
    const h = new WorkerHost(settings, services, { concurrency: 2, log });
    h.start(stages, stages.map((stage) => STAGE_WORKERS[stage]));
    return h;
  });
  await Promise.all(hosts.map((h) => h.waitUntilReady()));
  return {
    services,
    host: hosts[0]!,
    async stop() {
      await Promise.all(hosts.map((h) => h.close()));
      await producer.close();
      await services.closeLazy();
      redisClient.disconnect();
      await dropPrefix(redis.url, prefix);
    },
  };
}

/** Waits until `check` returns true, polling; fails with `what` after the timeout. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
