// The takedown re-check sweep's job scheduler: one repeatable job every TAKEDOWN_SWEEP_MINUTES, kept in
// Redis so it fires once per interval across all processes; 0 minutes removes it.
import { Jobs } from '../contracts/jobs.js';
import { RedisKeys } from './catalog.js';
import type { JobProducer } from './producer.js';

export async function syncTakedownSchedule(producer: JobProducer, minutes: number): Promise<void> {
  const queue = producer.queue('takedown');
  if (minutes <= 0) {
    await queue.removeJobScheduler(RedisKeys.takedownSchedulerId);
    return;
  }
  await queue.upsertJobScheduler(RedisKeys.takedownSchedulerId, { every: minutes * 60_000 }, { name: Jobs.RecheckTakedowns, data: { trigger: 'schedule' } });
}
