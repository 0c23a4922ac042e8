// Campaign engine: joining by near-duplicate text and shared contacts, id stability, summaries, related posts, graph, snapshots.
import { describe, expect, it } from 'vitest';
import { CampaignIndex, type CampaignPostInput } from './campaign-index.js';
import { signatureOf } from './signature.js';
import { SnapshotFormatError } from './snapshot-format.js';

const LURE_A = `LOWONGAN CUSTOMER SERVICE ONLINE di Bangkok, Thailand.
Gaji 15 juta/bulan + bonus, tiket pesawat, visa dan mess ditanggung perusahaan.
Tanpa pengalaman, minimal SMA, bisa mengetik. Kuota terbatas, segera daftar!`;
const LURE_B = `Dibutuhkan admin media sosial untuk perusahaan investasi di Phnom Penh, Kamboja.
Syarat usia 18-35 tahun, bisa main HP dan komputer, siap berangkat minggu ini.
Makan tiga kali sehari dan tempat tinggal gratis, gaji dibayar tiap bulan.`;
const OTHER = `Toko kue di Yogyakarta butuh karyawan bagian produksi dan pengemasan.
Gaji dua setengah juta, makan siang gratis, libur seminggu sekali, lamaran diantar ke toko.`;

function post(id: number, text: string, extra: Partial<CampaignPostInput> = {}): CampaignPostInput {
  return { id, text, contacts: [], platform: 'facebook', ...extra };
}

