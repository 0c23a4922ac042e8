// GET /console/campaigns (list), /console/campaigns/:id (one campaign), /console/campaigns/:id/export
// (the whole campaign as one Polri packet, ZIP) and /console/campaigns/post/:postId (the campaign of a
// post, for links from the case page).
import { Hono } from 'hono';
import { z } from 'zod';
import { campaignHeadline } from '../../campaigns/campaign-packet.js';
import { campaignGraph, summarizeCampaign } from '../../campaigns/campaign-view.js';
import { renderGraphSvg } from '../../campaigns/graph-svg.js';
import { campaignTimeline, renderTimelineSvg } from '../../campaigns/timeline.js';
import { buildCampaignExport } from '../../review/export/campaign-export.js';
import { t } from '../../review/i18n.js';
import { seesPersonalData } from '../../review/roles.js';
import type { WebDeps } from '../deps.js';
import { readCacheFor } from '../read-cache.js';
import type { AppEnv } from '../env.js';
import { vParam, vQuery } from '../validate.js';
import { campaignHref, campaignListPage, campaignPage } from '../views/campaign-page.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const CampaignParam = z.object({ id: Id });
export const CampaignListQuery = z.object({
  minPosts: z.coerce.number().int().min(1).max(10_000).default(2),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  lang: z.string().optional(),
});

export function campaignRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const view = (c: { get(k: 'lang'): AppEnv['Variables']['lang']; get(k: 'principal'): AppEnv['Variables']['principal'] }, path: string) => ({ lang: c.get('lang'), principal: c.get('principal'), path });

  app.get('/console/campaigns', vQuery(CampaignListQuery), async (c) => {
    const q = c.req.valid('query');
    // Grouping every post by campaign is the console's heaviest read (~1.4 s at a million posts): analysts
    // reopening the list within the queue-cache window share one query, as queue pages do.
    const page = { minPosts: q.minPosts, limit: q.limit, offset: q.offset };
    const rows = await readCacheFor(deps).get(`campaigns:${JSON.stringify(page)}`, () => deps.store.campaigns.list(page));
    const url = new URL(c.req.url);
    return c.html(campaignListPage(view(c, `${url.pathname}${url.search}`), { rows, ...q }));
  });

  app.get('/console/campaigns/post/:id', vParam(CampaignParam), async (c) => {
    const campaignId = await deps.store.campaigns.campaignOfPost(c.req.valid('param').id);
    if (campaignId === null) return c.text(t(c.get('lang'), 'notFound'), 404);
    return c.redirect(campaignHref(campaignId), 303);
  });

  app.get('/console/campaigns/:id', vParam(CampaignParam), async (c) => {
    const { id } = c.req.valid('param');
    const members = await deps.store.campaigns.members(id);
    if (members.length === 0) return c.text(t(c.get('lang'), 'notFound'), 404);
    const summary = summarizeCampaign(id, members);
    const removed = members.filter((m) => m.takedown === 'removed').length > 0 ? await deps.store.takedowns.observations() : [];
    const ids = new Set(members.map((m) => m.postId));
    const takedowns = removed.filter((o) => o.status === 'removed' && ids.has(o.postId)).map((o) => o.checkedAt);
    return c.html(
      campaignPage(view(c, c.req.path), {
        summary,
        headline: campaignHeadline(summary),
        members,
        timelineSvg: renderTimelineSvg(campaignTimeline(members.map((m) => ({ postedAt: m.postedAt ?? m.collectedAt, platform: m.platform }))), { takedowns }),
        graphSvg: renderGraphSvg(campaignGraph(id, members)),
        repeat: members.some((m) => m.cases.some((k) => k.flags.includes('repeat_offender'))),
      }),
    );
  });

  app.get('/console/campaigns/:id/export', vParam(CampaignParam), async (c) => {
    const p = c.get('principal');
    const file = await buildCampaignExport(deps, { campaignId: c.req.valid('param').id, redact: !seesPersonalData(p.role), actor: p.username });
    if (!file) return c.text(t(c.get('lang'), 'notFound'), 404);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });
  return app;
}
