// Contact keys: one key per real number or handle, whatever its spelling.
import { describe, expect, it } from 'vitest';
import { contactKey } from './contact-key.js';

describe('contactKey', () => {
  it('makes one key of a number whether written as phone or WhatsApp, national or E.164', () => {
    const key = contactKey('whatsapp', '+62 812-0000-1234');
    expect(key).toBe('tel:6281200001234');
    expect(contactKey('phone', '081200001234')).toBe(key);
    expect(contactKey('phone', '0062 812 0000 1234')).toBe(key);
  });

  it('lower-cases handles and strips "@", keeps URL case but not a trailing slash', () => {
    expect(contactKey('telegram', '@Loker_KH')).toBe('telegram:loker_kh');
    expect(contactKey('url', 'https://bit.ly/AbC/')).toBe('url:https://bit.ly/AbC');
    expect(contactKey('email', 'HR@Example.org')).toBe('email:hr@example.org');
  });

  it('returns null for values with nothing usable', () => {
    expect(contactKey('phone', '  ')).toBeNull();
    expect(contactKey('whatsapp', '12')).toBeNull();
    expect(contactKey('telegram', '@')).toBeNull();
  });
});
