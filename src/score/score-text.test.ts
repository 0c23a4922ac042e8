// scoreText with the shipped model and the real extractor: verdict, uncertainty, reasons and their order.
import { describe, expect, it } from 'vitest';
import { Reason } from '../contracts/common.js';
import { extractFeatures } from '../extract/index.js';
import { normalizeDetailed } from '../extract/normalize.js';
import { loadModel, shippedModelPath } from '../../classifiers/load.js';
import { reasonsFromExplanation, scoreText, slotMatchesCode, TEXT_TERMS } from './score-text.js';

const LURE =
  'DICARI CS ONLINE untuk kantor di Sihanoukville, Kamboja. Gaji 18 juta/bulan + bonus, tiket pesawat & visa ditanggung, tanpa pengalaman, langsung berangkat minggu ini. Minat WA 0812-0000-4417';
const ORDINARY = 'Dibutuhkan kasir minimarket di Bandung. Lulusan SMA/SMK, gaji sesuai UMK, BPJS. Kirim lamaran ke email rekrutmen perusahaan.';

describe('scoreText', async () => {
  const model = await loadModel(shippedModelPath());

  it('flags a lure and clears an ordinary local job ad with the shipped model', () => {
    const lure = scoreText(model, LURE, extractFeatures(LURE));
    expect(lure.verdict).toBe('suspect');
    expect(lure.probability).toBeGreaterThanOrEqual(lure.threshold);
    expect(lure.modelVersion).toBe(model.version);
    const ordinary = scoreText(model, ORDINARY, extractFeatures(ORDINARY));
    expect(ordinary.verdict).toBe('clear');
    expect(ordinary.probability).toBeLessThan(ordinary.threshold);
  });

  it('scores the same when handed the extractor normalization as when it normalizes itself', () => {
    for (const text of [LURE, ORDINARY]) {
      const features = extractFeatures(text);
      const normalized = normalizeDetailed(text);
      expect(scoreText(model, text, features, normalized)).toEqual(scoreText(model, text, features));
      expect(model.probability(text, features, normalized)).toBe(model.probability(text, features));
    }
  });

  it('returns valid reasons: extractor reasons ordered by model weight, then the top text terms with spans', () => {
    const features = extractFeatures(LURE);
    const result = scoreText(model, LURE, features);
    for (const r of result.reasons) expect(Reason.safeParse(r).success).toBe(true);
    const extractor = result.reasons.filter((r) => r.code !== TEXT_TERMS);
    expect(extractor.map((r) => r.code).sort()).toEqual(features.reasons.map((r) => r.code).sort());
    const weights = extractor.map((r) => r.weight ?? 0);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    const terms = result.reasons.find((r) => r.code === TEXT_TERMS);
    expect(terms?.label.en).toMatch(/Words that raised the model score most/);
    for (const s of terms?.spans ?? []) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(LURE.length);
    }
  });

  it('marks probabilities near the threshold as uncertain', () => {
    const result = scoreText(model, LURE, extractFeatures(LURE));
    expect(result.uncertain).toBe(Math.abs(result.probability - result.threshold) <= model.uncertaintyBand + 1e-12);
  });
});

describe('reason weights', () => {
  it('match feature slots by name or by the explicit table', () => {
    expect(slotMatchesCode('dest.scam_hub', 'DEST_SCAM_HUB')).toBe(true);
    expect(slotMatchesCode('flag.free_travel', 'FREE_TRAVEL')).toBe(true);
    expect(slotMatchesCode('flag.free_travel_office', 'FREE_TRAVEL')).toBe(false);
    expect(slotMatchesCode('flag.free_travel_office', 'FREE_TRAVEL_OFFICE_JOB')).toBe(true);
    expect(slotMatchesCode('pay.log_ratio_ump', 'PAY_HIGH_VS_UMP')).toBe(true);
  });

  it('orders extractor reasons by their summed contribution, keeping extractor order on ties', () => {
    const features = extractFeatures(LURE);
    const reasons = reasonsFromExplanation(
      { ...features, reasons: [{ code: 'A_LOW', label: { id: 'a', en: 'a' }, spans: [] }, { code: 'B_HIGH', label: { id: 'b', en: 'b' }, spans: [] }, { code: 'C_NONE', label: { id: 'c', en: 'c' }, spans: [] }] },
      { probability: 0.9, terms: [], features: [{ name: 'x.b_high', weight: 2 }, { name: 'x.a_low', weight: 0.5 }] },
    );
    expect(reasons.map((r) => [r.code, r.weight])).toEqual([
      ['B_HIGH', 2],
      ['A_LOW', 0.5],
      ['C_NONE', 0],
    ]);
  });
});
