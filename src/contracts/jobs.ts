// Every job's payload, tied to its job name. Old jobs outlive deploys, so workers parse payloads as unknown.
import { z } from 'zod';

/** Stages of the pipeline, in order. Each has one queue. */
export const Stage = z.enum(['collect', 'extract', 'score', 'route']);
export type Stage = z.infer<typeof Stage>;

const PostIds = z.array(z.number().int().positive()).min(1).max(10_000);

export const CollectPayload = z.object({
  sourceId: z.number().int().positive(),
  trigger: z.enum(['schedule', 'manual']).default('schedule'),
});
export const ExtractPayload = z.object({ postIds: PostIds });
export const ScorePayload = z.object({ postIds: PostIds });
export const RoutePayload = z.object({ postIds: PostIds });

/** Job names, each bound to its stage and payload schema. */
export const JobCatalog = {
  'collect-source': { stage: 'collect', payload: CollectPayload },
  'extract-posts': { stage: 'extract', payload: ExtractPayload },
  'score-posts': { stage: 'score', payload: ScorePayload },
  'route-posts': { stage: 'route', payload: RoutePayload },
} as const satisfies Record<string, { stage: Stage; payload: z.ZodType }>;

export type JobName = keyof typeof JobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof JobCatalog)[N]['payload']>;

export const Jobs = {
  CollectSource: 'collect-source',
  ExtractPosts: 'extract-posts',
  ScorePosts: 'score-posts',
  RoutePosts: 'route-posts',
} as const satisfies Record<string, JobName>;
