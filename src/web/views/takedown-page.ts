// The takedown page: referred posts re-checked on a schedule, time to takedown and reposts after takedown
// per platform (SVG charts from src/campaigns/takedown-stats.ts), and the tracked posts.
import { html, raw } from 'hono/html';
import type { PlatformTakedownStats } from '../../campaigns/takedown-stats.js';
import { t } from '../../review/i18n.js';
import type { TakedownTarget } from '../../store/takedown-repository.js';
import { externalLink } from './case-page.js';
import { layout, shortDate, type ViewContext } from './layout.js';

export interface TakedownView {
  stats: PlatformTakedownStats[];
  timeSvg: string;
  repostSvg: string;
  targets: TakedownTarget[];
}

export function takedownPage(v: ViewContext, view: TakedownView) {
  const l = v.lang;
  return layout(
    v,
    t(l, 'takedowns'),
    html`<h1>${t(l, 'takedowns')}</h1>
    <p><a href="/console/campaigns">${t(l, 'campaigns')}</a></p>
    ${view.targets.length === 0
      ? html`<p>${t(l, 'noTakedowns')}</p>`
      : html`<table class="queue stats"><thead><tr><th>${t(l, 'platform')}</th><th>${t(l, 'referredAt')}</th><th>${t(l, 'removed')}</th><th>${t(l, 'up')}</th><th>median h</th><th>p90 h</th><th>${t(l, 'takedownRepost')}</th></tr></thead>
        <tbody>${view.stats.map((s) => html`<tr data-platform="${s.platform}"><td>${s.platform}</td><td class="num">${s.referred}</td><td class="num">${s.removed}</td><td class="num">${s.stillUp}</td>
          <td class="num">${s.medianHours?.toFixed(1) ?? '-'}</td><td class="num">${s.p90Hours?.toFixed(1) ?? '-'}</td><td class="num">${s.repostedAfterTakedown}</td></tr>`)}</tbody></table>
        <section><h2>${t(l, 'takedownTime')}</h2><div class="svg">${raw(view.timeSvg)}</div></section>
        <section><h2>${t(l, 'takedownRepost')}</h2><div class="svg">${raw(view.repostSvg)}</div></section>
        <table class="queue targets"><thead><tr><th>${t(l, 'cases')}</th><th>${t(l, 'platform')}</th><th>URL</th><th>${t(l, 'referredAt')}</th><th>${t(l, 'status')}</th><th>${t(l, 'checks')}</th><th>${t(l, 'nextCheck')}</th></tr></thead>
        <tbody>${view.targets.map((x) => html`<tr data-post-id="${x.postId}"><td><a href="/cases/${x.caseId}">#${x.caseId}</a></td><td>${x.platform}</td><td>${externalLink(x.url)}</td>
          <td>${shortDate(x.referredAt)}</td><td data-status="${x.lastStatus ?? ''}">${x.lastStatus ? t(l, x.lastStatus) : '-'}${x.removedAt ? ` (${shortDate(x.removedAt)})` : ''}</td><td class="num">${x.checks}</td><td>${shortDate(x.nextCheckAt)}</td></tr>`)}</tbody></table>`}`,
  );
}
