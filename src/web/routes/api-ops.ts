// Operator, researcher and admin API: sources and run-now, models and shadow disagreements, and
// audit chain verification.
import { Hono } from 'hono';
import { z } from 'zod';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { vParam, vQuery } from '../validate.js';
import { SourceParam } from './console-ops.js';

export function apiOpsRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/sources', async (c) => c.json({ items: await deps.store.sources.list() }));
  app.post('/api/sources/:name/run', vParam(SourceParam), async (c) => {
    const { name } = c.req.valid('param');
    if (!deps.runSourceNow) return c.json({ error: 'run-now is not available in this process' }, 503);
    if (!(await deps.store.sources.byName(name))) return c.json({ error: 'not found' }, 404);
    const queued = await deps.runSourceNow(name);
    await deps.store.audit.append({ actor: c.get('principal').username, action: 'source.run', subject: `source:${name}` });
    return c.json({ queued: true, jobId: queued?.jobId ?? null }, 202);
  });
  app.get('/api/models', async (c) => c.json({ items: deps.listModels ? await deps.listModels() : [], shadow: await deps.store.review.shadowSummary() }));
  app.get('/api/shadow/disagreements', vQuery(z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })), async (c) =>
    c.json({ items: await deps.store.review.shadowDisagreements(c.req.valid('query').limit) }),
  );
  app.get('/api/audit/verify', async (c) => {
    const check = await deps.store.audit.verify();
    return c.json(check, check.ok ? 200 : 409);
  });
  return app;
}
