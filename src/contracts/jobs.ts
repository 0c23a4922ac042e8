// Every job's payload, tied to its job name. Old jobs outlive deploys, so workers parse payloads as unknown.
import { z } from 'zod';

/**
 * Stages of the pipeline, in order, then side queues off the post path (campaign intelligence):
 * `notify` calls the repeat-offender webhook, `takedown` re-checks referred posts. Each has one queue.
 */
export const Stage = z.enum(['collect', 'extract', 'score', 'route', 'notify', 'takedown']);
export type Stage = z.infer<typeof Stage>;

const PostIds = z.array(z.number().int().positive()).min(1).max(10_000);

export const CollectPayload = z.object({
  sourceId: z.number().int().positive(),
  trigger: z.enum(['schedule', 'manual']).default('schedule'),
});
export const ExtractPayload = z.object({ postIds: PostIds });
export const ScorePayload = z.object({ postIds: PostIds });
export const RoutePayload = z.object({ postIds: PostIds });
/** A routed post found to be a repeat offender; its cases flagged `repeat_offender` are announced. */
export const NotifyRepeatOffenderPayload = z.object({ postId: z.number().int().positive() });
/** One pass over referred posts: enrol new ones, re-check those due. */
export const RecheckTakedownsPayload = z.object({ trigger: z.enum(['schedule', 'manual']).default('schedule') });

/** Job names, each bound to its stage and payload schema. */
export const JobCatalog = {
  'collect-source': { stage: 'collect', payload: CollectPayload },
  'extract-posts': { stage: 'extract', payload: ExtractPayload },
  'score-posts': { stage: 'score', payload: ScorePayload },
  'route-posts': { stage: 'route', payload: RoutePayload },
  'notify-repeat-offender': { stage: 'notify', payload: NotifyRepeatOffenderPayload },
  'recheck-takedowns': { stage: 'takedown', payload: RecheckTakedownsPayload },
} as const satisfies Record<string, { stage: Stage; payload: z.ZodType }>;

export type JobName = keyof typeof JobCatalog;
export type JobPayload<N extends JobName> = z.infer<(typeof JobCatalog)[N]['payload']>;

export const Jobs = {
  CollectSource: 'collect-source',
  ExtractPosts: 'extract-posts',
  ScorePosts: 'score-posts',
  RoutePosts: 'route-posts',
  NotifyRepeatOffender: 'notify-repeat-offender',
  RecheckTakedowns: 'recheck-takedowns',
} as const satisfies Record<string, JobName>;
