// Seeds one reposted lure (four posts sharing a WhatsApp number in several groups and platforms) through
// the real repositories and the real CampaignTracker, which stores each post's campaign and signature.
import { CampaignTracker } from '../../../src/app/campaign-tracker.js';
import { PostInput } from '../../../src/contracts/post.js';
import type { Store } from '../../../src/store/store.js';
import { featuresFor } from '../../review/helpers/seed.js';

export const LURE = (i: number) =>
  `LOKER CS LUAR NEGERI penempatan Phnom Penh Kamboja, gaji $1${i}00 per bulan plus bonus, tiket pesawat dan mess gratis. ` +
  `Syarat usia 18-35, bisa mengetik, tanpa pengalaman, tanpa ijazah, berangkat minggu depan pakai visa turis. Minat chat WA +6281200009911 Kak Dewi` +
  (i === 2 ? ' <script>alert(1)</script> korban lapor ke 0813-5555-7777' : '');

export interface SeededCampaign {
  campaignId: number;
  postIds: number[];
  caseIds: number[];
  /** The Polri case flagged as repeat offender. */
  repeatCaseId: number;
}

export async function seedCampaign(store: Store, tag = String(Date.now())): Promise<SeededCampaign> {
  const platforms = ['facebook', 'facebook', 'telegram', 'facebook'];
  const inputs = platforms.map((platform, i) =>
    PostInput.parse({
      platform,
      externalId: `campaign/${tag}/${i}`,
      text: LURE(i),
      url: `https://example.test/${tag}/post/${i}`,
      source: `grup-loker-${String.fromCharCode(97 + i)}`,
      author: { name: 'Kak Dewi' },
      postedAt: `2026-08-0${i + 1}T10:00:00Z`,
      reach: { groupMembers: 1000 * (i + 1) },
    }),
  );
  const { idsByInput: postIds } = await store.posts.insert(inputs);
  await store.features.save(postIds.map((postId, i) => ({ postId, features: featuresFor(inputs[i]!.text) })));
  await store.scores.save(postIds.map((postId) => ({ postId, modelVersion: 'm1', probability: 0.9, threshold: 0.5, verdict: 'suspect', uncertain: false, reasons: [] })));
  const posts = await store.posts.get(postIds);
  await new CampaignTracker(store).assess(posts, new Map());
  const komdigi = await store.cases.create(postIds.map((postId) => ({ postId, queue: 'komdigi', priority: 0.8, reasons: [], flags: [] })));
  const [repeatCaseId] = await store.cases.create([{ postId: postIds[3]!, queue: 'polri', priority: 0.9, reasons: [], flags: ['repeat_offender'] }]);
  return { campaignId: Math.min(...postIds), postIds, caseIds: [...komdigi, repeatCaseId!], repeatCaseId: repeatCaseId! };
}
