// Readers of stored features and score reasons on both engines, with rows in the compact form (spans as
// arrays, empty lists and gazetteer names left out) and rows in the form written before: the repositories
// render the same contract objects, and the SQL that reads rows directly (contacts containment on the GIN
// index, destination countries, contact counts, the campaign tracker) sees what it saw before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignTracker } from '../src/app/campaign-tracker.js';
import type { Features } from '../src/contracts/features.js';
import { PostInput } from '../src/contracts/post.js';
import { extractFeatures } from '../src/extract/index.js';
import { Store } from '../src/store/store.js';
import { testDatabases } from './helpers/databases.js';

const databases = await testDatabases();

const LURE = 'Loker CS online di Sihanoukville, Kamboja. Gaji $1.200/bulan, tiket gratis, tanpa pengalaman. WA 0812-7777-3131';
const PLAIN = 'Selamat pagi semua, semoga harinya menyenangkan';

/** A features row as rows were written before the compact form: span objects, every list and null, full labels. */
const OLD_ROW: Features = {
  version: 'features/1', language: 'id',
  pay: { offers: [], maxIdrMonthly: null, ratioToIdMinimum: null, ratioToDestinationMinimum: null, ratioToTypicalForTitle: null, fees: [], ratesAsOf: '2025-11-01' },
  destinations: [{ id: 'mm', name: 'Myanmar', country: 'MM', kind: 'scam_hub', span: { start: 20, end: 27 } }],
  jobTypes: [], qualifications: [], flags: [{ code: 'FREE_TRAVEL', spans: [{ start: 30, end: 42 }] }], legitimacy: [],
  intent: { label: 'recruiting', confidence: 0.8 },
  contacts: [{ kind: 'whatsapp', value: '+6281277773131', span: { start: 50, end: 64 } }],
  companies: [], obfuscations: [],
  reasons: [{ code: 'DEST_SCAM_HUB', label: { id: 'x', en: 'y' }, spans: [{ start: 20, end: 27 }] }],
};

