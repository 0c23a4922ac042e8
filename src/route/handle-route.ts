// Route stage handler: turns suspect scores into review cases, once per post and queue. A batch may come
// in hand from the score step of the same process (no read back); what is not in hand is read in one go.
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
  /**
   * Assigns posts to campaigns and weighs earlier decisions on them (repeat offenders); returns both, and
   * leaves storing the batch's campaign labels to markRouted.
   */
  assessRepeat?(posts: Post[], features: Map<number, Features>): Promise<{ repeats: Map<number, RepeatOffenderResult>; campaigns: Map<number, number> }>;
  createCases(cases: NewCase[]): Promise<number[]>;
  /** Moves `ids` to 'routed' and stores their campaigns (one row rewrite for both). */
  markRouted(ids: number[], campaigns: Map<number, number>): Promise<void>;
}

export interface RoutePayload {
  postIds: number[];
  /** Posts of the batch whose post, features and stored score the caller already holds. */
  inHand?: Omit<RouteBatch, 'unscored'>;
}

export class NotScoredError extends Error {
  override name = 'NotScoredError';
}

export async function handleRoute(payload: RoutePayload, deps: RouteDeps): Promise<{ cases: number; routed: number }> {
  const { posts, features, scores, unscored } = await loadBatch(payload, deps);
  const ids = posts.map((p) => p.id);
  if (unscored.length > 0) throw new NotScoredError(`posts not yet scored: ${unscored.slice(0, 10).join(', ')}`);
  const assessed = deps.assessRepeat ? await deps.assessRepeat(posts, features) : undefined;
  const repeats = assessed?.repeats ?? new Map<number, RepeatOffenderResult>();
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
  await deps.markRouted(ids, assessed?.campaigns ?? new Map());
  return { cases: created.length, routed: ids.length };
}

/** The batch in id order: the posts in hand as they are, the rest read from the store. */
async function loadBatch(payload: RoutePayload, deps: RouteDeps): Promise<RouteBatch> {
  const read = (ids: number[]) => (deps.load ? deps.load(ids) : loadWithGetters(ids, deps));
  const inHand = payload.inHand;
  if (!inHand || inHand.posts.length === 0) return read(payload.postIds);
  const held = new Set(inHand.posts.map((p) => p.id));
  const rest = payload.postIds.filter((id) => !held.has(id));
  const more = rest.length > 0 ? await read(rest) : { posts: [], features: new Map(), scores: new Map(), unscored: [] };
  const wanted = new Set(payload.postIds);
  return {
    posts: [...inHand.posts.filter((p) => wanted.has(p.id)), ...more.posts].sort((a, b) => a.id - b.id),
    features: new Map([...inHand.features, ...more.features]),
    scores: new Map([...inHand.scores, ...more.scores]),
    unscored: more.unscored,
  };
}

async function loadWithGetters(postIds: number[], deps: RouteDeps): Promise<RouteBatch> {
  const posts = await deps.getPosts(postIds);
  const ids = posts.map((p) => p.id);
  const [features, scores] = await Promise.all([deps.getFeatures(ids), deps.getScores(ids)]);
  return { posts, features, scores, unscored: ids.filter((id) => !scores.has(id) || !features.has(id)) };
}
