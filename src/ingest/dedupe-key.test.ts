import { describe, expect, it } from 'vitest';
import { MAX_PLAIN_KEY_BYTES, canonicalUrl, dedupeKey } from './dedupe-key.js';

describe('dedupeKey', () => {
  it('stores keys too long for the unique index as a hash, stable and distinct, and leaves shorter ones as they were', () => {
    const long = `https://example.com/${'a1'.repeat(2000)}`;
    const key = dedupeKey({ platform: 'site', url: long, text: 'x' });
    expect(key).toMatch(/^url#sha256:[0-9a-f]{64}$/);
    expect(dedupeKey({ platform: 'site', url: `${long}#frag`, text: 'y' })).toBe(key);
    expect(dedupeKey({ platform: 'site', url: `${long}b`, text: 'x' })).not.toBe(key);
    const wide = 'é'.repeat(600); // 1,200 bytes, under the limit: unchanged
    expect(dedupeKey({ platform: 'telegram', externalId: wide, text: 'x' })).toBe(`id:telegram:${wide}`);
    const atLimit = `https://t.me/${'p'.repeat(MAX_PLAIN_KEY_BYTES - 'url:https://t.me/'.length)}`;
    expect(dedupeKey({ platform: 'telegram', url: atLimit, text: 'x' })).toBe(`url:${atLimit}`);
    expect(dedupeKey({ platform: 'telegram', url: `${atLimit}q`, text: 'x' })).toMatch(/^url#sha256:/);
  });

  it('prefers platform and external id', () => {
    expect(dedupeKey({ platform: 'telegram', externalId: 'loker/12', url: 'https://t.me/loker/12', text: 'x' })).toBe('id:telegram:loker/12');
  });
  it('falls back to the canonical URL, ignoring tracking parameters and mobile hosts', () => {
    const a = dedupeKey({ platform: 'facebook', url: 'https://m.facebook.com/groups/1/posts/2/?fbclid=abc#c', text: 'a' });
    const b = dedupeKey({ platform: 'facebook', url: 'https://www.facebook.com/groups/1/posts/2', text: 'b' });
    expect(a).toBe(b);
  });
  it('falls back to a hash of the normalized text', () => {
    const a = dedupeKey({ platform: 'x', text: 'Loker  KAMBOJA\n gaji 15jt' });
    const b = dedupeKey({ platform: 'x', text: 'loker kamboja gaji 15jt' });
    expect(a).toBe(b);
    expect(a).toMatch(/^text:[0-9a-f]{64}$/);
  });
  it('rejects non-web URLs as canonical', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
  });
});
