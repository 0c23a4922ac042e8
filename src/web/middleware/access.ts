// Authentication and authorisation for every request, from the access table: bearer tokens for
// /api, session cookies (plus CSRF on writes) for the console, 404 for anything not in the table.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { Role } from '../../review/roles.js';
import { digest, sameSecret } from '../../review/secrets.js';
import { t } from '../../review/i18n.js';
import type { LookupOptions } from '../../store/sessions.js';
import type { Store } from '../../store/store.js';
import { findRule } from '../access.js';
import type { ReviewSettings } from '../deps.js';
import type { AppEnv, Principal } from '../env.js';

export const SESSION_COOKIE = 'waspada_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

async function fromToken(store: Store, header: string | undefined, lookup: LookupOptions): Promise<Principal | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const user = await store.tokens.findUser(digest(match[1]!), lookup);
  const role = Role.safeParse(user?.role);
  return user && role.success ? { userId: user.userId, username: user.username, role: role.data } : null;
}

async function fromSession(store: Store, cookie: string | undefined, lookup: LookupOptions): Promise<Principal | null> {
  if (!cookie) return null;
  const id = digest(cookie);
  const session = await store.sessions.find(id, lookup);
  const role = Role.safeParse(session?.role);
  return session && role.success ? { userId: session.userId, username: session.username, role: role.data, csrf: session.csrf, sessionId: id } : null;
}

/** The CSRF token a write sent, from the header (fetch) or the form field. */
async function sentCsrf(c: Parameters<MiddlewareHandler>[0]): Promise<string> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody();
    const value = body[CSRF_FIELD];
    return typeof value === 'string' ? value : '';
  }
  return '';
}

/** Session and token checks; without settings every request asks the database and sessions have no idle limit. */
export function accessMiddleware(store: Store, settings?: Pick<ReviewSettings, 'authCacheSeconds' | 'sessionIdleMinutes'>): MiddlewareHandler<AppEnv> {
  const lookup: LookupOptions = { cacheSeconds: settings?.authCacheSeconds ?? 0, idleMinutes: settings?.sessionIdleMinutes ?? null };
  return async (c, next) => {
    const rule = findRule(c.req.method, c.req.path);
    if (!rule) return c.req.path.startsWith('/api') ? c.json({ error: 'not found' }, 404) : c.text('Not found', 404);
    if (rule.auth === 'public') return next();
    if (rule.auth === 'token') {
      const principal = await fromToken(store, c.req.header('authorization'), lookup);
      if (!principal) return c.json({ error: 'a valid API token is required (Authorization: Bearer …)' }, 401, { 'www-authenticate': 'Bearer' });
      if (!rule.roles.includes(principal.role)) return c.json({ error: `role ${principal.role} may not ${rule.method} ${rule.path}` }, 403);
      c.set('principal', principal);
      return next();
    }
    const principal = await fromSession(store, getCookie(c, SESSION_COOKIE), lookup);
    const lang = c.get('lang') ?? 'id';
    if (!principal) {
      if (c.req.method === 'GET') return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
      return c.json({ error: 'login required' }, 401);
    }
    if (!rule.roles.includes(principal.role)) return c.text(t(lang, 'forbidden'), 403);
    if (c.req.method !== 'GET' && !sameSecret(await sentCsrf(c), principal.csrf ?? '')) return c.text('CSRF token missing or wrong', 403);
    c.set('principal', principal);
    return next();
  };
}
