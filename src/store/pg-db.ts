// Db over a PostgreSQL server (DATABASE_URL) or over the socket of a running `waspada start` that
// owns the embedded database.
import pg from 'pg';
import type { Db, Queryable, Row } from './db.js';

// int8 and numeric come back as numbers, as they do from PGlite, so rows look the same on both engines.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function createPgDb(connectionString: string, kind: 'postgres' | 'pglite-socket' = 'postgres', maxConnections = 10): Db {
  const pool = new pg.Pool({ connectionString, max: kind === 'pglite-socket' ? 1 : maxConnections, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => {});
  const run = async <T extends Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<T[]> => {
    const result = await client.query(sql, params as unknown[] | undefined);
    return result.rows as T[];
  };
  return {
    kind,
    query: (sql, params) => run(pool, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
