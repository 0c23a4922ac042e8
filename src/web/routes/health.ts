// GET /healthz: are Redis and the database reachable? Open to everyone (load balancers, operators).
import { Hono } from 'hono';
import type { WebDeps } from '../deps.js';

export function healthRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const [database, redis] = await Promise.all([deps.store.ping(), deps.redisHealthy().catch(() => false)]);
    const ok = database && redis;
    return c.json({ status: ok ? 'ok' : 'degraded', database, redis, databaseKind: deps.store.db.kind }, ok ? 200 : 503);
  });
  return app;
}
