// The stored forms of features and score reasons give back the contract objects exactly: for every text
// of the corpus and the demo posts, for fuzzed text, and for rows written in the older forms.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel, shippedModelPath } from '../../classifiers/load.js';
import type { Reason } from '../contracts/common.js';
import { Features } from '../contracts/features.js';
import { extractDetailed, extractFeatures } from '../extract/index.js';
import { PLACES } from '../extract/lexicon.js';
import { scoreText } from '../score/score-text.js';
import { TEXT_TERMS } from '../score/text-terms.js';
import { compactFeatures, placeName, renderFeatures } from './stored-features.js';
import { compactReasons, renderReasons } from './stored-reasons.js';

const lines = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');
const corpus = lines('../../fixtures/corpus/corpus.jsonl').map((l) => (JSON.parse(l) as { text: string }).text);
const demo = lines('../../fixtures/demo/posts.jsonl').map((l) => (JSON.parse(l) as { text: string }).text);

/** Through JSON, as the database hands rows back. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('stored features and reasons', async () => {
  const model = await loadModel(shippedModelPath());

  function roundTrip(text: string): void {
    const { features, normalized } = extractDetailed(text);
    expect(renderFeatures(stored(compactFeatures(features)))).toEqual(features);
    const { reasons } = scoreText(model, text, features, normalized ?? undefined);
    expect(renderReasons(stored(compactReasons(reasons)) as ReturnType<typeof compactReasons>)).toEqual(reasons);
  }

  it('round-trips every text of the corpus and the demo posts', () => {
    expect(corpus.length).toBeGreaterThan(1000);
    expect(demo.length).toBeGreaterThan(5);
    for (const text of [...corpus, ...demo]) roundTrip(text);
  });

  it('round-trips fuzzed text', () => {
    const pieces = fc.constantFrom(
      'Kamboja', 'Sihanoukville', 'Myawaddy', 'Bangkok', '🇰🇭', 'K4mboja', 'gaji', '$1,000-1,500', 'Rp 8.000.000', '15-20jt', '30rb baht', 'biaya pendaftaran 2jt',
      'tnp pengalaman', 'tiket gratis', 'admin judol', 'CS online', 'wa.me/6281234567890', 't.me/abc_def', '@handle', 'bit.ly/x', 'rek BCA 1234567890',
      'SIP2MI No. 12/34', 'PT Maju Jaya', 'WASPADA', '𝐠𝐚𝐣𝐢', '\u200B', '\uD800', '\n', ' ', '.', '/',
    );
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(pieces, { maxLength: 60 }).map((a) => a.join(' ')));
    fc.assert(fc.property(text, (t) => roundTrip(t)), { numRuns: 300, seed: 20261122 });
  });

  it('stores spans as arrays, leaves out what renders back, and keeps what SQL reads', () => {
    const text = 'Loker CS online Sihanoukville, Kamboja. Gaji $1.200/bulan, tiket gratis, tanpa pengalaman. WA 0812-1111-2222';
    const features = extractFeatures(text);
    const row = stored(compactFeatures(features)) as Record<string, any>;
    expect(row.destinations[0]).toEqual({ id: features.destinations[0]!.id, country: features.destinations[0]!.country, kind: features.destinations[0]!.kind, span: [features.destinations[0]!.span.start, features.destinations[0]!.span.end], ...(features.destinations[0]!.legalForJob === undefined ? {} : { legalForJob: features.destinations[0]!.legalForJob }) });
    expect(row.contacts).toEqual(features.contacts.map((c) => ({ ...c, span: [c.span.start, c.span.end] })));
    expect(row.flags[0].spans).toEqual(features.flags[0]!.spans.flatMap((s) => [s.start, s.end]));
    expect(row.pay.offers[0].span).toEqual([features.pay.offers[0]!.span.start, features.pay.offers[0]!.span.end]);
    expect(row.pay).not.toHaveProperty('maxIdrMonthly');
    expect(features.pay.maxIdrMonthly).toBe(features.pay.offers[0]!.idrMonthly);
    expect(JSON.stringify(row)).not.toContain('"start"');
    const empty = stored(compactFeatures(extractFeatures('halo'))) as Record<string, any>;
    expect(Object.keys(empty).sort()).toEqual(['companies', 'intent', 'language', 'obfuscations', 'pay', 'version'].sort());
    expect(empty.pay).toEqual({ fees: [], ratesAsOf: features.pay.ratesAsOf });
  });

  it('keeps what does not render back: names not the gazetteer\'s, an inconsistent highest offer, absent optional lists', () => {
    const features = extractFeatures('Lowongan admin di Sihanoukville, Kamboja, gaji 1500 USD');
    features.destinations[0]!.name = 'Renamed';
    features.destinations.push({ id: 'nowhere', name: 'Nowhere', country: 'XX', kind: 'other', span: { start: 0, end: 3 } });
    features.pay.maxIdrMonthly = null;
    delete features.pay.fees;
    delete features.companies;
    const row = stored(compactFeatures(features)) as Record<string, any>;
    expect(row.destinations[0].name).toBe('Renamed');
    expect(row.destinations[1]).not.toHaveProperty('name');
    expect(row.destinations.at(-1)).toMatchObject({ name: 'Nowhere', kind: 'other' });
    expect(row.pay.maxIdrMonthly).toBeNull();
    expect(renderFeatures(row)).toEqual(features);
    expect(renderFeatures(row)).not.toHaveProperty('companies');
    expect(renderFeatures(row).pay).not.toHaveProperty('fees');
  });

  it('reads rows in the forms written before: span objects, every list and null, full labels', () => {
    const old = {
      version: 'features/1', language: 'id',
      pay: { offers: [{ amount: 1200, currency: 'USD', period: 'month', idrMonthly: 19920000, span: { start: 100, end: 115 } }], maxIdrMonthly: 19920000, ratioToIdMinimum: 3.59, ratioToDestinationMinimum: null, ratioToTypicalForTitle: null, fees: [], ratesAsOf: '2025-11-01' },
      destinations: [{ id: 'kh', name: 'Kamboja', country: 'KH', kind: 'scam_hub', span: { start: 34, end: 42 }, legalForJob: false }],
      jobTypes: [{ category: 'customer_service', term: 'customer support', span: { start: 53, end: 69 } }],
      qualifications: [{ level: 'none', span: { start: 182, end: 195 } }],
      flags: [{ code: 'FREE_TRAVEL', spans: [{ start: 137, end: 148 }, { start: 142, end: 154 }] }],
      legitimacy: [],
      intent: { label: 'recruiting', confidence: 0.9 },
      contacts: [{ kind: 'whatsapp', value: '+6281211112222', span: { start: 200, end: 214 } }],
      companies: [], obfuscations: [{ kind: 'leet', span: { start: 34, end: 42 } }],
      reasons: [
        { code: 'DEST_SCAM_HUB', label: { id: 'Tujuan pusat penipuan', en: 'Scam hub destination' }, spans: [{ start: 34, end: 42 }, { start: 43, end: 47 }] },
        { code: 'INTENT_RECRUITING', spans: [] },
        { code: TEXT_TERMS, label: { id: 'Kata yang paling menaikkan skor model: "gaji"', en: 'Words that raised the model score most: "gaji"' }, spans: [{ start: 1, end: 5 }], weight: 0.25 },
      ],
    };
    const rendered = renderFeatures(stored(old));
    const { reasons: oldReasons, ...rest } = old;
    expect({ ...rendered, reasons: [] }).toEqual({ ...rest, reasons: [] });
    expect(Features.parse(rendered)).toEqual(rendered);
    expect(rendered.reasons).toEqual(renderReasons(oldReasons));
    expect(rendered.reasons[0]).toEqual(oldReasons[0]);
    expect(rendered.reasons[2]).toEqual(oldReasons[2]);
    expect(rendered.reasons[1]!.spans).toEqual([]);
    // What the new form would store for the same row renders the same too.
    expect(renderFeatures(stored(compactFeatures(rendered)))).toEqual(rendered);
  });

  it('stores a TEXT_TERMS label as its word list and any other label whole', () => {
    const reasons: Reason[] = [
      { code: TEXT_TERMS, label: { id: 'Kata yang paling menaikkan skor model: "gaji", "wa"', en: 'Words that raised the model score most: "gaji", "wa"' }, spans: [{ start: 0, end: 4 }, { start: 9, end: 11 }], weight: 0.3 },
      { code: TEXT_TERMS, label: { id: 'lain', en: 'other' }, spans: [] },
      { code: 'EXTRACTION_FAILED', label: { id: 'Ekstraksi gagal', en: 'Extraction failed: boom' }, spans: [] },
    ];
    const rows = stored(compactReasons(reasons)) as Array<Record<string, unknown>>;
    expect(rows[0]).toEqual({ code: TEXT_TERMS, terms: '"gaji", "wa"', spans: [0, 4, 9, 11], weight: 0.3 });
    expect(rows[1]).toEqual({ code: TEXT_TERMS, label: { id: 'lain', en: 'other' } });
    expect(rows[2]).toHaveProperty('label');
    expect(renderReasons(rows as unknown as ReturnType<typeof compactReasons>)).toEqual(reasons);
  });

  it('knows every gazetteer place by the name the extractor gives it', () => {
    for (const place of PLACES) {
      const first = PLACES.find((p) => p.id === place.id)!;
      expect(placeName(place.id)).toBe(first.name);
    }
  });
});
