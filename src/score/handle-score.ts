// Score stage handler: scores extracted posts that have no score yet (and, when a shadow model is
// set, records where it disagrees), stores the scores with the posts' new stage in one write, then
// hands the batch to routing. Posts whose text and features came in the job are scored without a read;
// a post already scored (a retried job) is scored again in memory but its stored score stays (first write wins).
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Reason } from '../contracts/common.js';
import type { Score, Verdict } from '../contracts/score.js';
import type { Normalized } from '../extract/normalize.js';

export interface ScoreResult {
  probability: number;
  threshold: number;
  verdict: Verdict;
  uncertain: boolean;
  reasons: Reason[];
}

/** A loaded model as the score stage sees it. */
export interface PostScorer {
  readonly version: string;
  /** `normalized`, when given, must be the extractor's normalization of `text` (it saves normalizing again). */
  score(text: string, features: Features, normalized?: Normalized | null): ScoreResult;
}

export interface ScoreDeps {
  /** The batch's existing ids, the unscored posts with their text and features, and the unscored ones without features (one read). */
  pending(ids: number[]): Promise<{ found: number[]; todo: Array<{ id: number; text: string; features: Features }>; withoutFeatures: number[] }>;
  /** Stores scores (first write wins) and marks `ids` scored; returns the post ids scored by this call. */
  save(scores: Score[], ids: number[]): Promise<number[]>;
  saveShadow(rows: Array<{ postId: number; modelVersion: string; probability: number; verdict: string; disagrees: boolean }>): Promise<void>;
  model(): Promise<PostScorer>;
  shadowModel(): Promise<PostScorer | null>;
  /** Hands the batch to the route stage, with what this call scored and stored (for a route step in the same process). */
  next(postIds: number[], scored: ScoredInHand[]): Promise<void>;
}

/** A post reached scoring before its features were stored: retry later rather than score blind. */
export class FeaturesMissingError extends Error {
  override name = 'FeaturesMissingError';
}

/** A post scored and stored by this call, with what routing needs of it when it was carried in. */
export interface ScoredInHand {
  id: number;
  features: Features;
  score: Score;
  post?: Post;
}

export interface ScorePayload {
  postIds: number[];
  /** Text and features carried from the extract stage (and its normalized text, within one process); absent in older jobs. */
  posts?: Array<{ id: number; text: string; features: Features; normalized?: Normalized | null; post?: Post }>;
}

export async function handleScore(payload: ScorePayload, deps: ScoreDeps): Promise<{ scored: number; alreadyScored: number }> {
  const inBatch = new Set(payload.postIds);
  const carried = (payload.posts ?? []).filter((p) => inBatch.has(p.id));
  const carriedIds = new Set(carried.map((p) => p.id));
  const rest = payload.postIds.filter((id) => !carriedIds.has(id));
  const read = rest.length > 0 ? await deps.pending(rest) : { found: [], todo: [], withoutFeatures: [] };
  const { withoutFeatures } = read;
  const found = [...carriedIds, ...read.found].sort((a, b) => a - b);
  const todo: Array<{ id: number; text: string; features: Features; normalized?: Normalized | null; post?: Post }> = [...carried, ...read.todo];
  if (withoutFeatures.length > 0) throw new FeaturesMissingError(`posts without features: ${withoutFeatures.slice(0, 10).join(', ')}`);
  const model = await deps.model();
  const scores: Score[] = todo.map((post) => ({ postId: post.id, modelVersion: model.version, ...model.score(post.text, post.features, post.normalized) }));
  // The shadow's rows go first: once the scores are stored (and the posts marked scored) a retry skips these posts.
  const shadow = await deps.shadowModel();
  if (shadow && scores.length > 0) {
    await deps.saveShadow(
      todo.map((post, i) => {
        const r = shadow.score(post.text, post.features);
        return { postId: post.id, modelVersion: shadow.version, probability: r.probability, verdict: r.verdict, disagrees: r.verdict !== scores[i]!.verdict };
      }),
    );
  }
  const saved = found.length > 0 ? await deps.save(scores, found) : [];
  if (found.length > 0) {
    // Only scores this call stored are handed on: another stored first, and routing must use that one.
    const stored = new Set(saved);
    const scored: ScoredInHand[] = [];
    todo.forEach((post, i) => {
      if (stored.has(post.id)) scored.push({ id: post.id, features: post.features, score: scores[i]!, post: post.post });
    });
    await deps.next(found, scored);
  }
  return { scored: saved.length, alreadyScored: found.length - saved.length };
}
