// Re-check schedule of referred posts.
import { describe, expect, it } from 'vitest';
import { nextRecheckAt } from './recheck-schedule.js';

const referred = '2026-09-01T00:00:00.000Z';
const h = (hours: number) => new Date(Date.parse(referred) + hours * 3_600_000).toISOString();

describe('nextRecheckAt', () => {
  it('checks after 1 h, 6 h, 24 h and 48 h, then daily after the last check', () => {
    expect(nextRecheckAt(referred, [], h(0))).toBe(h(1));
    expect(nextRecheckAt(referred, [{ checkedAt: h(1), status: 'up' }], h(1))).toBe(h(6));
    expect(nextRecheckAt(referred, [{ checkedAt: h(6), status: 'up' }, { checkedAt: h(1), status: 'up' }], h(6))).toBe(h(24));
    expect(nextRecheckAt(referred, [{ checkedAt: h(50), status: 'up' }], h(50))).toBe(h(74));
  });

  it('is due now when a check is overdue', () => {
    expect(nextRecheckAt(referred, [], h(10))).toBe(h(10));
  });

  it('stops once the post is removed or after 30 days, and on unreadable dates', () => {
    expect(nextRecheckAt(referred, [{ checkedAt: h(6), status: 'removed' }], h(7))).toBeNull();
    expect(nextRecheckAt(referred, [{ checkedAt: h(30 * 24 - 1), status: 'up' }], h(30 * 24))).toBeNull();
    expect(nextRecheckAt('yesterday', [], h(0))).toBeNull();
  });
});
