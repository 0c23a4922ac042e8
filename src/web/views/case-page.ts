// One case: the post with its features highlighted, score and reasons, evidence, contacts, related
// posts, source and author, history and decisions, and the forms for every allowed action.
import { html } from 'hono/html';
import { DecisionLabel, Outcome } from '../../contracts/case.js';
import { segment, spansOf } from '../../review/highlight.js';
import { t, type Lang } from '../../review/i18n.js';
import { EXTERNAL_REL, safeHref } from '../../review/safe-url.js';
import type { CaseEvent, DecisionRow } from '../../store/case-actions.js';
import type { CaseBundle, RelatedPost } from '../../store/review-reads.js';
import { layout, shortDate, type ViewContext } from './layout.js';

export interface CaseView {
  bundle: CaseBundle;
  events: CaseEvent[];
  decisions: DecisionRow[];
  related: RelatedPost[];
  /** False when the campaigns index was still loading: near-duplicates may be missing. */
  relatedComplete?: boolean;
  supervisor: boolean;
}

/** A link from scraped data: clickable only for http(s), never with an opener or referrer. */
export function externalLink(url: string | null | undefined, label?: string) {
  const href = safeHref(url);
  if (!href) return url ? html`<code class="unsafe-url">${url}</code>` : html`-`;
  return html`<a href="${href}" rel="${EXTERNAL_REL}" target="_blank">${label ?? url}</a>`;
}

function highlighted(b: CaseBundle) {
  return html`<div class="post-text">${segment(b.post.text, spansOf(b.features)).map((s) => (s.kind ? html`<mark class="m-${s.kind}">${s.text}</mark>` : s.text))}</div>`;
}

function hidden(csrf: string | undefined) {
  return html`<input type="hidden" name="_csrf" value="${csrf ?? ''}">`;
}

function actionForm(id: number, action: string, csrf: string | undefined, label: string, inner: unknown = '') {
  return html`<form method="post" action="/cases/${id}/${action}" class="action">${hidden(csrf)}${inner}<button type="submit" data-action="${action}">${label}</button></form>`;
}

function labelSelect(lang: Lang) {
  return html`<select name="label">${DecisionLabel.options.map((o) => html`<option value="${o}">${t(lang, o)}</option>`)}</select>`;
}

