// Reach is untrusted input, bounded only by JavaScript's safe integers. One post claiming more views than a
// 32-bit integer holds used to make the campaign index's catch-up query fail (an int cast), and with it every
// route job after it: a poison pill. On both engines the post is indexed and its campaign page lists it.
import { describe, expect, it } from 'vitest';
import { CampaignTracker } from '../../src/app/campaign-tracker.js';
import { PostInput } from '../../src/contracts/post.js';
import { extractFeatures } from '../../src/extract/index.js';
import { testDatabases } from '../helpers/databases.js';
import { useStore } from '../helpers/use-store.js';

const databases = await testDatabases();
const LURE = 'Loker admin online Kamboja gaji 20jt, tiket gratis. WA 0812-4545-9090';

describe.each(databases)('reach beyond 32 bits on $name', (database) => {
  const ctx = useStore(database);

  it('the campaign index takes the post in, routing goes on, and the campaign lists it with its reach', async () => {
    const posts = [
      PostInput.parse({ platform: 'telegram', externalId: 'viral/1', text: LURE, reach: { views: 5_000_000_000 } }),
      PostInput.parse({ platform: 'telegram', externalId: 'viral/2', text: `${LURE}!`, reach: { groupMembers: 9_007_199_254_740_991 } }),
    ];
    const { inserted } = await ctx.store.posts.insert(posts);
    await ctx.store.stages.saveFeatures(inserted.map((postId, i) => ({ postId, features: extractFeatures(posts[i]!.text) })), inserted);
    const tracker = new CampaignTracker(ctx.store);
    const repeats = await tracker.assess(await ctx.store.posts.get(inserted), new Map());
    expect([...repeats.values()].some((r) => r.repeat)).toBe(false);
    const campaign = await ctx.store.campaigns.campaignOfPost(inserted[0]!);
    expect(campaign).not.toBeNull();
    const members = await ctx.store.campaigns.members(campaign!);
    expect(members.map((m) => [m.postId, m.reach])).toEqual([
      [inserted[0], 5_000_000_000],
      [inserted[1], 9_007_199_254_740_991],
    ]);
  });
});
