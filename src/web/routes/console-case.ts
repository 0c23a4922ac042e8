// GET /cases/:id: the case page; POST /cases/:id/<action>: a transition from a form (redirect back)
// or from the triage script (Accept: application/json → the updated case).
import { Hono } from 'hono';
import { z } from 'zod';
import { CaseCommand, runCaseAction } from '../../review/case-service.js';
import { t } from '../../review/i18n.js';
import { REVIEWER_ACTIONS, SUPERVISOR_ACTIONS } from '../access.js';
import { reviewSettings, type WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { nearDuplicatesWithin } from '../near-duplicates.js';
import { vParam } from '../validate.js';
import { casePage } from '../views/case-page.js';

export const CaseParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export function consoleCaseRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const settings = reviewSettings(deps);

  app.get('/cases/:id', vParam(CaseParam), async (c) => {
    const { id } = c.req.valid('param');
    const page = await deps.store.review.casePage(id);
    if (!page) return c.text(t(c.get('lang'), 'notFound'), 404);
    const { events, decisions, ...bundle } = page;
    const near = await nearDuplicatesWithin(deps, bundle.post.id, deps.log);
    const related = await deps.store.review.related(bundle.post, bundle.features, 20, near.ids);
    const principal = c.get('principal');
    const supervisor = principal.role === 'supervisor' || principal.role === 'admin';
    return c.html(casePage({ lang: c.get('lang'), principal, path: c.req.path }, { bundle, events, decisions, related, relatedComplete: near.complete, supervisor }));
  });

  for (const action of [...REVIEWER_ACTIONS, ...SUPERVISOR_ACTIONS]) {
    app.post(`/cases/:id/${action}`, vParam(CaseParam), async (c) => {
      const { id } = c.req.valid('param');
      const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
      const body = await c.req.parseBody();
      const fields = Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string' && v !== ''));
      const command = CaseCommand.safeParse({ ...fields, action });
      if (!command.success) return c.json({ error: command.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
      const result = await runCaseAction(deps.store, settings.claimLeaseMinutes, c.get('principal'), id, command.data);
      if (wantsJson) {
        if (result.ok) return c.json({ case: result.case });
        return c.json({ error: result.reason, case: result.case ?? null }, result.reason === 'not_found' ? 404 : 409);
      }
      if (!result.ok && result.reason === 'not_found') return c.text(t(c.get('lang'), 'notFound'), 404);
      if (!result.ok) return c.text(t(c.get('lang'), 'conflict'), 409);
      return c.redirect(`/cases/${id}`, 303);
    });
  }
  return app;
}
