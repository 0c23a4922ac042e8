// Reads behind the review console and exports: the filtered queue, one case with everything an
// analyst needs, related posts, shadow-model disagreements, and the retention purge.
import type { Case, CaseStatus } from '../contracts/case.js';
import type { Platform, ReviewQueue } from '../contracts/common.js';
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Score } from '../contracts/score.js';
import type { CaseEvent, DecisionRow } from './case-actions.js';
import { rowToCase } from './cases.js';
import type { Queryable } from './db.js';
import type { EvidenceLink } from './evidence.js';
import { iso, json, rowToPost } from './rows.js';
import { renderFeatures } from './stored-features.js';
import { renderReasons, type StoredReason } from './stored-reasons.js';

export interface QueueFilter {
  queue: ReviewQueue;
  status: CaseStatus;
  platform?: Platform;
  /** ISO 3166-1 alpha-2 of a destination named in the post. */
  destination?: string;
  minScore?: number;
  maxScore?: number;
  /** Collected on or after / before these dates (ISO). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface QueueRow {
  id: number;
  postId: number;
  queue: ReviewQueue;
  status: CaseStatus;
  priority: number;
  claimedBy: string | null;
  claimExpiresAt: string | null;
  decision: Case['decision'];
  flags: string[];
  platform: Platform;
  snippet: string;
  url: string | null;
  authorName: string | null;
  collectedAt: string;
  probability: number | null;
  countries: string[];
}

export interface EvidenceRow extends EvidenceLink {
  id: number;
}

export interface RelatedPost {
  postId: number;
  platform: string;
  snippet: string;
  url: string | null;
  collectedAt: string;
  why: string[];
  caseIds: number[];
}

export interface CaseBundle {
  case: Case;
  post: Post;
  features: Features | null;
  score: Score | null;
  evidence: EvidenceRow[];
}

/** Everything the case page shows but related posts, read in one round trip. */
export interface CasePageData extends CaseBundle {
  events: CaseEvent[];
  decisions: DecisionRow[];
}

export interface ShadowDisagreement {
  postId: number;
  modelVersion: string;
  shadowProbability: number;
  shadowVerdict: string;
  liveProbability: number | null;
  liveVerdict: string | null;
  liveModel: string | null;
  at: string;
}

export class ReviewReadRepository {
  constructor(private readonly db: Queryable) {}

