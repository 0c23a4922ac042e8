import { describe, expect, it } from 'vitest';
import { canonicalUrl, dedupeKey } from './dedupe-key.js';

describe('dedupeKey', () => {
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