export function casePage(v: ViewContext, view: CaseView) {
  const l = v.lang;
  const { bundle: b } = view;
  const c = b.case;
  const csrf = v.principal?.csrf;
  const f = b.features;
  const reasons = [...(b.score?.reasons ?? []), ...c.reasons];
  return layout(
    v,
    `#${c.id}`,
    html`<h1>#${c.id} · ${c.queue} · <span class="status" data-status="${c.status}">${c.status}</span>${c.decision ? html` · ${t(l, c.decision)}` : ''}${c.outcome ? html` · ${t(l, c.outcome)}` : ''}</h1>
    <p>${t(l, 'priority')} ${c.priority.toFixed(1)} · ${t(l, 'score')} ${b.score ? `${Math.round(b.score.probability * 100)}% (${b.score.modelVersion})` : '-'}${c.claimedBy ? html` · ${t(l, 'claimedBy')} ${c.claimedBy} (${shortDate(c.claimExpiresAt)})` : ''} · ${c.flags.join(', ')}</p>
    <div class="grid">
    <section class="post"><h2>${t(l, 'post')}</h2>${highlighted(b)}
      <p class="legend"><mark class="m-pay">pay</mark> <mark class="m-destination">destination</mark> <mark class="m-contact">contact</mark> <mark class="m-job">job</mark> <mark class="m-flag">flag</mark> <mark class="m-legit">legit</mark></p>
      <h2>${t(l, 'reasons')}</h2><ul class="reasons">${reasons.map((r) => html`<li><code>${r.code}</code> ${r.label[l]}${r.weight !== undefined ? ` (${r.weight.toFixed(2)})` : ''}</li>`)}</ul>
      <h2>${t(l, 'contacts')}</h2><ul>${(f?.contacts ?? []).map((ct) => html`<li>${ct.kind}: <code>${ct.value}</code></li>`)}</ul>
      <h2>${t(l, 'sourceAuthor')}</h2>
      <dl><dt>URL</dt><dd>${externalLink(b.post.url)}</dd><dt>${t(l, 'platform')}</dt><dd>${b.post.platform} · ${b.post.source ?? '-'}</dd>
      <dt>Author</dt><dd>${b.post.author?.name ?? '-'} ${b.post.author?.url ? externalLink(b.post.author.url) : ''}</dd>
      <dt>${t(l, 'collected')}</dt><dd>${shortDate(b.post.collectedAt)} (posted ${shortDate(b.post.postedAt)})</dd>
      <dt>Reach</dt><dd>${JSON.stringify(b.post.reach)}</dd></dl>
      ${b.post.media.length ? html`<h2>Media</h2><ul>${b.post.media.map((m) => html`<li>${m.kind}: ${externalLink(m.url)}</li>`)}</ul>` : ''}
    </section>
    <section class="side">
      <h2>${t(l, 'decide')}</h2>
      <div class="actions">
        ${actionForm(c.id, 'claim', csrf, t(l, 'claim'))}${actionForm(c.id, 'release', csrf, t(l, 'release'))}
        <form method="post" action="/cases/${c.id}/decide" class="decide">${hidden(csrf)}
          ${labelSelect(l)}<label>${t(l, 'reason')} <input name="reason" maxlength="500"></label>
          <label>${t(l, 'notes')} <textarea name="notes" maxlength="10000"></textarea></label><button type="submit" data-action="decide">${t(l, 'decide')}</button></form>
        ${actionForm(c.id, 'refer', csrf, `${t(l, 'refer')} (${c.queue})`)}
        ${actionForm(c.id, 'outcome', csrf, t(l, 'outcome'), html`<select name="outcome">${Outcome.options.map((o) => html`<option value="${o}">${t(l, o)}</option>`)}</select>`)}
        ${view.supervisor
          ? html`<h3>${t(l, 'review')}</h3>
            <form method="post" action="/cases/${c.id}/review">${hidden(csrf)}${labelSelect(l)}<input name="reason" maxlength="500" placeholder="${t(l, 'reason')}"><button type="submit">${t(l, 'review')}</button></form>
            ${actionForm(c.id, 'reroute', csrf, t(l, 'reroute'), html`<select name="queue"><option value="komdigi">komdigi</option><option value="polri">polri</option></select><input name="reason" maxlength="500" placeholder="${t(l, 'reason')}">`)}
            ${actionForm(c.id, 'reopen', csrf, t(l, 'reopen'))}${actionForm(c.id, 'close', csrf, t(l, 'close'))}`
          : ''}
      </div>
      <h2>${t(l, 'export')}</h2>
      <p><a href="/cases/${c.id}/export?format=zip" download>ZIP</a> · <a href="/cases/${c.id}/export?format=csv" download>CSV</a> · <a href="/cases/${c.id}/export?format=jsonl" download>JSONL</a></p>
      <h2>${t(l, 'evidence')}</h2>
      ${b.evidence.length === 0
        ? html`<p>${t(l, 'noEvidence')}</p>`
        : html`<ul class="evidence">${b.evidence.map(
            (e) => html`<li><strong>${e.kind}</strong> · ${t(l, 'capturedAt')} ${shortDate(e.capturedAt)} · ${e.bytes} B<br><code>${e.sha256}</code><br>
              ${e.kind === 'screenshot' ? html`<img src="/evidence/${e.id}" alt="screenshot" loading="lazy">` : ''}
              <a href="/evidence/${e.id}?download=1" download>${t(l, 'download')}</a></li>`,
          )}</ul>`}
      <h2>${t(l, 'related')}</h2>
      <p><a class="campaign-link" href="/console/campaigns/post/${b.post.id}">${t(l, 'viewCampaign')}</a></p>
      ${view.relatedComplete === false ? html`<p class="note">${t(l, 'relatedIncomplete')}</p>` : ''}
      ${view.related.length === 0
        ? html`<p>${t(l, 'noRelated')}</p>`
        : html`<ul class="related">${view.related.map((r) => html`<li>${r.caseIds.length ? html`<a href="/cases/${r.caseIds[0]}">#${r.caseIds[0]}</a>` : html`post ${r.postId}`} ${r.platform} · ${r.why.join(', ')}<br><span class="snippet">${r.snippet}</span></li>`)}</ul>`}
      <h2>${t(l, 'decisions')}</h2>
      <ul>${view.decisions.map((d) => html`<li>${shortDate(d.decidedAt)} ${d.decidedBy}: <strong>${t(l, d.label)}</strong> ${d.reason}${d.notes ? html`<br><small>${d.notes}</small>` : ''}</li>`)}</ul>
      <h2>${t(l, 'history')}</h2>
      <ol class="history">${view.events.map((e) => html`<li>${shortDate(e.at)} ${e.actor}: ${e.action} ${e.fromStatus ?? ''} → ${e.toStatus ?? ''}</li>`)}</ol>
    </section></div>`,
  );
}
