// Takedown re-check worker: wiring only.
import { Jobs } from '../src/contracts/jobs.js';
import { handleRecheckTakedowns, takedownDeps } from '../src/app/takedown-recheck.js';
import type { Services } from '../src/app/services.js';
import { defineWorker } from '../src/queue/worker-host.js';

export const takedownRecheckWorker = defineWorker<Services, typeof Jobs.RecheckTakedowns>(Jobs.RecheckTakedowns, (_payload, ctx) => handleRecheckTakedowns(takedownDeps(ctx.services)));
