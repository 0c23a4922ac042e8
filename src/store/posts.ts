// Posts: idempotent insertion (dedupe key), lookup, and stage bookkeeping.
import type { PostInput, Post } from '../contracts/post.js';
import { dedupeKey } from '../ingest/dedupe-key.js';
import type { Queryable } from './db.js';
import { rowToPost } from './rows.js';

export const POST_STAGES = ['collected', 'extracted', 'scored', 'routed'] as const;
export type PostStage = (typeof POST_STAGES)[number];

export interface InsertResult {
  /** Ids of posts stored by this call, in input order of the new ones. */
  inserted: number[];
  /** Inputs that matched an existing post (or an earlier input in the same batch). */
  duplicates: number;
  /** For each input, the id of its stored post (new or existing). */
  idsByInput: number[];
}

export class PostRepository {
  constructor(private readonly db: Queryable) {}

  /** Inserts new posts in one statement; existing dedupe keys are left untouched. */
  async insert(posts: PostInput[], now = new Date()): Promise<InsertResult> {
    if (posts.length === 0) return { inserted: [], duplicates: 0, idsByInput: [] };
    const keys = posts.map((p) => dedupeKey(p));
    const seen = new Map<string, number>();
    const unique: number[] = [];
    keys.forEach((key, index) => {
      if (!seen.has(key)) {
        seen.set(key, index);
        unique.push(index);
      }
    });
    const col = <T>(f: (p: PostInput) => T) => unique.map((i) => f(posts[i]!));
    const rows = await this.db.query<{ id: number; dedupe_key: string }>(
      `INSERT INTO posts (dedupe_key, platform, external_id, url, author, text, posted_at, collected_at, source, media, reach, notes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::text[], $10::jsonb[], $11::jsonb[], $12::jsonb[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, dedupe_key`,
      [
        unique.map((i) => keys[i]!),
        col((p) => p.platform),
        col((p) => p.externalId ?? null),
        col((p) => p.url ?? null),
        col((p) => (p.author ? JSON.stringify(p.author) : null)),
        col((p) => p.text),
        col((p) => p.postedAt ?? null),
        col((p) => p.collectedAt ?? now.toISOString()),
        col((p) => p.source ?? null),
        col((p) => JSON.stringify(p.media)),
        col((p) => JSON.stringify(p.reach)),
        col((p) => JSON.stringify(p.notes)),
      ],
    );
    const newIds = new Map(rows.map((r) => [r.dedupe_key, Number(r.id)]));
    const missing = keys.filter((k) => !newIds.has(k));
    const existing = new Map<string, number>();
    if (missing.length > 0) {
      const found = await this.db.query<{ id: number; dedupe_key: string }>('SELECT id, dedupe_key FROM posts WHERE dedupe_key = ANY($1::text[])', [
        [...new Set(missing)],
      ]);
      for (const r of found) existing.set(r.dedupe_key, Number(r.id));
    }
    const inserted = unique.map((i) => newIds.get(keys[i]!)).filter((id): id is number => id !== undefined);
    return {
      inserted,
      duplicates: posts.length - inserted.length,
      idsByInput: keys.map((k) => newIds.get(k) ?? existing.get(k) ?? 0),
    };
  }

  async get(ids: number[]): Promise<Post[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query('SELECT * FROM posts WHERE id = ANY($1::int[]) ORDER BY id', [ids]);
    return rows.map(rowToPost);
  }

  async getOne(id: number): Promise<Post | null> {
    return (await this.get([id]))[0] ?? null;
  }

  /** Moves posts forward only: a replayed job never moves a post back to an earlier stage. */
  async advanceStage(ids: number[], stage: PostStage): Promise<void> {
    if (ids.length === 0) return;
    const earlier = POST_STAGES.slice(0, POST_STAGES.indexOf(stage));
    await this.db.query('UPDATE posts SET stage = $2 WHERE id = ANY($1::int[]) AND stage = ANY($3::text[])', [ids, stage, earlier]);
  }

  /**
   * Marks a post the database refused to store a stage's results for (one mark per post: the latest
   * refusal), so the periodic reconciler stops queueing it again. Nothing is marked for a missing post.
   */
  async markRefused(postId: number, job: string, error: string): Promise<void> {
    await this.db.query(
      `INSERT INTO post_refusals (post_id, job, error) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM posts WHERE id = $1)
       ON CONFLICT (post_id) DO UPDATE SET job = EXCLUDED.job, error = EXCLUDED.error, refused_at = now()`,
      [postId, job, error],
    );
  }

  /** Posts refused by the database and not yet moved on, newest refusal first. */
  async refused(limit = 100): Promise<Array<{ postId: number; stage: PostStage; job: string; error: string; refusedAt: string }>> {
    const rows = await this.db.query<{ post_id: number; stage: PostStage; job: string; error: string; refused_at: Date | string }>(
      `SELECT r.post_id, p.stage, r.job, r.error, r.refused_at FROM post_refusals r JOIN posts p ON p.id = r.post_id
       WHERE p.stage <> 'routed' ORDER BY r.refused_at DESC, r.post_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ postId: Number(r.post_id), stage: r.stage, job: r.job, error: r.error, refusedAt: new Date(r.refused_at).toISOString() }));
  }

  /** Posts refused by the database and not yet moved on. */
  async countRefused(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM post_refusals r JOIN posts p ON p.id = r.post_id WHERE p.stage <> 'routed'`);
    return Number(rows[0]?.n ?? 0);
  }

  /** Number of posts that reached each stage (a routed post has also been collected, extracted and scored). */
  async countReached(): Promise<Record<PostStage, number>> {
    const rows = await this.db.query<{ stage: PostStage; n: number }>('SELECT stage, count(*)::int AS n FROM posts GROUP BY stage');
    const at = Object.fromEntries(POST_STAGES.map((s) => [s, 0])) as Record<PostStage, number>;
    for (const r of rows) if (r.stage in at) at[r.stage] = Number(r.n);
    const reached = { ...at };
    let running = 0;
    for (const stage of [...POST_STAGES].reverse()) {
      running += at[stage];
      reached[stage] = running;
    }
    return reached;
  }
}
