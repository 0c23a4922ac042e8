// Referral downloads: GET /cases/:id/export and GET /export?queue= for the console, GET /api/export
// for API clients; ZIP, CSV or JSONL, personal data redacted unless the role may see it.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ReviewQueue } from '../../contracts/common.js';
import { buildExport, type ExportFile } from '../../review/export/build-export.js';
import { seesPersonalData } from '../../review/roles.js';
import type { WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { vParam, vQuery } from '../validate.js';
import { CaseParam } from './console-case.js';

const Format = z.enum(['zip', 'csv', 'jsonl']);
export const BatchExportQuery = z.object({
  queue: ReviewQueue,
  format: Format.default('zip'),
  /** Which cases: decided as scam (default, ready to refer) or already referred. */
  status: z.enum(['decided', 'referred', 'all']).default('decided'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  lang: z.string().optional(),
});

export const STATUSES_FOR = { decided: ['decided'], referred: ['referred'], all: ['decided', 'referred', 'closed'] } as const;

function download(c: Context<AppEnv>, file: ExportFile) {
  return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.filename}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
}

export function exportRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/cases/:id/export', vParam(CaseParam), vQuery(z.object({ format: Format.default('zip'), lang: z.string().optional() })), async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    const existing = await deps.store.cases.get(id);
    if (!existing) return c.text('Not found', 404);
    const file = await buildExport(deps, { caseIds: [id], format: c.req.valid('query').format, redact: !seesPersonalData(p.role), actor: p.username });
    return download(c, file);
  });

  const batch = async (c: Context<AppEnv>, q: z.infer<typeof BatchExportQuery>) => {
    const p = c.get('principal');
    const ids = await deps.store.review.caseIds(q.queue, [...STATUSES_FOR[q.status]], 'scam', q.limit);
    return download(c, await buildExport(deps, { caseIds: ids, format: q.format, agency: q.queue, redact: !seesPersonalData(p.role), actor: p.username }));
  };
  app.get('/export', vQuery(BatchExportQuery), (c) => batch(c, c.req.valid('query')));
  app.get('/api/export', vQuery(BatchExportQuery), (c) => batch(c, c.req.valid('query')));
  return app;
}
