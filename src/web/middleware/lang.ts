// Console language: `?lang=en|id` switches and is remembered in a cookie; default from settings.
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { parseLang, type Lang } from '../../review/i18n.js';
import type { AppEnv } from '../env.js';

export const LANG_COOKIE = 'waspada_lang';

export function langMiddleware(fallback: Lang, secure: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const asked = parseLang(c.req.query('lang'));
    if (asked) setCookie(c, LANG_COOKIE, asked, { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: 365 * 24 * 3600 });
    c.set('lang', asked ?? parseLang(getCookie(c, LANG_COOKIE)) ?? fallback);
    await next();
  };
}
