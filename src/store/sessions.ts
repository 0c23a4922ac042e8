// Server-side console sessions and API tokens: only SHA-256 digests of the secrets are stored, so a
// leaked database gives no usable cookie or token.
import type { Queryable } from './db.js';
import { iso } from './rows.js';

export interface SessionUser {
  userId: number;
  username: string;
  role: string;
}

export interface Session extends SessionUser {
  id: string;
  csrf: string;
  expiresAt: string;
}

/** How a session or token is looked up on a request. */
export interface LookupOptions {
  /**
   * Seconds a looked-up principal is reused without asking the database (0: ask every time). Logout,
   * revocation and disabling through this process take effect at once; from another process (the CLI)
   * within this many seconds.
   */
  cacheSeconds?: number;
  /** Sessions only: minutes without a request after which the session ends (null: no idle limit). */
  idleMinutes?: number | null;
}

/**
 * last_seen_at / last_used_at are written at most this often per session or token: the idle timeout
 * needs minutes, not milliseconds, and a write per request was most of an API call's database time.
 */
export const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;

interface CacheEntry<T> {
  value: T;
  userId: number;
  /** Local clock (ms): reuse until then; never past the session's or token's own expiry. */
  validUntil: number;
  /** Local clock (ms) of the last last-seen write this process knows of. */
  lastWrite: number;
}

/** Principals recently looked up, shared by every repository over one database handle. */
class AuthCache {
  private readonly entries = new Map<string, CacheEntry<unknown>>();

  get<T>(key: string, now: number): CacheEntry<T> | undefined {
    const entry = this.entries.get(key) as CacheEntry<T> | undefined;
    if (entry && entry.validUntil <= now) this.entries.delete(key);
    return entry && entry.validUntil > now ? entry : undefined;
  }

  set(key: string, entry: CacheEntry<unknown>): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= MAX_CACHED) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  dropUser(userId: number): void {
    for (const [key, entry] of this.entries) if (entry.userId === userId) this.entries.delete(key);
  }
}

const caches = new WeakMap<Queryable, AuthCache>();

/** The principal cache of a database handle (sessions, tokens and users share it, so each can invalidate). */
export function authCacheFor(db: Queryable): AuthCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new AuthCache()));
  return cache;
}

/** How long a fresh lookup may be reused: the cache time, cut short by the remaining lifetime. */
function validity(now: number, cacheSeconds: number, remainingMs: unknown): number {
  const remaining = remainingMs === null || remainingMs === undefined ? Infinity : Number(remainingMs);
  return now + Math.min(cacheSeconds * 1000, remaining);
}

export class SessionRepository {
  private readonly cache: AuthCache;

  constructor(private readonly db: Queryable) {
    this.cache = authCacheFor(db);
  }

  /** A session that ends at `expiresAt` at the latest (its absolute lifetime); last seen now. */
  async create(idHash: string, userId: number, csrf: string, expiresAt: Date): Promise<void> {
    await this.db.query('INSERT INTO sessions (id, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)', [idHash, userId, csrf, expiresAt.toISOString()]);
  }

  /**
   * A live session of an enabled user, or null: not past its absolute lifetime and, with
   * `idleMinutes`, used within that many minutes. Marks the session as seen (throttled).
   */
  async find(idHash: string, options: LookupOptions = {}): Promise<Session | null> {
    const { cacheSeconds = 0, idleMinutes = null } = options;
    const now = Date.now();
    const key = `s:${idHash}`;
    let entry = cacheSeconds > 0 ? this.cache.get<Session>(key, now) : undefined;
    if (!entry) {
      const rows = await this.db.query(
        `SELECT s.id, s.csrf, s.expires_at, u.id AS user_id, u.username, u.role,
                extract(epoch FROM s.expires_at - now()) * 1000 AS remaining_ms,
                s.last_seen_at < now() - make_interval(secs => $3) AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.expires_at > now() AND NOT u.disabled
           AND ($2::int IS NULL OR s.last_seen_at > now() - make_interval(mins => $2::int))`,
        [idHash, idleMinutes, TOUCH_EVERY_MS / 1000],
      );
      const r = rows[0];
      if (!r) {
        this.cache.drop(key);
        return null;
      }
      const session: Session = { id: String(r.id), csrf: String(r.csrf), expiresAt: iso(r.expires_at) ?? '', userId: Number(r.user_id), username: String(r.username), role: String(r.role) };
      entry = { value: session, userId: session.userId, validUntil: validity(now, cacheSeconds, r.remaining_ms), lastWrite: r.stale ? 0 : now };
      if (cacheSeconds > 0) this.cache.set(key, entry);
    }
    if (now - entry.lastWrite >= TOUCH_EVERY_MS) {
      entry.lastWrite = now;
      await this.db.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [idHash]);
    }
    return entry.value;
  }

  async delete(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [idHash]);
    // After the write, so a request racing it cannot cache the session again.
    this.cache.drop(`s:${idHash}`);
  }

  /** Drops sessions past their lifetime and, with `idleMinutes`, those idle longer than that. */
  async purgeExpired(idleMinutes: number | null = null): Promise<number> {
    return (
      await this.db.query('DELETE FROM sessions WHERE expires_at <= now() OR ($1::int IS NOT NULL AND last_seen_at <= now() - make_interval(mins => $1::int)) RETURNING id', [idleMinutes])
    ).length;
  }
}

