// Extract stage handler: computes features for posts that have none, then hands them to scoring.
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';

export interface ExtractDeps {
  getPosts(ids: number[]): Promise<Post[]>;
  existingFeatures(ids: number[]): Promise<Map<number, Features>>;
  saveFeatures(rows: Array<{ postId: number; features: Features }>): Promise<number>;
  markExtracted(ids: number[]): Promise<void>;
  extract(text: string): Features;
  /** Hands the batch to the score stage. */
  next(postIds: number[]): Promise<void>;
}

export interface ExtractResult {
  extracted: number;
  alreadyExtracted: number;
  missing: number;
}

export async function handleExtract(payload: { postIds: number[] }, deps: ExtractDeps): Promise<ExtractResult> {
  const posts = await deps.getPosts(payload.postIds);
  const ids = posts.map((p) => p.id);
  const existing = await deps.existingFeatures(ids);
  const rows = posts.filter((p) => !existing.has(p.id)).map((p) => ({ postId: p.id, features: deps.extract(p.text) }));
  const extracted = await deps.saveFeatures(rows);
  await deps.markExtracted(ids);
  if (ids.length > 0) await deps.next(ids);
  return { extracted, alreadyExtracted: ids.length - rows.length, missing: payload.postIds.length - ids.length };
}
