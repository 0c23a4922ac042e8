// Runs stage workers: parses each payload with its schema, calls the handler, maps errors to BullMQ's.
// The only BullMQ Worker code in Waspada.
import { Worker, type Job } from 'bullmq';
import { z } from 'zod';
import { JobCatalog, type JobName, type JobPayload, type Stage } from '../contracts/jobs.js';
import type { Logger } from '../log.js';
import { jobsOfStage, queueName, type QueueSettings } from './catalog.js';
import { isDataError } from '../store/db.js';
import { PermanentJobError } from './errors.js';
import { JobProducer } from './producer.js';

export interface JobContext<S> {
  services: S;
  log: Logger;
  jobId: string;
  attempt: number;
  /** Every stage this host runs: a handler may hand work to a stage that runs here without a queue. */
  stages: readonly Stage[];
  /**
   * Records a stage's work done inside this job (scoring in the extract job, when this host runs both) in the
   * job metrics as that stage's own run with no queue wait, so per-stage throughput and latency stay visible.
   */
  observeStep: (step: Omit<JobOutcome, 'queuedMs'>) => void;
}

export interface WorkerDefinition<S, N extends JobName = JobName> {
  name: N;
  handle: (payload: JobPayload<N>, ctx: JobContext<S>) => Promise<unknown>;
}

/** Binds a handler to its job name; the payload type follows from the catalog. */
export function defineWorker<S, N extends JobName>(name: N, handle: (payload: JobPayload<N>, ctx: JobContext<S>) => Promise<unknown>): WorkerDefinition<S, N> {
  return { name, handle };
}

/** Parses an untrusted payload; a payload that fails its schema can never succeed, so it is permanent. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const result = JobCatalog[name].payload.safeParse(data);
  if (!result.success) {
    throw new PermanentJobError(`invalid payload for job "${name}": ${z.prettifyError(result.error).replace(/\n/g, '; ')}`);
  }
  return result.data as JobPayload<N>;
}

/** What a finished job reports to an observer such as the ops metrics (src/ops/job-metrics.ts). */
export interface JobOutcome {
  stage: Stage;
  name: string;
  durationMs: number;
  /** From the job's creation to this run's start: time spent waiting in the queue (and in retry backoff). */
  queuedMs: number;
  outcome: 'completed' | 'failed';
}

export interface WorkerHostOptions {
  concurrency: number;
  log: Logger;
  /** Called once per job run (each attempt), after it completes or throws. */
  onJobDone?: (outcome: JobOutcome) => void;
  /**
   * Called when a post alone in its job is refused by the database for its data, before the job fails for
   * good: the process records it so the reconciler stops queueing the post again. A failure here is logged;
   * the job fails all the same.
   */
  onPostRefused?: (refusal: { postId: number; job: string; error: string }) => Promise<void>;
}

export class WorkerHost<S> {
  private readonly workers: Worker[] = [];
  /** Enqueues the halves of refused batches; opened on first use. */
  private splitter: JobProducer | undefined;

  constructor(
    private readonly settings: QueueSettings,
    private readonly services: S,
    private readonly options: WorkerHostOptions,
  ) {}

  /** Starts one BullMQ worker per stage. Every job name of a started stage must have a handler. */
  start(stages: Stage[], definitions: Array<WorkerDefinition<S, any>>): void {
    const byName = new Map<string, WorkerDefinition<S, any>>(definitions.map((d) => [d.name, d]));
    for (const stage of stages) {
      const missing = jobsOfStage(stage).filter((name) => !byName.has(name));
      if (missing.length > 0) throw new Error(`no handler for job(s) ${missing.join(', ')} of stage ${stage}`);
    }
    for (const stage of stages) {
      const log = this.options.log.child({ stage });
      const worker = new Worker(
        queueName(stage),
        async (job: Job) => {
          const definition = byName.get(job.name);
          if (!definition) throw new PermanentJobError(`unknown job "${job.name}" on queue ${stage}`);
          const started = performance.now();
          const queuedMs = Math.max(0, Date.now() - job.timestamp);
          const report = (outcome: JobOutcome['outcome']) => this.options.onJobDone?.({ stage, name: job.name, durationMs: performance.now() - started, queuedMs, outcome });
          try {
            const payload = parsePayload(definition.name, job.data);
            const result = await definition.handle(payload, {
              services: this.services,
              log: log.child({ jobId: job.id }),
              jobId: job.id ?? '',
              attempt: job.attemptsMade + 1,
              stages,
              observeStep: (step) => this.options.onJobDone?.({ ...step, queuedMs: 0 }),
            });
            report('completed');
            return result;
          } catch (error) {
            if (isDataError(error)) {
              const split = await this.splitRefusedBatch(job, error as Error);
              if (split) {
                report('completed');
                return split;
              }
            }
            report('failed');
            throw error;
          }
        },
        { connection: this.settings.connection, prefix: this.settings.prefix, concurrency: this.options.concurrency, autorun: true },
      );
      worker.on('failed', (job, error) => {
        log.warn({ jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: error.message }, 'job failed');
      });
      worker.on('error', (error) => log.error({ err: error.message }, 'worker error'));
      this.workers.push(worker);
    }
  }

  /**
   * A batch the database refused for its data fails the same way on every retry, and would hold back every
   * post in it. It is split in two jobs of half the posts each (ids derived from this job's, so a replay adds
   * nothing), and this job completes; halves that fail again split again, until the post at fault is alone in
   * a job, which fails at once with the database's message (PermanentJobError) and stays among failed jobs.
   * Returns what the job reports, or undefined for a job that is not a batch of posts.
   */
  private async splitRefusedBatch(job: Job, error: Error): Promise<{ split: [number, number] } | undefined> {
    const postIds = (job.data as { postIds?: unknown } | null)?.postIds;
    if (!Array.isArray(postIds) || postIds.length === 0 || !postIds.every((id) => Number.isInteger(id))) return undefined;
    if (postIds.length === 1) {
      await this.options.onPostRefused?.({ postId: postIds[0], job: job.name, error: error.message }).catch((e: Error) => {
        this.options.log.warn({ jobId: job.id, postId: postIds[0], err: e.message }, 'could not record the refused post');
      });
      throw new PermanentJobError(`post ${postIds[0]} refused by the database: ${error.message}`);
    }
    const half = Math.ceil(postIds.length / 2);
    const halves = [postIds.slice(0, half), postIds.slice(half)] as const;
    this.splitter ??= new JobProducer(this.settings);
    for (const [i, ids] of halves.entries()) {
      await this.splitter.enqueue(job.name as JobName, { postIds: ids } as JobPayload<JobName>, { jobId: `${job.id}-h${i + 1}` });
    }
    this.options.log.warn({ jobId: job.id, job: job.name, posts: postIds.length, err: error.message }, 'batch refused by the database: split in two to isolate the post at fault');
    return { split: [halves[0].length, halves[1].length] };
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  /** Lets running jobs finish, then stops taking new ones. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
    await this.splitter?.close();
    this.splitter = undefined;
  }
}
