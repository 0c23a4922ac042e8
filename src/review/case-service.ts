// Case actions shared by the console and the API: validated commands in, one atomic transition and
// one audit entry out. Roles are checked before this (the access table); here the lease and state rule.
import { z } from 'zod';
import { DecisionLabel, Outcome } from '../contracts/case.js';
import { ReviewQueue } from '../contracts/common.js';
import type { ActionResult } from '../store/case-actions.js';
import type { Store } from '../store/store.js';
import type { Principal } from './principal.js';
import { seesPersonalData } from './roles.js';

const Text = (max: number) => z.string().max(max).default('');

export const CaseCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('claim') }),
  z.object({ action: z.literal('release') }),
  z.object({ action: z.literal('decide'), label: DecisionLabel, reason: Text(500), notes: Text(10_000) }),
  z.object({ action: z.literal('review'), label: DecisionLabel, reason: Text(500), notes: Text(10_000) }),
  z.object({ action: z.literal('refer') }),
  z.object({ action: z.literal('outcome'), outcome: Outcome }),
  z.object({ action: z.literal('reroute'), queue: ReviewQueue, reason: Text(500) }),
  z.object({ action: z.literal('reopen'), reason: Text(500) }),
  z.object({ action: z.literal('close') }),
]);
export type CaseCommand = z.infer<typeof CaseCommand>;
export type CaseActionName = CaseCommand['action'];

export async function runCaseAction(store: Store, leaseMinutes: number, who: Principal, caseId: number, command: CaseCommand): Promise<ActionResult> {
  const a = store.caseActions;
  const actor = who.username;
  let result: ActionResult;
  switch (command.action) {
    case 'claim':
      result = await a.claim(caseId, actor, leaseMinutes);
      break;
    case 'release':
      // Supervisors may free a case an absent analyst still holds.
      result = await a.release(caseId, actor, seesPersonalData(who.role));
      break;
    case 'decide':
      result = await a.decide(caseId, actor, command.label, command.reason, command.notes);
      break;
    case 'review':
      result = await a.review(caseId, actor, command.label, command.reason, command.notes);
      break;
    case 'refer':
      result = await a.refer(caseId, actor);
      break;
    case 'outcome':
      result = await a.setOutcome(caseId, actor, command.outcome);
      break;
    case 'reroute':
      result = await a.reroute(caseId, actor, command.queue, command.reason);
      break;
    case 'reopen':
      result = await a.reopen(caseId, actor, command.reason);
      break;
    case 'close':
      result = await a.close(caseId, actor);
      break;
  }
  if (result.ok) {
    const { action, ...data } = command;
    await store.audit.append({ actor, action: `case.${action}`, subject: `case:${caseId}`, data });
  }
  return result;
}
