import { describe, expect, it } from 'vitest';
import { PostInput } from './post.js';

describe('PostInput', () => {
  it('replaces lone UTF-16 surrogates in stored fields, notes where, and leaves whole pairs alone', () => {
    const p = PostInput.parse({
      platform: 'telegram',
      externalId: 'x\uD83D',
      text: 'gaji 💰 besar \uDCA5 dan \uD83D',
      author: { name: 'A\uD800' },
      media: [{ kind: 'photo', url: 'https://t.me/a\uDFFF.jpg' }],
    });
    expect(p.externalId).toBe('x\uFFFD');
    expect(p.text).toBe('gaji 💰 besar \uFFFD dan \uFFFD');
    expect(p.author?.name).toBe('A\uFFFD');
    expect(p.media[0]?.url).toBe('https://t.me/a\uFFFD.jpg');
    expect(p.notes).toEqual(['replaced broken characters (lone UTF-16 surrogates) with U+FFFD in: externalId, text, author, media']);
    // Well-formed: survives a UTF-8 round trip unchanged.
    for (const s of [p.externalId, p.text, p.author?.name, p.media[0]?.url]) expect(Buffer.from(s!, 'utf8').toString('utf8')).toBe(s);
  });

  it('a text cut at the length limit in the middle of an emoji ends well-formed', () => {
    const text = `${'a'.repeat(99_999)}💰`;
    const p = PostInput.parse({ platform: 'x', text });
    expect(p.text).toHaveLength(100_000);
    expect(p.text.endsWith('\uFFFD')).toBe(true);
    expect(p.notes.some((n) => n.startsWith('text truncated'))).toBe(true);
  });

  it('removes control characters, NUL included, from every stored field, not only the text', () => {
    const p = PostInput.parse({ platform: 'x', externalId: 'a\u0000b', url: 'https://x.test/\u0007p', text: 'ok\u0000', author: { name: 'B\u0000' }, source: 's\u001b', notes: ['n\u0000'] });
    expect(p).toMatchObject({ externalId: 'ab', url: 'https://x.test/p', text: 'ok', author: { name: 'B' }, source: 's' });
    expect(p.notes).toEqual(['n', 'removed control characters from text', 'removed control characters from: externalId, url, author, source, notes']);
  });

  it('rejects dates the database cannot store, naming the field, and keeps ordinary ones', () => {
    for (const postedAt of [-8.64e15, 8.64e15, '0000-01-01', '0001-01-01', '1899-12-31T23:59:59Z', '-001000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z']) {
      const r = PostInput.safeParse({ platform: 'x', text: 'halo', postedAt });
      expect(r.success, String(postedAt)).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['postedAt'], message: expect.stringContaining('date out of range') });
    }
    expect(PostInput.parse({ platform: 'x', text: 'halo', postedAt: '1900-01-01T00:00:00Z', collectedAt: '9999-12-31' })).toMatchObject({
      postedAt: '1900-01-01T00:00:00.000Z',
      collectedAt: '9999-12-31T00:00:00.000Z',
    });
  });

  it('keeps Date values (the cleaning walks plain objects and arrays only)', () => {
    const p = PostInput.parse({ platform: 'x', text: 'halo\u0000', postedAt: new Date('2026-01-02T03:04:05Z'), collectedAt: new Date('2026-01-03T00:00:00Z') });
    expect(p).toMatchObject({ postedAt: '2026-01-02T03:04:05.000Z', collectedAt: '2026-01-03T00:00:00.000Z', text: 'halo' });
  });

  it('adds no note to well-formed records', () => {
    expect(PostInput.parse({ platform: 'x', text: 'Loker 🇰🇭 Kamboja 💰' }).notes).toEqual([]);
  });
});
