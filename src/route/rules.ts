// The routing rules file, validated: a broken edit fails at start-up with a clear message.
import { z } from 'zod';
import { Bilingual, ReviewQueue } from '../contracts/common.js';
import rawRules from './routing-rules.json' with { type: 'json' };

const Condition = z.string().regex(/^(suspect|uncertain|repeat|intent:\w+|contact:\w+|flag:\w+|reason:\w+|dest:\w+|prob>=[0-9.]+)$/, 'unknown condition');

export const RoutingRules = z.object({
  version: z.string(),
  about: z.string().optional(),
  queues: z.array(z.object({ queue: ReviewQueue, why: Bilingual, all: z.array(Condition).default([]), any: z.array(Condition).default([]) })),
  researchOnly: z.object({ why: Bilingual, any: z.array(Condition) }),
  priority: z.object({
    probability: z.number(),
    scamHubDestination: z.number(),
    reachPerLog10: z.number(),
    reachMax: z.number(),
    urgentDeparture: z.number(),
    repeatOffender: z.number(),
    uncertainPenalty: z.number(),
  }),
});
export type RoutingRules = z.infer<typeof RoutingRules>;

export const DEFAULT_RULES: RoutingRules = RoutingRules.parse(rawRules);
