// Campaign timeline buckets and their SVG.
import { describe, expect, it } from 'vitest';
import { campaignTimeline, renderTimelineSvg } from './timeline.js';

describe('campaignTimeline', () => {
  it('counts posts per day and platform, keeping empty days and skipping undated posts', () => {
    const buckets = campaignTimeline([
      { postedAt: '2026-08-01T10:00:00Z', platform: 'facebook' },
      { postedAt: '2026-08-01T23:59:00Z', platform: 'telegram' },
      { postedAt: '2026-08-03T00:00:00Z', platform: 'facebook' },
      { postedAt: null, platform: 'x' },
      { postedAt: 'soon', platform: 'x' },
    ]);
    expect(buckets).toEqual([
      { start: '2026-08-01', posts: 2, byPlatform: { facebook: 1, telegram: 1 } },
      { start: '2026-08-02', posts: 0, byPlatform: {} },
      { start: '2026-08-03', posts: 1, byPlatform: { facebook: 1 } },
    ]);
  });

  it('starts weeks on Monday and keeps only the newest buckets beyond the cap', () => {
    const weeks = campaignTimeline([{ postedAt: '2026-08-02T12:00:00Z', platform: 'x' }, { postedAt: '2026-08-03T12:00:00Z', platform: 'x' }], 'week');
    expect(weeks.map((w) => [w.start, w.posts])).toEqual([['2026-07-27', 1], ['2026-08-03', 1]]);
    const capped = campaignTimeline([{ postedAt: '2026-01-01T00:00:00Z', platform: 'x' }, { postedAt: '2026-01-10T00:00:00Z', platform: 'x' }], 'day', 3);
    expect(capped.map((b) => b.start)).toEqual(['2026-01-08', '2026-01-09', '2026-01-10']);
    expect(campaignTimeline([])).toEqual([]);
  });
});

describe('renderTimelineSvg', () => {
  it('draws one rect per non-empty platform-bucket plus the legend, and marks takedowns', () => {
    const buckets = campaignTimeline([
      { postedAt: '2026-08-01T10:00:00Z', platform: 'facebook' },
      { postedAt: '2026-08-01T11:00:00Z', platform: 'telegram' },
      { postedAt: '2026-08-05T11:00:00Z', platform: 'facebook' },
    ]);
    const svg = renderTimelineSvg(buckets, { takedowns: ['2026-08-03T00:00:00Z', 'bad date'] });
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg).toContain('2026-08-05');
    expect(renderTimelineSvg([])).toContain('</svg>');
  });
});
