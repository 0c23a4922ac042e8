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
      markRouted: async (ids, _campaigns) => {
        routed.push(...ids);
      },
    });
    expect(result).toEqual({ cases: 2, routed: 2 });
    expect(created.map((c) => [c.postId, c.queue])).toEqual([[1, 'komdigi'], [1, 'polri']]);
    expect(routed).toEqual([1, 2]);
  });

  it('routes the posts in hand without reading them, reads only the rest, and stores campaigns with the move to routed', async () => {
    const post = (id: number, text: string): Post => ({ id, dedupeKey: `k${id}`, platform: 'telegram', externalId: null, url: null, author: null, text, postedAt: null, collectedAt: '', source: null, media: [], reach: {}, notes: [] });
    const score = (id: number, verdict: 'suspect' | 'clear'): Score => ({ postId: id, modelVersion: 'm', probability: verdict === 'suspect' ? 0.9 : 0.1, threshold: 0.5, verdict, uncertain: false, reasons: [] });
    const held = [post(1, 'Loker WA +6281234567890'), post(2, 'Info cuaca')];
    const loaded: number[][] = [];
    const routed: Array<[number[], Array<[number, number]>]> = [];
    const result = await handleRoute(
      {
        postIds: [1, 2, 3],
        inHand: { posts: held, features: new Map(held.map((p) => [p.id, featuresFor(p.text)])), scores: new Map([[1, score(1, 'suspect')], [2, score(2, 'clear')]]) },
      },
      {
        load: async (ids) => {
          loaded.push(ids);
          const p3 = post(3, 'Loker Kamboja WA +6289876543210');
          return { posts: [p3], features: new Map([[3, featuresFor(p3.text)]]), scores: new Map([[3, score(3, 'suspect')]]), unscored: [] };
        },
        getPosts: async () => [],
        getFeatures: async () => new Map(),
        getScores: async () => new Map(),
        assessRepeat: async (posts) => ({ repeats: new Map(), campaigns: new Map(posts.map((p) => [p.id, 1])) }),
        createCases: async (c) => c.map((_, i) => i + 1),
        markRouted: async (ids, campaigns) => {
          routed.push([ids, [...campaigns]]);
        },
      },
    );
    expect(loaded).toEqual([[3]]);
    expect(result).toEqual({ cases: 4, routed: 3 });
    expect(routed).toEqual([[[1, 2, 3], [[1, 1], [2, 1], [3, 1]]]]);
  });
});
