// Logging in and out: password check, rate limiting per username and per address, server-side
// sessions, and an audit entry for every attempt.
import type { Store } from '../store/store.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { Role } from './roles.js';
import { digest, newApiToken, newSecret } from './secrets.js';

export interface LoginSettings {
  sessionTtlMinutes: number;
  /** Idle sessions are purged with the expired ones; absent: only expired ones. */
  sessionIdleMinutes?: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
}

export type LoginResult =
  | { ok: true; sessionToken: string; csrf: string; expiresAt: Date; username: string; role: Role }
  | { ok: false; reason: 'invalid' | 'rate_limited' };

// Verifying against a real hash even for unknown users keeps response times alike.
let dummyHash: Promise<string> | null = null;

export async function login(store: Store, settings: LoginSettings, username: string, password: string, address: string, now = new Date()): Promise<LoginResult> {
  const userKey = `user:${username.toLowerCase()}`;
  const addressKey = `addr:${address}`;
  const [userFailures, addressFailures] = await Promise.all([
    store.loginFailures.count(userKey, settings.loginWindowMinutes),
    store.loginFailures.count(addressKey, settings.loginWindowMinutes),
  ]);
  if (userFailures >= settings.loginMaxFailures || addressFailures >= settings.loginMaxFailures * 4) {
    await store.audit.append({ actor: username, action: 'login.refused', data: { address, why: 'rate_limited' } }, now);
    return { ok: false, reason: 'rate_limited' };
  }
  const user = await store.users.byUsername(username);
  dummyHash ??= hashPassword(newSecret(16));
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash, password), false);
  const role = Role.safeParse(user?.role);
  if (!user || !valid || user.disabled || !role.success) {
    await store.loginFailures.record([userKey, addressKey]);
    await store.audit.append({ actor: username, action: 'login.failed', data: { address } }, now);
    return { ok: false, reason: 'invalid' };
  }
  await store.loginFailures.clear(userKey);
  // Housekeeping rides on successful logins: expired sessions and stale failures go.
  await Promise.all([store.sessions.purgeExpired(settings.sessionIdleMinutes ?? null), store.loginFailures.purgeOlderThan(settings.loginWindowMinutes)]);
  const sessionToken = newSecret();
  const csrf = newSecret();
  const expiresAt = new Date(now.getTime() + settings.sessionTtlMinutes * 60_000);
  await store.sessions.create(digest(sessionToken), user.id, csrf, expiresAt);
  await store.audit.append({ actor: user.username, action: 'login', data: { address } }, now);
  return { ok: true, sessionToken, csrf, expiresAt, username: user.username, role: role.data };
}

export async function logout(store: Store, sessionId: string, username: string): Promise<void> {
  await store.sessions.delete(sessionId);
  await store.audit.append({ actor: username, action: 'logout' });
}

export class UserError extends Error {
  override name = 'UserError';
}

export async function addUser(store: Store, username: string, role: Role, password: string, actor: string): Promise<void> {
  if (!/^[\w.@-]{2,64}$/.test(username)) throw new UserError('username: 2-64 letters, digits, dot, dash, underscore or @');
  if (password.length < 10) throw new UserError('password: at least 10 characters');
  const created = await store.users.create(username, role, await hashPassword(password));
  if (!created) throw new UserError(`user ${username} already exists`);
  await store.audit.append({ actor, action: 'user.add', subject: `user:${username}`, data: { role } });
}

/** Default lifetime of new API tokens (API_TOKEN_TTL_DAYS). */
export const DEFAULT_TOKEN_TTL_DAYS = 90;

/**
 * Creates an API token for a user; only its digest is stored, the token is returned once. It expires
 * after `ttlDays` (0: never).
 */
export async function createToken(store: Store, username: string, label: string, actor: string, ttlDays = DEFAULT_TOKEN_TTL_DAYS, now = new Date()): Promise<string> {
  const user = await store.users.byUsername(username);
  if (!user) throw new UserError(`no user ${username}`);
  if (user.disabled) throw new UserError(`user ${username} is disabled`);
  if (!Number.isInteger(ttlDays) || ttlDays < 0) throw new UserError('token lifetime: a whole number of days, 0 for none');
  const token = newApiToken();
  const expiresAt = ttlDays > 0 ? new Date(now.getTime() + ttlDays * 86_400_000) : null;
  await store.tokens.create(user.id, digest(token), label, expiresAt);
  await store.audit.append({ actor, action: 'token.create', subject: `user:${username}`, data: { label, expiresAt: expiresAt?.toISOString() ?? null } });
  return token;
}
