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

export class SessionRepository {
  constructor(private readonly db: Queryable) {}

  async create(idHash: string, userId: number, csrf: string, expiresAt: Date): Promise<void> {
    await this.db.query('INSERT INTO sessions (id, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)', [idHash, userId, csrf, expiresAt.toISOString()]);
  }

  /** A live session of an enabled user, or null. */
  async find(idHash: string): Promise<Session | null> {
    const rows = await this.db.query(
      `SELECT s.id, s.csrf, s.expires_at, u.id AS user_id, u.username, u.role
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [idHash],
    );
    const r = rows[0];
    if (!r) return null;
    return { id: String(r.id), csrf: String(r.csrf), expiresAt: iso(r.expires_at) ?? '', userId: Number(r.user_id), username: String(r.username), role: String(r.role) };
  }

  async delete(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id = $1', [idHash]);
  }

  async purgeExpired(): Promise<number> {
    return (await this.db.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING id')).length;
  }
}

export class TokenRepository {
  constructor(private readonly db: Queryable) {}

  async create(userId: number, tokenHash: string, label: string): Promise<number> {
    const rows = await this.db.query<{ id: number }>('INSERT INTO api_tokens (user_id, token_hash, label) VALUES ($1, $2, $3) RETURNING id', [userId, tokenHash, label]);
    return Number(rows[0]!.id);
  }

  /** The enabled user behind a live token, or null. */
  async findUser(tokenHash: string): Promise<SessionUser | null> {
    const rows = await this.db.query(
      `UPDATE api_tokens t SET last_used_at = now() FROM users u
       WHERE t.token_hash = $1 AND NOT t.revoked AND u.id = t.user_id AND NOT u.disabled
       RETURNING u.id AS user_id, u.username, u.role`,
      [tokenHash],
    );
    const r = rows[0];
    return r ? { userId: Number(r.user_id), username: String(r.username), role: String(r.role) } : null;
  }

  async revokeAll(userId: number): Promise<number> {
    return (await this.db.query('UPDATE api_tokens SET revoked = true WHERE user_id = $1 AND NOT revoked RETURNING id', [userId])).length;
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
