// Review cases and analysts' decisions.
import { z } from 'zod';
import { Reason, ReviewQueue } from './common.js';

export const CaseStatus = z.enum(['open', 'claimed', 'decided', 'referred', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const DecisionLabel = z.enum(['scam', 'not_scam', 'unsure']);
export type DecisionLabel = z.infer<typeof DecisionLabel>;

export const Outcome = z.enum(['taken_down', 'still_up', 'under_investigation']);
export type Outcome = z.infer<typeof Outcome>;

export const Case = z.object({
  id: z.number().int().positive(),
  postId: z.number().int().positive(),
  queue: ReviewQueue,
  status: CaseStatus,
  priority: z.number(),
  reasons: z.array(Reason),
  claimedBy: z.string().nullable(),
  claimExpiresAt: z.string().nullable(),
  decision: DecisionLabel.nullable(),
  outcome: Outcome.nullable(),
  flags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Case>;

export const Decision = z.object({
  caseId: z.number().int().positive(),
  label: DecisionLabel,
  reason: z.string().max(500).default(''),
  notes: z.string().max(10_000).default(''),
  decidedBy: z.string(),
  decidedAt: z.string().optional(),
});
export type Decision = z.infer<typeof Decision>;
