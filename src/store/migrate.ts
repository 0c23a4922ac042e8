// Applies pending migrations once, even when several processes start together (advisory lock).
import type { Db } from './db.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

const MIGRATION_LOCK = 7_314_002;

export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      // Statements run one by one: the extended protocol used by query() takes one statement at a time.
      for (const statement of splitStatements(migration.up)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}

/** Splits a migration on semicolons at line ends; migrations must not put `;` at a line end inside a statement. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
