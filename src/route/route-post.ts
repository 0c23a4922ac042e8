// Pure routing: which review queues a scored post enters and with what priority, from the rules file.
import type { Reason, ReviewQueue } from '../contracts/common.js';
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import { DEFAULT_RULES, type RoutingRules } from './rules.js';

export interface RouteInput {
  post: Pick<Post, 'reach'>;
  features: Features;
  score: { probability: number; verdict: 'suspect' | 'clear'; uncertain: boolean; reasons: Reason[] };
  /** Set when the post's contact or campaign was already decided as scam or referred. */
  repeatOffender?: boolean;
  /** Extra priority on the probability scale (0–0.5) from earlier decisions on the campaign or its contacts. */
  repeatBoost?: number;
}

export interface RouteDecision {
  queues: ReviewQueue[];
  priority: number;
  flags: string[];
  reasons: Reason[];
}

export function holds(condition: string, input: RouteInput): boolean {
  const { features, score } = input;
  if (condition === 'suspect') return score.verdict === 'suspect';
  if (condition === 'uncertain') return score.uncertain;
  if (condition === 'repeat') return input.repeatOffender === true;
  const [kind, value = ''] = condition.split(/:|>=/);
  switch (kind) {
    case 'intent':
      return features.intent.label === value;
    case 'contact':
      return features.contacts.some((c) => c.kind === value);
    case 'flag':
      return features.flags.some((f) => f.code === value) || features.reasons.some((r) => r.code === value);
    case 'reason':
      return features.reasons.some((r) => r.code === value) || score.reasons.some((r) => r.code === value);
    case 'dest':
      return features.destinations.some((d) => d.kind === value);
    case 'prob':
      return score.probability >= Number(value);
    default:
      return false;
  }
}

function reachOf(post: Pick<Post, 'reach'>): number {
  return Math.max(post.reach.views ?? 0, post.reach.groupMembers ?? 0, post.reach.reactions ?? 0);
}

export function routePost(input: RouteInput, rules: RoutingRules = DEFAULT_RULES): RouteDecision {
  const queues: ReviewQueue[] = [];
  const reasons: Reason[] = [];
  for (const rule of rules.queues) {
    const all = rule.all.every((c) => holds(c, input));
    const any = rule.any.length === 0 || rule.any.some((c) => holds(c, input));
    if (all && any && !queues.includes(rule.queue)) {
      queues.push(rule.queue);
      reasons.push({ code: `ROUTE_${rule.queue.toUpperCase()}`, label: rule.why, spans: [] });
    }
  }
  const flags: string[] = [];
  const research = rules.researchOnly.any.some((c) => holds(c, input));
  if (research) flags.push('uncertain');
  if (input.repeatOffender) flags.push('repeat_offender');

  const w = rules.priority;
  const reach = reachOf(input.post);
  let priority = input.score.probability * w.probability;
  if (holds('dest:scam_hub', input)) priority += w.scamHubDestination;
  if (reach > 0) priority += Math.min(w.reachMax, Math.log10(reach + 1) * w.reachPerLog10);
  if (holds('flag:URGENT_DEPARTURE', input)) priority += w.urgentDeparture;
  if (input.repeatOffender) priority += w.repeatOffender + (input.repeatBoost ?? 0) * w.probability;
  if (research) priority += w.uncertainPenalty;
  return { queues, priority: Math.round(priority * 100) / 100, flags, reasons };
}
