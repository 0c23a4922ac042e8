// The campaign pages: every campaign by recent activity, and one campaign with its timeline, platforms,
// groups, contacts, every post with its cases, and the entity graph. SVGs come from src/campaigns
// (labels escaped there, no scripts), so they are embedded as markup.
import { html, raw } from 'hono/html';
import type { CampaignSummary } from '../../campaigns/campaign-index.js';
import { t, type Lang } from '../../review/i18n.js';
import type { CampaignListRow, CampaignMemberRow } from '../../store/campaign-repository.js';
import { externalLink } from './case-page.js';
import { layout, shortDate, type ViewContext } from './layout.js';

export interface CampaignListView {
  rows: CampaignListRow[];
  minPosts: number;
  limit: number;
  offset: number;
}

export function campaignHref(id: number): string {
  return `/console/campaigns/${id}`;
}

function repeatBadge(l: Lang, repeat: boolean) {
  return repeat ? html`<strong class="repeat" data-repeat="true">${t(l, 'repeatOffender')}</strong>` : '';
}

export function campaignListPage(v: ViewContext, view: CampaignListView) {
  const l = v.lang;
  const page = (offset: number) => `/console/campaigns?minPosts=${view.minPosts}&limit=${view.limit}&offset=${Math.max(0, offset)}`;
  return layout(
    v,
    t(l, 'campaigns'),
    html`<h1>${t(l, 'campaigns')}</h1>
    <p><a href="/console/takedowns">${t(l, 'takedowns')}</a></p>
    ${view.rows.length === 0
      ? html`<p>${t(l, 'noCampaigns')}</p>`
      : html`<table class="queue campaigns"><thead><tr><th>${t(l, 'campaign')}</th><th>${t(l, 'posts')}</th><th>${t(l, 'firstSeen')}</th><th>${t(l, 'lastSeen')}</th><th>${t(l, 'platform')}</th><th>${t(l, 'contacts')}</th><th>${t(l, 'openCases')}</th><th></th></tr></thead>
        <tbody>${view.rows.map(
          (r) => html`<tr data-campaign-id="${r.campaignId}"><td><a href="${campaignHref(r.campaignId)}">#${r.campaignId}</a></td><td class="num">${r.posts}</td>
            <td>${shortDate(r.firstSeen)}</td><td>${shortDate(r.lastSeen)}</td><td>${r.platforms.join(', ')}</td><td class="num">${r.contacts}</td>
            <td class="num">${r.openCases}</td><td>${repeatBadge(l, r.repeat)}</td></tr>`,
        )}</tbody></table>`}
    <p class="pager">${view.offset > 0 ? html`<a href="${page(view.offset - view.limit)}">←</a>` : ''} ${view.rows.length === view.limit ? html`<a href="${page(view.offset + view.limit)}">→</a>` : ''}</p>`,
  );
}

export interface CampaignDetailView {
  summary: CampaignSummary;
  headline: { id: string; en: string };
  members: CampaignMemberRow[];
  timelineSvg: string;
  graphSvg: string;
  repeat: boolean;
}

function caseLinks(l: Lang, m: CampaignMemberRow) {
  if (m.cases.length === 0) return '-';
  return m.cases.map((k) => html`<a href="/cases/${k.id}">#${k.id}</a> <small>${k.queue} · ${k.status}${k.decision ? ` · ${t(l, k.decision as 'scam')}` : ''}</small> `);
}

export function campaignPage(v: ViewContext, view: CampaignDetailView) {
  const l = v.lang;
  const s = view.summary;
  return layout(
    v,
    `${t(l, 'campaign')} #${s.campaignId}`,
    html`<h1>${t(l, 'campaign')} #${s.campaignId} ${repeatBadge(l, view.repeat)}</h1>
    <p class="headline">${view.headline[l]}</p>
    <p>${t(l, 'posts')} ${s.posts} · ${t(l, 'firstSeen')} ${shortDate(s.firstSeen)} · ${t(l, 'lastSeen')} ${shortDate(s.lastSeen)} · ${t(l, 'reach')} ${s.reach}</p>
    <p><a href="${campaignHref(s.campaignId)}/export" download>${t(l, 'exportPacket')}</a> · <a href="/console/campaigns">${t(l, 'campaigns')}</a></p>
    <section><h2>${t(l, 'timeline')}</h2><div class="svg timeline">${raw(view.timelineSvg)}</div></section>
    <div class="grid">
    <section><h2>${t(l, 'platform')}</h2><ul>${s.platforms.map((p) => html`<li>${p.platform}: ${p.posts}</li>`)}</ul>
      <h2>${t(l, 'groupsSources')}</h2><ul class="sources">${s.sources.map((p) => html`<li>${p.source}: ${p.posts}</li>`)}</ul>
      <h2>${t(l, 'accounts')}</h2><ul>${s.authors.map((p) => html`<li>${p.author}: ${p.posts}</li>`)}</ul></section>
    <section><h2>${t(l, 'contacts')}</h2><ul class="contacts">${s.contacts.map((c) => html`<li>${c.kind}: <code>${c.value}</code> (${c.posts})</li>`)}</ul></section>
    </div>
    <section><h2>${t(l, 'network')}</h2><div class="svg graph">${raw(view.graphSvg)}</div></section>
    <section><h2>${t(l, 'posts')}</h2>
    <table class="queue members"><thead><tr><th>#</th><th>${t(l, 'cases')}</th><th>${t(l, 'collected')}</th><th>${t(l, 'platform')}</th><th>${t(l, 'groupsSources')}</th><th>${t(l, 'reach')}</th><th>URL</th><th>${t(l, 'takedowns')}</th><th>${t(l, 'post')}</th></tr></thead>
    <tbody>${view.members.map(
      (m) => html`<tr data-post-id="${m.postId}"><td>${m.postId}</td><td>${caseLinks(l, m)}</td><td>${shortDate(m.postedAt ?? m.collectedAt)}</td><td>${m.platform}</td>
        <td>${m.source ?? '-'}</td><td class="num">${m.reach}</td><td>${externalLink(m.url, 'link')}</td><td>${m.takedown ? t(l, m.takedown as 'up') : '-'}</td>
        <td class="snippet">${m.text.slice(0, 500)}</td></tr>`,
    )}</tbody></table></section>`,
  );
}
