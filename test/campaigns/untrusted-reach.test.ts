// Reach is untrusted input, bounded only by JavaScript's safe integers. One post claiming more views than a
// 32-bit integer holds used to make the campaign index's catch-up query fail (an int cast), and with it every
// route job after it: a poison pill. On both engines the post is indexed and its campaign page lists it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignTracker } from '../../src/app/campaign-tracker.js';
import { PostInput } from '../../src/contracts/post.js';
import { extractFeatures } from '../../src/extract/index.js';
import { Store } from '../../src/store/store.js';
import { testDatabases } from '../helpers/databases.js';

const databases = await testDatabases();
const LURE = 'Loker admin online Kamboja gaji 20jt, tiket gratis. WA 0812-4545-9090';

describe.each(databases)('reach beyond 32 bits on $name', (database) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    store = new Store(opened.db);
    drop = opened.drop;
  });
  afterAll(async () => drop());

  it('the campaign index takes the post in, routing goes on, and the campaign lists it with its reach', async () => {
    const posts = [
      PostInput.parse({ platform: 'telegram', externalId: 'viral/1', text: LURE, reach: { views: 5_000_000_000 } }),
      PostInput.parse({ platform: 'telegram', externalId: 'viral/2', text: `${LURE}!`, reach: { groupMembers: 9_007_199_254_740_991 } }),
    ];
    const { inserted } = await store.posts.insert(posts);
    await store.stages.saveFeatures(inserted.map((postId, i) => ({ postId, features: extractFeatures(posts[i]!.text) })), inserted);
    const tracker = new CampaignTracker(store);
    const repeats = await tracker.assess(await store.posts.get(inserted), new Map());
    expect([...repeats.values()].some((r) => r.repeat)).toBe(false);
    const campaign = await store.campaigns.campaignOfPost(inserted[0]!);
    expect(campaign).not.toBeNull();
    const members = await store.campaigns.members(campaign!);
    expect(members.map((m) => [m.postId, m.reach])).toEqual([
      [inserted[0], 5_000_000_000],
      [inserted[1], 9_007_199_254_740_991],
    ]);
  });
});
