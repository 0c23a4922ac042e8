// Duplicate detection used for leakage reports and duplicate-aware folds.
import { describe, expect, it } from 'vitest';
import { crossLeakage, decodeFingerprints, duplicateGroups, encodeFingerprints, fingerprint, hamming, NEAR_DUPLICATE_BITS } from './leakage.js';

const base =
  'Lowongan kerja admin customer service di Phnom Penh, gaji 15 juta per bulan, tiket pesawat dan visa ditanggung perusahaan, tanpa pengalaman, hubungi WA sekarang juga untuk info lebih lanjut tentang keberangkatan minggu depan bersama tim kami';

describe('leakage', () => {
  it('finds exact duplicates regardless of case and punctuation', () => {
    expect(fingerprint(base).exactHi).toBe(fingerprint(`${base.toUpperCase()}!!!`).exactHi);
    const r = crossLeakage([fingerprint(base)], [fingerprint(base.toUpperCase()), fingerprint('kasir toko roti di Bandung, gaji UMR')]);
    expect(r.exact).toBe(1);
    expect(r.near).toBe(0);
  });

  it('finds near duplicates (one word changed) but not unrelated texts', () => {
    const variant = base.replace('15 juta', '18 juta');
    expect(hamming(fingerprint(base), fingerprint(variant))).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
    const r = crossLeakage([fingerprint(base)], [fingerprint(variant)]);
    expect(r.near).toBe(1);
    const other = fingerprint('Dicari guru les matematika untuk anak SD di Surabaya, dua kali seminggu, honor per pertemuan, kirim CV lewat email sekolah');
    expect(crossLeakage([fingerprint(base)], [other])).toMatchObject({ exact: 0, near: 0 });
  });

  it('groups duplicates transitively and round-trips packed fingerprints', () => {
    const fps = [base, base.replace('15 juta', '18 juta'), 'teks lain sama sekali berbeda tentang pekerjaan kasir', base].map(fingerprint);
    const g = duplicateGroups(fps);
    expect(g.group[0]).toBe(g.group[1]);
    expect(g.group[0]).toBe(g.group[3]);
    expect(g.group[2]).not.toBe(g.group[0]);
    expect(g.exactPairs).toBe(1);
    expect(decodeFingerprints(encodeFingerprints(fps))).toEqual(fps);
  });
});
