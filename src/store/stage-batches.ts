// The pipeline stages' reads and writes of one batch of posts, each one statement: a stage reads only
// what it still has to do, and stores its results together with the posts' new stage (atomically, in
// one round-trip). Rows travel as one JSON text parameter: cheaper to build and to parse than arrays
// of jsonb, whose every element the driver escapes into an array literal.
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Score } from '../contracts/score.js';
import type { Queryable } from './db.js';
import { json, rowToPost } from './rows.js';
import { compactFeatures, renderFeatures } from './stored-features.js';
import { compactReasons, renderReasons, type StoredReason } from './stored-reasons.js';

/** A campaign signature as stored: its SIGNATURE_VERSION and encoded bytes. */
export interface StoredSignature {
  version: string;
  bytes: Uint8Array;
}

export interface ExtractBatch {
  /** Ids of the batch that exist, in id order. */
  found: number[];
  /** Posts without features yet (with the whole post when asked for). */
  todo: Array<{ id: number; text: string; post?: Post }>;
}

export interface ScoreBatch {
  found: number[];
  /** Posts with features and no score yet. */
  todo: Array<{ id: number; text: string; features: Features }>;
  /** Posts with neither features nor a score: scoring them now would be blind. */
  withoutFeatures: number[];
}

export interface RouteBatch {
  posts: Post[];
  /** Features of the posts a case may come from (suspect or uncertain); others are not read. */
  features: Map<number, Features>;
  /** Every post's score; reasons only for suspect or uncertain posts. */
  scores: Map<number, Score>;
  /** Posts lacking features or a score. */
  unscored: number[];
}

/** `[[id, value], ...]` as JSON text, without building the pairs first. */
function pairs<T>(rows: T[], id: (row: T) => number, value: (row: T) => unknown): string {
  let out = '[';
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    out += `${i ? ',' : ''}[${id(row)},${JSON.stringify(value(row))}]`;
  }
  return `${out}]`;
}

export class StageBatchRepository {
  constructor(private readonly db: Queryable) {}

  /** `withPosts`: also the whole post of each one to do, for a process that routes the batch right after. */
  async toExtract(ids: number[], options: { withPosts?: boolean } = {}): Promise<ExtractBatch> {
    if (options.withPosts) {
      const rows = await this.db.query(
        `SELECT p.*, f.post_id IS NOT NULL AS extracted FROM posts p LEFT JOIN features f ON f.post_id = p.id
         WHERE p.id = ANY($1::int[]) ORDER BY p.id`,
        [ids],
      );
      const found = rows.map((r) => Number(r.id));
      const todo = rows.filter((r) => !r.extracted).map((r) => {
        const post = rowToPost(r);
        return { id: post.id, text: post.text, post };
      });
      return { found, todo };
    }
    const rows = await this.db.query<{ id: number; text: string | null }>(
      `SELECT p.id, CASE WHEN f.post_id IS NULL THEN p.text END AS text
       FROM posts p LEFT JOIN features f ON f.post_id = p.id WHERE p.id = ANY($1::int[]) ORDER BY p.id`,
      [ids],
    );
    const found = rows.map((r) => Number(r.id));
    const todo = rows.filter((r) => r.text !== null).map((r) => ({ id: Number(r.id), text: r.text! }));
    return { found, todo };
  }

  /**
   * Stores features (first write wins) and, where given, campaign signatures, and moves `ids` to 'extracted';
   * returns how many features were new. `advance: false` leaves the stage alone, for a caller that scores the
   * posts next in the same process (saveScores moves them on from 'collected' too): one row rewrite per post fewer.
   */
  async saveFeatures(rows: Array<{ postId: number; features: Features; signature?: StoredSignature | null }>, ids: number[], options: { advance?: boolean } = {}): Promise<number> {
    const params: unknown[] = [pairs(rows, (r) => r.postId, (r) => compactFeatures(r.features))];
    const steps = [
      `saved AS (INSERT INTO features (post_id, version, data)
         SELECT (r->>0)::int, r->1->>'version', r->1 FROM jsonb_array_elements($1::text::jsonb) r
         -- No foreign key (migration 007): rows only for posts that exist.
         WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = (r->>0)::int)
         ON CONFLICT (post_id) DO NOTHING RETURNING post_id)`,
    ];
    if (options.advance !== false) {
      params.push(ids);
      steps.push(`moved AS (UPDATE posts SET stage = 'extracted' WHERE id = ANY($${params.length}::int[]) AND stage = 'collected' RETURNING id)`);
    }
    const signed = rows.filter((r) => r.signature);
    if (signed.length > 0) {
      // Hex text, not bytea arrays: both database drivers pass text[] the same way.
      params.push(signed.map((r) => r.postId), signed.map((r) => Buffer.from(r.signature!.bytes).toString('hex')), signed.map((r) => r.signature!.version));
      const n = params.length;
      steps.push(`signed AS (INSERT INTO post_signatures (post_id, version, signature)
         SELECT id, version, decode(hex, 'hex') FROM unnest($${n - 2}::int[], $${n - 1}::text[], $${n}::text[]) AS s(id, hex, version)
         WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = s.id)
         ON CONFLICT (post_id) DO UPDATE SET version = EXCLUDED.version, signature = EXCLUDED.signature
         WHERE post_signatures.version <> EXCLUDED.version RETURNING post_id)`);
    }
    const result = await this.db.query<{ saved: number }>(`WITH ${steps.join(', ')} SELECT (SELECT count(*) FROM saved)::int AS saved`, params);
    return Number(result[0]?.saved ?? 0);
  }

