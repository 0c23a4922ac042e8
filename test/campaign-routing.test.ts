// Campaigns in the pipeline: a repost joins its campaign, and when the campaign was already decided as
// scam the new case is flagged as a repeat offender with a higher priority.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDeps } from '../src/app/stage-deps.js';
import { ingestRecords } from '../src/ingest/ingest-records.js';
import { testDatabases } from './helpers/databases.js';
import { startTestPipeline, waitFor, type TestPipeline } from './helpers/pipeline.js';

const [pglite] = await testDatabases();

const LURE = `🔥 LOKER CS LUAR NEGERI 🔥
Penempatan Phnom Penh, Kamboja. Gaji $1200/bulan + bonus, tiket pesawat & mess GRATIS.
Syarat: usia 18-35, bisa mengetik, tanpa pengalaman, tanpa ijazah. Berangkat minggu depan pakai visa turis.
Minat langsung chat WA 0812-0000-9911 (Kak Dewi)`;
const REPOST = `LOKER CS LUAR NEGERI!!
Penempatan Phnom Penh Kamboja, gaji $1300 per bulan + bonus, tiket pesawat dan mess gratis.
Syarat: umur 18-35, bisa ngetik, tanpa pengalaman, tanpa ijazah. Berangkat minggu depan, visa turis.
Minat chat WA 0812 0000 9911 Kak Dewi`;
const OTHER = `Dicari admin live chat untuk perusahaan game di Bavet. Gaji 15 juta, makan 3x, mess disediakan, visa diurus di sana. Hubungi t.me/rekrut_bavet0000`;

describe('campaigns in routing', () => {
  let pipeline: TestPipeline;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await pglite!.open();
    drop = opened.drop;
    pipeline = await startTestPipeline(opened.db);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  const ingest = async (externalId: string, text: string, source: string) => {
    const summary = await ingestRecords([{ record: externalId, value: { platform: 'facebook', externalId, text, source }, notes: [] }], ingestDeps(pipeline.services), 'test');
    const id = summary.postIds[0]!;
    await waitFor(async () => (await pipeline.services.store.db.query(`SELECT 1 FROM posts WHERE id = $1 AND stage = 'routed'`, [id])).length === 1, `post ${externalId} routed`);
    return id;
  };

  it('links a repost to its campaign and raises its priority once the campaign was decided as scam', async () => {
    const { db } = pipeline.services.store;
    const first = await ingest('g1/1', LURE, 'grup-loker-a');
    const unrelated = await ingest('g3/1', OTHER, 'grup-loker-c');
    await db.query(`UPDATE cases SET decision = 'scam', status = 'decided' WHERE post_id = $1`, [first]);
    const repost = await ingest('g2/7', REPOST, 'grup-loker-b');

    const campaigns = await db.query<{ id: number; campaign_id: number }>('SELECT id, campaign_id FROM posts WHERE id = ANY($1::int[]) ORDER BY id', [[first, unrelated, repost]]);
    expect(campaigns.find((r) => r.id === repost)?.campaign_id).toBe(first);
    expect(campaigns.find((r) => r.id === unrelated)?.campaign_id).toBe(unrelated);

    const cases = await db.query<{ post_id: number; queue: string; priority: number; flags: string[]; reasons: Array<{ code: string }> }>(
      `SELECT post_id, queue, priority, flags, reasons FROM cases WHERE post_id = ANY($1::int[]) AND queue = 'komdigi'`,
      [[unrelated, repost]],
    );
    const repostCase = cases.find((c) => c.post_id === repost)!;
    const unrelatedCase = cases.find((c) => c.post_id === unrelated)!;
    expect(repostCase.flags).toContain('repeat_offender');
    expect(repostCase.reasons.map((r) => r.code)).toContain('REPEAT_OFFENDER');
    expect(unrelatedCase.flags).not.toContain('repeat_offender');
    // The repeat boost lifts the repost above what its own score would give it.
    expect(repostCase.priority).toBeGreaterThan(unrelatedCase.priority);
  });
});
