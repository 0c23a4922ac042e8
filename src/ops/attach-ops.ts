// Wires the operations layer into a Waspada process: job and ops metrics, backpressure on the
// producer, the stranded-post reconciler, and (for the web process) the ingest gate and queue dashboard.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { JobProducer } from '../queue/producer.js';
import type { JobOutcome } from '../queue/worker-host.js';
import type { Store } from '../store/store.js';
import { QueueBackpressure } from './backpressure.js';
import { storeRoleResolver } from './console-role.js';
import { ingestGate } from './ingest-gate.js';
import { registerJobMetrics } from './job-metrics.js';
import { registerOpsMetrics } from './ops-metrics.js';
import { createQueueDashboard, type ResolveRole } from './queue-dashboard.js';
import { startReconciler } from './reconcile.js';

export interface OpsDeps {
  config: Config;
  store: Store;
  producer: JobProducer;
  metrics: Registry;
  log: Logger;
}

export interface Ops {
  backpressure: QueueBackpressure;
  /** Give to the WorkerHost as onJobDone. */
  onJobDone(outcome: JobOutcome): void;
  /** Puts the ingest gate and the queue dashboard in front of the web app. */
  wrapWeb(web: Hono<any>, resolveRole?: ResolveRole): Hono;
  /** For processes with workers: the reconciler, and /metrics on METRICS_PORT when there is no web server. */
  startWorkerDuties(options: { web: boolean; stages: string[] }): Promise<void>;
  stop(): Promise<void>;
}

export function attachOps(deps: OpsDeps): Ops {
  const { config, store, producer, metrics, log } = deps;
  const jobs = registerJobMetrics(metrics);
  registerOpsMetrics(metrics, store.db);
  const backpressure = new QueueBackpressure((stage) => producer.queue(stage), { maxDepth: config.maxQueueDepth, maxWaitMs: config.backpressureWaitMs });
  producer.limitWith(backpressure);
  const stops: Array<() => Promise<void>> = [];
  return {
    backpressure,
    onJobDone: (outcome) => jobs.observe(outcome),
    wrapWeb(web, resolveRole = storeRoleResolver(store, { cacheSeconds: config.authCacheSeconds, idleMinutes: config.sessionIdleMinutes })) {
      const app = new Hono();
      app.post('/api/posts', ingestGate({ reading: (stage) => backpressure.reading(stage), log }));
      app.route('/', createQueueDashboard({ queues: producer.allQueues(), resolveRole }));
      app.route('/', web);
      return app;
    },
    async startWorkerDuties({ web, stages }) {
      if (stages.length > 0 && config.reconcileIntervalSeconds > 0) {
        const stopReconciler = startReconciler(store.db, producer, {
          intervalMs: config.reconcileIntervalSeconds * 1000,
          minAgeSeconds: Math.max(60, config.reconcileIntervalSeconds),
          batchSize: config.batchSize,
          log: log.child({ component: 'reconcile' }),
        });
        stops.push(async () => stopReconciler());
      }
      if (!web && config.metricsPort !== undefined) {
        const app = new Hono();
        app.get('/metrics', async (c) => c.body(await metrics.metrics(), 200, { 'content-type': metrics.contentType }));
        const server: ServerType = await new Promise((resolve) => {
          const s = serve({ fetch: app.fetch, port: config.metricsPort, hostname: config.host }, () => resolve(s));
        });
        const address = server.address();
        log.info({ port: typeof address === 'object' && address ? address.port : config.metricsPort }, 'worker metrics served at /metrics');
        stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      }
    },
    async stop() {
      for (const stop of stops.reverse()) await stop();
      stops.length = 0;
    },
  };
}
