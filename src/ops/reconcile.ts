// Finds posts stranded between stages (stored but their next job lost: a crash between the database
// write and the enqueue, or a Redis restart that lost its last second) and queues them again.
// Safe to run any time: handlers are idempotent, so a post that was not stranded is only re-checked.
import { Jobs, type JobName, type Stage } from '../contracts/jobs.js';
import type { Logger } from '../log.js';
import type { PostStage } from '../store/posts.js';
import type { JobProducer } from '../queue/producer.js';
import type { Queryable } from '../store/db.js';

/** The job that moves a post on from each unfinished stage. */
const NEXT_JOB: Record<Exclude<PostStage, 'routed'>, JobName & ('extract-posts' | 'score-posts' | 'route-posts')> = {
  collected: Jobs.ExtractPosts,
  extracted: Jobs.ScorePosts,
  scored: Jobs.RoutePosts,
};

export interface ReconcileOptions {
  /** Only posts created at least this long ago (leaves room for work in flight). Default 0. */
  minAgeSeconds?: number;
  batchSize: number;
  /** Count only; enqueue nothing. */
  dryRun?: boolean;
  /** Skip a stage whose queue still has jobs in any state (the periodic reconciler sets this). */
  onlyIdleQueues?: boolean;
  /**
   * Also queue posts the database refused before (post_refusals, migration 008), and clear their marks: for
   * an operator after a fix. Default false: a refused post queued again only fails again.
   */
  includeRefused?: boolean;
  /** Distinguishes this run's job ids from earlier runs (a finished job id would be refused as a duplicate). */
  runId?: string;
}

export type ReconcileResult = Record<keyof typeof NEXT_JOB, number> & {
  /** Unfinished posts left alone because the database refused them (0 with includeRefused). */
  refused: number;
};

/** The queue a stage's next job goes to must be idle, else its posts may simply be waiting their turn. */
const QUEUE_OF: Record<keyof typeof NEXT_JOB, Stage> = { collected: 'extract', extracted: 'score', scored: 'route' };

export async function reconcileStranded(db: Queryable, producer: JobProducer, options: ReconcileOptions): Promise<ReconcileResult> {
  const result: ReconcileResult = { collected: 0, extracted: 0, scored: 0, refused: 0 };
  const runId = options.runId ?? Date.now().toString(36);
  for (const stage of Object.keys(NEXT_JOB) as Array<keyof typeof NEXT_JOB>) {
    if (options.onlyIdleQueues) {
      const c = await producer.queue(QUEUE_OF[stage]).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children');
      if (Object.values(c).some((n) => n > 0)) continue;
    }
    const rows = await db.query<{ id: number; refused: boolean }>(
      // `stage <> 'routed'` lets the planner use the partial index of unfinished posts (migration 007) whatever $1 is.
      `SELECT p.id, EXISTS (SELECT 1 FROM post_refusals r WHERE r.post_id = p.id) AS refused
       FROM posts p WHERE p.stage = $1 AND p.stage <> 'routed' AND p.created_at <= now() - make_interval(secs => $2::float8) ORDER BY p.id`,
      [stage, options.minAgeSeconds ?? 0],
    );
    const ids = rows.filter((r) => options.includeRefused || !r.refused).map((r) => Number(r.id));
    result[stage] = ids.length;
    result.refused += rows.length - ids.length;
    if (options.dryRun) continue;
    if (options.includeRefused) {
      const refused = rows.filter((r) => r.refused).map((r) => Number(r.id));
      if (refused.length > 0) await db.query('DELETE FROM post_refusals WHERE post_id = ANY($1::int[])', [refused]);
    }
    for (let i = 0; i < ids.length; i += options.batchSize) {
      const batch = ids.slice(i, i + options.batchSize);
      await producer.enqueue(NEXT_JOB[stage], { postIds: batch }, { jobId: `reconcile-${runId}-${stage}-${batch[0]}` });
    }
  }
  return result;
}

export interface ReconcilerOptions {
  intervalMs: number;
  minAgeSeconds: number;
  batchSize: number;
  log: Logger;
}

/**
 * Runs reconcileStranded now and then in a worker process. Only idle stage queues are examined and
 * job ids are shared per time slot, so several processes doing this at once queue each post once.
 */
export function startReconciler(db: Queryable, producer: JobProducer, options: ReconcilerOptions): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const slot = Math.floor(Date.now() / options.intervalMs).toString(36);
      const found = await reconcileStranded(db, producer, { minAgeSeconds: options.minAgeSeconds, batchSize: options.batchSize, onlyIdleQueues: true, runId: slot });
      if (found.collected + found.extracted + found.scored > 0) options.log.warn({ requeued: found }, 'stranded posts queued again');
    } catch (error) {
      options.log.warn({ err: (error as Error).message }, 'reconcile pass failed; next pass retries');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
