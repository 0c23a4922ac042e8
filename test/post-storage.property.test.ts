// Any record the post contract accepts can be stored, on both engines, without failing the batch it came in:
// a bad field of one post once failed every post of its batch (lone surrogates, NUL, dates beyond the
// database's range, dedupe keys too long for the unique index). Records are generated from the wildest
// strings and numbers the contract lets through; each goes in a batch with a plain post, twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel, shippedModelPath } from '../classifiers/load.js';
import { encodeSignature, signatureOfNormalized, SIGNATURE_VERSION } from '../src/campaigns/signature.js';
import { PostInput } from '../src/contracts/post.js';
import { extractDetailed } from '../src/extract/index.js';
import { scoreText } from '../src/score/score-text.js';
import { testDatabases } from './helpers/databases.js';
import { useStore } from './helpers/use-store.js';

const databases = await testDatabases();
const model = await loadModel(shippedModelPath());

// Full UTF-16 (lone surrogates, NUL and every control character included), up to the contract's lengths.
const anyString = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const wild = fc.oneof(anyString(40), fc.constant('\u0000'), fc.constant('\uD83D'), fc.constant('\uDE00x'), anyString(4096));
// Mostly ordinary dates; sometimes the extremes JavaScript allows (the contract must reject those it cannot store).
const date = fc.oneof(
  { arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), weight: 6 },
  { arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: true }), weight: 1 },
);
const record = fc.record(
  {
    platform: fc.constantFrom('telegram', 'facebook', 'x', 'other'),
    externalId: fc.oneof(anyString(512), wild),
    url: fc.oneof(fc.webUrl(), fc.constant(`https://example.com/${'ab'.repeat(2030)}`), wild),
    author: fc.record({ id: anyString(512), name: anyString(512), url: anyString(200) }, { requiredKeys: [] }),
    // Never blank (a blank text is rejected, rightly): a letter and then anything.
    text: fc.oneof(anyString(300), wild).map((t) => `a${t}`),
    postedAt: date,
    collectedAt: date,
    source: anyString(200),
    media: fc.array(fc.record({ kind: fc.constantFrom('photo', 'video', 'link'), url: anyString(300) }), { maxLength: 3 }),
    reach: fc.record({ views: fc.oneof(fc.nat(), fc.maxSafeNat()), groupMembers: fc.maxSafeNat() }, { requiredKeys: [] }),
    notes: fc.array(wild, { maxLength: 2 }),
  },
  { requiredKeys: ['text', 'platform'] },
);

describe.each(databases)('storing any accepted post on $name', (database) => {
  const ctx = useStore(database);

  it('never fails the batch, dedupes, and its features, signature and score are stored too', async () => {
    let accepted = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(record, async (raw) => {
        const parsed = PostInput.safeParse(raw);
        if (!parsed.success) return;
        accepted += 1;
        n += 1;
        const plain = PostInput.parse({ platform: 'telegram', externalId: `plain/${n}/${Math.random()}`, text: 'Lowongan admin gudang Bekasi' });
        const first = await ctx.store.posts.insert([parsed.data, plain]);
        expect(first.idsByInput.every((id) => id > 0)).toBe(true);
        const again = await ctx.store.posts.insert([parsed.data]);
        expect(again.inserted).toEqual([]);
        expect(again.idsByInput).toEqual([first.idsByInput[0]]);
        // What the stages derive from the text (substrings of it among them) is storable too.
        const id = first.idsByInput[0]!;
        const { features, normalized } = extractDetailed(parsed.data.text);
        const signature = normalized ? { version: SIGNATURE_VERSION, bytes: encodeSignature(signatureOfNormalized(normalized.text)) } : null;
        // A post met before (same id or text, e.g. while fast-check shrinks) keeps its first features and score.
        const fresh = first.inserted.includes(id);
        expect(await ctx.store.stages.saveFeatures([{ postId: id, features, signature }], [id], { advance: false })).toBe(fresh ? 1 : 0);
        const { modelVersion, ...score } = scoreText(model, parsed.data.text, features, normalized ?? undefined);
        expect(await ctx.store.stages.saveScores([{ postId: id, modelVersion, ...score }], [id])).toEqual(fresh ? [id] : []);
        if (fresh) expect((await ctx.store.features.get([id])).get(id)).toEqual(features);
        expect((await ctx.store.scores.get([id])).has(id)).toBe(true);
      }),
      { numRuns: 150, seed: 20261122 },
    );
    // The generator must reach the database often enough to mean something.
    expect(accepted).toBeGreaterThan(50);
  });
});
