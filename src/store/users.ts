// Console users: username, role and argon2id password hash (hashing happens in src/review/passwords.ts).
import type { Queryable } from './db.js';
import { iso } from './rows.js';
import { authCacheFor } from './sessions.js';

export interface User {
  id: number;
  username: string;
  role: string;
  disabled: boolean;
  createdAt: string;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

function rowToUser(r: Record<string, unknown>): UserWithHash {
  return {
    id: Number(r.id),
    username: String(r.username),
    role: String(r.role),
    disabled: Boolean(r.disabled),
    createdAt: iso(r.created_at) ?? '',
    passwordHash: String(r.password_hash),
  };
}

export class UserRepository {
  constructor(private readonly db: Queryable) {}

  /** Adds a user, or null when the username is taken. */
  async create(username: string, role: string, passwordHash: string): Promise<User | null> {
    const rows = await this.db.query(
      'INSERT INTO users (username, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING *',
      [username, role, passwordHash],
    );
    return rows[0] ? rowToUser(rows[0]) : null;
  }

  async byUsername(username: string): Promise<UserWithHash | null> {
    const rows = await this.db.query('SELECT * FROM users WHERE username = $1', [username]);
    return rows[0] ? rowToUser(rows[0]) : null;
  }

  async list(): Promise<User[]> {
    return (await this.db.query('SELECT * FROM users ORDER BY username')).map((r) => {
      const { passwordHash: _hash, ...user } = rowToUser(r);
      return user;
    });
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return (await this.db.query('UPDATE users SET password_hash = $2 WHERE username = $1 RETURNING id', [username, passwordHash])).length > 0;
  }

  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const rows = await this.db.query('UPDATE users SET disabled = $2 WHERE username = $1 RETURNING id', [username, disabled]);
    if (rows[0] && disabled) await this.db.query('DELETE FROM sessions WHERE user_id = $1', [rows[0].id]);
    // Cached sessions and tokens of this user are looked up again (and refused) on their next request.
    if (rows[0]) authCacheFor(this.db).dropUser(Number(rows[0].id));
    return rows.length > 0;
  }
}
