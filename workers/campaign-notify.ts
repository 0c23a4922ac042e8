// Repeat-offender webhook worker: wiring only.
import { Jobs } from '../src/contracts/jobs.js';
import { handleRepeatOffenderWebhook, webhookDeps } from '../src/app/campaign-webhook.js';
import type { Services } from '../src/app/services.js';
import { defineWorker } from '../src/queue/worker-host.js';

export const campaignNotifyWorker = defineWorker<Services, typeof Jobs.NotifyRepeatOffender>(Jobs.NotifyRepeatOffender, (payload, ctx) =>
  handleRepeatOffenderWebhook(payload, webhookDeps(ctx.services)),
);