  async toScore(ids: number[]): Promise<ScoreBatch> {
    const rows = await this.db.query<{ id: number; scored: boolean; extracted: boolean; text: string | null; features: unknown }>(
      `SELECT p.id, s.post_id IS NOT NULL AS scored, f.post_id IS NOT NULL AS extracted,
              CASE WHEN s.post_id IS NULL THEN p.text END AS text, CASE WHEN s.post_id IS NULL THEN f.data END AS features
       FROM posts p LEFT JOIN features f ON f.post_id = p.id LEFT JOIN scores s ON s.post_id = p.id
       WHERE p.id = ANY($1::int[]) ORDER BY p.id`,
      [ids],
    );
    const batch: ScoreBatch = { found: [], todo: [], withoutFeatures: [] };
    for (const r of rows) {
      const id = Number(r.id);
      batch.found.push(id);
      if (r.scored) continue;
      if (!r.extracted) batch.withoutFeatures.push(id);
      else batch.todo.push({ id, text: r.text!, features: renderFeatures(json(r.features, {})) });
    }
    return batch;
  }

  /**
   * Stores scores (first write wins) and moves `ids` to 'scored' (unless `advance` is false: the caller routes
   * them next and moves them once); returns the post ids scored by this call.
   */
  async saveScores(scores: Score[], ids: number[], options: { advance?: boolean } = {}): Promise<number[]> {
    const advance = options.advance !== false;
    const rows = await this.db.query<{ post_id: number }>(
      `WITH saved AS (
         INSERT INTO scores (post_id, model_version, probability, threshold, verdict, uncertain, reasons)
         SELECT post_id, model_version, probability, threshold, verdict, uncertain, reasons
         FROM jsonb_to_recordset($1::text::jsonb) AS t(post_id int, model_version text, probability float8, threshold float8, verdict text, uncertain bool, reasons jsonb)
         -- Scores computed from a job's carried features may name a post deleted since.
         WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = t.post_id)
         ON CONFLICT (post_id) DO NOTHING RETURNING post_id
       )${advance ? `, moved AS (
         UPDATE posts SET stage = 'scored' WHERE id = ANY($2::int[]) AND stage IN ('collected', 'extracted') RETURNING id
       )` : ''}
       SELECT post_id FROM saved`,
      [
        JSON.stringify(
          scores.map((s) => ({
            post_id: s.postId,
            model_version: s.modelVersion,
            probability: s.probability,
            threshold: s.threshold,
            verdict: s.verdict,
            uncertain: s.uncertain,
            reasons: compactReasons(s.reasons),
          })),
        ),
        ...(advance ? [ids] : []),
      ],
    );
    return rows.map((r) => Number(r.post_id));
  }

  /**
   * Moves `ids` to 'routed' from any earlier stage and stores the campaigns given for them, in one row
   * rewrite per post (the campaign column is indexed, so each separate UPDATE rewrote the whole row).
   */
  async markRouted(ids: number[], campaigns: ReadonlyMap<number, number>): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      `UPDATE posts p SET stage = 'routed', campaign_id = COALESCE(l.campaign_id, p.campaign_id)
       FROM unnest($1::int[], $2::int[]) AS l(id, campaign_id)
       WHERE p.id = l.id AND (p.stage <> 'routed' OR (l.campaign_id IS NOT NULL AND p.campaign_id IS DISTINCT FROM l.campaign_id))`,
      [ids, ids.map((id) => campaigns.get(id) ?? null)],
    );
  }

  async toRoute(ids: number[]): Promise<RouteBatch> {
    const rows = await this.db.query(
      `SELECT p.*, f.post_id IS NOT NULL AS extracted, s.post_id IS NOT NULL AS scored,
              s.model_version, s.probability, s.threshold, s.verdict, s.uncertain,
              CASE WHEN s.verdict = 'suspect' OR s.uncertain THEN s.reasons END AS score_reasons,
              CASE WHEN s.verdict = 'suspect' OR s.uncertain THEN f.data END AS features
       FROM posts p LEFT JOIN features f ON f.post_id = p.id LEFT JOIN scores s ON s.post_id = p.id
       WHERE p.id = ANY($1::int[]) ORDER BY p.id`,
      [ids],
    );
    const batch: RouteBatch = { posts: [], features: new Map(), scores: new Map(), unscored: [] };
    for (const r of rows) {
      const post = rowToPost(r);
      batch.posts.push(post);
      if (!r.extracted || !r.scored) {
        batch.unscored.push(post.id);
        continue;
      }
      batch.scores.set(post.id, {
        postId: post.id,
        modelVersion: String(r.model_version),
        probability: Number(r.probability),
        threshold: Number(r.threshold),
        verdict: r.verdict as Score['verdict'],
        uncertain: Boolean(r.uncertain),
        reasons: renderReasons(json<StoredReason[]>(r.score_reasons, [])),
      });
      if (r.features !== null && r.features !== undefined) batch.features.set(post.id, renderFeatures(json(r.features, {})));
    }
    return batch;
  }
}
