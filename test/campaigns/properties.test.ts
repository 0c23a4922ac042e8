// Property-based tests of the campaign index: robustness on arbitrary input, partition invariants,
// order independence for well-separated clusters, and snapshot fidelity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CampaignIndex, type CampaignPostInput } from '../../src/campaigns/campaign-index.js';

// Any UTF-16 code unit, lone surrogates and control characters included (fast-check's 'binary' unit is far slower).
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const CONTACT_KINDS = ['phone', 'whatsapp', 'telegram', 'email', 'url', 'bank_account', 'handle', 'line', 'other'] as const;

const arbitraryPost = fc.record({
  // Raw code units (lone surrogates included), whole graphemes, and word soup that produces real near-duplicates.
  text: fc.oneof(
    fc.string({ unit: anyCodeUnit, maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.lorem({ maxCount: 60 }),
    fc.constantFrom('Lowongan CS di Bangkok, gaji 15 juta, tiket ditanggung, WA 0812-0000-1111, mess gratis tanpa pengalaman'),
  ),
  contacts: fc.array(fc.record({ kind: fc.constantFrom(...CONTACT_KINDS), value: fc.string({ unit: anyCodeUnit, maxLength: 20 }) }), { maxLength: 3 }),
  author: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  source: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  platform: fc.string({ minLength: 1, maxLength: 8 }),
  postedAt: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 12 })), { nil: undefined }),
  reach: fc.option(fc.oneof(fc.double(), fc.nat()), { nil: undefined }),
});

/** Every post id in exactly one campaign, and each campaign named by its smallest member. */
function expectPartition(index: CampaignIndex, ids: number[]): void {
  const seen = new Map<number, number>();
  for (const campaignId of new Set(ids.map((id) => index.campaignOf(id)!))) {
    const members = index.members(campaignId);
    expect(members.length).toBeGreaterThan(0);
    expect(campaignId).toBe(Math.min(...members));
    expect(index.summary(campaignId)!.posts).toBe(members.length);
    for (const m of members) {
      expect(seen.has(m)).toBe(false);
      seen.set(m, campaignId);
    }
  }
  expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
}

describe('CampaignIndex properties', () => {
  it('never throws on arbitrary Unicode, contacts and metadata, and keeps a partition', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPost, { minLength: 1, maxLength: 25 }), (posts) => {
        const index = new CampaignIndex();
        const ids = posts.map((_, i) => i + 1);
        posts.forEach((p, i) => {
          const result = index.add({ id: i + 1, ...p });
          expect(result.campaignId).toBe(index.campaignOf(i + 1));
        });
        expectPartition(index, ids);
        for (const id of ids) {
          index.relatedPosts(id);
          index.graph(index.campaignOf(id)!);
        }
      }),
      { numRuns: 60 },
    );
  });

  // Clusters of random words (no shared vocabulary) reposted with one word changed: every repost is far
  // above the similarity threshold and every pair of clusters far below it.
  const wellSeparated = fc
    .array(
      fc.record({
        words: fc.array(fc.stringMatching(/^[a-z]{5,9}$/), { minLength: 30, maxLength: 45 }),
        copies: fc.integer({ min: 1, max: 4 }),
        contact: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .chain((clusters) => {
      const posts: Array<Omit<CampaignPostInput, 'id'> & { cluster: number }> = [];
      clusters.forEach((c, ci) => {
        for (let k = 0; k < c.copies; k++) {
          const words = [...c.words];
          words[(k * 7) % words.length] = `edit${k}x`;
          posts.push({
            cluster: ci,
            text: words.join(' '),
            platform: 'facebook',
            contacts: c.contact === undefined ? [] : [{ kind: 'whatsapp', value: `+62812000000${c.contact}` }],
          });
        }
      });
      return fc.tuple(fc.constant(posts), fc.shuffledSubarray(posts.map((_, i) => i), { minLength: posts.length, maxLength: posts.length }));
    });

  it('yields the same partition and campaign ids whatever the arrival order, for well-separated clusters', () => {
    fc.assert(
      fc.property(wellSeparated, ([posts, order]) => {
        const inOrder = new CampaignIndex();
        posts.forEach((p, i) => inOrder.add({ ...p, id: i + 1 }));
        const shuffled = new CampaignIndex();
        for (const i of order) shuffled.add({ ...posts[i]!, id: i + 1 });
        for (let i = 0; i < posts.length; i++) expect(shuffled.campaignOf(i + 1)).toBe(inOrder.campaignOf(i + 1));
        // Posts of one generated cluster always end up together (contacts may join clusters on top).
        for (let i = 0; i < posts.length; i++) {
          for (let j = 0; j < posts.length; j++) {
            if (posts[i]!.cluster === posts[j]!.cluster) expect(inOrder.campaignOf(i + 1)).toBe(inOrder.campaignOf(j + 1));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('restores a snapshot that gives identical answers', () => {
    fc.assert(
      fc.property(wellSeparated, fc.array(arbitraryPost, { maxLength: 8 }), ([posts], noise) => {
        const index = new CampaignIndex();
        const all = [...posts, ...noise];
        all.forEach((p, i) => index.add({ ...p, id: 1000 - i }));
        const restored = CampaignIndex.restore(index.snapshot());
        expect(restored.size).toBe(index.size);
        for (let i = 0; i < all.length; i++) {
          const id = 1000 - i;
          expect(restored.campaignOf(id)).toBe(index.campaignOf(id));
          expect(restored.relatedPosts(id)).toEqual(index.relatedPosts(id));
          expect(restored.summary(index.campaignOf(id)!)).toEqual(index.summary(index.campaignOf(id)!));
          expect(restored.graph(index.campaignOf(id)!)).toEqual(index.graph(index.campaignOf(id)!));
        }
      }),
      { numRuns: 40 },
    );
  });
});
