// Backpressure between stages: a producer waits (bounded) while the queue it feeds holds more waiting
// jobs than MAX_QUEUE_DEPTH, so a slow downstream stage slows its upstream instead of piling up.
import type { Stage } from '../contracts/jobs.js';
import type { EnqueueGate } from '../queue/producer.js';

/** The slice of a BullMQ Queue the gate reads. */
export interface QueueDepthSource {
  getJobCounts(...types: Array<'waiting' | 'prioritized' | 'paused'>): Promise<Record<string, number>>;
}

export interface BackpressureOptions {
  /** Waiting jobs (waiting + prioritized) a queue may hold; above it producers wait. */
  maxDepth: number;
  /** How long one enqueue waits for room before giving up with BackpressureError (0: never wait). */
  maxWaitMs: number;
  /** First poll delay; doubles up to maxPollMs. Default 50 ms. */
  firstPollMs?: number;
  /** Longest poll delay. Default 2000 ms. */
  maxPollMs?: number;
  /** Depth readings are reused this long, so a burst of enqueues costs one Redis round trip. Default 200 ms. */
  cacheMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Downstream stayed full for the whole wait. Retryable on purpose: the job that tried to enqueue fails
 * this attempt and BullMQ retries it with backoff; handlers are idempotent, so nothing is lost or doubled.
 */
export class BackpressureError extends Error {
  override name = 'BackpressureError';
  constructor(
    readonly stage: Stage,
    readonly depth: number,
    readonly limit: number,
  ) {
    super(`queue ${stage} holds ${depth} waiting jobs (limit ${limit}); retry later`);
  }
}

export interface DepthReading {
  stage: Stage;
  depth: number;
  limit: number;
  over: boolean;
}

export class QueueBackpressure implements EnqueueGate {
  private readonly cache = new Map<Stage, { at: number; depth: number }>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly queueOf: (stage: Stage) => QueueDepthSource,
    private readonly options: BackpressureOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  async depth(stage: Stage, fresh = false): Promise<number> {
    const cached = this.cache.get(stage);
    const cacheMs = this.options.cacheMs ?? 200;
    if (!fresh && cached && this.now() - cached.at < cacheMs) return cached.depth;
    const counts = await this.queueOf(stage).getJobCounts('waiting', 'prioritized', 'paused');
    const depth = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0);
    this.cache.set(stage, { at: this.now(), depth });
    return depth;
  }

  async reading(stage: Stage): Promise<DepthReading> {
    const depth = await this.depth(stage);
    return { stage, depth, limit: this.options.maxDepth, over: depth >= this.options.maxDepth };
  }

  /** Waits with a doubling poll until the stage has room, or throws BackpressureError after maxWaitMs. */
  async beforeEnqueue(stage: Stage): Promise<void> {
    const limit = this.options.maxDepth;
    let depth = await this.depth(stage);
    if (depth < limit) return this.admit(stage);
    const deadline = this.now() + this.options.maxWaitMs;
    let delay = this.options.firstPollMs ?? 50;
    while (depth >= limit) {
      const left = deadline - this.now();
      if (left <= 0) throw new BackpressureError(stage, depth, limit);
      await this.sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, this.options.maxPollMs ?? 2000);
      depth = await this.depth(stage, true);
    }
    this.admit(stage);
  }

  /**
   * Counts the job about to be added into the cached reading, so that producers of this process checking
   * within the cache window see it and the queue overshoots by no more than the jobs in flight.
   */
  private admit(stage: Stage): void {
    const cached = this.cache.get(stage);
    if (cached) cached.depth += 1;
  }
}

/** Seconds a client should wait before retrying when a queue is full: grows with how far over it is. */
export function retryAfterSeconds(reading: DepthReading): number {
  const ratio = reading.depth / Math.max(1, reading.limit);
  return Math.min(120, Math.max(1, Math.ceil(5 * ratio)));
}
