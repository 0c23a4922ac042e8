// Extract stage worker: wiring only. Where the score (and route) stages run in the same process, the batch
// is scored (and routed) in the same job (see extractDeps), and those steps are reported to the job
// metrics as those stages' own runs.
import { Jobs } from '../src/contracts/jobs.js';
import { handleExtract } from '../src/extract/handle-extract.js';
import { extractDeps } from '../src/app/stage-deps.js';
import type { Services } from '../src/app/services.js';
import { defineWorker } from '../src/queue/worker-host.js';

const JOB_OF_STAGE = { score: Jobs.ScorePosts, route: Jobs.RoutePosts } as const;

export const extractWorker = defineWorker<Services, typeof Jobs.ExtractPosts>(Jobs.ExtractPosts, (payload, ctx) =>
  handleExtract(
    payload,
    extractDeps(ctx.services, {
      scoreHere: ctx.stages.includes('score'),
      routeHere: ctx.stages.includes('route'),
      onStep: (stage, durationMs, outcome) => ctx.observeStep({ stage, name: JOB_OF_STAGE[stage], durationMs, outcome }),
    }),
  ),
);
