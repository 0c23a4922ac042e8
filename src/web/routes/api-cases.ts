// GET /api/cases?queue=&status=&limit=&offset= -> {"items":[…]}: review cases with their posts, by priority.
import { Hono } from 'hono';
import { z } from 'zod';
import { CaseStatus } from '../../contracts/case.js';
import { ReviewQueue } from '../../contracts/common.js';
import { describeIssues } from '../../ingest/ingest-records.js';
import type { WebDeps } from '../deps.js';
import { readCacheFor } from '../read-cache.js';

const CaseQuery = z.object({
  queue: ReviewQueue.optional(),
  status: CaseStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function caseRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  const cache = readCacheFor(deps);
  app.get('/api/cases', async (c) => {
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const query = CaseQuery.safeParse(raw);
    if (!query.success) return c.json({ error: describeIssues(query.error) }, 400);
    // JSON text straight from the database (the same document as c.json({ items: list(…) })).
    const body = await cache.get(`api:${JSON.stringify(query.data)}`, () => deps.store.cases.listJson(query.data));
    return c.body(body, 200, { 'content-type': 'application/json' });
  });
  return app;
}
