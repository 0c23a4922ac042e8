// Takedown statistics per platform and their bar charts.
import { describe, expect, it } from 'vitest';
import { aggregateTakedowns, quantile, renderTakedownChartSvg, type TakedownObservation } from './takedown-stats.js';

const ref = '2026-09-01T00:00:00Z';
const at = (hours: number) => new Date(Date.parse(ref) + hours * 3_600_000).toISOString();
const obs = (postId: number, platform: string, hours: number, status: 'up' | 'removed'): TakedownObservation => ({
  postId, platform, referredAt: ref, checkedAt: at(hours), status,
});

describe('aggregateTakedowns', () => {
  const observations: TakedownObservation[] = [
    obs(1, 'facebook', 6, 'up'), obs(1, 'facebook', 12, 'removed'), obs(1, 'facebook', 18, 'removed'),
    obs(2, 'facebook', 6, 'up'), obs(2, 'facebook', 24, 'up'), obs(2, 'facebook', 48, 'removed'),
    obs(3, 'facebook', 6, 'up'), obs(3, 'facebook', 72, 'up'),
    obs(4, 'telegram', 2, 'removed'), obs(4, 'telegram', 30, 'up'),
    { ...obs(5, 'x', 1, 'removed'), checkedAt: 'not a date' },
  ];

  it('dates a takedown by the first check that found the post gone, per platform', () => {
    const stats = aggregateTakedowns(observations, [{ postId: 1, repostedAt: at(20) }, { postId: 2, repostedAt: at(40) }, { postId: 4, repostedAt: at(3) }]);
    expect(stats).toEqual([
      { platform: 'facebook', referred: 3, removed: 2, stillUp: 1, medianHours: 30, p90Hours: 44.4, repostedAfterTakedown: 1, repostRate: 0.5 },
      { platform: 'telegram', referred: 1, removed: 1, stillUp: 0, medianHours: 2, p90Hours: 2, repostedAfterTakedown: 1, repostRate: 1 },
    ]);
  });

  it('has no rates or times for a platform where nothing was removed yet', () => {
    expect(aggregateTakedowns([obs(9, 'tiktok', 5, 'up')])).toEqual([
      { platform: 'tiktok', referred: 1, removed: 0, stillUp: 1, medianHours: null, p90Hours: null, repostedAfterTakedown: 0, repostRate: null },
    ]);
  });
});

describe('quantile', () => {
  it('interpolates between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.9)).toBe(10);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('renderTakedownChartSvg', () => {
  it('draws one bar per platform with a removal, a note where there is none, and escapes names', () => {
    const stats = aggregateTakedowns([obs(1, 'facebook', 12, 'removed'), obs(2, '<b>site</b>', 3, 'up')]);
    const time = renderTakedownChartSvg(stats, 'time');
    expect(time.match(/height="16"/g)).toHaveLength(1);
    expect(time).toContain('12 j/h (n=1/1)');
    expect(time).toContain('&lt;b&gt;site&lt;/b&gt;');
    expect(time).toContain('none removed yet');
    const repost = renderTakedownChartSvg(stats, 'repost');
    expect(repost).toContain('0% (0/1)');
    expect(renderTakedownChartSvg(stats, 'time')).toBe(time);
  });
});
