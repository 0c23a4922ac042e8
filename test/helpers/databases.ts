// The databases storage and end-to-end tests run against: embedded PGlite always, and a PostgreSQL
// server when one answers (TEST_DATABASE_URL, default the local `test` database). CI sets
// WASPADA_REQUIRE_POSTGRES=1 so a missing server fails the run instead of narrowing it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createPgDb } from '../../src/store/pg-db.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; `drop` removes it. */
  open(): Promise<{ db: Db; url?: string; drop(): Promise<void> }>;
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pglite: TestDatabase = {
  name: 'pglite',
  async open() {
    const db = await openPgliteDb();
    await migrate(db);
    return { db, drop: () => db.close() };
  },
};

const postgres: TestDatabase = {
  name: 'postgres',
  async open() {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const db = createPgDb(url, 'postgres', 4);
    await migrate(db);
    return {
      db,
      url,
      async drop() {
        await db.close();
        const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
        await cleanup.connect();
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
        await cleanup.end();
      },
    };
  },
};

/** PGlite, plus PostgreSQL when it answers (or is required). Resolved once per test file. */
export async function testDatabases(): Promise<TestDatabase[]> {
  if (await postgresAnswers()) return [pglite, postgres];
  if (process.env.WASPADA_REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL required but not answering at ${POSTGRES_URL}`);
  process.stderr.write(`note: PostgreSQL does not answer at ${POSTGRES_URL}; storage tests run on PGlite only\n`);
  return [pglite];
}
