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

/**
 * Whether the database refused a statement for the data it was given (SQLSTATE class 22, data exception, or
 * 54, a limit exceeded), not for its own state: retrying the same data can never succeed. Both drivers expose
 * the SQLSTATE as `code`.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}
