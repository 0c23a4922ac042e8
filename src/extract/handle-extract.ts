// Extract stage handler: computes features for posts that have none, stores them with the posts' new
// stage in one write, then hands the batch to scoring with the text and features it just computed (so
// the scorer need not read them back), and with the normalized text when the scorer runs in this process.
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Normalized } from './normalize.js';

/** One post's extraction: the features, and what the next steps may reuse instead of recomputing it. */
export interface Extracted {
  features: Features;
  /** The normalization extraction ran (null when it failed): the model's text features start from it. */
  normalized?: Normalized | null;
  /** The post's campaign signature (stored encoding), computed here from `normalized` so routing need not. */
  signature?: Uint8Array | null;
}

export interface ExtractDeps {
  /** The batch's existing ids, and the posts among them that still need features (one read; the whole post when the batch is routed in this process too). */
  pending(ids: number[]): Promise<{ found: number[]; todo: Array<{ id: number; text: string; post?: Post }> }>;
  /** Stores features and signatures (first write wins) and marks `ids` extracted; returns how many features were new. */
  save(rows: Array<{ postId: number; features: Features; signature?: Uint8Array | null }>, ids: number[]): Promise<number>;
  extract(text: string): Extracted;
  /** Hands the batch to the score stage, with the posts extracted by this call (the others the scorer reads). */
  next(postIds: number[], extracted: Array<{ id: number; text: string; features: Features; normalized?: Normalized | null; post?: Post }>): Promise<void>;
}

export interface ExtractResult {
  extracted: number;
  alreadyExtracted: number;
  missing: number;
}

export async function handleExtract(payload: { postIds: number[] }, deps: ExtractDeps): Promise<ExtractResult> {
  const { found, todo } = await deps.pending(payload.postIds);
  const results = todo.map((p) => deps.extract(p.text));
  const rows = todo.map((p, i) => ({ postId: p.id, features: results[i]!.features, signature: results[i]!.signature }));
  const extracted = found.length > 0 ? await deps.save(rows, found) : 0;
  if (found.length > 0) await deps.next(found, todo.map((p, i) => ({ id: p.id, text: p.text, features: results[i]!.features, normalized: results[i]!.normalized, post: p.post })));
  return { extracted, alreadyExtracted: found.length - rows.length, missing: payload.postIds.length - found.length };
}
