// Score stage handler: scores extracted posts that have no score yet (and, when a shadow model is
// set, records where it disagrees), then hands them to routing.
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Reason } from '../contracts/common.js';
import type { Score, Verdict } from '../contracts/score.js';

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
  score(text: string, features: Features): ScoreResult;
}

export interface ScoreDeps {
  getPosts(ids: number[]): Promise<Post[]>;
  getFeatures(ids: number[]): Promise<Map<number, Features>>;
  existingScores(ids: number[]): Promise<Map<number, Score>>;
  saveScores(scores: Score[]): Promise<number[]>;
  saveShadow(rows: Array<{ postId: number; modelVersion: string; probability: number; verdict: string; disagrees: boolean }>): Promise<void>;
  markScored(ids: number[]): Promise<void>;
  model(): Promise<PostScorer>;
  shadowModel(): Promise<PostScorer | null>;
  /** Hands the batch to the route stage. */
  next(postIds: number[]): Promise<void>;
}

/** A post reached scoring before its features were stored: retry later rather than score blind. */
export class FeaturesMissingError extends Error {
  override name = 'FeaturesMissingError';
}

export async function handleScore(payload: { postIds: number[] }, deps: ScoreDeps): Promise<{ scored: number; alreadyScored: number }> {
  const posts = await deps.getPosts(payload.postIds);
  const ids = posts.map((p) => p.id);
  const [features, existing] = await Promise.all([deps.getFeatures(ids), deps.existingScores(ids)]);
  const todo = posts.filter((p) => !existing.has(p.id));
  const withoutFeatures = todo.filter((p) => !features.has(p.id)).map((p) => p.id);
  if (withoutFeatures.length > 0) throw new FeaturesMissingError(`posts without features: ${withoutFeatures.slice(0, 10).join(', ')}`);
  const model = await deps.model();
  const scores: Score[] = todo.map((post) => {
    const result = model.score(post.text, features.get(post.id)!);
    return { postId: post.id, modelVersion: model.version, ...result };
  });
  const saved = await deps.saveScores(scores);
  const shadow = await deps.shadowModel();
  if (shadow && scores.length > 0) {
    await deps.saveShadow(
      scores.map((s) => {
        const post = todo.find((p) => p.id === s.postId)!;
        const r = shadow.score(post.text, features.get(post.id)!);
        return { postId: s.postId, modelVersion: shadow.version, probability: r.probability, verdict: r.verdict, disagrees: r.verdict !== s.verdict };
      }),
    );
  }
  await deps.markScored(ids);
  if (ids.length > 0) await deps.next(ids);
  return { scored: saved.length, alreadyScored: ids.length - todo.length };
}
