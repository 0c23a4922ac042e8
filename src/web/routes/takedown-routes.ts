// GET /console/takedowns: referred posts re-checked for takedown, with per-platform charts.
import { Hono } from 'hono';
import { aggregateTakedowns, renderTakedownChartSvg } from '../../campaigns/takedown-stats.js';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { takedownPage } from '../views/takedown-page.js';

export function takedownRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/console/takedowns', async (c) => {
    const [observations, reposts, targets] = await Promise.all([deps.store.takedowns.observations(), deps.store.takedowns.reposts(), deps.store.takedowns.recent(500)]);
    const stats = aggregateTakedowns(observations, reposts);
    return c.html(
      takedownPage(
        { lang: c.get('lang'), principal: c.get('principal'), path: c.req.path },
        { stats, timeSvg: renderTakedownChartSvg(stats, 'time'), repostSvg: renderTakedownChartSvg(stats, 'repost'), targets },
      ),
    );
  });
  return app;
}
