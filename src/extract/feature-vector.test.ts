// The classifier's numeric view of Features: stable names, and values that follow the extracted facts.
import { describe, expect, it } from 'vitest';
import { featureValues, featureVector, FEATURE_VECTOR_NAMES } from './feature-vector.js';
import { extractFeatures } from './index.js';

const vec = (text: string): Record<string, number> => featureVector(extractFeatures(text));

describe('featureVector', () => {
  it('has unique names, in a fixed order, including those the classifier relies on', () => {
    expect(new Set(FEATURE_VECTOR_NAMES).size).toBe(FEATURE_VECTOR_NAMES.length);
    for (const name of ['dest.scam_hub', 'dest.decoy', 'pay.log_ratio_ump', 'flag.free_travel_office', 'intent.warning', 'legit.verifiable', 'job.office_online', 'req.none'])
      expect(FEATURE_VECTOR_NAMES).toContain(name);
    expect(Object.keys(vec('apa saja'))).toEqual([...FEATURE_VECTOR_NAMES]);
  });

  it('lights up the lure combination', () => {
    const v = vec('Loker CS online Kamboja, gaji 15jt, tiket pesawat gratis, tanpa pengalaman. WA 081234567890');
    expect(v['dest.scam_hub']).toBe(1);
    expect(v['job.office_online']).toBe(1);
    expect(v['flag.free_travel_office']).toBe(1);
    expect(v['req.none']).toBe(1);
    expect(v['intent.recruiting']).toBe(1);
    expect(v['combo.office_abroad_free_travel_no_req']).toBe(1);
    expect(v['pay.log_ratio_ump']).toBeCloseTo(Math.log(15e6 / 5_396_761), 2);
    expect(v['contact.whatsapp']).toBe(1);
  });

  it('marks a warning about a hub, and verifiable legitimacy', () => {
    const w = vec('WASPADA! Kemlu mengimbau agar tidak tergiur tawaran kerja di Kamboja. Laporkan ke KBRI.');
    expect(w['intent.warning']).toBe(1);
    expect(w['combo.warning_about_hub']).toBe(1);
    expect(w['intent.recruiting']).toBe(0);
    const l = vec('Lowongan caregiver Taiwan lewat P3MI, SIP2MI No. 0411/KP2MI/SIP2MI/IX/2026, daftar di siskop2mi.bp2mi.go.id');
    expect(l['legit.verifiable']).toBe(1);
    expect(l['job.informal']).toBe(1);
  });

  it('is all zeros except the defaults for an empty post', () => {
    const v = vec('');
    const nonZero = Object.entries(v).filter(([, x]) => x !== 0).map(([k]) => k).sort();
    expect(nonZero).toEqual(['intent.confidence', 'intent.other', 'lang.other', 'req.unknown']);
  });

  it('fills the same values by slot as it names them, reusing a given array', () => {
    const out = new Float64Array(FEATURE_VECTOR_NAMES.length).fill(7);
    for (const text of ['Loker CS online Kamboja, gaji 15jt, tiket gratis. WA 081234567890', 'WASPADA! penipuan di Myanmar', '']) {
      const features = extractFeatures(text);
      const byName = featureVector(features);
      const values = featureValues(features, out);
      expect(values).toBe(out);
      expect(FEATURE_VECTOR_NAMES.map((name) => byName[name])).toEqual([...values]);
    }
  });
});
