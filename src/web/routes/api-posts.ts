// POST /api/posts: a JSON array of posts. Each element is validated alone; bad ones are reported by
// index and stored in the rejects table, good ones are ingested.
import { Hono } from 'hono';
import { ingestRecords } from '../../ingest/ingest-records.js';
import type { RawRecord } from '../../ingest/read-records.js';
import type { WebDeps } from '../deps.js';

export const MAX_POSTS_PER_REQUEST = 5000;

export function postRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  app.post('/api/posts', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch (error) {
      return c.json({ error: `body is not valid JSON: ${(error as Error).message}` }, 400);
    }
    const items = Array.isArray(body) ? body : null;
    if (!items) return c.json({ error: 'body must be a JSON array of posts' }, 400);
    if (items.length > MAX_POSTS_PER_REQUEST) return c.json({ error: `at most ${MAX_POSTS_PER_REQUEST} posts per request` }, 413);
    const records: RawRecord[] = items.map((value, index) => ({ record: `item ${index}`, value, notes: [] }));
    const summary = await ingestRecords(records, deps.ingest, 'api');
    const status = summary.rejected > 0 && summary.accepted + summary.duplicate === 0 ? 422 : 200;
    return c.json({ accepted: summary.accepted, duplicate: summary.duplicate, rejected: summary.rejected, errors: summary.errors, ids: summary.postIds }, status);
  });
  return app;
}
