// Training: deterministic for a seed, artifacts round-trip to identical scores, calibration and explanations behave.
import { describe, expect, it } from 'vitest';
import { plainPreparer } from './features/preparer.js';
import { modelFromArtifact } from './models/from-artifact.js';
import { DEFAULT_WASPADA_PARAMS, type WaspadaParams } from './models/waspada-model.js';
import { toyDocs } from './test-support/toy-data.js';
import { trainModel } from './train.js';
import { ModelArtifact } from './models/artifact.js';

const params: WaspadaParams = { ...DEFAULT_WASPADA_PARAMS, hashing: { ...DEFAULT_WASPADA_PARAMS.hashing, bits: 16 }, ftrl: { ...DEFAULT_WASPADA_PARAMS.ftrl, epochs: 4 } };
const docs = toyDocs(120);
const probe = [
  'Lowongan admin CS di Phnom Penh, gaji 20 juta, tiket ditanggung, tanpa pengalaman, WA 081299998888',
  'Dibutuhkan kasir toko di Bandung, lulusan SMA, gaji 4 juta sesuai UMK',
];

describe('trainModel (waspada)', () => {
  const options = { algo: 'waspada' as const, seed: 7, preparer: plainPreparer, params, now: '2026-11-22T00:00:00.000Z' };
  const a = trainModel(docs, options);

  it('is deterministic for a given seed and data', () => {
    const b = trainModel(docs, options);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = trainModel(docs, { ...options, seed: 8 });
    expect(c.algo === 'waspada' && a.algo === 'waspada' && c.model.weights.values !== a.model.weights.values).toBe(true);
  });

  it('writes a valid artifact with provenance and a threshold from out-of-fold predictions', () => {
    expect(ModelArtifact.safeParse(a).success).toBe(true);
    expect(a.training).toMatchObject({ n: 120, positives: 60 });
    expect(a.training.oofMetrics?.f1).toBeGreaterThan(0.9);
    expect(a.threshold).toBeGreaterThan(0);
    expect(a.threshold).toBeLessThan(1);
    expect(a.tradeoff.length).toBeGreaterThan(5);
  });

  it('gives identical scores after save → load', () => {
    const before = modelFromArtifact(a, plainPreparer);
    const after = modelFromArtifact(JSON.parse(JSON.stringify(a)) as unknown, plainPreparer);
    for (const text of [...probe, ...docs.slice(0, 20).map((d) => d.text)]) {
      expect(after.probability(text)).toBe(before.probability(text));
    }
  });

  it('separates the toy classes and explain() agrees with probability() to the last bit', () => {
    const model = modelFromArtifact(a, plainPreparer);
    const [scam, legit] = probe.map((t) => model.probability(t)) as [number, number];
    expect(scam).toBeGreaterThan(model.threshold);
    expect(legit).toBeLessThan(model.threshold);
    const e = model.explain(probe[0] as string, undefined, 5);
    expect(e.probability).toBe(scam);
    expect(e.terms.length).toBeGreaterThan(0);
    expect(e.terms.length).toBeLessThanOrEqual(5);
    for (const t of e.terms) {
      expect(t.weight).toBeGreaterThan(0);
      for (const s of t.spans) expect((probe[0] as string).slice(s.start, s.end).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')).toBe(t.term);
    }
    const weights = e.terms.map((t) => t.weight);
    expect([...weights].sort((x, y) => y - x)).toEqual(weights);
  });

  it('refuses data with a single class', () => {
    expect(() => trainModel(docs.filter((d) => d.label === 1), options)).toThrow(/both scam and legitimate/);
  });
});

describe('trainModel (natural baselines)', () => {
  it('trains and restores natural BayesClassifier with the same scores', () => {
    const artifact = trainModel(docs, { algo: 'bayes', seed: 1, preparer: plainPreparer });
    const model = modelFromArtifact(JSON.parse(JSON.stringify(artifact)) as unknown, plainPreparer);
    expect(model.algo).toBe('bayes');
    expect(model.probability(probe[0] as string)).toBeGreaterThan(0.5);
    expect(model.probability(probe[1] as string)).toBeLessThan(0.5);
  });
});
