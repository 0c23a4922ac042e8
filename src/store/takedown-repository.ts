// Takedown tracking: referred posts whose URL is re-checked on a schedule (takedown_targets), every
// re-check (takedown_observations), and the reads behind the takedown charts.
import type { RepostEvent, TakedownObservation } from '../campaigns/takedown-stats.js';
import type { Queryable } from './db.js';
import { iso } from './rows.js';

export type TakedownStatus = 'up' | 'removed' | 'error';

export interface TakedownTarget {
  postId: number;
  caseId: number;
  platform: string;
  url: string;
  referredAt: string;
  nextCheckAt: string | null;
  lastStatus: TakedownStatus | null;
  removedAt: string | null;
  checks: number;
}

export interface TakedownCheck {
  checkedAt: string;
  status: TakedownStatus;
  httpStatus: number | null;
  detail: string | null;
}

function rowToTarget(r: Record<string, unknown>): TakedownTarget {
  return {
    postId: Number(r.post_id),
    caseId: Number(r.case_id),
    platform: String(r.platform),
    url: String(r.url),
    referredAt: iso(r.referred_at) ?? '',
    nextCheckAt: iso(r.next_check_at),
    lastStatus: (r.last_status as TakedownStatus | null) ?? null,
    removedAt: iso(r.removed_at),
    checks: Number(r.checks),
  };
}

export class TakedownRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Starts tracking posts referred to Komdigi that have a URL and are not tracked yet; the referral time
   * is when the case entered `referred`. `firstCheck` gives the first due time from the referral time.
   * Returns how many were added. Idempotent.
   */
  async enrol(firstCheck: (referredAt: string) => string | null): Promise<number> {
    const rows = await this.db.query<{ post_id: number; case_id: number; platform: string; url: string; referred_at: Date | string }>(
      `SELECT DISTINCT ON (c.post_id) c.post_id, c.id AS case_id, p.platform, p.url,
              coalesce((SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_status = 'referred'), c.updated_at) AS referred_at
       FROM cases c JOIN posts p ON p.id = c.post_id
       WHERE c.queue = 'komdigi' AND c.status IN ('referred', 'closed') AND c.decision = 'scam' AND p.url IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM takedown_targets t WHERE t.post_id = c.post_id)
       ORDER BY c.post_id, c.id LIMIT 1000`,
    );
    if (rows.length === 0) return 0;
    const referred = rows.map((r) => iso(r.referred_at) ?? new Date().toISOString());
    const added = await this.db.query(
      `INSERT INTO takedown_targets (post_id, case_id, platform, url, referred_at, next_check_at)
       SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
       ON CONFLICT (post_id) DO NOTHING RETURNING post_id`,
      [rows.map((r) => Number(r.post_id)), rows.map((r) => Number(r.case_id)), rows.map((r) => r.platform), rows.map((r) => r.url), referred, referred.map(firstCheck)],
    );
    return added.length;
  }

  /**
   * Claims the targets due at `now`, most overdue first: their next check moves `leaseMs` ahead, so a sweep
   * running at the same time in another process skips them; `record` then sets the real next check, and a
   * sweep that dies mid-way leaves them due again once the lease runs out.
   */
  async due(now: Date, limit: number, leaseMs = 15 * 60_000): Promise<TakedownTarget[]> {
    const rows = await this.db.query(
      `WITH due AS (SELECT post_id, next_check_at FROM takedown_targets WHERE next_check_at <= $1 ORDER BY next_check_at, post_id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE takedown_targets t SET next_check_at = $3 FROM due WHERE t.post_id = due.post_id
       RETURNING t.post_id, t.case_id, t.platform, t.url, t.referred_at, due.next_check_at, t.last_status, t.removed_at, t.checks`,
      [now.toISOString(), limit, new Date(now.getTime() + leaseMs).toISOString()],
    );
    return rows.map(rowToTarget).sort((a, b) => (a.nextCheckAt ?? '').localeCompare(b.nextCheckAt ?? '') || a.postId - b.postId);
  }

  async checks(postId: number): Promise<TakedownCheck[]> {
    const rows = await this.db.query('SELECT checked_at, status, http_status, detail FROM takedown_observations WHERE post_id = $1 ORDER BY checked_at, id', [postId]);
    return rows.map((r) => ({ checkedAt: iso(r.checked_at) ?? '', status: r.status as TakedownStatus, httpStatus: r.http_status === null ? null : Number(r.http_status), detail: (r.detail as string | null) ?? null }));
  }

  /** Records one check and when the next is due (null: no more). The first `removed` check dates the takedown. */
  async record(postId: number, check: TakedownCheck, nextCheckAt: string | null): Promise<void> {
    await this.db.query(
      `WITH o AS (INSERT INTO takedown_observations (post_id, checked_at, status, http_status, detail) VALUES ($1, $2, $3, $4, $5))
       UPDATE takedown_targets SET last_status = $3, checks = checks + 1, next_check_at = $6,
              removed_at = CASE WHEN $3 = 'removed' THEN coalesce(removed_at, $2::timestamptz) ELSE removed_at END
       WHERE post_id = $1`,
      [postId, check.checkedAt, check.status, check.httpStatus, check.detail?.slice(0, 500) ?? null, nextCheckAt],
    );
  }

  async get(postId: number): Promise<TakedownTarget | null> {
    const rows = await this.db.query('SELECT * FROM takedown_targets WHERE post_id = $1', [postId]);
    return rows[0] ? rowToTarget(rows[0]) : null;
  }

  /** Tracked posts, most recently referred first (the console table). */
  async recent(limit: number): Promise<TakedownTarget[]> {
    const rows = await this.db.query('SELECT * FROM takedown_targets ORDER BY referred_at DESC, post_id DESC LIMIT $1', [limit]);
    return rows.map(rowToTarget);
  }

  /** Conclusive observations (up / removed) with their post's platform and referral time, for takedown-stats. */
  async observations(limit = 200_000): Promise<TakedownObservation[]> {
    const rows = await this.db.query(
      `SELECT o.post_id, t.platform, t.referred_at, o.checked_at, o.status FROM takedown_observations o JOIN takedown_targets t ON t.post_id = o.post_id
       WHERE o.status IN ('up', 'removed') ORDER BY o.id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ postId: Number(r.post_id), platform: String(r.platform), referredAt: iso(r.referred_at) ?? '', checkedAt: iso(r.checked_at) ?? '', status: r.status as 'up' | 'removed' }));
  }

  /** Posts of a removed post's campaign that appeared after the removal: reposts after takedown. */
  async reposts(): Promise<RepostEvent[]> {
    const rows = await this.db.query(
      `SELECT t.post_id, min(coalesce(q.posted_at, q.collected_at)) AS reposted_at
       FROM takedown_targets t JOIN posts p ON p.id = t.post_id JOIN posts q ON q.campaign_id = p.campaign_id AND q.id <> p.id
       WHERE t.removed_at IS NOT NULL AND p.campaign_id IS NOT NULL AND coalesce(q.posted_at, q.collected_at) > t.removed_at
       GROUP BY t.post_id`,
    );
    return rows.map((r) => ({ postId: Number(r.post_id), repostedAt: iso(r.reposted_at) ?? '' }));
  }
}
