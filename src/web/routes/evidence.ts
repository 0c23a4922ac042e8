// GET /evidence/:id: an evidence artifact by its database id (never by a path from the URL, so no
// traversal). Screenshots display inline; archived HTML is always a download, never rendered.
import { Hono } from 'hono';
import { z } from 'zod';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { vParam, vQuery } from '../validate.js';

const KEY = /^[0-9a-f]{64}$/;

export function evidenceRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/evidence/:id', vParam(z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })), vQuery(z.object({ download: z.string().optional(), lang: z.string().optional() })), async (c) => {
    const { id } = c.req.valid('param');
    const row = await deps.store.review.evidence(id);
    if (!row || !deps.evidence || !KEY.test(row.key)) return c.text('Not found', 404);
    const bytes = await deps.evidence.get(row.key);
    if (!bytes) return c.text('Not found', 404);
    const p = c.get('principal');
    await deps.store.audit.append({ actor: p.username, action: 'evidence.view', subject: `evidence:${id}`, data: { postId: row.postId, kind: row.kind, sha256: row.sha256 } });
    const image = row.kind === 'screenshot' && c.req.valid('query').download === undefined;
    const ext = row.kind === 'screenshot' ? 'png' : row.kind === 'html' ? 'html.txt' : 'bin';
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': image ? 'image/png' : 'application/octet-stream',
      'content-disposition': `${image ? 'inline' : 'attachment'}; filename="evidence-${row.postId}-${row.sha256.slice(0, 16)}.${ext}"`,
      'x-content-type-options': 'nosniff',
      'x-evidence-sha256': row.sha256,
      'cache-control': 'private, no-store',
    });
  });
  return app;
}
