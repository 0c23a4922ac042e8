// The page shell: navigation by role, language switch, CSRF token for the triage script; no inline script or style.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { t, type Lang } from '../../review/i18n.js';
import type { Principal } from '../../review/principal.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface ViewContext {
  lang: Lang;
  principal?: Principal;
  /** Current path with query, for the language switch. */
  path: string;
}

function nav(v: ViewContext) {
  const p = v.principal;
  if (!p) return '';
  const r = p.role;
  const links: Array<[string, string]> = [];
  if (r === 'analyst' || r === 'supervisor' || r === 'admin') links.push(['/?queue=komdigi', `${t(v.lang, 'queue')} Komdigi`], ['/?queue=polri', `${t(v.lang, 'queue')} Polri`]);
  if (r === 'operator' || r === 'admin') links.push(['/sources', t(v.lang, 'sources')]);
  if (r === 'researcher' || r === 'admin') links.push(['/research', t(v.lang, 'research')]);
  if (r === 'admin') links.push(['/audit', t(v.lang, 'audit')]);
  return html`<nav>${links.map(([href, label]) => html`<a href="${href}">${label}</a>`)}
    <span class="who">${p.username} (${p.role})</span>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${p.csrf ?? ''}"><button type="submit">${t(v.lang, 'logout')}</button></form></nav>`;
}

export function langSwitchHref(v: ViewContext): string {
  const url = new URL(v.path, 'http://x');
  url.searchParams.set('lang', v.lang === 'id' ? 'en' : 'id');
  return `${url.pathname}${url.search}`;
}

export function layout(v: ViewContext, title: string, body: Html) {
  return html`<!doctype html>
<html lang="${v.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${v.principal?.csrf ?? ''}">
<title>${title} · Waspada</title><link rel="stylesheet" href="/static/console.css"></head>
<body><header><a class="brand" href="/">Waspada</a>${nav(v)}<a class="lang" href="${langSwitchHref(v)}">${t(v.lang, 'language')}</a></header>
<main>${body}</main><script src="/static/console.js" defer></script></body></html>`;
}

export function shortDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '-';
}