describe.each(databases)('stored features and reasons on $name', (database) => {
  let store: Store;
  let drop: () => Promise<void>;
  const ids: Record<'lure' | 'plain' | 'old', number> = { lure: 0, plain: 0, old: 0 };

  beforeAll(async () => {
    const opened = await database.open();
    store = new Store(opened.db);
    drop = opened.drop;
    const texts = { lure: LURE, plain: PLAIN, old: `Lowongan di Myanmar, tiket gratis. WA 0812-7777-3131 (old row)` };
    const { idsByInput } = await store.posts.insert(Object.values(texts).map((text, i) => PostInput.parse({ platform: 'telegram', externalId: `stored-forms/${i}`, text })));
    [ids.lure, ids.plain, ids.old] = idsByInput as [number, number, number];
    await store.stages.saveFeatures([{ postId: ids.lure, features: extractFeatures(LURE) }, { postId: ids.plain, features: extractFeatures(PLAIN) }], [ids.lure, ids.plain]);
    await store.db.query('INSERT INTO features (post_id, version, data) VALUES ($1, $2, $3::jsonb)', [ids.old, 'features/1', JSON.stringify(OLD_ROW)]);
    await store.db.query(`UPDATE posts SET campaign_id = $1 WHERE id = ANY($2::int[])`, [ids.lure, [ids.lure, ids.plain, ids.old]]);
  });
  afterAll(async () => drop());

  it('writes the compact form: spans as arrays, no empty lists, contacts still objects with kind and value', async () => {
    const rows = await store.db.query<{ post_id: number; data: Record<string, any> }>('SELECT post_id, data FROM features WHERE post_id = ANY($1::int[])', [[ids.lure, ids.plain]]);
    const lure = rows.find((r) => Number(r.post_id) === ids.lure)!.data;
    expect(JSON.stringify(lure)).not.toContain('"start"');
    expect(lure.contacts).toEqual([{ kind: 'whatsapp', value: '+6281277773131', span: expect.any(Array) }]);
    expect(lure.destinations.every((d: Record<string, unknown>) => typeof d.country === 'string' && !('name' in d))).toBe(true);
    const plain = rows.find((r) => Number(r.post_id) === ids.plain)!.data;
    expect(plain).not.toHaveProperty('contacts');
    expect(plain).not.toHaveProperty('destinations');
  });

  it('renders both forms the same through every repository read', async () => {
    const expected = new Map([[ids.lure, extractFeatures(LURE)], [ids.plain, extractFeatures(PLAIN)], [ids.old, OLD_ROW]]);
    const all = [ids.lure, ids.plain, ids.old];
    expect(await store.features.get(all)).toEqual(expected);
    const toScore = await store.stages.toScore(all);
    expect(new Map(toScore.todo.map((t) => [t.id, t.features]))).toEqual(expected);
    const members = await store.campaigns.members(ids.lure);
    expect(new Map(members.map((m) => [m.postId, m.features]))).toEqual(expected);
    expect(members.find((m) => m.postId === ids.plain)!.contacts).toEqual([]);
    expect(members.find((m) => m.postId === ids.lure)!.contacts).toEqual([{ kind: 'whatsapp', value: '+6281277773131' }]);
  });

  it('matches contacts by containment and fills case countries from either form', async () => {
    const matched = await store.db.query<{ post_id: number }>(`SELECT post_id FROM features WHERE data->'contacts' @> $1::jsonb ORDER BY post_id`, [JSON.stringify([{ value: '+6281277773131' }])]);
    expect(matched.map((r) => Number(r.post_id))).toEqual([ids.lure, ids.old]);
    const [lurePost] = await store.posts.get([ids.lure]);
    const related = await store.review.related(lurePost!, (await store.features.get([ids.lure])).get(ids.lure)!);
    expect(related.find((r) => r.postId === ids.old)?.why).toContain('contact:+6281277773131');

    for (const id of [ids.lure, ids.plain, ids.old]) await store.stages.saveScores([{ postId: id, modelVersion: 'm1', probability: 0.9, threshold: 0.5, verdict: 'suspect', uncertain: false, reasons: [] }], [id]);
    await store.cases.create([ids.lure, ids.plain, ids.old].map((postId) => ({ postId, queue: 'komdigi' as const, priority: 1, reasons: [], flags: [] })));
    // The insert trigger's path (migration 003), for rows inserted without the filter columns.
    await store.db.query(`INSERT INTO cases (post_id, queue) SELECT unnest($1::int[]), 'polri'`, [[ids.lure, ids.plain, ids.old]]);
    const rows = await store.db.query<{ post_id: number; queue: string; countries: string[] }>('SELECT post_id, queue, countries FROM cases ORDER BY post_id, queue');
    const countries = (id: number) => rows.filter((r) => Number(r.post_id) === id).map((r) => [...r.countries].sort());
    expect(countries(ids.lure)).toEqual([['KH'], ['KH']]);
    expect(countries(ids.plain)).toEqual([[], []]);
    expect(countries(ids.old)).toEqual([['MM'], ['MM']]);
  });

  it('counts campaign contacts and links posts by contact in the tracker from either form', async () => {
    const [listed] = await store.campaigns.list({ minPosts: 1, limit: 10, offset: 0 });
    expect(listed).toMatchObject({ campaignId: ids.lure, posts: 3, contacts: 1 });
    await store.db.query(`UPDATE posts SET campaign_id = NULL`);
    const tracker = new CampaignTracker(store);
    await tracker.assess(await store.posts.get([ids.lure, ids.plain, ids.old]), new Map());
    expect((await tracker.related(ids.lure)).sort()).toContain(ids.old);
    const campaigns = await store.db.query<{ id: number; campaign_id: number }>('SELECT id, campaign_id FROM posts ORDER BY id');
    const of = (id: number) => Number(campaigns.find((r) => Number(r.id) === id)!.campaign_id);
    expect(of(ids.old)).toBe(of(ids.lure));
    expect(of(ids.plain)).not.toBe(of(ids.lure));
  });

  it('renders score reasons of both forms: packed spans and TEXT_TERMS lists, or span objects and full labels', async () => {
    const reasons = [
      { code: 'TEXT_TERMS', label: { id: 'Kata yang paling menaikkan skor model: "gaji"', en: 'Words that raised the model score most: "gaji"' }, spans: [{ start: 1, end: 5 }, { start: 9, end: 12 }], weight: 0.2 },
      { code: 'DEST_SCAM_HUB', label: extractFeatures(LURE).reasons.find((r) => r.code === 'DEST_SCAM_HUB')!.label, spans: [{ start: 20, end: 27 }], weight: 0.7 },
    ];
    const [extra] = (await store.posts.insert([PostInput.parse({ platform: 'telegram', externalId: 'stored-forms/score', text: 'skor' })])).inserted;
    await store.stages.saveFeatures([{ postId: extra!, features: extractFeatures('skor') }], [extra!]);
    await store.stages.saveScores([{ postId: extra!, modelVersion: 'm1', probability: 0.9, threshold: 0.5, verdict: 'suspect', uncertain: false, reasons }], [extra!]);
    const [raw] = await store.db.query<{ reasons: unknown }>('SELECT reasons FROM scores WHERE post_id = $1', [extra]);
    expect(raw!.reasons).toEqual([{ code: 'TEXT_TERMS', terms: '"gaji"', spans: [1, 5, 9, 12], weight: 0.2 }, { code: 'DEST_SCAM_HUB', spans: [20, 27], weight: 0.7 }]);
    expect((await store.scores.get([extra!])).get(extra!)!.reasons).toEqual(reasons);
    expect((await store.stages.toRoute([extra!])).scores.get(extra!)!.reasons).toEqual(reasons);
    await store.db.query('UPDATE scores SET reasons = $2::jsonb WHERE post_id = $1', [extra, JSON.stringify(reasons)]);
    expect((await store.scores.get([extra!])).get(extra!)!.reasons).toEqual(reasons);
  });
});
