// GET /metrics in Prometheus text format. Open like /healthz; bind the server to loopback or a
// private network.
import { Hono } from 'hono';
import type { WebDeps } from '../deps.js';

export function metricsRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const body = await deps.metrics.metrics();
    return c.body(body, 200, { 'content-type': deps.metrics.contentType });
  });
  return app;
}
