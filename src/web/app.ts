// The web application: health and metrics (open), the analyst console (session cookies) and the
// JSON API (bearer tokens); access is decided by the table in access.ts before any handler runs.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { reviewSettings, type WebDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { accessMiddleware } from './middleware/access.js';
import { langMiddleware } from './middleware/lang.js';
import { sandboxEvidence, securityHeaders } from './middleware/security.js';
import { clearReadCacheOnWrite } from './read-cache.js';
import { apiOpsRoutes } from './routes/api-ops.js';
import { campaignRoutes } from './routes/campaign-routes.js';
import { takedownRoutes } from './routes/takedown-routes.js';
import { apiReviewRoutes } from './routes/api-review.js';
import { caseRoutes } from './routes/api-cases.js';
import { postRoutes } from './routes/api-posts.js';
import { consoleCaseRoutes } from './routes/console-case.js';
import { consoleOpsRoutes } from './routes/console-ops.js';
import { consoleQueueRoutes } from './routes/console-queue.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/exports.js';
import { healthRoutes } from './routes/health.js';
import { loginRoutes } from './routes/login.js';
import { metricsRoutes } from './routes/metrics.js';
import { openApiRoutes } from './routes/openapi.js';
import { staticRoutes } from './routes/static-assets.js';

export const MAX_BODY_BYTES = 20 * 1024 * 1024;
const MAX_FORM_BYTES = 256 * 1024;

export function createWebApp(deps: WebDeps): Hono {
  const settings = reviewSettings(deps);
  const app = new Hono<AppEnv>();
  app.use('*', sandboxEvidence());
  app.use('*', securityHeaders());
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `body larger than ${MAX_BODY_BYTES} bytes` }, 413) }));
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : bodyLimit({ maxSize: MAX_FORM_BYTES })(c, next)));
  app.use('*', langMiddleware(settings.lang, settings.cookieSecure));
  app.use('*', accessMiddleware(deps.store, settings));
  app.use('*', clearReadCacheOnWrite(deps));
  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', staticRoutes());
  app.route('/', loginRoutes(deps));
  app.route('/', consoleQueueRoutes(deps));
  app.route('/', consoleCaseRoutes(deps));
  app.route('/', exportRoutes(deps));
  app.route('/', campaignRoutes(deps));
  app.route('/', takedownRoutes(deps));
  app.route('/', evidenceRoutes(deps));
  app.route('/', consoleOpsRoutes(deps));
  app.route('/', openApiRoutes());
  app.route('/', postRoutes(deps));
  app.route('/', caseRoutes(deps));
  app.route('/', apiReviewRoutes(deps));
  app.route('/', apiOpsRoutes(deps));
  app.onError((error, c) => {
    deps.log.error({ err: error.message, path: c.req.path }, 'request failed');
    return c.req.path.startsWith('/api') ? c.json({ error: 'internal error' }, 500) : c.text('Internal error', 500);
  });
  // Callers only need fetch/request; the context variables are internal to the app.
  return app as unknown as Hono;
}
