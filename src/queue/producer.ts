// Adds jobs to the stage queues, typed by the job catalog. Job ids are derived from the payload so
// that adding the same work twice while the first job is pending creates one job.
import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { JobCatalog, type JobName, type JobPayload, type Stage } from '../contracts/jobs.js';
import { queueName, STAGES, stageOfJob, type QueueSettings } from './catalog.js';

export interface EnqueueOptions {
  /** Explicit job id; defaults to a hash of name and payload. */
  jobId?: string;
  priority?: number;
  delay?: number;
}

/** Consulted before each add; may wait or throw to slow producers down (see src/ops/backpressure.ts). */
export interface EnqueueGate {
  beforeEnqueue(stage: Stage): Promise<void>;
}

export class JobProducer {
  private readonly queues = new Map<Stage, Queue>();
  private gate: EnqueueGate | undefined;

  /**
   * @param namespace the installation's id (see Store.installationId). Job ids include it, so two
   * databases sharing one Redis and prefix never mistake each other's jobs for duplicates.
   */
  constructor(
    private readonly settings: QueueSettings,
    private readonly namespace = '',
  ) {}

  /** Installs backpressure: every later enqueue first passes the gate. */
  limitWith(gate: EnqueueGate): this {
    this.gate = gate;
    return this;
  }

  queue(stage: Stage): Queue {
    let queue = this.queues.get(stage);
    if (!queue) {
      queue = new Queue(queueName(stage), {
        connection: this.settings.connection,
        prefix: this.settings.prefix,
        defaultJobOptions: this.settings.defaultJobOptions,
      });
      queue.on('error', () => {});
      this.queues.set(stage, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return STAGES.map((stage) => this.queue(stage));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<string> {
    // Validate on the way in too: a producer bug should fail here, not in a worker later.
    const data = JobCatalog[name].payload.parse(payload);
    const jobId = options.jobId ?? defaultJobId(name, data, this.namespace);
    await this.gate?.beforeEnqueue(stageOfJob(name));
    const job = await this.queue(stageOfJob(name)).add(name, data, { jobId, priority: options.priority, delay: options.delay });
    return job.id ?? jobId;
  }

  /** Splits post ids into batches and enqueues one job per batch. */
  async enqueuePostBatches(name: 'extract-posts' | 'score-posts' | 'route-posts', postIds: number[], batchSize: number): Promise<number> {
    let jobs = 0;
    for (let i = 0; i < postIds.length; i += batchSize) {
      await this.enqueue(name, { postIds: postIds.slice(i, i + batchSize) });
      jobs += 1;
    }
    return jobs;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

export function defaultJobId(name: string, payload: unknown, namespace = ''): string {
  const digest = createHash('sha1').update(namespace).update(name).update(JSON.stringify(payload)).digest('hex').slice(0, 20);
  return `${name}-${digest}`;
}
