// Routing rules kept as data: which queues a suspect post enters and how its priority is built.
import { describe, expect, it } from 'vitest';
import { handleRoute } from '../../src/route/handle-route.js';
import { routePost, type RouteInput } from '../../src/route/route-post.js';
import type { Post } from '../../src/contracts/post.js';
import type { Score } from '../../src/contracts/score.js';
import type { NewCase } from '../../src/store/cases.js';
import { featuresFor } from './helpers/seed.js';

const suspect = { probability: 0.9, verdict: 'suspect' as const, uncertain: false, reasons: [] };
const input = (text: string, extra: Partial<RouteInput> = {}): RouteInput => ({ post: { reach: {} }, features: featuresFor(text), score: suspect, ...extra });

describe('routePost', () => {
  it('sends recruiting content without a lead to Komdigi only', () => {
    expect(routePost(input('Loker admin gaji besar, DM saja')).queues).toEqual(['komdigi']);
  });

  it('adds Polri when there is a recruiter contact or a scam-hub destination', () => {
    expect(routePost(input('Loker admin WA +6281234567890')).queues).toEqual(['komdigi', 'polri']);
    expect(routePost(input('Loker admin di Kamboja')).queues).toEqual(['komdigi', 'polri']);
  });

  it('routes warnings and clear posts nowhere', () => {
    const warning = featuresFor('Hati-hati loker Kamboja WA +6281234567890', { intent: { label: 'warning', confidence: 0.9 } });
    expect(routePost({ post: { reach: {} }, features: warning, score: suspect }).queues).toEqual([]);
    expect(routePost(input('Loker admin WA +6281234567890', { score: { ...suspect, verdict: 'clear', probability: 0.1 } })).queues).toEqual([]);
  });

  it('raises priority with reach, urgent departure and repeat offenders; lowers it for research-only cases', () => {
    const base = routePost(input('Loker admin')).priority;
    expect(routePost(input('Loker admin', { post: { reach: { groupMembers: 50_000 } } })).priority).toBeGreaterThan(base);
    const urgent = featuresFor('Loker admin berangkat minggu ini', { flags: [{ code: 'URGENT_DEPARTURE', spans: [] }] });
    expect(routePost({ post: { reach: {} }, features: urgent, score: suspect }).priority).toBeGreaterThan(base);
    const repeat = routePost(input('Loker admin', { repeatOffender: true }));
    expect(repeat.priority).toBeGreaterThan(base);
    expect(repeat.flags).toContain('repeat_offender');
    expect(repeat.queues).toContain('polri');
    const unsure = routePost(input('Loker admin', { score: { ...suspect, uncertain: true } }));
    expect(unsure.priority).toBeLessThan(base);
    expect(unsure.flags).toContain('uncertain');
  });
});

describe('handleRoute', () => {
  it('creates one case per queue for suspects and marks every post routed', async () => {
    const posts: Post[] = [1, 2].map((id) => ({ id, dedupeKey: `k${id}`, platform: 'telegram', externalId: null, url: null, author: null, text: id === 1 ? 'Loker WA +6281234567890' : 'Info cuaca', postedAt: null, collectedAt: '', source: null, media: [], reach: {}, notes: [] }));
    const scores = new Map<number, Score>([
      [1, { postId: 1, modelVersion: 'm', probability: 0.9, threshold: 0.5, verdict: 'suspect', uncertain: false, reasons: [] }],
      [2, { postId: 2, modelVersion: 'm', probability: 0.1, threshold: 0.5, verdict: 'clear', uncertain: false, reasons: [] }],
    ]);
    const created: NewCase[] = [];
    const routed: number[] = [];
    const result = await handleRoute({ postIds: [1, 2] }, {
      getPosts: async () => posts,
      getFeatures: async () => new Map(posts.map((p) => [p.id, featuresFor(p.text)])),
      getScores: async () => scores,
      createCases: async (c) => {
        created.push(...c);
        return c.map((_, i) => i + 1);
      },
      markRouted: async (ids) => {
        routed.push(...ids);
      },
    });
    expect(result).toEqual({ cases: 2, routed: 2 });
    expect(created.map((c) => [c.postId, c.queue])).toEqual([[1, 'komdigi'], [1, 'polri']]);
    expect(routed).toEqual([1, 2]);
  });
});
