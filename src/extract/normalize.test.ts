// Normalization: evasive spellings fold to plain words, and every normalized character maps back into the original.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDetailed, normalizeForModel, normalizeText } from './normalize.js';

/** The original text behind the normalized occurrence of `needle`. */
function originalOf(text: string, needle: string): string | null {
  const n = normalizeDetailed(text);
  const at = n.text.indexOf(needle);
  if (at < 0) return null;
  return text.slice(n.offsets[at], n.ends[at + needle.length - 1]);
}

describe('normalizeText', () => {
  it.each([
    ['stylized bold', 'Lowongan 𝐠𝐚𝐣𝐢 besar', 'gaji', '𝐠𝐚𝐣𝐢'],
    ['fullwidth', 'ｇａｊｉ dolar', 'gaji', 'ｇａｊｉ'],
    ['small capitals', 'ʟᴏᴋᴇʀ ᴋᴀᴍʙᴏᴊᴀ', 'kamboja', 'ᴋᴀᴍʙᴏᴊᴀ'],
    ['leet between letters', 'Loker K4mboja g4ji besar', 'kamboja', 'K4mboja'],
    ['leet zero', 'L0ker admin', 'loker', 'L0ker'],
    ['leet nine', 'kota B4n9kok', 'bangkok', 'B4n9kok'],
    ['at-sign inside a word', 'l0w0ng@n kerja', 'lowongan', 'l0w0ng@n'],
    ['spaced letters', 'hubungi W A sekarang', 'wa', 'W A'],
    ['dotted letters', 'kontak w.a ya', 'wa', 'w.a'],
    ['spaced word', 'kerja di K a m b o j a', 'kamboja', 'K a m b o j a'],
    ['spaced digits', 'nomor 0 8 1 2 3 4 5 6 7 8', '0812345678', '0 8 1 2 3 4 5 6 7 8'],
    ['spelled digits', 'nol delapan satu dua tiga empat', '081234', 'nol delapan satu dua tiga empat'],
    ['repeated letters', 'gajiii besaaar', 'gaji', 'gajiii'],
    ['abbreviation tnp', 'tnp pengalaman', 'tanpa pengalaman', 'tnp pengalaman'],
    ['abbreviation yg', 'yg minat', 'yang', 'yg'],
    ['flag emoji', 'kerja di 🇰🇭 gaji besar', 'kamboja', '🇰🇭'],
    ['cyrillic homoglyph', 'Kаmboja', 'kamboja', 'Kаmboja'],
    ['zero-width space', 'Kam\u200Bboja', 'kamboja', 'Kam\u200Bboja'],
    ['diacritics', 'Café Kampuchéa', 'kampuchea', 'Kampuchéa'],
  ])('%s: finds %j', (_name, text, needle, original) => {
    expect(normalizeText(text).text).toContain(needle);
    expect(originalOf(text, needle)).toBe(original);
  });

  it.each([
    ['currency with a lone digit', 'Rp5jt per bulan', 'rp5jt'],
    ['licence codes', 'P3MI resmi SIP2MI', 'p3mi'],
    ['degree levels', 'minimal S1 atau D3', 's1'],
    ['ordinary amounts', 'gaji 8.000.000', '8.000.000'],
    ['reduplication digit', 'kerja2 ringan', 'kerja2'],
    ['e-mail at-sign', 'kirim ke hrd@contoh.co.id', 'hrd@contoh.co.id'],
  ])('leaves %s alone', (_name, text, kept) => {
    expect(normalizeText(text).text).toContain(kept);
  });

  it('records what was obfuscated, in original coordinates', () => {
    const text = 'L0ker 𝐊𝐚𝐦𝐛𝐨𝐣𝐚 W A';
    const kinds = normalizeDetailed(text).obfuscations.map((o) => [o.kind, text.slice(o.start, o.end)]);
    expect(kinds).toEqual([
      ['stylized', '𝐊𝐚𝐦𝐛𝐨𝐣𝐚'],
      ['leet', 'L0ker'],
      ['spaced', 'W A'],
    ]);
  });

  it('gives one in-bounds, non-decreasing offset per normalized character', () => {
    const text = 'ＬＯＫＥＲ 🇲🇲 yg g4ji 15jt, W A 0 8 1 2 3 4 5 6 ✈️ ﷺ';
    const { text: out, offsets } = normalizeText(text);
    expect(offsets.length).toBe(out.length);
    for (let i = 0; i < offsets.length; i++) {
      expect(offsets[i]).toBeGreaterThanOrEqual(0);
      expect(offsets[i]).toBeLessThan(text.length);
      if (i > 0) expect(offsets[i]).toBeGreaterThanOrEqual(offsets[i - 1] as number);
    }
  });

  it('is lower case and idempotent on its own output', () => {
    const once = normalizeText('K4MBOJA Gaji $1,000 yg TNP Pengalaman').text;
    expect(once).toBe(once.toLowerCase());
    expect(normalizeText(once).text).toBe(once);
  });
});

