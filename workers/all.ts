// Every stage worker, for the all-in-one process and `waspada worker all`.
import type { Stage } from '../src/contracts/jobs.js';
import type { Services } from '../src/app/services.js';
import type { WorkerDefinition } from '../src/queue/worker-host.js';
import { campaignNotifyWorker } from './campaign-notify.js';
import { collectWorker } from './collect.js';
import { extractWorker } from './extract.js';
import { routeWorker } from './route.js';
import { scoreWorker } from './score.js';
import { takedownRecheckWorker } from './takedown-recheck.js';

export const STAGE_WORKERS: Record<Stage, WorkerDefinition<Services, any>> = {
  collect: collectWorker,
  extract: extractWorker,
  score: scoreWorker,
  route: routeWorker,
  notify: campaignNotifyWorker,
  takedown: takedownRecheckWorker,
};
