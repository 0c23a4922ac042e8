// When to re-check a referred post's URL: often right after the referral, when takedowns happen, then
// daily, stopping once it is gone or after a month. Pure: the caller supplies the clock and the history.

/** Delays after the referral, in hours, for the first checks; then every `dailyAfter` hours until `giveUpAfterDays`. */
export const RECHECK_PLAN = {
  earlyHours: [1, 6, 24, 48],
  dailyAfter: 24,
  giveUpAfterDays: 30,
} as const;

const HOUR = 3_600_000;

/**
 * The next time to check, or null when no more checks are due: the post was found removed, or the plan ran
 * out. `checks` are the times of checks already made (any order). A check that is overdue is due now.
 */
export function nextRecheckAt(referredAt: string, checks: readonly { checkedAt: string; status: 'up' | 'removed' }[], now: string): string | null {
  const referred = Date.parse(referredAt);
  const current = Date.parse(now);
  if (Number.isNaN(referred) || Number.isNaN(current)) return null;
  if (checks.some((c) => c.status === 'removed')) return null;
  const last = checks.reduce((max, c) => {
    const t = Date.parse(c.checkedAt);
    return Number.isNaN(t) ? max : Math.max(max, t);
  }, referred);
  const end = referred + RECHECK_PLAN.giveUpAfterDays * 24 * HOUR;
  let due = Number.POSITIVE_INFINITY;
  for (const hours of RECHECK_PLAN.earlyHours) {
    const t = referred + hours * HOUR;
    if (t > last) {
      due = t;
      break;
    }
  }
  if (!Number.isFinite(due)) due = last + RECHECK_PLAN.dailyAfter * HOUR;
  if (due > end) return null;
  return new Date(Math.max(due, current)).toISOString();
}
