// Db over the embedded PGlite database under DATA_DIR. One process owns it; others reach it through
// the socket that owner serves (see embedded-lock.ts).
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.js';

export interface PgliteDb extends Db {
  readonly pglite: PGlite;
}

/** Opens (creating if needed) the database in `dir`; `dir` undefined gives an in-memory database for tests. */
export async function openPgliteDb(dir?: string): Promise<PgliteDb> {
  const pglite = dir ? await PGlite.create(dir) : await PGlite.create();
  const asQueryable = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const result = await target.query<T>(sql, params);
      return result.rows;
    },
  });
  const base = asQueryable(pglite);
  return {
    kind: 'pglite',
    pglite,
    query: base.query,
    async exec(sql) {
      await pglite.exec(sql);
    },
    transaction(fn) {
      return pglite.transaction((tx) => fn(asQueryable(tx)));
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
