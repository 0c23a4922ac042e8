// GET/POST /login and POST /logout: form login with a double-submit CSRF cookie, server-side
// sessions in an httpOnly SameSite=Lax cookie, rate limiting and audit (src/review/auth-service.ts).
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { login, logout } from '../../review/auth-service.js';
import { newSecret, sameSecret } from '../../review/secrets.js';
import { reviewSettings, type WebDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { SESSION_COOKIE } from '../middleware/access.js';
import { vForm, vQuery } from '../validate.js';
import { loginPage } from '../views/login-page.js';

const LOGIN_CSRF_COOKIE = 'waspada_login_csrf';

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-/.?=&%]*$/.test(next) && !next.startsWith('/login') ? next : '/';
}

const LoginForm = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
  _csrf: z.string().max(200).default(''),
  next: z.string().max(2000).optional(),
});

function clientAddress(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

export function loginRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const settings = reviewSettings(deps);
  const cookie = { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: settings.cookieSecure };

  const showForm = (c: Context<AppEnv>, next: string, error: 'loginFailed' | 'loginLimited' | null, status: 200 | 401 | 403 | 429) => {
    const csrf = newSecret(16);
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, { ...cookie, maxAge: 3600 });
    return c.html(loginPage({ lang: c.get('lang'), path: c.req.path }, csrf, next, error), status);
  };

  app.get('/login', vQuery(z.object({ next: z.string().max(2000).optional() })), (c) => showForm(c, safeNext(c.req.valid('query').next), null, 200));

  app.post('/login', vForm(LoginForm), async (c) => {
    const form = c.req.valid('form');
    const next = safeNext(form.next);
    const expected = getCookie(c, LOGIN_CSRF_COOKIE) ?? '';
    if (!expected || !sameSecret(form._csrf, expected)) return showForm(c, next, null, 403);
    const result = await login(deps.store, settings, form.username, form.password, clientAddress(c.env));
    if (!result.ok) return showForm(c, next, result.reason === 'rate_limited' ? 'loginLimited' : 'loginFailed', result.reason === 'rate_limited' ? 429 : 401);
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/' });
    setCookie(c, SESSION_COOKIE, result.sessionToken, { ...cookie, expires: result.expiresAt });
    deps.log.info({ user: result.username, role: result.role }, 'console login');
    return c.redirect(next === '/' && result.role === 'operator' ? '/sources' : next === '/' && result.role === 'researcher' ? '/research' : next, 303);
  });

  app.post('/logout', async (c) => {
    const p = c.get('principal');
    if (p.sessionId) await logout(deps.store, p.sessionId, p.username);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
  return app;
}