describe('normalizeForModel', () => {
  it.each([
    ['empty', ''],
    ['plain ASCII', 'Dicari staf administrasi di Jakarta, gaji Rp 6.500.000'],
    ['upper case and controls', 'LOKER\tHARI\r\nINI\u0000\u007f'],
    ['stylized and fullwidth', 'Lowongan 𝐠𝐚𝐣𝐢 besar ｇａｊｉ ＬＯＫＥＲ ʟᴏᴋᴇʀ'],
    ['leet and at-sign', 'L0ker K4mboja g4ji l0w0ng@n hrd@contoh.co.id Rp5jt P3MI'],
    ['spaced and spelled', 'W A 0 8 1 2 3 4 5 6 7 8 K-a-m-b-o-j-a nol delapan satu dua tiga empat'],
    ['repeats and abbreviations', 'gajiiiii besaaaar yg tnp pengalaman ' + 'a'.repeat(300)],
    ['emoji, flags, invisible', 'kerja di 🇰🇭 ✈️ 👨\u200d👩 Kam\u200Bboja Kаmboja 🇦'],
    ['lone surrogates', 'gaji \uD800 besar \uDC00\uDBFF\uDFFF'],
    ['other scripts', 'ภาษาไทย 中文 한국어 カタカナ tiếng Việt Café'],
  ])('%s: equals normalizeDetailed(text).text', (_name, text) => {
    expect(normalizeForModel(text)).toBe(normalizeDetailed(text).text);
  });

  it('equals normalizeDetailed(text).text on arbitrary UTF-16, lone surrogates included', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const piece = fc.constantFrom('g4ji', 'W A ', '0 8 1 2 ', 'nol ', 'yg ', 'iii', '@', '𝐠', 'ｇ', '🇰🇭', '\uD800', ' ');
    const text = fc.oneof(fc.string({ unit, maxLength: 300 }), fc.array(fc.oneof(piece, unit), { maxLength: 120 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (t) => normalizeForModel(t) === normalizeDetailed(t).text),
      { numRuns: 300, seed: 7 },
    );
  });

  it('leaves earlier results intact (its buffers are reused between calls)', () => {
    const first = normalizeDetailed('L0ker K4mboja W A 0 8 1 2 3 4 yg 𝐠𝐚𝐣𝐢');
    const copy = { text: first.text, offsets: Array.from(first.offsets), ends: Array.from(first.ends), tokHashes: Array.from(first.tokHashes) };
    normalizeForModel('a completely different post '.repeat(40));
    normalizeDetailed('ＬＯＫＥＲ '.repeat(300));
    expect({ text: first.text, offsets: Array.from(first.offsets), ends: Array.from(first.ends), tokHashes: Array.from(first.tokHashes) }).toEqual(copy);
  });
});
