// Repositories on both engines: idempotent inserts, stage bookkeeping, cases once per post and queue.
import { describe, expect, it } from 'vitest';
import { PostInput } from '../src/contracts/post.js';
import { decisionLabels } from '../src/store/labels.js';
import { migrate } from '../src/store/migrate.js';
import { extractFeatures } from '../src/extract/index.js';
import { insertIsolating } from '../src/ingest/insert-isolating.js';
import { testDatabases } from './helpers/databases.js';
import { useStore } from './helpers/use-store.js';

const databases = await testDatabases();

const post = (i: number, extra: Record<string, unknown> = {}) =>
  PostInput.parse({ platform: 'telegram', externalId: `loker/${i}`, text: `Lowongan admin ${i} gaji 15jt Kamboja`, reach: { views: i }, ...extra });

describe.each(databases)('store on $name', (database) => {
  const ctx = useStore(database);

  it('migrations are applied once and re-running them changes nothing', async () => {
    expect(await migrate(ctx.store.db)).toEqual([]);
  });

  it('inserts posts once: duplicates by external id, URL and text collapse', async () => {
    const first = await ctx.store.posts.insert([post(1), post(2), post(1)]);
    expect(first.inserted).toHaveLength(2);
    expect(first.duplicates).toBe(1);
    expect(first.idsByInput[0]).toBe(first.idsByInput[2]);
    const again = await ctx.store.posts.insert([post(1), post(2)]);
    expect(again.inserted).toEqual([]);
    expect(again.idsByInput).toEqual(first.inserted);

    const byUrl = await ctx.store.posts.insert([
      PostInput.parse({ platform: 'facebook', url: 'https://m.facebook.com/groups/9/posts/1?fbclid=x', text: 'a' }),
      PostInput.parse({ platform: 'facebook', url: 'https://www.facebook.com/groups/9/posts/1/', text: 'b' }),
    ]);
    expect(byUrl.inserted).toHaveLength(1);
    const byText = await ctx.store.posts.insert([PostInput.parse({ platform: 'x', text: 'Loker  Kamboja' }), PostInput.parse({ platform: 'x', text: 'loker kamboja' })]);
    expect(byText.inserted).toHaveLength(1);
  });

  it('stores a post whose strings hold lone UTF-16 surrogates, once, without failing its batch', async () => {
    // Half an emoji in the id and the author's name: before, the id's dedupe key no longer matched the stored
    // one (counted as a duplicate, id 0, never queued) and the name failed the whole batch's jsonb.
    const broken = post(700, { externalId: 'loker/700-\uD83D', author: { name: 'Budi \uDE00' }, text: 'Lowongan \uD83D admin' });
    const good = post(701);
    expect(broken.notes.some((n) => n.includes('U+FFFD') && n.includes('externalId') && n.includes('author') && n.includes('text'))).toBe(true);
    const first = await ctx.store.posts.insert([broken, good]);
    expect(first.inserted).toHaveLength(2);
    expect(first.idsByInput.every((id) => id > 0)).toBe(true);
    const again = await ctx.store.posts.insert([broken]);
    expect(again).toMatchObject({ inserted: [], duplicates: 1, idsByInput: [first.idsByInput[0]] });
    const stored = await ctx.store.posts.getOne(first.idsByInput[0]!);
    expect(stored).toMatchObject({ externalId: 'loker/700-\uFFFD', author: { name: 'Budi \uFFFD' }, text: 'Lowongan \uFFFD admin' });
    // NUL cannot be stored in text or jsonb: it used to fail the batch from an id, URL, name or media URL.
    const nul = post(702, { externalId: 'loker/702\u0000', url: 'https://t.me/x\u0000/1', author: { name: 'N\u0000' }, media: [{ kind: 'photo', url: 'https://t.me/m\u0000.jpg' }] });
    const withNul = await ctx.store.posts.insert([nul, post(703)]);
    expect(withNul.inserted).toHaveLength(2);
    expect(await ctx.store.posts.getOne(withNul.idsByInput[0]!)).toMatchObject({ externalId: 'loker/702', url: 'https://t.me/x/1', author: { name: 'N' } });
    // A URL of thousands of characters (its key hashed) no longer fails the batch, and still dedupes.
    const longUrl = `https://example.com/${'9f'.repeat(2000)}`;
    const long = await ctx.store.posts.insert([post(705, { externalId: undefined, url: longUrl }), post(706)]);
    expect(long.inserted).toHaveLength(2);
    expect((await ctx.store.posts.insert([post(705, { externalId: undefined, url: longUrl })])).duplicates).toBe(1);
    // The edges of the dates the contract accepts are storable (beyond them it rejects the record).
    const edges = await ctx.store.posts.insert([post(704, { postedAt: '1900-01-01T00:00:00Z', collectedAt: '9999-12-31T23:59:59Z' })]);
    expect(await ctx.store.posts.getOne(edges.inserted[0]!)).toMatchObject({ postedAt: '1900-01-01T00:00:00.000Z', collectedAt: '9999-12-31T23:59:59.000Z' });
  });

  it('a post the database still refuses is isolated: the rest of its batch is stored (real SQLSTATE on this engine)', async () => {
    // Built past the contract (which would clean it) to stand for a refusal nobody foresaw.
    const refusedPost = { ...post(710), source: 'bad\u0000source' };
    const { result, refused } = await insertIsolating((p) => ctx.store.posts.insert(p), [post(711), refusedPost, post(712)]);
    expect(refused).toEqual([{ index: 1, error: expect.stringContaining('refused by the database') }]);
    expect(result.inserted).toHaveLength(2);
    expect(result.idsByInput[1]).toBe(0);
  });

  it('round-trips a post with author, media, reach and notes', async () => {
    const input = post(50, { author: { name: 'Rekruter' }, media: [{ kind: 'photo', url: 'https://cdn.example/p.jpg' }], postedAt: '2026-10-01T10:00:00+07:00', extra: 1 });
    const { inserted } = await ctx.store.posts.insert([input]);
    const stored = await ctx.store.posts.getOne(inserted[0]!);
    expect(stored).toMatchObject({ platform: 'telegram', externalId: 'loker/50', author: { name: 'Rekruter' }, reach: { views: 50 }, postedAt: '2026-10-01T03:00:00.000Z' });
    expect(stored?.media).toEqual([{ kind: 'photo', url: 'https://cdn.example/p.jpg' }]);
    expect(stored?.notes).toEqual(['ignored unknown fields: extra']);
  });

  it('moves stages forward only and counts posts that reached each stage', async () => {
    const { inserted } = await ctx.store.posts.insert([post(100), post(101)]);
    await ctx.store.posts.advanceStage(inserted, 'scored');
    await ctx.store.posts.advanceStage(inserted, 'extracted');
    const [a] = await ctx.store.db.query<{ stage: string }>('SELECT stage FROM posts WHERE id = $1', [inserted[0]]);
    expect(a?.stage).toBe('scored');
    const reached = await ctx.store.posts.countReached();
    expect(reached.collected).toBeGreaterThanOrEqual(reached.extracted);
    expect(reached.scored).toBeGreaterThanOrEqual(2);
  });

  it('creates one case per post and queue even when routing runs twice', async () => {
    const { inserted } = await ctx.store.posts.insert([post(200)]);
    const id = inserted[0]!;
    const make = () => ctx.store.cases.create([{ postId: id, queue: 'komdigi', priority: 70, reasons: [], flags: [] }, { postId: id, queue: 'polri', priority: 70, reasons: [], flags: ['uncertain'] }]);
    expect(await make()).toHaveLength(2);
    expect(await make()).toHaveLength(0);
    const listed = await ctx.store.cases.list({ queue: 'polri', status: 'open' });
    const mine = listed.find((c) => c.postId === id);
    expect(mine?.flags).toEqual(['uncertain']);
    expect(mine?.post.text).toContain('admin 200');
    const events = await ctx.store.db.query('SELECT * FROM case_events WHERE case_id = $1', [mine!.id]);
    expect(events).toHaveLength(1);
  });

  it('has one installation id, made on first use and stable afterwards', async () => {
    const id = await ctx.store.installationId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await ctx.store.installationId()).toBe(id);
  });

  it('keeps scores once per post', async () => {
    const { inserted } = await ctx.store.posts.insert([post(300)]);
    const score = { postId: inserted[0]!, modelVersion: 'm1', probability: 0.9, threshold: 0.5, verdict: 'suspect' as const, uncertain: false, reasons: [] };
    expect(await ctx.store.scores.save([score])).toEqual(inserted);
    expect(await ctx.store.scores.save([{ ...score, probability: 0.1, verdict: 'clear' }])).toEqual([]);
    expect((await ctx.store.scores.get(inserted)).get(inserted[0]!)?.probability).toBe(0.9);
  });

  it('turns analysts\' latest decisions into training labels, skipping unsure', async () => {
    const { inserted } = await ctx.store.posts.insert([post(400), post(401), post(402)]);
    const [a, b, c] = inserted as [number, number, number];
    await ctx.store.cases.create([a, b, c].map((postId) => ({ postId, queue: 'komdigi' as const, priority: 1, reasons: [], flags: [] })));
    // create() returns the new ids in no promised order (its insert joins posts): map them by post.
    const rows = await ctx.store.db.query<{ id: number; post_id: number }>('SELECT id, post_id FROM cases WHERE post_id = ANY($1::int[])', [[a, b, c]]);
    const caseOf = new Map(rows.map((r) => [Number(r.post_id), Number(r.id)]));
    const caseIds = [a, b, c].map((postId) => caseOf.get(postId));
    const decide = (caseId: number, label: string, at: string) =>
      ctx.store.db.query('INSERT INTO decisions (case_id, label, decided_by, decided_at) VALUES ($1, $2, $3, $4)', [caseId, label, 'analis1', at]);
    await decide(caseIds[0]!, 'not_scam', '2026-11-01T00:00:00Z');
    await decide(caseIds[0]!, 'scam', '2026-11-02T00:00:00Z');
    await decide(caseIds[1]!, 'not_scam', '2026-11-01T00:00:00Z');
    await decide(caseIds[2]!, 'unsure', '2026-11-01T00:00:00Z');
    const labels = [];
    for await (const l of decisionLabels(ctx.store.db).labelledPosts()) labels.push(l);
    expect(labels.filter((l) => [a, b, c].includes(l.id)).map((l) => [l.id, l.label])).toEqual([
      [a, 'scam'],
      [b, 'legit'],
    ]);
  });

  it('registers sources idempotently and records runs', async () => {
    const s = await ctx.store.sources.upsert({ name: 'loker-tg', adapter: 'telegram', url: 'https://t.me/s/loker', schedule: '*/30 * * * *', enabled: true, options: {} });
    const again = await ctx.store.sources.upsert({ name: 'loker-tg', adapter: 'telegram', url: 'https://t.me/s/loker2', schedule: '0 * * * *', enabled: true, options: {} });
    expect(again.id).toBe(s.id);
    await ctx.store.sources.saveRun(s.id, { cursor: '120', health: 'ok', items: 5, error: null, at: new Date().toISOString() });
    await ctx.store.sources.saveRun(s.id, { cursor: null, health: 'blocked', items: 0, error: 'HTTP 429', at: new Date().toISOString() });
    const after = await ctx.store.sources.get(s.id);
    expect(after).toMatchObject({ cursor: '120', health: 'blocked', lastError: 'HTTP 429', url: 'https://t.me/s/loker2' });
  });
  it('stores reasons without the catalog labels and renders them back on read, unchanged', async () => {
    const { inserted } = await ctx.store.posts.insert([post(500, { text: 'Loker admin Kamboja gaji $1500, tiket gratis, tanpa pengalaman. WA 0812-1111-2222' })]);
    const id = inserted[0]!;
    const features = extractFeatures('Loker admin Kamboja gaji $1500, tiket gratis, tanpa pengalaman. WA 0812-1111-2222');
    features.reasons.push({ code: 'CUSTOM_NOTE', label: { id: 'Catatan', en: 'Note' }, spans: [{ start: 0, end: 5 }], weight: 0.5 });
    expect(features.reasons.length).toBeGreaterThan(2);
    expect(await ctx.store.stages.saveFeatures([{ postId: id, features }], [id])).toBe(1);
    const [raw] = await ctx.store.db.query<{ data: { reasons: Array<Record<string, unknown>> } }>('SELECT data FROM features WHERE post_id = $1', [id]);
    expect(raw!.data.reasons.filter((r) => 'label' in r).map((r) => r.code)).toEqual(['CUSTOM_NOTE']);
    expect((await ctx.store.features.get([id])).get(id)).toEqual(features);
    expect((await ctx.store.stages.toScore([id])).todo[0]?.features).toEqual(features);
    const [{ stage } = { stage: '' }] = await ctx.store.db.query<{ stage: string }>('SELECT stage FROM posts WHERE id = $1', [id]);
    expect(stage).toBe('extracted');

    const score = { postId: id, modelVersion: 'm1', probability: 0.8, threshold: 0.5, verdict: 'suspect' as const, uncertain: false, reasons: features.reasons.map((r, i) => ({ ...r, weight: i })) };
    expect(await ctx.store.stages.saveScores([score], [id])).toEqual([id]);
    expect(await ctx.store.stages.saveScores([{ ...score, probability: 0.1 }], [id])).toEqual([]);
    expect((await ctx.store.scores.get([id])).get(id)).toEqual(score);
    const routed = await ctx.store.stages.toRoute([id]);
    expect(routed).toMatchObject({ unscored: [], posts: [{ id }] });
    expect(routed.scores.get(id)).toEqual(score);
    expect(routed.features.get(id)).toEqual(features);
  });

  it('stores no derived row for a post that does not exist (no foreign key since migration 007)', async () => {
    const missing = 2_000_000_000;
    const features = extractFeatures('Loker admin Kamboja gaji $1500');
    const signature = { version: 'sig-test', bytes: new Uint8Array(256) };
    expect(await ctx.store.stages.saveFeatures([{ postId: missing, features, signature }], [missing])).toBe(0);
    expect(await ctx.store.features.save([{ postId: missing, features }])).toBe(0);
    const score = { postId: missing, modelVersion: 'm1', probability: 0.9, threshold: 0.5, verdict: 'suspect' as const, uncertain: false, reasons: [] };
    expect(await ctx.store.stages.saveScores([score], [missing])).toEqual([]);
    expect(await ctx.store.scores.save([score])).toEqual([]);
    await ctx.store.scores.saveShadow([{ postId: missing, modelVersion: 'm2', probability: 0.1, verdict: 'clear', disagrees: true }]);
    for (const table of ['features', 'scores', 'shadow_scores', 'post_signatures']) {
      const [row] = await ctx.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE post_id = $1`, [missing]);
      expect(Number(row!.n), table).toBe(0);
    }
  });

  it('fills the queue filters of new cases as the insert trigger does for rows without them', async () => {
    const text = 'Dicari CS online di Sihanoukville, Kamboja dan Myawaddy. Gaji 20 juta. WA 0812-3333-4444';
    const { inserted } = await ctx.store.posts.insert([post(600, { text, platform: 'facebook' })]);
    const id = inserted[0]!;
    const features = extractFeatures(text);
    await ctx.store.stages.saveFeatures([{ postId: id, features }], [id]);
    await ctx.store.stages.saveScores([{ postId: id, modelVersion: 'm1', probability: 0.77, threshold: 0.5, verdict: 'suspect', uncertain: false, reasons: [] }], [id]);
    await ctx.store.cases.create([{ postId: id, queue: 'komdigi', priority: 1, reasons: [], flags: [] }]);
    // The trigger path: a row inserted without the filter columns.
    await ctx.store.db.query(`INSERT INTO cases (post_id, queue) VALUES ($1, 'polri')`, [id]);
    const rows = await ctx.store.db.query<{ queue: string; platform: string; probability: number; countries: string[]; collected_at: unknown }>(
      'SELECT queue, platform, probability, countries, collected_at FROM cases WHERE post_id = $1 ORDER BY queue',
      [id],
    );
    expect(rows).toHaveLength(2);
    const [komdigi, polri] = rows.map(({ queue: _q, ...filters }) => filters);
    expect(komdigi).toEqual(polri);
    expect(komdigi).toMatchObject({ platform: 'facebook', probability: 0.77 });
    expect(komdigi!.countries.length).toBeGreaterThan(0);
    // What the route stage passes from the features in hand must equal what SQL derives.
    expect([...new Set(features.destinations.map((d) => d.country))].sort()).toEqual(komdigi!.countries);
  });
});
