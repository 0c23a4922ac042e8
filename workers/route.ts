// Route stage worker: wiring only.
import { Jobs } from '../src/contracts/jobs.js';
import { handleRoute } from '../src/route/handle-route.js';
import { routeDeps } from '../src/app/stage-deps.js';
import type { Services } from '../src/app/services.js';
import { defineWorker } from '../src/queue/worker-host.js';

export const routeWorker = defineWorker<Services, typeof Jobs.RoutePosts>(Jobs.RoutePosts, (payload, ctx) => handleRoute(payload, routeDeps(ctx.services)));
