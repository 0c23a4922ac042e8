// Failed jobs as operators see them: listed with their error and attempts, retried after a fix, or
// discarded on purpose. BullMQ keeps failed jobs (removeOnFail keeps 50,000 per queue), so none vanish.
import type { Job, Queue } from 'bullmq';

export interface FailedJobView {
  queue: string;
  id: string;
  name: string;
  error: string;
  attemptsMade: number;
  failedAt: string | null;
  addedAt: string;
  /** Posts or source the job was about, for the operator's eye (payload kept short). */
  payload: string;
  /** The last frames of the stack, when BullMQ kept one. */
  stack: string | null;
}

const PAYLOAD_CHARS = 200;

function view(queue: string, job: Job): FailedJobView {
  let payload: string;
  try {
    payload = JSON.stringify(job.data) ?? 'undefined';
  } catch {
    payload = '[unserialisable]';
  }
  return {
    queue,
    id: job.id ?? '',
    name: job.name,
    error: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    addedAt: new Date(job.timestamp).toISOString(),
    payload: payload.length > PAYLOAD_CHARS ? `${payload.slice(0, PAYLOAD_CHARS)}…` : payload,
    stack: job.stacktrace?.at(-1)?.split('\n').slice(0, 4).join('\n') ?? null,
  };
}

export async function countFailed(queue: Queue): Promise<number> {
  return queue.getFailedCount();
}

/** Failed jobs, newest first. */
export async function listFailed(queue: Queue, limit = 50, offset = 0): Promise<FailedJobView[]> {
  const jobs = await queue.getFailed(offset, offset + limit - 1);
  return jobs.filter((j): j is Job => Boolean(j)).map((j) => view(queue.name, j));
}

export interface Selection {
  /** Job ids; empty means every failed job of the queue. */
  ids: string[];
}

export interface BulkResult {
  queue: string;
  done: string[];
  /** Ids that were not failed (already retried, discarded or unknown). */
  skipped: string[];
}

async function selectFailed(queue: Queue, selection: Selection): Promise<{ jobs: Job[]; skipped: string[] }> {
  if (selection.ids.length === 0) {
    const jobs: Job[] = [];
    // Page by a fixed window from the start: each page is consumed (moved out of failed) before the next read.
    const total = await queue.getFailedCount();
    for (let start = 0; start < total; start += 1000) {
      for (const job of await queue.getFailed(start, start + 999)) if (job) jobs.push(job);
    }
    return { jobs, skipped: [] };
  }
  const jobs: Job[] = [];
  const skipped: string[] = [];
  for (const id of selection.ids) {
    const job = await queue.getJob(id);
    if (job && (await job.isFailed())) jobs.push(job);
    else skipped.push(id);
  }
  return { jobs, skipped };
}

/** Moves failed jobs back to waiting with their attempts reset; handlers are idempotent, so a replay is safe. */
export async function retryFailed(queue: Queue, selection: Selection): Promise<BulkResult> {
  const { jobs, skipped } = await selectFailed(queue, selection);
  const done: string[] = [];
  for (const job of jobs) {
    await job.retry('failed', { resetAttemptsMade: true });
    done.push(job.id ?? '');
  }
  return { queue: queue.name, done, skipped };
}

/** Deletes failed jobs for good: an operator's explicit decision, reported with the ids. */
export async function discardFailed(queue: Queue, selection: Selection): Promise<BulkResult> {
  const { jobs, skipped } = await selectFailed(queue, selection);
  const done: string[] = [];
  for (const job of jobs) {
    await job.remove();
    done.push(job.id ?? '');
  }
  return { queue: queue.name, done, skipped };
}
