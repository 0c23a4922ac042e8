// The database adapter: one small interface over PGlite (embedded) and node-postgres (a server),
// so repositories run the same SQL on both.
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  /** Which engine answers: tests and `stats` report it. */
  readonly kind: 'pglite' | 'postgres' | 'pglite-socket';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised when the database cannot be reached; handlers let BullMQ retry the job. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
