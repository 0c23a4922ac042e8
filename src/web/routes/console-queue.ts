// GET / (?queue=komdigi|polri and filters): the agency queue; POST /cases/bulk: one action on many cases.
import { Hono } from 'hono';
import { z } from 'zod';
import { CaseStatus } from '../../contracts/case.js';
import { Platform, ReviewQueue } from '../../contracts/common.js';
import { runCaseAction, type CaseCommand } from '../../review/case-service.js';
import { reviewSettings, type WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { readCacheFor } from '../read-cache.js';
import { vForm, vQuery } from '../validate.js';
import { queuePage } from '../views/queue-page.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const QueueQuery = z.object({
  queue: ReviewQueue.default('komdigi'),
  status: CaseStatus.default('open'),
  platform: Platform.optional(),
  destination: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  maxScore: z.coerce.number().min(0).max(1).optional(),
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  lang: z.string().optional(),
});

const BulkForm = z.object({
  ids: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]).map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 500)),
  action: z.enum(['claim', 'release', 'decide:scam', 'decide:not_scam', 'decide:unsure']),
  queue: ReviewQueue.default('komdigi'),
});

// Releasing abandoned claims is cheap (partial index) but needn't run on every page view.
const SWEEP_EVERY_MS = 15_000;

export function consoleQueueRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const settings = reviewSettings(deps);
  const cache = readCacheFor(deps);
  let lastSweep = 0;

  app.get('/', vQuery(QueueQuery), async (c) => {
    const q = c.req.valid('query');
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      await deps.store.caseActions.releaseExpired();
    }
    const filter = { ...q, from: q.from ? `${q.from}T00:00:00Z` : undefined, to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000).toISOString() : undefined };
    const { lang: _lang, ...key } = filter;
    const rows = await cache.get(`console:${JSON.stringify(key)}`, () => deps.store.review.queue(filter));
    const url = new URL(c.req.url);
    return c.html(queuePage({ lang: c.get('lang'), principal: c.get('principal'), path: `${url.pathname}${url.search}` }, { ...filter, from: q.from, to: q.to }, rows));
  });

  app.post('/cases/bulk', vForm(BulkForm), async (c) => {
    const form = c.req.valid('form');
    const [action, label] = form.action.split(':') as ['claim' | 'release' | 'decide', 'scam' | 'not_scam' | 'unsure' | undefined];
    const command: CaseCommand = action === 'decide' ? { action, label: label!, reason: 'bulk', notes: '' } : { action };
    let done = 0;
    for (const id of form.ids) if ((await runCaseAction(deps.store, settings.claimLeaseMinutes, c.get('principal'), id, command)).ok) done += 1;
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json({ requested: form.ids.length, done });
    return c.redirect(`/?queue=${form.queue}`, 303);
  });
  return app;
}
