// Stored MinHash signatures: the tracker writes one per post the first time it sees it, a restarted
// tracker rebuilds from them without recomputing (same campaigns), and a signature of another version
// is recomputed from the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignTracker } from '../../src/app/campaign-tracker.js';
import { SIGNATURE_VERSION, decodeSignature, signatureOf } from '../../src/campaigns/signature.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { Store } from '../../src/store/store.js';
import { LURE, seedCampaign, type SeededCampaign } from './helpers/seed-campaign.js';

let db: Db;
let store: Store;
let seeded: SeededCampaign;

beforeAll(async () => {
  db = await openPgliteDb();
  await migrate(db);
  store = new Store(db);
  seeded = await seedCampaign(store);
});
afterAll(async () => db.close());

describe('stored signatures', () => {
  it('stores one signature per post, equal to signatureOf(text)', async () => {
    const rows = await db.query<{ post_id: number; version: string; signature: Uint8Array }>('SELECT post_id, version, signature FROM post_signatures ORDER BY post_id');
    expect(rows.map((r) => Number(r.post_id))).toEqual(seeded.postIds);
    for (const [i, r] of rows.entries()) {
      expect(r.version).toBe(SIGNATURE_VERSION);
      expect([...decodeSignature(new Uint8Array(r.signature))]).toEqual([...signatureOf(LURE(i))]);
    }
  });

  it('rebuilds a fresh tracker from stored signatures without recomputing, with the same campaigns', async () => {
    const tracker = new CampaignTracker(store);
    await tracker.sync();
    expect(tracker.computedSignatures).toBe(0);
    await db.query('UPDATE posts SET campaign_id = NULL WHERE id = ANY($1::int[])', [seeded.postIds]);
    await tracker.assess(await store.posts.get(seeded.postIds), new Map());
    const rows = await db.query<{ campaign_id: number }>('SELECT campaign_id FROM posts WHERE id = ANY($1::int[])', [seeded.postIds]);
    expect(rows.map((r) => Number(r.campaign_id))).toEqual(seeded.postIds.map(() => seeded.campaignId));
  });

  it('recomputes a signature stored under another version and replaces it', async () => {
    await db.query(`UPDATE post_signatures SET version = 'old' WHERE post_id = $1`, [seeded.postIds[1]]);
    const tracker = new CampaignTracker(store);
    await tracker.sync();
    expect(tracker.computedSignatures).toBe(1);
    const [row] = await db.query<{ version: string }>('SELECT version FROM post_signatures WHERE post_id = $1', [seeded.postIds[1]]);
    expect(row!.version).toBe(SIGNATURE_VERSION);
    expect(tracker.computedSignatures).toBe(1);
    const again = new CampaignTracker(store);
    await again.sync();
    expect(again.computedSignatures).toBe(0);
  });

  it('tells its listener which routed posts are repeat offenders', async () => {
    await db.query(`UPDATE cases SET decision = 'scam', status = 'decided' WHERE post_id = $1`, [seeded.postIds[0]]);
    const tracker = new CampaignTracker(store);
    const heard: number[][] = [];
    tracker.onRepeatOffenders((ids) => heard.push(ids));
    const results = await tracker.assess(await store.posts.get(seeded.postIds.slice(1)), new Map());
    expect(heard).toEqual([seeded.postIds.slice(1)]);
    expect([...results.values()].every((r) => r.repeat)).toBe(true);
  });
});

describe('relabelling after a merge', () => {
  it('renames the posts of a campaign that merged into an older one, without touching the rest', async () => {
    const db2 = await openPgliteDb();
    await migrate(db2);
    const s2 = new Store(db2);
    try {
      const { PostInput } = await import('../../src/contracts/post.js');
      const { featuresFor } = await import('../review/helpers/seed.js');
      // Two unrelated lures (different numbers, different texts), then a post carrying both numbers.
      const texts = [
        'Lowongan admin Kamboja gaji 15 juta WA +6281111111111 segera daftar',
        'Dicari operator game di Myanmar, mess gratis, hubungi WA +6282222222222 sekarang juga',
      ];
      const insert = async (text: string, n: number) => {
        const { idsByInput } = await s2.posts.insert([PostInput.parse({ platform: 'telegram', externalId: `m/${n}`, text })]);
        await s2.features.save([{ postId: idsByInput[0]!, features: featuresFor(text) }]);
        return idsByInput[0]!;
      };
      const tracker = new CampaignTracker(s2);
      const a = await insert(texts[0]!, 1);
      const b = await insert(texts[1]!, 2);
      await tracker.assess(await s2.posts.get([a, b]), new Map());
      expect((await db2.query<{ campaign_id: number }>('SELECT campaign_id FROM posts WHERE id = $1', [b]))[0]!.campaign_id).toBe(b);
      const bridgeText = 'Info loker luar negeri, dua nomor: +6281111111111 dan +6282222222222';
      const bridge = await insert(bridgeText, 3);
      // featuresFor finds only the first +62 number; give the bridge both contacts.
      const features = featuresFor(bridgeText);
      const second = bridgeText.lastIndexOf('+62');
      features.contacts.push({ kind: 'whatsapp', value: '+6282222222222', span: { start: second, end: second + 14 } });
      await s2.features.save([{ postId: bridge, features }]);
      await db2.query('UPDATE features SET data = $2 WHERE post_id = $1', [bridge, JSON.stringify(features)]);
      await tracker.assess(await s2.posts.get([bridge]), new Map());
      const rows = await db2.query<{ id: number; campaign_id: number }>('SELECT id, campaign_id FROM posts ORDER BY id');
      expect(rows.map((r) => [Number(r.id), Number(r.campaign_id)])).toEqual([[a, a], [b, a], [bridge, a]]);
    } finally {
      await db2.close();
    }
  });
});
