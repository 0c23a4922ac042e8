// Crawl sources: registration, pause/resume, cursors and health after each run.
import type { Source, SourceHealth, SourceInput } from '../contracts/source.js';
import type { Queryable } from './db.js';
import { iso, json } from './rows.js';

function rowToSource(r: Record<string, unknown>): Source {
  return {
    id: Number(r.id),
    name: String(r.name),
    adapter: r.adapter as Source['adapter'],
    url: String(r.url),
    schedule: String(r.schedule),
    enabled: Boolean(r.enabled),
    options: json(r.options, {}),
    ignoreRobots: json(r.ignore_robots, undefined),
    cursor: (r.cursor as string | null) ?? null,
    health: r.health as SourceHealth,
    lastRunAt: iso(r.last_run_at),
    lastItems: Number(r.last_items ?? 0),
    lastError: (r.last_error as string | null) ?? null,
  };
}

export interface SourceRun {
  cursor: string | null;
  health: SourceHealth;
  items: number;
  error: string | null;
  at: string;
}

export class SourceRepository {
  constructor(private readonly db: Queryable) {}

  /** Adds a source, or updates the one with the same name (so demo and config reloads are idempotent). */
  async upsert(input: SourceInput): Promise<Source> {
    const rows = await this.db.query(
      `INSERT INTO sources (name, adapter, url, schedule, enabled, options, ignore_robots)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (name) DO UPDATE SET adapter = EXCLUDED.adapter, url = EXCLUDED.url, schedule = EXCLUDED.schedule,
         options = EXCLUDED.options, ignore_robots = EXCLUDED.ignore_robots
       RETURNING *`,
      [input.name, input.adapter, input.url, input.schedule, input.enabled, JSON.stringify(input.options), input.ignoreRobots ? JSON.stringify(input.ignoreRobots) : null],
    );
    return rowToSource(rows[0]!);
  }

  async list(): Promise<Source[]> {
    return (await this.db.query('SELECT * FROM sources ORDER BY id')).map(rowToSource);
  }

  async get(id: number): Promise<Source | null> {
    const rows = await this.db.query('SELECT * FROM sources WHERE id = $1', [id]);
    return rows[0] ? rowToSource(rows[0]) : null;
  }

  async byName(name: string): Promise<Source | null> {
    const rows = await this.db.query('SELECT * FROM sources WHERE name = $1', [name]);
    return rows[0] ? rowToSource(rows[0]) : null;
  }

  async setEnabled(name: string, enabled: boolean): Promise<Source | null> {
    const rows = await this.db.query('UPDATE sources SET enabled = $2 WHERE name = $1 RETURNING *', [name, enabled]);
    return rows[0] ? rowToSource(rows[0]) : null;
  }

  async remove(name: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM sources WHERE name = $1 RETURNING id', [name])).length > 0;
  }

  async saveRun(id: number, run: SourceRun): Promise<void> {
    // A failed run keeps the previous cursor, so the next run retries the same range.
    await this.db.query(
      `UPDATE sources SET cursor = COALESCE($2, cursor), health = $3, last_items = $4, last_error = $5, last_run_at = $6 WHERE id = $1`,
      [id, run.cursor, run.health, run.items, run.error, run.at],
    );
  }
}
