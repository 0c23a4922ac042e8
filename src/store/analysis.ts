// Features and scores of posts: written once per post, so a replayed job changes nothing.
import type { Features } from '../contracts/features.js';
import type { Score } from '../contracts/score.js';
import type { Queryable } from './db.js';
import { json } from './rows.js';
import { StageBatchRepository } from './stage-batches.js';
import { renderFeatures } from './stored-features.js';
import { compactReasons, renderReasons, type StoredReason } from './stored-reasons.js';

export class FeatureRepository {
  constructor(private readonly db: Queryable) {}

  /** Stores features (first write wins) without touching the posts' stage; returns how many were new. */
  async save(rows: Array<{ postId: number; features: Features }>): Promise<number> {
    if (rows.length === 0) return 0;
    // The pipeline's own write (one copy of the SQL and of its existence check, migration 007).
    return new StageBatchRepository(this.db).saveFeatures(rows, rows.map((r) => r.postId), { advance: false });
  }

  async get(postIds: number[]): Promise<Map<number, Features>> {
    if (postIds.length === 0) return new Map();
    const rows = await this.db.query<{ post_id: number; data: unknown }>('SELECT post_id, data FROM features WHERE post_id = ANY($1::int[])', [postIds]);
    return new Map(rows.map((r) => [Number(r.post_id), renderFeatures(json(r.data, {}))]));
  }
}

export class ScoreRepository {
  constructor(private readonly db: Queryable) {}

  /** Stores scores; returns the post ids scored by this call (others were already scored). */
  async save(scores: Score[]): Promise<number[]> {
    if (scores.length === 0) return [];
    const rows = await this.db.query<{ post_id: number }>(
      `INSERT INTO scores (post_id, model_version, probability, threshold, verdict, uncertain, reasons)
       SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::bool[], $7::jsonb[]) AS t(post_id)
       WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = t.post_id)
       ON CONFLICT (post_id) DO NOTHING RETURNING post_id`,
      [
        scores.map((s) => s.postId),
        scores.map((s) => s.modelVersion),
        scores.map((s) => s.probability),
        scores.map((s) => s.threshold),
        scores.map((s) => s.verdict),
        scores.map((s) => s.uncertain),
        scores.map((s) => JSON.stringify(compactReasons(s.reasons))),
      ],
    );
    return rows.map((r) => Number(r.post_id));
  }

  async get(postIds: number[]): Promise<Map<number, Score>> {
    if (postIds.length === 0) return new Map();
    const rows = await this.db.query('SELECT * FROM scores WHERE post_id = ANY($1::int[])', [postIds]);
    return new Map(
      rows.map((r) => [
        Number(r.post_id),
        {
          postId: Number(r.post_id),
          modelVersion: String(r.model_version),
          probability: Number(r.probability),
          threshold: Number(r.threshold),
          verdict: r.verdict as Score['verdict'],
          uncertain: Boolean(r.uncertain),
          reasons: renderReasons(json<StoredReason[]>(r.reasons, [])),
        },
      ]),
    );
  }

  async saveShadow(rows: Array<{ postId: number; modelVersion: string; probability: number; verdict: string; disagrees: boolean }>): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO shadow_scores (post_id, model_version, probability, verdict, disagrees)
       SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::text[], $5::bool[]) AS t(post_id)
       WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = t.post_id)
       ON CONFLICT (post_id, model_version) DO NOTHING`,
      [rows.map((r) => r.postId), rows.map((r) => r.modelVersion), rows.map((r) => r.probability), rows.map((r) => r.verdict), rows.map((r) => r.disagrees)],
    );
  }

  async countByVerdict(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ verdict: string; n: number }>('SELECT verdict, count(*)::int AS n FROM scores GROUP BY verdict');
    return Object.fromEntries(rows.map((r) => [r.verdict, Number(r.n)]));
  }
}
