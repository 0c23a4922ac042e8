// Review cases: created once per post and queue by the route stage; listed for the console and API.
import type { Case } from '../contracts/case.js';
import type { Reason, ReviewQueue } from '../contracts/common.js';
import type { Post } from '../contracts/post.js';
import type { Queryable } from './db.js';
import { iso, json, rowToPost } from './rows.js';

export interface NewCase {
  postId: number;
  queue: ReviewQueue;
  priority: number;
  reasons: Reason[];
  flags: string[];
}

export interface CaseListFilter {
  queue?: ReviewQueue;
  status?: Case['status'];
  limit?: number;
  offset?: number;
}

export function rowToCase(r: Record<string, unknown>): Case {
  return {
    id: Number(r.id),
    postId: Number(r.post_id),
    queue: r.queue as ReviewQueue,
    status: r.status as Case['status'],
    priority: Number(r.priority),
    reasons: json(r.reasons, []),
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimExpiresAt: iso(r.claim_expires_at),
    decision: (r.decision as Case['decision']) ?? null,
    outcome: (r.outcome as Case['outcome']) ?? null,
    flags: json(r.flags, []),
    createdAt: iso(r.created_at) ?? '',
    updatedAt: iso(r.updated_at) ?? '',
  };
}

export class CaseRepository {
  constructor(private readonly db: Queryable) {}

  /** Creates cases that do not exist yet; returns the ids of the new ones. */
  async create(cases: NewCase[]): Promise<number[]> {
    if (cases.length === 0) return [];
    const rows = await this.db.query<{ id: number; case_id?: number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::jsonb[], $5::jsonb[]) AS t(post_id, queue, priority, reasons, flags)
       ), created AS (
         INSERT INTO cases (post_id, queue, priority, reasons, flags)
         SELECT post_id, queue, priority, reasons, flags FROM input
         ON CONFLICT (post_id, queue) DO NOTHING
         RETURNING id
       ), events AS (
         INSERT INTO case_events (case_id, actor, action, to_status) SELECT id, 'system', 'created', 'open' FROM created
       )
       SELECT id FROM created`,
      [
        cases.map((c) => c.postId),
        cases.map((c) => c.queue),
        cases.map((c) => c.priority),
        cases.map((c) => JSON.stringify(c.reasons)),
        cases.map((c) => JSON.stringify(c.flags)),
      ],
    );
    return rows.map((r) => Number(r.id));
  }

  async list(filter: CaseListFilter = {}): Promise<Array<Case & { post: Post }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.queue) {
      params.push(filter.queue);
      where.push(`c.queue = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`c.status = $${params.length}`);
    }
    params.push(Math.min(filter.limit ?? 100, 1000), filter.offset ?? 0);
    const rows = await this.db.query(
      `SELECT c.*, row_to_json(p.*) AS post FROM cases c JOIN posts p ON p.id = c.post_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.priority DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map((r) => ({ ...rowToCase(r), post: rowToPost(json(r.post, {})) }));
  }

  async get(id: number): Promise<Case | null> {
    const rows = await this.db.query('SELECT * FROM cases WHERE id = $1', [id]);
    return rows[0] ? rowToCase(rows[0]) : null;
  }

  async countByQueueAndStatus(): Promise<Array<{ queue: string; status: string; n: number }>> {
    const rows = await this.db.query<{ queue: string; status: string; n: number }>(
      'SELECT queue, status, count(*)::int AS n FROM cases GROUP BY queue, status ORDER BY queue, status',
    );
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }
}
