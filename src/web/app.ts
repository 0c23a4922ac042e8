// The web application: health, metrics and the JSON API (the console is added by the review module).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { WebDeps } from './deps.js';
import { caseRoutes } from './routes/api-cases.js';
import { postRoutes } from './routes/api-posts.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';

export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `body larger than ${MAX_BODY_BYTES} bytes` }, 413) }));
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', postRoutes(deps));
  app.route('/', caseRoutes(deps));
  app.onError((error, c) => {
    deps.log.error({ err: error.message, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
