// Collect stage worker: wiring only. A source already being crawled elsewhere is skipped, not queued twice.
import { Jobs } from '../src/contracts/jobs.js';
import { handleCollect } from '../src/collect/handle-collect.js';
import { collectDeps } from '../src/app/stage-deps.js';
import type { Services } from '../src/app/services.js';
import { withSourceLock } from '../src/queue/source-lock.js';
import { defineWorker } from '../src/queue/worker-host.js';

const LEASE_MS = 60_000;

export const collectWorker = defineWorker<Services, typeof Jobs.CollectSource>(Jobs.CollectSource, async (payload, ctx) => {
  const result = await withSourceLock(ctx.services.redis, ctx.services.config.queuePrefix, payload.sourceId, LEASE_MS, () =>
    handleCollect(payload, collectDeps(ctx.services)),
  );
  return result ?? { status: 'skipped', reason: 'source is being crawled by another run' };
});
