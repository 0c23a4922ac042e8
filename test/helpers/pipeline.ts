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

export async function startTestPipeline(db: Db, overrides: Partial<Config> = {}): Promise<TestPipeline> {
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
  const host = new WorkerHost(settings, services, { concurrency: 2, log });
  host.start(['extract', 'score', 'route'], [STAGE_WORKERS.extract, STAGE_WORKERS.score, STAGE_WORKERS.route]);
  await host.waitUntilReady();
  return {
    services,
    host,
    async stop() {
      await host.close();
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
