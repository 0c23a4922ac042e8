// Starts a Waspada process: any mix of the web server and stage workers on one Redis and one
// database, with graceful shutdown on SIGTERM/SIGINT. `start`, `worker` and `web` all come here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Redis } from 'ioredis';
import { demoSources } from '../collect/demo-sources.js';
import { createFixtureWeb } from '../collect/fixture-web.js';
import { runNow, syncAllSchedules } from '../queue/schedules.js';
import { Hono } from 'hono';
import type { Config } from '../config.js';
import type { Stage } from '../contracts/jobs.js';
import type { Logger } from '../log.js';
import { queueSettings } from '../queue/catalog.js';
import { JobProducer } from '../queue/producer.js';
import { ping, resolveRedis, type RedisEndpoint } from '../queue/redis-server.js';
import { WorkerHost, type WorkerDefinition } from '../queue/worker-host.js';
import { openStore, type OpenedStore } from '../store/open.js';
import { createWebApp } from '../web/app.js';
import { createMetrics } from '../web/metrics.js';
import { attachOps } from '../ops/attach-ops.js';
import { STAGE_WORKERS } from '../../workers/all.js';
import { assembleServices } from './assemble-services.js';
import { ensureDemoLogin, loadDemoOnce } from './demo.js';
import { createScorerSource } from './scorers.js';
import type { Services } from './services.js';
import { ingestDeps } from './stage-deps.js';
import { wireRepeatOffenderWebhook } from './campaign-webhook.js';
import { syncTakedownSchedule } from '../queue/takedown-schedule.js';
import path from 'node:path';
import { createFsEvidenceStore } from '../collect/evidence-store.js';
import { createModelRegistry } from '../../classifiers/load.js';

export interface ProcessOptions {
  command: string;
  web: boolean;
  stages: Stage[];
  demo: boolean;
}

export interface RunningProcess {
  services: Services;
  app?: Hono<any>;
  /** The port the web server listens on (when `web`). */
  port?: number;
  stop(): Promise<void>;
}

function definitionsFor(stages: Stage[]): Array<WorkerDefinition<Services, any>> {
  return stages.map((s) => STAGE_WORKERS[s]);
}

/** fixtures/sites, found from both src/ and dist/src/. */
function fixtureSitesDir(): string {
  for (const relative of ['../../fixtures/sites', '../../../fixtures/sites']) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('fixtures/sites not found next to the installation');
}

export async function runProcess(config: Config, log: Logger, options: ProcessOptions): Promise<RunningProcess> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => log.error({ err: error.message }, 'shutdown step failed'));
    cleanups.length = 0;
  };
  try {
    const redis: RedisEndpoint = await resolveRedis(config, log);
    if (redis.stop) cleanups.push(redis.stop);
    const opened: OpenedStore = await openStore(config, { command: options.command, serve: true, log });
    cleanups.push(() => opened.close());
    const settings = queueSettings(config, redis.url);
    const producer = new JobProducer(settings, await opened.store.installationId());
    cleanups.push(() => producer.close());
    const redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
    redisClient.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection problem'));
    cleanups.push(async () => void redisClient.disconnect());
    const services = assembleServices({
      config,
      log,
      store: opened.store,
      producer,
      redisUrl: redis.url,
      redis: redisClient,
      scorers: await createScorerSource(config, log),
    });
    cleanups.push(() => services.closeLazy());
    wireRepeatOffenderWebhook(services);
    const metrics = createMetrics({ store: opened.store, queues: () => producer.allQueues() });
    const ops = attachOps({ config, store: opened.store, producer, metrics, log });
    cleanups.push(() => ops.stop());
    const host = new WorkerHost(settings, services, {
      concurrency: config.workerConcurrency,
      log,
      onJobDone: ops.onJobDone,
      onPostRefused: (r) => opened.store.posts.markRefused(r.postId, r.job, r.error),
    });
    cleanups.push(() => host.close());
    host.start(options.stages, definitionsFor(options.stages));
    await host.waitUntilReady();

    const running: RunningProcess = { services, stop };
    if (options.web) {
      const web = ops.wrapWeb(createWebApp({
        store: opened.store, log, metrics, ingest: ingestDeps(services), redisHealthy: () => ping(redis.url),
        review: config, evidence: createFsEvidenceStore(path.join(config.dataDir, 'evidence')),
        runSourceNow: async (name) => {
          const source = await opened.store.sources.byName(name);
          if (source) return { jobId: await runNow(producer, source.id) };
        },
        listModels: async () =>
          (await createModelRegistry(config).list()).map((m) => ({
            version: m.version, role: m.promoted ? 'live' : m.shadow ? 'shadow' : 'candidate', createdAt: m.createdAt,
            metrics: { ...(m.f1 === null ? {} : { f1: m.f1 }), threshold: m.threshold, n: m.n },
          })),
        nearDuplicates: (postId) => services.campaigns.related(postId),
      }));
      // The demo's fixture web is mounted in front of the console so its pages need no login.
      const app = options.demo ? new Hono().route('/demo-web', createFixtureWeb(fixtureSitesDir())).route('/', web) : web;
      const server: ServerType = await new Promise((resolve) => {
        const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      });
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const address = server.address();
      running.app = app;
      running.port = typeof address === 'object' && address ? address.port : config.port;
      const base = `http://${config.host}:${running.port}`;
      log.info({ console: `${base}/`, metrics: `${base}/metrics`, health: `${base}/healthz` }, `Waspada console: ${base}/ · metrics: ${base}/metrics`);
    }
    if (options.demo) {
      const login = await ensureDemoLogin(services);
      if (login && running.port !== undefined) {
        log.info({ username: login.username }, `demo login for http://${config.host}:${running.port}/login — username: ${login.username}  password: ${login.password}`);
      }
      const summary = await loadDemoOnce(services);
      if (summary) log.info({ accepted: summary.accepted, rejected: summary.rejected }, 'demo posts loaded; cases appear as the stages finish');
      if (running.port !== undefined) {
        // The demo crawls the fixture web this process serves, so collectors run end to end.
        const base = `http://127.0.0.1:${running.port}/demo-web`;
        for (const input of demoSources(base)) {
          const source = await opened.store.sources.upsert(input);
          await runNow(producer, source.id);
        }
      }
    }
    await ops.startWorkerDuties({ web: options.web, stages: options.stages });
    if (options.stages.includes('collect')) await syncAllSchedules(producer, await opened.store.sources.list());
    if (options.stages.includes('takedown')) await syncTakedownSchedule(producer, config.takedownSweepMinutes);
    log.info({ stages: options.stages, web: options.web, database: opened.store.db.kind, redis: redis.origin }, 'waspada is running');
    return running;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the process cleanly on SIGTERM/SIGINT; a second signal forces exit. */
export function stopOnSignals(running: RunningProcess, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing running jobs');
    running.stop().then(
      () => process.exit(0),
      (error: Error) => {
        log.error({ err: error.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
