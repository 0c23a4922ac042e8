// Post signatures: similarity of reposts, empty signatures for short texts, byte encoding.
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../extract/normalize.js';
import { SignatureFormatError, decodeSignature, encodeSignature, signatureOf, signatureOfNormalized, SIGNATURE_HASHES } from './signature.js';
import { estimateJaccard, isEmptySignature } from './minhash.js';

const LURE = 'Lowongan customer service di Bangkok, gaji 15 juta per bulan, tiket dan visa ditanggung perusahaan, mess gratis, tanpa pengalaman.';

describe('signatureOf', () => {
  it('is deterministic and high for a lightly edited repost, low for an unrelated post', () => {
    const a = signatureOf(LURE);
    expect([...a]).toEqual([...signatureOf(LURE)]);
    const repost = signatureOf(`🔥 ${LURE.replace('15', '18').replace('gratis', 'GRATIS!!')} #lokerthailand`);
    const other = signatureOf('Dicari kasir minimarket di Bekasi, gaji UMK, shift pagi dan sore, lamaran diantar langsung ke toko.');
    expect(estimateJaccard(a, 0, repost, 0)).toBeGreaterThan(0.6);
    expect(estimateJaccard(a, 0, other, 0)).toBeLessThan(0.2);
  });

  it('gives an empty signature to text too short to compare, such as a bare contact line', () => {
    expect(isEmptySignature(signatureOf('info loker WA 0812-0000-1234'))).toBe(true);
    expect(isEmptySignature(signatureOf(''))).toBe(true);
  });
});

describe('signatureOfNormalized', () => {
  it('equals signatureOf on the normalizer\'s output, obfuscated text included', () => {
    for (const text of [LURE, '𝐋𝐎𝐊𝐄𝐑 K A M B O J A, g4ji 15jt, hub nol delapan satu dua nol nol nol nol satu dua tiga empat', '']) {
      expect([...signatureOfNormalized(normalizeText(text).text)]).toEqual([...signatureOf(text)]);
    }
  });
});

describe('encodeSignature / decodeSignature', () => {
  it('round-trips through bytes, also from an offset Buffer', () => {
    const sig = signatureOf(LURE);
    const bytes = encodeSignature(sig);
    expect(bytes).toHaveLength(SIGNATURE_HASHES * 4);
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(bytes)]).subarray(3);
    expect([...decodeSignature(pooled)]).toEqual([...sig]);
  });

  it('rejects bytes of another length', () => {
    expect(() => decodeSignature(new Uint8Array(12))).toThrow(SignatureFormatError);
  });
});
