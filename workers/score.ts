// Score stage worker: wiring only.
import { Jobs } from '../src/contracts/jobs.js';
import { handleScore } from '../src/score/handle-score.js';
import { scoreDeps } from '../src/app/stage-deps.js';
import type { Services } from '../src/app/services.js';
import { defineWorker } from '../src/queue/worker-host.js';

export const scoreWorker = defineWorker<Services, typeof Jobs.ScorePosts>(Jobs.ScorePosts, (payload, ctx) => handleScore(payload, scoreDeps(ctx.services)));
