// The review API (bearer tokens): GET /api/me, GET /api/cases/:id, POST /api/cases/:id/<action>
// with a JSON body, the same transitions as the console.
import { Hono } from 'hono';
import { CaseCommand, runCaseAction } from '../../review/case-service.js';
import { redactPost } from '../../review/redact.js';
import { seesPersonalData } from '../../review/roles.js';
import { REVIEWER_ACTIONS, SUPERVISOR_ACTIONS } from '../access.js';
import { reviewSettings, type WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { nearDuplicatesWithin } from '../near-duplicates.js';
import { vParam } from '../validate.js';
import { CaseParam } from './console-case.js';

export function apiReviewRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const settings = reviewSettings(deps);

  app.get('/api/me', (c) => {
    const p = c.get('principal');
    return c.json({ username: p.username, role: p.role });
  });

  app.get('/api/cases/:id', vParam(CaseParam), async (c) => {
    const { id } = c.req.valid('param');
    const page = await deps.store.review.casePage(id);
    if (!page) return c.json({ error: 'not found' }, 404);
    const { events, decisions, ...bundle } = page;
    const near = await nearDuplicatesWithin(deps, bundle.post.id, deps.log);
    const related = await deps.store.review.related(bundle.post, bundle.features, 20, near.ids);
    const post = seesPersonalData(c.get('principal').role) ? bundle.post : redactPost(bundle.post, bundle.features);
    return c.json({ ...bundle.case, post, features: bundle.features, score: bundle.score, evidence: bundle.evidence.map(({ key: _key, ...e }) => e), events, decisions, related, relatedComplete: near.complete });
  });

  for (const action of [...REVIEWER_ACTIONS, ...SUPERVISOR_ACTIONS]) {
    app.post(`/api/cases/:id/${action}`, vParam(CaseParam), async (c) => {
      const { id } = c.req.valid('param');
      let body: unknown = {};
      if ((c.req.header('content-type') ?? '').includes('application/json')) {
        try {
          body = await c.req.json();
        } catch {
          return c.json({ error: 'body is not valid JSON' }, 400);
        }
      }
      const command = CaseCommand.safeParse({ ...(typeof body === 'object' && body !== null ? body : {}), action });
      if (!command.success) return c.json({ error: command.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
      const result = await runCaseAction(deps.store, settings.claimLeaseMinutes, c.get('principal'), id, command.data);
      if (result.ok) return c.json({ case: result.case });
      return c.json({ error: result.reason, case: result.case ?? null }, result.reason === 'not_found' ? 404 : 409);
    });
  }
  return app;
}
