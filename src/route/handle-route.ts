// Route stage handler: turns suspect scores into review cases, once per post and queue.
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Score } from '../contracts/score.js';
import type { NewCase } from '../store/cases.js';
import type { RepeatOffenderResult } from '../campaigns/repeat-offender.js';
import { routePost } from './route-post.js';

/** One batch as the route stage needs it; features and score reasons may be left out for posts that cannot become cases. */
export interface RouteBatch {
  posts: Post[];
  features: Map<number, Features>;
  scores: Map<number, Score>;
  /** Posts lacking features or a score. */
  unscored: number[];
}

export interface RouteDeps {
  /** Reads the whole batch at once; without it the three getters below are used. */
  load?(ids: number[]): Promise<RouteBatch>;
  getPosts(ids: number[]): Promise<Post[]>;
  getFeatures(ids: number[]): Promise<Map<number, Features>>;
  getScores(ids: number[]): Promise<Map<number, Score>>;
  /** Assigns posts to campaigns and weighs earlier decisions on them (repeat offenders). */
  assessRepeat?(posts: Post[], features: Map<number, Features>): Promise<Map<number, RepeatOffenderResult>>;
  createCases(cases: NewCase[]): Promise<number[]>;
  markRouted(ids: number[]): Promise<void>;
}

export class NotScoredError extends Error {
  override name = 'NotScoredError';
}

export async function handleRoute(payload: { postIds: number[] }, deps: RouteDeps): Promise<{ cases: number; routed: number }> {
  const { posts, features, scores, unscored } = deps.load ? await deps.load(payload.postIds) : await loadWithGetters(payload.postIds, deps);
  const ids = posts.map((p) => p.id);
  if (unscored.length > 0) throw new NotScoredError(`posts not yet scored: ${unscored.slice(0, 10).join(', ')}`);
  const repeats = deps.assessRepeat ? await deps.assessRepeat(posts, features) : new Map<number, RepeatOffenderResult>();
  const cases: NewCase[] = [];
  for (const post of posts) {
    const score = scores.get(post.id)!;
    const f = features.get(post.id)!;
    if (score.verdict !== 'suspect' && !score.uncertain) continue;
    const repeat = repeats.get(post.id);
    const decision = routePost({ post, features: f, score, repeatOffender: repeat?.repeat ?? false, repeatBoost: repeat?.boost ?? 0 });
    const countries = [...new Set(f.destinations.map((d) => d.country))].sort();
    for (const queue of decision.queues) {
      // The score's own reasons stay with the score (the console shows both); the case adds why it was routed.
      cases.push({ postId: post.id, queue, priority: decision.priority, reasons: [...decision.reasons, ...(repeat?.reasons ?? [])], flags: decision.flags, countries });
    }
  }
  const created = await deps.createCases(cases);
  await deps.markRouted(ids);
  return { cases: created.length, routed: ids.length };
}

async function loadWithGetters(postIds: number[], deps: RouteDeps): Promise<RouteBatch> {
  const posts = await deps.getPosts(postIds);
  const ids = posts.map((p) => p.id);
  const [features, scores] = await Promise.all([deps.getFeatures(ids), deps.getScores(ids)]);
  return { posts, features, scores, unscored: ids.filter((id) => !scores.has(id) || !features.has(id)) };
}
