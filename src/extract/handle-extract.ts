// Extract stage handler: computes features for posts that have none, stores them with the posts' new
// stage in one write, then hands the batch to scoring with the text and features it just computed (so
// the scorer need not read them back).
import type { Features } from '../contracts/features.js';

export interface ExtractDeps {
  /** The batch's existing ids, and the posts among them that still need features (one read). */
  pending(ids: number[]): Promise<{ found: number[]; todo: Array<{ id: number; text: string }> }>;
  /** Stores features (first write wins) and marks `ids` extracted; returns how many features were new. */
  save(rows: Array<{ postId: number; features: Features }>, ids: number[]): Promise<number>;
  extract(text: string): Features;
  /** Hands the batch to the score stage, with the posts extracted by this call (the others the scorer reads). */
  next(postIds: number[], extracted: Array<{ id: number; text: string; features: Features }>): Promise<void>;
}

export interface ExtractResult {
  extracted: number;
  alreadyExtracted: number;
  missing: number;
}

export async function handleExtract(payload: { postIds: number[] }, deps: ExtractDeps): Promise<ExtractResult> {
  const { found, todo } = await deps.pending(payload.postIds);
  const rows = todo.map((p) => ({ postId: p.id, features: deps.extract(p.text) }));
  const extracted = found.length > 0 ? await deps.save(rows, found) : 0;
  if (found.length > 0) await deps.next(found, todo.map((p, i) => ({ id: p.id, text: p.text, features: rows[i]!.features })));
  return { extracted, alreadyExtracted: found.length - rows.length, missing: payload.postIds.length - found.length };
}
