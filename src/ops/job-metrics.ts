// Per-process job metrics fed by the WorkerHost: run time and queue wait histograms and outcome counters
// by stage and job name. Counters live in the process that ran the job, so every worker process must
// be scraped (METRICS_PORT) and dashboards sum with `sum by (stage) (rate(...))`.
// Scoring done inside an extract job (a host running both stages) is reported as a score-stage run with no
// queue wait (JobContext.observeStep), so per-stage figures hold whichever way the stages are deployed.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { JobOutcome } from '../queue/worker-host.js';

/** Seconds; spans a 5 ms single-post job up to a 10-minute crawl. */
const RUN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600];
/** Seconds from enqueue to start: includes backlog and retry backoff, so it reaches hours. */
const WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600];

export interface JobMetrics {
  observe(outcome: JobOutcome): void;
}

export function registerJobMetrics(registry: Registry): JobMetrics {
  const duration = new Histogram({
    name: 'waspada_job_duration_seconds',
    help: 'Run time of one job attempt, by stage, job name and outcome (per process).',
    labelNames: ['stage', 'job', 'outcome'],
    buckets: RUN_BUCKETS,
    registers: [registry],
  });
  const queued = new Histogram({
    name: 'waspada_job_queue_wait_seconds',
    help: 'Time from a job being added to an attempt starting (backlog plus retry backoff), by stage (per process).',
    labelNames: ['stage', 'job'],
    buckets: WAIT_BUCKETS,
    registers: [registry],
  });
  const completed = new Counter({
    name: 'waspada_jobs_completed_total',
    help: 'Job attempts that completed, by stage and job name (per process; sum over processes).',
    labelNames: ['stage', 'job'],
    registers: [registry],
  });
  const failed = new Counter({
    name: 'waspada_jobs_failed_total',
    help: 'Job attempts that threw (retried or failed for good), by stage and job name (per process).',
    labelNames: ['stage', 'job'],
    registers: [registry],
  });
  return {
    observe(o) {
      const labels = { stage: o.stage, job: o.name };
      duration.observe({ ...labels, outcome: o.outcome }, o.durationMs / 1000);
      queued.observe(labels, o.queuedMs / 1000);
      (o.outcome === 'completed' ? completed : failed).inc(labels);
    },
  };
}
