// The queue: cases of one agency by priority, filters, keyboard triage (console.js) and bulk actions.
import { html } from 'hono/html';
import { CaseStatus } from '../../contracts/case.js';
import { Platform } from '../../contracts/common.js';
import { t } from '../../review/i18n.js';
import type { QueueFilter, QueueRow } from '../../store/review-reads.js';
import { layout, shortDate, type ViewContext } from './layout.js';

function options(values: readonly string[], selected: string | undefined, blank = true) {
  return html`${blank ? html`<option value="">—</option>` : ''}${values.map((v) => html`<option value="${v}" ${v === selected ? 'selected' : ''}>${v}</option>`)}`;
}

function row(v: ViewContext, r: QueueRow) {
  return html`<tr data-case-id="${r.id}" tabindex="-1">
    <td><input type="checkbox" name="ids" value="${r.id}" form="bulk" aria-label="#${r.id}"></td>
    <td class="num">${r.priority.toFixed(1)}</td>
    <td class="num">${r.probability === null ? '-' : `${Math.round(r.probability * 100)}%`}</td>
    <td>${r.platform}</td>
    <td>${r.countries.join(', ')}</td>
    <td class="snippet"><a href="/cases/${r.id}">#${r.id}</a> ${r.snippet}</td>
    <td>${shortDate(r.collectedAt)}</td>
    <td class="status" data-status="${r.status}">${r.status}${r.claimedBy ? ` · ${r.claimedBy}` : ''}${r.decision ? ` · ${t(v.lang, r.decision)}` : ''}</td>
  </tr>`;
}

export function queuePage(v: ViewContext, filter: QueueFilter, rows: QueueRow[]) {
  const l = v.lang;
  const q = filter.queue;
  const exportHref = (format: string) => `/export?queue=${q}&format=${format}`;
  const pageHref = (offset: number) => {
    const u = new URL(v.path, 'http://x');
    u.searchParams.set('offset', String(Math.max(0, offset)));
    return `${u.pathname}${u.search}`;
  };
  return layout(
    v,
    `${t(l, 'queue')} ${q}`,
    html`<h1>${t(l, 'queue')} ${q === 'komdigi' ? 'Komdigi' : 'Polri'}</h1>
    <form method="get" action="/" class="filters">
      <input type="hidden" name="queue" value="${q}">
      <label>${t(l, 'status')} <select name="status">${options(CaseStatus.options, filter.status, false)}</select></label>
      <label>${t(l, 'platform')} <select name="platform">${options(Platform.options, filter.platform)}</select></label>
      <label>${t(l, 'destination')} <input name="destination" size="3" maxlength="2" value="${filter.destination ?? ''}" placeholder="KH"></label>
      <label>${t(l, 'score')} ≥ <input name="minScore" type="number" step="0.01" min="0" max="1" value="${filter.minScore ?? ''}"></label>
      <label>${t(l, 'from')} <input name="from" type="date" value="${filter.from?.slice(0, 10) ?? ''}"></label>
      <label>${t(l, 'to')} <input name="to" type="date" value="${filter.to?.slice(0, 10) ?? ''}"></label>
      <button type="submit">${t(l, 'filter')}</button>
    </form>
    <p class="hint">${t(l, 'keys')}</p>
    <p class="exports">${t(l, 'export')}: <a href="${exportHref('zip')}" download>ZIP</a> · <a href="${exportHref('csv')}" download>CSV</a> · <a href="${exportHref('jsonl')}" download>JSONL</a> · <a href="/console/campaigns">${t(l, 'campaigns')}</a> · <a href="/console/takedowns">${t(l, 'takedowns')}</a></p>
    <form id="bulk" method="post" action="/cases/bulk" class="bulk">
      <input type="hidden" name="_csrf" value="${v.principal?.csrf ?? ''}"><input type="hidden" name="queue" value="${q}">
      <label>${t(l, 'bulk')} <select name="action">
        <option value="claim">${t(l, 'claim')}</option><option value="release">${t(l, 'release')}</option>
        <option value="decide:scam">${t(l, 'decide')}: ${t(l, 'scam')}</option><option value="decide:not_scam">${t(l, 'decide')}: ${t(l, 'not_scam')}</option>
        <option value="decide:unsure">${t(l, 'decide')}: ${t(l, 'unsure')}</option></select></label>
      <button type="submit">${t(l, 'apply')}</button>
    </form>
    ${rows.length === 0
      ? html`<p>${t(l, 'noCases')}</p>`
      : html`<table class="queue" id="queue"><thead><tr><th></th><th>${t(l, 'priority')}</th><th>${t(l, 'score')}</th><th>${t(l, 'platform')}</th><th>${t(l, 'destination')}</th><th>${t(l, 'post')}</th><th>${t(l, 'collected')}</th><th>${t(l, 'status')}</th></tr></thead>
        <tbody>${rows.map((r) => row(v, r))}</tbody></table>`}
    <p class="pager">${filter.offset > 0 ? html`<a href="${pageHref(filter.offset - filter.limit)}">←</a>` : ''} ${rows.length === filter.limit ? html`<a href="${pageHref(filter.offset + filter.limit)}">→</a>` : ''}</p>`,
  );
}
