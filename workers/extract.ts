// Extract stage worker: wiring only. Where the score stage runs in the same process, the batch is scored
// in the same job (see extractDeps), and that step is reported to the job metrics as the score stage's.
import { Jobs } from '../src/contracts/jobs.js';
import { handleExtract } from '../src/extract/handle-extract.js';
import { extractDeps } from '../src/app/stage-deps.js';
import type { Services } from '../src/app/services.js';
import { defineWorker } from '../src/queue/worker-host.js';

export const extractWorker = defineWorker<Services, typeof Jobs.ExtractPosts>(Jobs.ExtractPosts, (payload, ctx) =>
  handleExtract(
    payload,
    extractDeps(ctx.services, {
      scoreHere: ctx.stages.includes('score'),
      onScoreStep: (durationMs, outcome) => ctx.observeStep({ stage: 'score', name: Jobs.ScorePosts, durationMs, outcome }),
    }),
  ),
);
