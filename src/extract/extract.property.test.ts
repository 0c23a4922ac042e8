// Property tests: for any Unicode text, including 1 MB inputs, extraction never throws, conforms to the
// schema, and every span stays inside the original text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../contracts/common.js';
import { Features } from '../contracts/features.js';
import { featureVector, FEATURE_VECTOR_NAMES } from './feature-vector.js';
import { extractFeatures } from './index.js';
import { normalizeDetailed } from './normalize.js';

function allSpans(f: Features): Span[] {
  return [
    ...f.pay.offers.map((o) => o.span), ...(f.pay.fees ?? []).map((o) => o.span), ...f.destinations.map((d) => d.span),
    ...f.jobTypes.map((j) => j.span), ...f.qualifications.map((q) => q.span), ...f.flags.flatMap((x) => x.spans),
    ...f.legitimacy.map((l) => l.span), ...f.contacts.map((c) => c.span), ...(f.companies ?? []).map((c) => c.span),
    ...(f.obfuscations ?? []).map((o) => o.span), ...f.reasons.flatMap((r) => r.spans),
  ];
}

function checkSpans(text: string, f: Features): void {
  for (const s of allSpans(f)) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(text.length);
  }
}

// Pieces that exercise the matchers: lure vocabulary, obfuscations, amounts, contacts, odd Unicode.
const pieces = fc.constantFrom(
  'Kamboja', 'K4mboja', '🇰🇭', '🇹🇭', 'W A', '0 8 1 2 3 4 5 6 7 8', 'nol delapan satu dua', 'gaji', '15-20jt', '$1,000-1,500', 'Rp 8.000.000',
  '30rb baht', 'tnp pengalaman', 'visa turis', 'tiket gratis', 'admin judol', 'wa.me/6281234567890', 't.me/abc_def', '@handle', 'a@b.co',
  'bit.ly/x', 'SIP2MI No. 12/34', 'PENG. 2062/04.04/PP', 'WASPADA', 'ujar', '𝐠𝐚𝐣𝐢', 'ｇａｊｉ', 'ᴋᴀᴍʙᴏᴊᴀ', '\u200B', '\uD800', '\uDC00',
  '\u0301', 'ﷺ', '👩‍👩‍👧', '\n', ' ', '.', '-', '+', '++', '/', ':', 'PT Maju Jaya', 'rek BCA 1234567890', 'x'.repeat(300),
);
const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 }).map((a) => a.join(' ')),
  fc.array(pieces, { maxLength: 80 }).map((a) => a.join('')),
);

describe('extractFeatures properties', () => {
  it('never throws, conforms to the schema, keeps spans in bounds', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const f = extractFeatures(text);
        expect(f.reasons.map((r) => r.code)).not.toContain('EXTRACTION_FAILED');
        Features.parse(f);
        checkSpans(text, f);
      }),
      { numRuns: 600 },
    );
  });

  it('normalized offsets are in bounds and non-decreasing for any text', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const n = normalizeDetailed(text);
        expect(n.offsets.length).toBe(n.text.length);
        for (let i = 0; i < n.offsets.length; i++) {
          const o = n.offsets[i] as number;
          expect(o).toBeGreaterThanOrEqual(0);
          expect(n.ends[i] as number).toBeLessThanOrEqual(text.length);
          expect(n.ends[i] as number).toBeGreaterThan(o);
          if (i > 0) expect(o).toBeGreaterThanOrEqual(n.offsets[i - 1] as number);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('the feature vector always has every documented name and finite values', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const v = featureVector(extractFeatures(text));
        expect(Object.keys(v)).toEqual([...FEATURE_VECTOR_NAMES]);
        for (const x of Object.values(v)) expect(Number.isFinite(x)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('handles 1 MB inputs of arbitrary and adversarial text', () => {
    const random = fc.sample(fc.string({ unit: 'binary', minLength: 2000, maxLength: 2000 }), { numRuns: 1, seed: 7 })[0] as string;
    const inputs = [
      random.repeat(Math.ceil(1_000_000 / random.length)).slice(0, 1_000_000),
      'Kamboja gaji 15jt WA 0812-3456-7890 '.repeat(30_000).slice(0, 1_000_000),
      '1'.repeat(1_000_000),
      'a '.repeat(500_000),
      '𝐠'.repeat(500_000),
      '🇰🇭'.repeat(250_000),
      '@'.repeat(1_000_000),
      '1.'.repeat(500_000),
    ];
    for (const text of inputs) {
      const f = extractFeatures(text);
      expect(f.reasons.map((r) => r.code)).not.toContain('EXTRACTION_FAILED');
      Features.parse(f);
      checkSpans(text, f);
    }
  });
});
