// Prometheus metrics. Counts come from the system of record and the queues at scrape time, so
// every process (web or worker) reports the same truth.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import type { Store } from '../store/store.js';

export interface MetricsSources {
  store: Store;
  queues: () => Queue[];
}

export function createMetrics(sources: MetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waspada_process_' });

  new Gauge({
    name: 'waspada_posts_total',
    help: 'Posts that have reached each pipeline stage (collected, extracted, scored, routed).',
    labelNames: ['stage'],
    registers: [registry],
    async collect() {
      const reached = await sources.store.posts.countReached();
      for (const [stage, n] of Object.entries(reached)) this.set({ stage }, n);
    },
  });
  new Gauge({
    name: 'waspada_cases_open',
    help: 'Review cases not yet decided, per queue (open or claimed).',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of ['komdigi', 'polri']) this.set({ queue }, 0);
      for (const row of await sources.store.cases.countByQueueAndStatus()) {
        if (row.status === 'open' || row.status === 'claimed') this.inc({ queue: row.queue }, row.n);
      }
    },
  });
  // One read of the queues serves both gauges in a scrape (prom-client collects metrics one by one).
  let cached: { at: number; counts: Promise<Array<{ queue: string; counts: Record<string, number> }>> } | undefined;
  const queueCounts = () => {
    if (!cached || Date.now() - cached.at > 500) {
      cached = {
        at: Date.now(),
        counts: Promise.all(
          sources.queues().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized') })),
        ),
      };
    }
    return cached.counts;
  };
  new Gauge({
    name: 'waspada_queue_jobs',
    help: 'Jobs in each stage queue by state (waiting, active, delayed, failed, completed, prioritized).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { queue, counts } of await queueCounts()) for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
    },
  });
  new Gauge({
    name: 'waspada_job_failures',
    help: 'Jobs that failed for good and are kept for inspection, per stage queue.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const { queue, counts } of await queueCounts()) this.set({ queue }, counts.failed ?? 0);
    },
  });
  new Gauge({
    name: 'waspada_rejected_records',
    help: 'Records rejected at a boundary (bad JSON, failed schema), kept in the rejects table.',
    registers: [registry],
    async collect() {
      this.set(await sources.store.rejects.count());
    },
  });
  new Gauge({
    name: 'waspada_posts_refused',
    help: 'Posts the database refused to store a stage result for, not yet moved on (left alone by the reconciler).',
    registers: [registry],
    async collect() {
      this.set(await sources.store.posts.countRefused());
    },
  });
  return registry;
}
