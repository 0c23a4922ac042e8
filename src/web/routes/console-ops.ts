// Operator, researcher and admin pages: GET /sources and POST /sources/:name/run, GET /research,
// GET /audit (chain verification and the latest entries).
import { Hono } from 'hono';
import { z } from 'zod';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { vParam, vQuery } from '../validate.js';
import { auditPage, researchPage, sourcesPage } from '../views/ops-pages.js';

export const SourceParam = z.object({ name: z.string().min(1).max(200).regex(/^[\w.-]+$/) });

export function consoleOpsRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/sources', vQuery(z.object({ ran: z.string().max(200).optional(), lang: z.string().optional() })), async (c) => {
    const ran = c.req.valid('query').ran;
    const sources = await deps.store.sources.list();
    return c.html(sourcesPage({ lang: c.get('lang'), principal: c.get('principal'), path: c.req.path }, sources, deps.runSourceNow !== undefined, ran ? `queued: ${ran}` : null));
  });

  app.post('/sources/:name/run', vParam(SourceParam), async (c) => {
    const { name } = c.req.valid('param');
    if (!deps.runSourceNow) return c.text('run-now is not available in this process', 503);
    if (!(await deps.store.sources.byName(name))) return c.text('Not found', 404);
    await deps.runSourceNow(name);
    await deps.store.audit.append({ actor: c.get('principal').username, action: 'source.run', subject: `source:${name}` });
    return c.redirect(`/sources?ran=${encodeURIComponent(name)}`, 303);
  });

  app.get('/research', async (c) => {
    const [models, summary, rows] = await Promise.all([deps.listModels ? deps.listModels() : Promise.resolve([]), deps.store.review.shadowSummary(), deps.store.review.shadowDisagreements(100)]);
    return c.html(researchPage({ lang: c.get('lang'), principal: c.get('principal'), path: c.req.path }, models, summary, rows));
  });

  app.get('/audit', async (c) => {
    const [check, entries] = await Promise.all([deps.store.audit.verify(), deps.store.audit.recent(200)]);
    return c.html(auditPage({ lang: c.get('lang'), principal: c.get('principal'), path: c.req.path }, check, entries));
  });
  return app;
}
