// Shingling: contact stripping, canonical text across obfuscations, hash windows.
import { describe, expect, it } from 'vitest';
import { canonicalText, shingleHashes, stripContacts } from './shingles.js';

describe('stripContacts', () => {
  it('removes phone numbers in their usual spellings, links, e-mails and handles', () => {
    const text = 'WA 0812-0000-1234 / +62 812 0000 5678, t.me/lokerkh, https://bit.ly/Ab12, rekrut.asia@gmail.com @admin_rina gaji 15 juta';
    const stripped = stripContacts(text);
    for (const gone of ['0812', '5678', 't.me', 'bit.ly', 'gmail', 'admin_rina']) expect(stripped).not.toContain(gone);
    expect(stripped).toContain('gaji 15 juta');
  });
});

describe('canonicalText', () => {
  it('undoes stylized letters, case and punctuation, and folds numbers, so pay changes vanish', () => {
    expect(canonicalText('𝐋𝐎𝐖𝐎𝐍𝐆𝐀𝐍 kerja!!! Gaji 15 juta')).toBe(canonicalText('lowongan KERJA, gaji 18 juta 🔥'));
  });

  it('gives the same text when only the contact number changed', () => {
    expect(canonicalText('Admin CS Kamboja, hubungi 0812-0000-1111')).toBe(canonicalText('Admin CS Kamboja, hubungi +62 813 0000 2222'));
  });

  it('drops numbers spelled out in words, which the normalizer turns into digits', () => {
    expect(canonicalText('Admin CS Kamboja, WA nol delapan satu dua nol nol nol nol satu dua tiga empat')).toBe(canonicalText('Admin CS Kamboja, WA'));
  });

  it('keeps non-Latin letters (Thai, Khmer) as words', () => {
    expect(canonicalText('งานบริการลูกค้า gaji')).toContain('gaji');
    expect(canonicalText('งานบริการลูกค้า').length).toBeGreaterThan(0);
  });
});

describe('shingleHashes', () => {
  it('returns one hash per 5-character window and none for short text', () => {
    expect(shingleHashes('abc')).toHaveLength(0);
    const canonical = canonicalText('lowongan kerja kamboja');
    expect(shingleHashes('lowongan kerja kamboja')).toHaveLength(canonical.length - 4);
  });

  it('hands back a view of the given buffer, grown when needed', () => {
    const into = { buffer: new Uint32Array(2) };
    const hashes = shingleHashes('lowongan kerja kamboja gaji besar', into);
    expect(hashes.buffer).toBe(into.buffer.buffer);
    expect([...hashes]).toEqual([...shingleHashes('lowongan kerja kamboja gaji besar')]);
  });
});
