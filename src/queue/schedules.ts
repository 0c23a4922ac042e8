// Keeps BullMQ job schedulers in step with the sources table: one cron scheduler per enabled source.
// Schedulers live in Redis, so they survive restarts and fire once per tick across all processes.
import type { Source } from '../contracts/source.js';
import { Jobs } from '../contracts/jobs.js';
import { RedisKeys } from './catalog.js';
import type { JobProducer } from './producer.js';

export async function syncSchedule(producer: JobProducer, source: Source): Promise<void> {
  const queue = producer.queue('collect');
  const id = RedisKeys.schedulerId(source.id);
  if (!source.enabled) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(id, { pattern: source.schedule, tz: 'UTC' }, { name: Jobs.CollectSource, data: { sourceId: source.id, trigger: 'schedule' } });
}

export async function removeSchedule(producer: JobProducer, sourceId: number): Promise<void> {
  await producer.queue('collect').removeJobScheduler(RedisKeys.schedulerId(sourceId));
}

/** Makes Redis match the database: adds missing schedulers, drops those of removed or paused sources. */
export async function syncAllSchedules(producer: JobProducer, sources: Source[]): Promise<void> {
  const wanted = new Set(sources.filter((s) => s.enabled).map((s) => RedisKeys.schedulerId(s.id)));
  const queue = producer.queue('collect');
  for (const scheduler of await queue.getJobSchedulers()) {
    if (scheduler.key && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
  for (const source of sources) await syncSchedule(producer, source);
}

export async function runNow(producer: JobProducer, sourceId: number, now = Date.now()): Promise<string> {
  return producer.enqueue(Jobs.CollectSource, { sourceId, trigger: 'manual' }, { jobId: `run-now-${sourceId}-${now}` });
}
