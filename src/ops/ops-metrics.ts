// Gauges read from the system of record at scrape time: crawl health per source, the review backlog
// and its age, and how long decisions take. Same answer from every process that serves /metrics.
import { Gauge, type Registry } from 'prom-client';
import { SourceHealth } from '../contracts/source.js';
import type { Queryable } from '../store/db.js';
import { readBacklog, readCrawlHealth, readDecisionTimes } from './ops-queries.js';

export function registerOpsMetrics(registry: Registry, db: Queryable): void {
  new Gauge({
    name: 'waspada_source_health',
    help: 'Crawl health of each source: 1 for its current state (ok, empty, blocked, login_wall, captcha, layout_changed, error, never_run), 0 for the others.',
    labelNames: ['source', 'adapter', 'health'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readCrawlHealth(db)) {
        for (const health of SourceHealth.options) this.set({ source: row.name, adapter: row.adapter, health }, row.health === health ? 1 : 0);
      }
    },
  });
  // Each gauge reads in its own collect(): prom-client serialises a metric right after collecting it.
  new Gauge({
    name: 'waspada_source_last_run_age_seconds',
    help: 'Seconds since each source was last crawled (absent if never).',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readCrawlHealth(db)) if (row.lastRunAgeSeconds !== null) this.set({ source: row.name }, row.lastRunAgeSeconds);
    },
  });
  new Gauge({
    name: 'waspada_source_last_items',
    help: 'Items the last crawl of each source returned.',
    labelNames: ['source'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readCrawlHealth(db)) this.set({ source: row.name }, row.lastItems);
    },
  });
  new Gauge({
    name: 'waspada_review_oldest_open_seconds',
    help: 'Age of the oldest undecided case per review queue.',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of ['komdigi', 'polri']) this.set({ queue }, 0);
      for (const row of await readBacklog(db)) this.set({ queue: row.queue }, Math.max(row.oldestSeconds, 0));
    },
  });
  new Gauge({
    name: 'waspada_review_backlog',
    help: 'Undecided cases (open or claimed) per review queue and status.',
    labelNames: ['queue', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of ['komdigi', 'polri']) for (const status of ['open', 'claimed']) this.set({ queue, status }, 0);
      for (const row of await readBacklog(db)) this.set({ queue: row.queue, status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'waspada_decision_seconds',
    help: 'Time from case creation to its first decision over the last 7 days, per review queue: quantile 0.5, 0.9, 0.99.',
    labelNames: ['queue', 'quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readDecisionTimes(db, 7)) {
        this.set({ queue: row.queue, quantile: '0.5' }, row.p50);
        this.set({ queue: row.queue, quantile: '0.9' }, row.p90);
        this.set({ queue: row.queue, quantile: '0.99' }, row.p99);
      }
    },
  });
  new Gauge({
    name: 'waspada_decisions_recent',
    help: 'Decisions taken in the last 7 days per review queue (the sample behind waspada_decision_seconds).',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readDecisionTimes(db, 7)) this.set({ queue: row.queue }, row.n);
    },
  });
}
