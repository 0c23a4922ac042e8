// The case state machine as data: for each action, the statuses it starts from and the status it
// leads to. The repository turns these into the WHERE clause of one atomic UPDATE.
import type { CaseStatus, Outcome } from '../contracts/case.js';

export type CaseAction = 'claim' | 'release' | 'decide' | 'review' | 'reopen' | 'refer' | 'outcome' | 'close' | 'reroute';

export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
}

export const TRANSITIONS: Record<Exclude<CaseAction, 'outcome'>, Transition> = {
  // Claiming a claimed case only succeeds for its holder (a renewal) or when the lease has expired.
  claim: { from: ['open', 'claimed'], to: 'claimed' },
  release: { from: ['claimed'], to: 'open' },
  // Deciding needs no prior claim, but never overrides another analyst's live lease.
  decide: { from: ['open', 'claimed'], to: 'decided' },
  review: { from: ['decided'], to: 'decided' },
  reopen: { from: ['decided', 'referred', 'closed'], to: 'open' },
  // Only a case decided as scam is referred to an agency.
  refer: { from: ['decided'], to: 'referred' },
  close: { from: ['decided', 'referred'], to: 'closed' },
  reroute: { from: ['open', 'claimed', 'decided'], to: 'open' },
};

/** A takedown ends the case; "still up" and "under investigation" keep it referred for follow-up. */
export function outcomeTransition(outcome: Outcome): Transition {
  return { from: ['referred'], to: outcome === 'taken_down' ? 'closed' : 'referred' };
}

export function transitionFor(action: CaseAction, outcome?: Outcome): Transition {
  if (action === 'outcome') return outcomeTransition(outcome ?? 'still_up');
  return TRANSITIONS[action];
}
