// Finds the caller's role from a console session cookie or an API bearer token, read through the
// review module's repositories (only SHA-256 digests are stored, as src/review/secrets.ts does).
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { Role } from '../review/roles.js';
import type { LookupOptions } from '../store/sessions.js';
import type { Store } from '../store/store.js';
import type { ResolveRole } from './queue-dashboard.js';

/** The console's session cookie name (src/web/middleware/access.ts). */
export const SESSION_COOKIE = 'waspada_session';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** `lookup` should match the console's (idle limit, cache), so the dashboard ends sessions as the console does. */
export function storeRoleResolver(store: Pick<Store, 'sessions' | 'tokens'>, lookup: LookupOptions = {}): ResolveRole {
  return async (c: Context) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (bearer) {
      const user = await store.tokens.findUser(sha256(bearer[1]!), lookup);
      const role = Role.safeParse(user?.role);
      return role.success ? role.data : null;
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (!cookie) return null;
    const session = await store.sessions.find(sha256(cookie), lookup);
    const role = Role.safeParse(session?.role);
    return role.success ? role.data : null;
  };
}