  async queue(filter: QueueFilter): Promise<QueueRow[]> {
    const params: unknown[] = [filter.queue, filter.status];
    const where = ['c.queue = $1', 'c.status = $2'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.platform) add((p) => `c.platform = ${p}`, filter.platform);
    if (filter.destination) add((p) => `c.countries @> ARRAY[${p}::text]`, filter.destination.toUpperCase());
    if (filter.minScore !== undefined) add((p) => `c.probability >= ${p}`, filter.minScore);
    if (filter.maxScore !== undefined) add((p) => `c.probability <= ${p}`, filter.maxScore);
    if (filter.from) add((p) => `c.collected_at >= ${p}::timestamptz`, filter.from);
    if (filter.to) add((p) => `c.collected_at < ${p}::timestamptz`, filter.to);
    params.push(filter.limit, filter.offset);
    // Filters touch only `cases` (columns kept by the 003 trigger); posts are joined for the page rows alone.
    const rows = await this.db.query(
      `SELECT c.id, c.post_id, c.queue, c.status, c.priority, c.claimed_by, c.claim_expires_at, c.decision, c.flags,
              c.platform, left(p.text, 280) AS snippet, p.url, p.author->>'name' AS author_name, c.collected_at, c.probability, to_jsonb(c.countries) AS countries
       FROM (SELECT * FROM cases c WHERE ${where.join(' AND ')} ORDER BY c.priority DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}) c
       JOIN posts p ON p.id = c.post_id
       ORDER BY c.priority DESC, c.id`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      postId: Number(r.post_id),
      queue: r.queue as ReviewQueue,
      status: r.status as CaseStatus,
      priority: Number(r.priority),
      claimedBy: (r.claimed_by as string | null) ?? null,
      claimExpiresAt: iso(r.claim_expires_at),
      decision: (r.decision as Case['decision']) ?? null,
      flags: json(r.flags, []),
      platform: r.platform as Platform,
      snippet: String(r.snippet),
      url: (r.url as string | null) ?? null,
      authorName: (r.author_name as string | null) ?? null,
      collectedAt: iso(r.collected_at) ?? '',
      probability: r.probability === null || r.probability === undefined ? null : Number(r.probability),
      countries: json<Array<string | null>>(r.countries, []).filter((c): c is string => typeof c === 'string'),
    }));
  }

  /** Case ids in a queue with the given statuses, by priority (exports). */
  async caseIds(queue: ReviewQueue, statuses: CaseStatus[], decision: string | null, limit: number): Promise<number[]> {
    const rows = await this.db.query<{ id: number }>(
      `SELECT id FROM cases WHERE queue = $1 AND status = ANY($2::text[]) AND ($3::text IS NULL OR decision = $3) ORDER BY priority DESC, id LIMIT $4`,
      [queue, statuses, decision, limit],
    );
    return rows.map((r) => Number(r.id));
  }

  async bundle(caseId: number): Promise<CaseBundle | null> {
    const rows = await this.db.query(
      `SELECT row_to_json(c.*) AS c, row_to_json(p.*) AS p, f.data AS features, row_to_json(s.*) AS s,
              (SELECT coalesce(jsonb_agg(e.* ORDER BY e.id), '[]'::jsonb) FROM evidence e WHERE e.post_id = c.post_id) AS evidence
       FROM cases c JOIN posts p ON p.id = c.post_id
       LEFT JOIN features f ON f.post_id = c.post_id LEFT JOIN scores s ON s.post_id = c.post_id
       WHERE c.id = $1`,
      [caseId],
    );
    return rows[0] ? rowToBundle(rows[0]) : null;
  }

  /**
   * The bundle with the case's history and decisions, in one statement: the case page and
   * GET /api/cases/:id read these on every view, and each round trip costs more than the
   * index lookups themselves (on the embedded database most of all).
   */
  async casePage(caseId: number): Promise<CasePageData | null> {
    const rows = await this.db.query(
      `SELECT row_to_json(c.*) AS c, row_to_json(p.*) AS p, f.data AS features, row_to_json(s.*) AS s,
              (SELECT coalesce(jsonb_agg(e.* ORDER BY e.id), '[]'::jsonb) FROM evidence e WHERE e.post_id = c.post_id) AS evidence,
              (SELECT coalesce(jsonb_agg(ev.* ORDER BY ev.id), '[]'::jsonb) FROM case_events ev WHERE ev.case_id = c.id) AS events,
              (SELECT coalesce(jsonb_agg(d.* ORDER BY d.id), '[]'::jsonb) FROM decisions d WHERE d.case_id = c.id) AS decisions
       FROM cases c JOIN posts p ON p.id = c.post_id
       LEFT JOIN features f ON f.post_id = c.post_id LEFT JOIN scores s ON s.post_id = c.post_id
       WHERE c.id = $1`,
      [caseId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      ...rowToBundle(r),
      // The same fields as CaseActionRepository.events() and .decisions().
      events: json<Array<Record<string, unknown>>>(r.events, []).map((e) => ({
        id: Number(e.id),
        caseId: Number(e.case_id),
        actor: String(e.actor),
        action: String(e.action),
        fromStatus: (e.from_status as string | null) ?? null,
        toStatus: (e.to_status as string | null) ?? null,
        data: json(e.data, {}),
        at: iso(e.at) ?? '',
      })),
      decisions: json<Array<Record<string, unknown>>>(r.decisions, []).map((d) => ({
        id: Number(d.id),
        caseId: Number(d.case_id),
        label: d.label as DecisionRow['label'],
        reason: String(d.reason),
        notes: String(d.notes),
        decidedBy: String(d.decided_by),
        decidedAt: iso(d.decided_at) ?? '',
      })),
    };
  }

  async evidence(id: number): Promise<EvidenceRow | null> {
    const rows = await this.db.query('SELECT * FROM evidence WHERE id = $1', [id]);
    const e = rows[0];
    if (!e) return null;
    return rowToEvidence(e);
  }

  /**
   * Posts sharing a contact, the exact text, or a campaign with this one. `extraIds` are near-duplicates
   * found elsewhere (the campaigns index), merged in with the reason "near_duplicate".
   */
  async related(post: Post, features: Features | null, limit = 20, extraIds: number[] = []): Promise<RelatedPost[]> {
    const contacts = [...new Set((features?.contacts ?? []).filter((c) => c.kind !== 'url').map((c) => c.value))].slice(0, 8);
    const params: unknown[] = [post.id, limit, post.text, extraIds];
    // One statement: candidates by shared contact (GIN, by value only: every row shares the kind),
    // identical text, campaign and the caller's near-duplicates, then their posts and cases.
    const byContact = contacts.map((value) => {
      params.push(JSON.stringify([{ value }]), `contact:${value}`);
      const n = params.length;
      return `(SELECT post_id AS id, $${n}::text AS why FROM features WHERE data->'contacts' @> $${n - 1}::jsonb AND post_id <> $1 ORDER BY post_id DESC LIMIT $2)`;
    });
    const rows = await this.db.query(
      `WITH cand(id, why) AS (
         ${[...byContact,
           `(SELECT id, 'same_text' FROM posts WHERE md5(text) = md5($3) AND id <> $1 LIMIT $2)`,
           `(SELECT id, 'campaign' FROM posts WHERE campaign_id = (SELECT campaign_id FROM posts WHERE id = $1) AND id <> $1 LIMIT $2)`,
           `(SELECT unnest($4::int[]), 'near_duplicate')`].join(' UNION ALL ')}
       ), grouped AS (
         SELECT id, array_agg(DISTINCT why) AS why FROM cand WHERE id <> $1 GROUP BY id ORDER BY id DESC LIMIT $2
       )
       SELECT p.id, p.platform, left(p.text, 200) AS snippet, p.url, p.collected_at, to_jsonb(g.why) AS why,
              (SELECT coalesce(jsonb_agg(c.id ORDER BY c.id), '[]'::jsonb) FROM cases c WHERE c.post_id = p.id) AS case_ids
       FROM grouped g JOIN posts p ON p.id = g.id ORDER BY p.id DESC`,
      params,
    );
    return rows.map((r) => ({
      postId: Number(r.id),
      platform: String(r.platform),
      snippet: String(r.snippet),
      url: (r.url as string | null) ?? null,
      collectedAt: iso(r.collected_at) ?? '',
      why: json<string[]>(r.why, []),
      caseIds: json<number[]>(r.case_ids, []).map(Number),
    }));
  }

  async shadowDisagreements(limit = 100): Promise<ShadowDisagreement[]> {
    const rows = await this.db.query(
      `SELECT sh.post_id, sh.model_version, sh.probability, sh.verdict, sh.created_at, s.probability AS live_p, s.verdict AS live_v, s.model_version AS live_m
       FROM shadow_scores sh LEFT JOIN scores s ON s.post_id = sh.post_id
       WHERE sh.disagrees ORDER BY sh.created_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      postId: Number(r.post_id),
      modelVersion: String(r.model_version),
      shadowProbability: Number(r.probability),
      shadowVerdict: String(r.verdict),
      liveProbability: r.live_p === null || r.live_p === undefined ? null : Number(r.live_p),
      liveVerdict: (r.live_v as string | null) ?? null,
      liveModel: (r.live_m as string | null) ?? null,
      at: iso(r.created_at) ?? '',
    }));
  }

  async shadowSummary(): Promise<Array<{ modelVersion: string; scored: number; disagreements: number }>> {
    const rows = await this.db.query(
      'SELECT model_version, count(*)::int AS scored, count(*) FILTER (WHERE disagrees)::int AS disagreements FROM shadow_scores GROUP BY model_version ORDER BY model_version',
    );
    return rows.map((r) => ({ modelVersion: String(r.model_version), scored: Number(r.scored), disagreements: Number(r.disagreements) }));
  }

  /**
   * Deletes posts collected before `before` that never became a case, with the rows derived from them:
   * features, scores, shadow scores, signatures and refusal marks (no foreign key since migrations 007 and 008, so deleted here),
   * evidence links (cascade). Ends with a sweep of derived rows whose post is gone: a stage that checked
   * a post just before this deleted it may have stored one.
   */
  async purgePostsWithoutCases(before: Date, batch = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.db.query(
        `WITH gone AS (
           DELETE FROM posts WHERE id IN (
             SELECT p.id FROM posts p WHERE p.collected_at < $1 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.post_id = p.id) LIMIT $2
           ) RETURNING id
         ), f AS (DELETE FROM features WHERE post_id IN (SELECT id FROM gone)),
         s AS (DELETE FROM scores WHERE post_id IN (SELECT id FROM gone)),
         sh AS (DELETE FROM shadow_scores WHERE post_id IN (SELECT id FROM gone)),
         sig AS (DELETE FROM post_signatures WHERE post_id IN (SELECT id FROM gone)),
         r AS (DELETE FROM post_refusals WHERE post_id IN (SELECT id FROM gone))
         SELECT id FROM gone`,
        [before.toISOString(), batch],
      );
      total += rows.length;
      if (rows.length < batch) break;
    }
    for (const table of DERIVED_TABLES) {
      await this.db.query(`DELETE FROM ${table} d WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = d.post_id)`);
    }
    return total;
  }
}

/** Tables of rows derived from a post without a foreign key to it (migrations 007, 008). */
const DERIVED_TABLES = ['features', 'scores', 'shadow_scores', 'post_signatures', 'post_refusals'] as const;

function rowToEvidence(e: Record<string, unknown>): EvidenceRow {
  return {
    id: Number(e.id),
    postId: Number(e.post_id),
    kind: String(e.kind),
    key: String(e.storage_key),
    sha256: String(e.sha256),
    bytes: Number(e.bytes),
    capturedAt: iso(e.captured_at) ?? '',
    url: (e.url as string | null) ?? null,
    crawlerVersion: (e.crawler_version as string | null) ?? null,
  };
}

function rowToBundle(r: Record<string, unknown>): CaseBundle {
  const s = json<Record<string, unknown> | null>(r.s, null);
  return {
    case: rowToCase(json(r.c, {})),
    post: rowToPost(json(r.p, {})),
    features: r.features === null || r.features === undefined ? null : renderFeatures(json(r.features, {})),
    score: s
      ? {
          postId: Number(s.post_id),
          modelVersion: String(s.model_version),
          probability: Number(s.probability),
          threshold: Number(s.threshold),
          verdict: s.verdict as Score['verdict'],
          uncertain: Boolean(s.uncertain),
          reasons: renderReasons(json<StoredReason[]>(s.reasons, [])),
        }
      : null,
    evidence: json<Array<Record<string, unknown>>>(r.evidence, []).map(rowToEvidence),
  };
}
