// Records that failed validation at a boundary, kept so nothing bad disappears without a trace.
import type { Queryable } from './db.js';

export interface Reject {
  origin: string;
  record: string;
  error: string;
  snippet?: string;
}

export class RejectRepository {
  constructor(private readonly db: Queryable) {}

  async save(rejects: Reject[]): Promise<void> {
    if (rejects.length === 0) return;
    await this.db.query(
      `INSERT INTO rejects (origin, record, error, snippet) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [rejects.map((r) => r.origin), rejects.map((r) => r.record), rejects.map((r) => r.error), rejects.map((r) => r.snippet?.slice(0, 500) ?? null)],
    );
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rejects');
    return Number(rows[0]?.n ?? 0);
  }
}
