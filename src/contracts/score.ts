// The scorer's judgement of one post, and the offline `waspada score --json` line built from it.
import { z } from 'zod';
import { Reason, ReviewQueue } from './common.js';
import { Features } from './features.js';

export const Verdict = z.enum(['suspect', 'clear']);
export type Verdict = z.infer<typeof Verdict>;

export const Score = z.object({
  postId: z.number().int().positive(),
  modelVersion: z.string(),
  /** Calibrated probability that the post is a trafficking or scam lure. */
  probability: z.number().min(0).max(1),
  threshold: z.number().min(0).max(1),
  verdict: Verdict,
  /** True when the model is least sure; such posts go to review to improve the model fastest. */
  uncertain: z.boolean().default(false),
  reasons: z.array(Reason),
});
export type Score = z.infer<typeof Score>;

/** One output line of `waspada score --json`: a stable contract for researchers and evaluation. */
export const ScoreLine = z.object({
  id: z.union([z.string(), z.number()]).nullable(),
  score: z.number().min(0).max(1),
  verdict: Verdict,
  queues: z.array(ReviewQueue),
  reasons: z.array(Reason),
  features: Features,
});
export type ScoreLine = z.infer<typeof ScoreLine>;
