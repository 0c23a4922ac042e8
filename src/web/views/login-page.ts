// The login form; its CSRF token is double-submitted (hidden field and cookie) before any session exists.
import { html } from 'hono/html';
import { t, type MessageKey } from '../../review/i18n.js';
import { layout, type ViewContext } from './layout.js';

export function loginPage(v: ViewContext, csrf: string, next: string, error: MessageKey | null) {
  return layout(
    v,
    t(v.lang, 'login'),
    html`<section class="login"><h1>${t(v.lang, 'title')}</h1>
      ${error ? html`<p class="error" role="alert">${t(v.lang, error)}</p>` : ''}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
        <label>${t(v.lang, 'username')} <input name="username" autocomplete="username" required autofocus></label>
        <label>${t(v.lang, 'password')} <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">${t(v.lang, 'login')}</button>
      </form></section>`,
  );
}
