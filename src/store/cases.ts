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
  /** Destination countries of the post (ISO alpha-2, sorted, distinct) when the caller has its features; else read from them. */
  countries?: string[];
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

/** WHERE clauses and parameters of a case list page; the last two parameters are LIMIT and OFFSET. */
function listFilterSql(filter: CaseListFilter): { where: string[]; params: unknown[] } {
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
  return { where, params };
}

export class CaseRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Creates cases that do not exist yet; returns the ids of the new ones. The queue-filter columns
   * (migration 003) are filled here for the whole batch, so the per-row trigger stays idle (004).
   */
  async create(cases: NewCase[]): Promise<number[]> {
    if (cases.length === 0) return [];
    const rows = await this.db.query<{ id: number }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS t(post_id int, queue text, priority float8, reasons jsonb, flags jsonb, countries text[])
       ), created AS (
         INSERT INTO cases (post_id, queue, priority, reasons, flags, platform, collected_at, probability, countries)
         SELECT i.post_id, i.queue, i.priority, i.reasons, i.flags, p.platform, p.collected_at, s.probability,
                coalesce(i.countries, (SELECT coalesce(array_agg(DISTINCT d->>'country') FILTER (WHERE d->>'country' IS NOT NULL), '{}')
                                       FROM features f, jsonb_array_elements(f.data->'destinations') d WHERE f.post_id = i.post_id))
         FROM input i LEFT JOIN posts p ON p.id = i.post_id LEFT JOIN scores s ON s.post_id = i.post_id
         ON CONFLICT (post_id, queue) DO NOTHING
         RETURNING id
       ), events AS (
         INSERT INTO case_events (case_id, actor, action, to_status) SELECT id, 'system', 'created', 'open' FROM created
       )
       SELECT id FROM created`,
      [
        JSON.stringify(
          cases.map((c) => ({ post_id: c.postId, queue: c.queue, priority: c.priority, reasons: c.reasons, flags: c.flags, countries: c.countries ?? null })),
        ),
      ],
    );
    return rows.map((r) => Number(r.id));
  }

  async list(filter: CaseListFilter = {}): Promise<Array<Case & { post: Post }>> {
    const { where, params } = listFilterSql(filter);
    const rows = await this.db.query(
      `SELECT c.*, row_to_json(p.*) AS post FROM cases c JOIN posts p ON p.id = c.post_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.priority DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map((r) => ({ ...rowToCase(r), post: rowToPost(json(r.post, {})) }));
  }

  /**
   * The same page as `list`, as the JSON text of `{"items": […]}`, built by the database. The API's
   * busiest route then parses and re-serialises nothing: on the embedded database that costs a
   * third of the CPU of `list` + JSON.stringify. Keys and values are the same as `list`'s (the
   * review tests compare the two).
   */
  async listJson(filter: CaseListFilter = {}): Promise<string> {
    const { where, params } = listFilterSql(filter);
    // Timestamps as JavaScript's toISOString() writes them (UTC, milliseconds), as iso() does for `list`.
    const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const rows = await this.db.query<{ body: string }>(
      `SELECT json_build_object('items', coalesce(json_agg(json_build_object(
         'id', c.id, 'postId', c.post_id, 'queue', c.queue, 'status', c.status, 'priority', c.priority, 'reasons', c.reasons,
         'claimedBy', c.claimed_by, 'claimExpiresAt', ${ts('c.claim_expires_at')}, 'decision', c.decision, 'outcome', c.outcome, 'flags', c.flags,
         'createdAt', ${ts('c.created_at')}, 'updatedAt', ${ts('c.updated_at')},
         'post', json_build_object('id', p.id, 'dedupeKey', p.dedupe_key, 'platform', p.platform, 'externalId', p.external_id, 'url', p.url,
           'author', p.author, 'text', p.text, 'postedAt', ${ts('p.posted_at')}, 'collectedAt', coalesce(${ts('p.collected_at')}, '1970-01-01T00:00:00.000Z'),
           'source', p.source, 'media', coalesce(p.media, '[]'), 'reach', coalesce(p.reach, '{}'), 'notes', coalesce(p.notes, '[]'))
       ) ORDER BY c.priority DESC, c.id), '[]'))::text AS body
       FROM (SELECT * FROM cases c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY c.priority DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}) c
       JOIN posts p ON p.id = c.post_id`,
      params,
    );
    return rows[0]?.body ?? '{"items":[]}';
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