export class TokenRepository {
  private readonly cache: AuthCache;

  constructor(private readonly db: Queryable) {
    this.cache = authCacheFor(db);
  }

  /** Stores a token digest; `expiresAt` null makes a token that never expires. */
  async create(userId: number, tokenHash: string, label: string, expiresAt: Date | null = null): Promise<number> {
    const rows = await this.db.query<{ id: number }>('INSERT INTO api_tokens (user_id, token_hash, label, expires_at) VALUES ($1, $2, $3, $4) RETURNING id', [
      userId,
      tokenHash,
      label,
      expiresAt?.toISOString() ?? null,
    ]);
    return Number(rows[0]!.id);
  }

  /** The enabled user behind a live token (not revoked, not expired), or null. Marks the token as used (throttled). */
  async findUser(tokenHash: string, options: Pick<LookupOptions, 'cacheSeconds'> = {}): Promise<SessionUser | null> {
    const { cacheSeconds = 0 } = options;
    const now = Date.now();
    const key = `t:${tokenHash}`;
    let entry = cacheSeconds > 0 ? this.cache.get<SessionUser>(key, now) : undefined;
    if (!entry) {
      const rows = await this.db.query(
        `SELECT u.id AS user_id, u.username, u.role,
                extract(epoch FROM t.expires_at - now()) * 1000 AS remaining_ms,
                (t.last_used_at IS NULL OR t.last_used_at < now() - make_interval(secs => $2)) AS stale
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND NOT t.revoked AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled`,
        [tokenHash, TOUCH_EVERY_MS / 1000],
      );
      const r = rows[0];
      if (!r) {
        this.cache.drop(key);
        return null;
      }
      const user: SessionUser = { userId: Number(r.user_id), username: String(r.username), role: String(r.role) };
      entry = { value: user, userId: user.userId, validUntil: validity(now, cacheSeconds, r.remaining_ms), lastWrite: r.stale ? 0 : now };
      if (cacheSeconds > 0) this.cache.set(key, entry);
    }
    if (now - entry.lastWrite >= TOUCH_EVERY_MS) {
      entry.lastWrite = now;
      await this.db.query('UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1', [tokenHash]);
    }
    return entry.value;
  }

  async revokeAll(userId: number): Promise<number> {
    const revoked = (await this.db.query('UPDATE api_tokens SET revoked = true WHERE user_id = $1 AND NOT revoked RETURNING id', [userId])).length;
    this.cache.dropUser(userId);
    return revoked;
  }
}

/** Failed logins, counted per key (username, client address) over a sliding window. */
export class LoginFailureRepository {
  constructor(private readonly db: Queryable) {}

  async record(keys: string[]): Promise<void> {
    await this.db.query('INSERT INTO login_failures (key) SELECT unnest($1::text[])', [keys]);
  }

  async count(key: string, windowMinutes: number): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM login_failures WHERE key = $1 AND at > now() - make_interval(mins => $2)',
      [key, windowMinutes],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async clear(key: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }

  /** Failures older than the window no longer count; dropping them keeps the table small. */
  async purgeOlderThan(windowMinutes: number): Promise<number> {
    return (await this.db.query('DELETE FROM login_failures WHERE at <= now() - make_interval(mins => $1) RETURNING key', [windowMinutes])).length;
  }
}