describe('CampaignIndex', () => {
  it('puts a reposted lure into the first post\'s campaign and reports the near-duplicate', () => {
    const index = new CampaignIndex();
    expect(index.add(post(10, LURE_A))).toEqual({ campaignId: 10, nearDuplicates: [], mergedCampaigns: [] });
    expect(index.add(post(11, OTHER)).campaignId).toBe(11);
    const repost = index.add(post(12, `🔥🔥 ${LURE_A.replace('15 juta', '18 juta').replace('Bangkok', 'B4ngkok')} #lokerthailand`));
    expect(repost).toEqual({ campaignId: 10, nearDuplicates: [10], mergedCampaigns: [] });
    expect(index.members(10)).toEqual([10, 12]);
    expect(index.members(11)).toEqual([11]);
    expect(index.members(12)).toEqual([]); // 12 is a post, not a campaign id
  });

  it('merges campaigns through a shared contact however the number is written, the older id surviving', () => {
    const index = new CampaignIndex();
    index.add(post(1, LURE_A, { contacts: [{ kind: 'whatsapp', value: '+6281200001111' }] }));
    index.add(post(2, LURE_B, { contacts: [{ kind: 'telegram', value: '@kh_admin' }] }));
    index.add(post(3, OTHER, { contacts: [{ kind: 'email', value: 'hr@example.org' }] }));
    const bridge = index.add(post(4, 'Info kerja, hubungi sekarang juga ya kak, cepat sebelum penuh', {
      contacts: [{ kind: 'phone', value: '0812-0000-1111' }, { kind: 'telegram', value: 'KH_Admin' }],
    }));
    expect(bridge).toEqual({ campaignId: 1, nearDuplicates: [], mergedCampaigns: [2] });
    expect(index.members(1)).toEqual([1, 2, 4]);
    expect(index.campaignOf(2)).toBe(1);
    expect(index.campaignOf(3)).toBe(3);
    expect(index.summary(2)).toBeUndefined();
    expect(index.postsWithContact('whatsapp', '081200001111')).toEqual([1, 4]);
  });

  it('does not merge on an official site that warnings and spoofed ads both cite', () => {
    const index = new CampaignIndex();
    index.add(post(1, LURE_A, { contacts: [{ kind: 'url', value: 'https://bp2mi.go.id' }] }));
    index.add(post(2, OTHER, { contacts: [{ kind: 'url', value: 'https://bp2mi.go.id' }] }));
    expect(index.campaignOf(2)).toBe(2);
    expect(index.relatedPosts(1)).toEqual([]);
  });

  it('renames a campaign when a post with a smaller id joins it (backfill) and says so', () => {
    const index = new CampaignIndex();
    index.add(post(50, LURE_A));
    const backfilled = index.add(post(7, LURE_A));
    expect(backfilled).toEqual({ campaignId: 7, nearDuplicates: [50], mergedCampaigns: [50] });
    expect(index.campaignOf(50)).toBe(7);
  });

  it('ignores a second add of the same post id', () => {
    const index = new CampaignIndex();
    index.add(post(1, LURE_A, { reach: 100 }));
    expect(index.add(post(1, LURE_B, { reach: 100 }))).toEqual({ campaignId: 1, nearDuplicates: [], mergedCampaigns: [] });
    expect(index.size).toBe(1);
    expect(index.summary(1)!.reach).toBe(100);
  });

  it('summarises a campaign: dates, platforms, groups, authors, contacts, reach', () => {
    const index = new CampaignIndex();
    index.add(post(1, LURE_A, { platform: 'facebook', source: 'Loker Medan', author: 'rina', postedAt: '2026-08-03T10:00:00Z', reach: 1200, contacts: [{ kind: 'whatsapp', value: '+6281200001111' }] }));
    index.add(post(2, LURE_A, { platform: 'telegram', source: 'Kerja Luar Negeri', author: 'rina', postedAt: '2026-09-20T10:00:00Z', reach: 300, contacts: [{ kind: 'phone', value: '+6281200001111' }] }));
    index.add(post(3, LURE_A, { platform: 'facebook', source: 'Loker Medan', postedAt: '2026-08-01T08:00:00Z' }));
    expect(index.summary(1)).toEqual({
      campaignId: 1,
      posts: 3,
      firstSeen: '2026-08-01T08:00:00.000Z',
      lastSeen: '2026-09-20T10:00:00.000Z',
      reach: 1500,
      platforms: [{ platform: 'facebook', posts: 2 }, { platform: 'telegram', posts: 1 }],
      sources: [{ source: 'Loker Medan', posts: 2 }, { source: 'Kerja Luar Negeri', posts: 1 }],
      authors: [{ author: 'rina', posts: 2 }],
      contacts: [{ kind: 'whatsapp', value: '+6281200001111', posts: 2 }],
    });
    expect(index.postsAfter(1, '2026-08-02T00:00:00Z')).toEqual([1, 2]);
    expect(index.campaigns()).toEqual([1]);
  });

  it('lists related posts by text and by contact, across campaigns', () => {
    const index = new CampaignIndex();
    index.add(post(1, LURE_A, { contacts: [{ kind: 'whatsapp', value: '+6281200001111' }] }));
    index.add(post(2, LURE_A));
    index.add(post(3, OTHER));
    const related = index.relatedPosts(1);
    expect(related.map((r) => r.postId)).toEqual([2]);
    expect(related[0]!.similarity).toBeGreaterThan(0.9);
    index.add(post(4, LURE_B, { contacts: [{ kind: 'phone', value: '081200001111' }] }));
    const withContact = index.relatedPosts(1);
    expect(withContact.map((r) => r.postId)).toEqual([2, 4]);
    expect(withContact[1]).toEqual({ postId: 4, campaignId: 1, similarity: null, sharedContacts: [{ kind: 'whatsapp', value: '+6281200001111' }] });
    expect(index.relatedPosts(999)).toEqual([]);
  });

  it('only merges on a shared author when asked to', () => {
    const plain = new CampaignIndex();
    const byAuthor = new CampaignIndex({ mergeOnAuthor: true });
    for (const index of [plain, byAuthor]) {
      index.add(post(1, LURE_A, { author: 'acc-9' }));
      index.add(post(2, LURE_B, { author: 'acc-9' }));
    }
    expect(plain.campaignOf(2)).toBe(2);
    expect(byAuthor.campaignOf(2)).toBe(1);
  });

  it('answers the same with room allocated up front, and grows past it', () => {
    const grown = new CampaignIndex();
    const reserved = new CampaignIndex({ capacity: 2 });
    for (const index of [grown, reserved]) {
      index.add(post(1, LURE_A, { contacts: [{ kind: 'whatsapp', value: '+6281200001111' }] }));
      index.add(post(2, LURE_B));
      index.add(post(3, LURE_A));
      index.add(post(4, OTHER, { contacts: [{ kind: 'phone', value: '081200001111' }] }));
    }
    expect(reserved.snapshot()).toEqual(grown.snapshot());
    expect(reserved.members(1)).toEqual([1, 3, 4]);
  });

  it('rejects a signature of the wrong size without changing the index', () => {
    const index = new CampaignIndex();
    expect(() => index.addWithSignature({ id: 1, contacts: [], platform: 'x' }, new Uint32Array(8))).toThrow(RangeError);
    expect(index.size).toBe(0);
  });

  it('addWithSignature matches add for the same text', () => {
    const a = new CampaignIndex();
    const b = new CampaignIndex();
    for (const [id, text] of [[1, LURE_A], [2, OTHER], [3, LURE_A.toUpperCase()]] as const) {
      const resultA = a.add(post(id, text));
      const { text: _text, ...meta } = post(id, text);
      expect(b.addWithSignature(meta, signatureOf(text))).toEqual(resultA);
    }
  });

  it('builds the entity graph of a campaign, leaving out the oldest posts beyond the cap', () => {
    const index = new CampaignIndex();
    for (let id = 1; id <= 5; id++) index.add(post(id, LURE_A, { source: 'grup-a', contacts: [{ kind: 'whatsapp', value: '+6281200001111' }] }));
    const graph = index.graph(1, 3)!;
    expect(graph.omittedPosts).toBe(2);
    expect(graph.nodes.filter((n) => n.kind === 'post').map((n) => n.key)).toEqual(['post:3', 'post:4', 'post:5']);
    expect(graph.nodes.find((n) => n.kind === 'contact')).toMatchObject({ weight: 3, label: 'whatsapp: +6281200001111' });
    expect(graph.edges).toHaveLength(6);
    expect(index.graph(2)).toBeUndefined();
  });

  it('refuses bytes that are not a snapshot with SnapshotFormatError', () => {
    const good = new CampaignIndex().snapshot();
    expect(() => CampaignIndex.restore(new Uint8Array([1, 2, 3]))).toThrow(SnapshotFormatError);
    expect(() => CampaignIndex.restore(good.subarray(0, good.length - 8))).toThrow(SnapshotFormatError);
    const garbled = good.slice();
    garbled[9] = 0x7b; // corrupt the JSON header
    garbled[10] = 0x7b;
    expect(() => CampaignIndex.restore(garbled)).toThrow(SnapshotFormatError);
  });

  it('restores from a snapshot to an index that answers identically and keeps growing identically', () => {
    const index = new CampaignIndex({ threshold: 0.55 });
    index.add(post(1, LURE_A, { source: 'g', author: 'a', postedAt: '2026-08-01T00:00:00Z', reach: 5, contacts: [{ kind: 'whatsapp', value: '+6281200001111' }, { kind: 'url', value: 'https://bit.ly/X' }] }));
    index.add(post(2, LURE_B, { platform: 'telegram', contacts: [{ kind: 'phone', value: '081200001111' }] }));
    index.add(post(3, OTHER));
    const restored = CampaignIndex.restore(index.snapshot());
    for (const id of [1, 2, 3]) {
      expect(restored.campaignOf(id)).toBe(index.campaignOf(id));
      expect(restored.relatedPosts(id)).toEqual(index.relatedPosts(id));
    }
    expect(restored.summary(1)).toEqual(index.summary(1));
    expect(restored.snapshot()).toEqual(index.snapshot());
    expect(restored.add(post(4, LURE_B))).toEqual(index.add(post(4, LURE_B)));
  });
});
