// Read-only SQL behind the ops metrics: small aggregates over sources, cases and decisions that run
// the same on PGlite and PostgreSQL.
import type { Queryable } from '../store/db.js';

export interface CrawlHealthRow {
  name: string;
  adapter: string;
  health: string;
  lastItems: number;
  lastRunAgeSeconds: number | null;
}

export async function readCrawlHealth(db: Queryable): Promise<CrawlHealthRow[]> {
  const rows = await db.query<{ name: string; adapter: string; health: string; last_items: number; age: number | null }>(
    `SELECT name, adapter, health, last_items,
            EXTRACT(EPOCH FROM (now() - last_run_at))::float8 AS age
     FROM sources ORDER BY name`,
  );
  return rows.map((r) => ({ name: r.name, adapter: r.adapter, health: r.health, lastItems: Number(r.last_items), lastRunAgeSeconds: r.age === null ? null : Number(r.age) }));
}

export interface BacklogRow {
  queue: string;
  status: string;
  n: number;
  oldestSeconds: number;
}

export async function readBacklog(db: Queryable): Promise<BacklogRow[]> {
  const rows = await db.query<{ queue: string; status: string; n: number; oldest: number }>(
    `SELECT queue, status, count(*)::int AS n, EXTRACT(EPOCH FROM (now() - min(created_at)))::float8 AS oldest
     FROM cases WHERE status IN ('open', 'claimed') GROUP BY queue, status`,
  );
  // Oldest per queue across open and claimed.
  const byQueue = new Map<string, number>();
  for (const r of rows) byQueue.set(r.queue, Math.max(byQueue.get(r.queue) ?? 0, Number(r.oldest)));
  return rows.map((r) => ({ queue: r.queue, status: r.status, n: Number(r.n), oldestSeconds: byQueue.get(r.queue) ?? 0 }));
}

export interface DecisionTimeRow {
  queue: string;
  n: number;
  p50: number;
  p90: number;
  p99: number;
}

export async function readDecisionTimes(db: Queryable, days: number): Promise<DecisionTimeRow[]> {
  const rows = await db.query<{ queue: string; n: number; p50: number; p90: number; p99: number }>(
    `WITH first AS (
       SELECT c.queue, EXTRACT(EPOCH FROM (min(d.decided_at) - c.created_at))::float8 AS s
       FROM decisions d JOIN cases c ON c.id = d.case_id
       GROUP BY c.id, c.queue, c.created_at
       HAVING min(d.decided_at) > now() - make_interval(days => $1::int)
     )
     SELECT queue, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY s) AS p99
     FROM first GROUP BY queue`,
    [days],
  );
  return rows.map((r) => ({ queue: r.queue, n: Number(r.n), p50: Number(r.p50), p90: Number(r.p90), p99: Number(r.p99) }));
}
