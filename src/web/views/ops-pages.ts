// Operator, researcher and admin pages: source health with run-now, models with their shadow
// disagreements, and the audit chain state.
import { html } from 'hono/html';
import type { Source } from '../../contracts/source.js';
import type { ChainCheck, StoredAuditEntry } from '../../review/audit-chain.js';
import { t } from '../../review/i18n.js';
import type { ShadowDisagreement } from '../../store/review-reads.js';
import type { ModelInfo } from '../deps.js';
import { layout, shortDate, type ViewContext } from './layout.js';

export function sourcesPage(v: ViewContext, sources: Source[], canRun: boolean, notice: string | null) {
  const l = v.lang;
  return layout(
    v,
    t(l, 'sources'),
    html`<h1>${t(l, 'sources')}</h1>${notice ? html`<p class="notice">${notice}</p>` : ''}
    <table><thead><tr><th>Name</th><th>Adapter</th><th>URL</th><th>${t(l, 'schedule')}</th><th>${t(l, 'health')}</th><th>${t(l, 'lastRun')}</th><th>${t(l, 'items')}</th><th>${t(l, 'errors')}</th><th></th></tr></thead>
    <tbody>${sources.map(
      (s) => html`<tr><td>${s.name}${s.enabled ? '' : ' (off)'}</td><td>${s.adapter}</td><td><code>${s.url}</code></td><td><code>${s.schedule}</code></td>
        <td class="health-${s.health}">${s.health}</td><td>${shortDate(s.lastRunAt)}</td><td class="num">${s.lastItems}</td><td>${s.lastError ?? ''}</td>
        <td>${canRun ? html`<form method="post" action="/sources/${encodeURIComponent(s.name)}/run"><input type="hidden" name="_csrf" value="${v.principal?.csrf ?? ''}"><button type="submit">${t(l, 'runNow')}</button></form>` : ''}</td></tr>`,
    )}</tbody></table>`,
  );
}

export function researchPage(v: ViewContext, models: ModelInfo[], summary: Array<{ modelVersion: string; scored: number; disagreements: number }>, rows: ShadowDisagreement[]) {
  const l = v.lang;
  return layout(
    v,
    t(l, 'research'),
    html`<h1>${t(l, 'models')}</h1>
    <table><thead><tr><th>Version</th><th>Role</th><th>Created</th><th>Metrics</th></tr></thead>
    <tbody>${models.map((m) => html`<tr><td>${m.version}</td><td>${m.role}</td><td>${shortDate(m.createdAt)}</td><td>${Object.entries(m.metrics ?? {}).map(([k, n]) => html`<span class="metric">${k}=${Number(n).toFixed(3)}</span> `)}</td></tr>`)}</tbody></table>
    <h2>${t(l, 'disagreements')}</h2>
    <ul>${summary.map((s) => html`<li>${s.modelVersion}: ${s.disagreements} / ${s.scored}</li>`)}</ul>
    <table><thead><tr><th>Post</th><th>Shadow</th><th>Live</th><th>At</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${r.postId}</td><td>${r.modelVersion}: ${r.shadowVerdict} ${r.shadowProbability.toFixed(2)}</td><td>${r.liveModel ?? '-'}: ${r.liveVerdict ?? '-'} ${r.liveProbability?.toFixed(2) ?? ''}</td><td>${shortDate(r.at)}</td></tr>`)}</tbody></table>`,
  );
}

export function auditPage(v: ViewContext, check: ChainCheck, entries: StoredAuditEntry[]) {
  const l = v.lang;
  return layout(
    v,
    t(l, 'audit'),
    html`<h1>${t(l, 'audit')}</h1>
    <p class="${check.ok ? 'ok' : 'error'}">${check.ok ? `${t(l, 'chainOk')} (${check.checked})` : `${t(l, 'chainBroken')} #${check.brokenId}: ${check.problem}`}</p>
    <table><thead><tr><th>#</th><th>At</th><th>Actor</th><th>Action</th><th>Subject</th><th>Hash</th></tr></thead>
    <tbody>${entries.map((e) => html`<tr><td>${e.id}</td><td>${shortDate(e.at)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.subject ?? ''}</td><td><code>${e.hash.slice(0, 16)}…</code></td></tr>`)}</tbody></table>`,
  );
}
