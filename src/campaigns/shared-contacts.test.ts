// Contacts that must not link posts: official sites and bare platform links.
import { describe, expect, it } from 'vitest';
import { isSharedContact } from './shared-contacts.js';

describe('isSharedContact', () => {
  it('never links on government sites, whatever the path', () => {
    expect(isSharedContact('url', 'https://siskop2mi.bp2mi.go.id/cek')).toBe(true);
    expect(isSharedContact('url', 'kemnaker.go.id')).toBe(true);
  });

  it('ignores bare platform links but links on a specific page, account or short link', () => {
    expect(isSharedContact('url', 'https://www.facebook.com/')).toBe(true);
    expect(isSharedContact('url', 'https://facebook.com/profile.php?id=100000001')).toBe(false);
    expect(isSharedContact('url', 'https://bit.ly/Loker-KH')).toBe(false);
    expect(isSharedContact('url', 'https://t.me/loker_kh')).toBe(false);
    expect(isSharedContact('url', 'https://rekrut-asia-karir.xyz')).toBe(false);
  });

  it('leaves phones, handles and other kinds alone', () => {
    expect(isSharedContact('whatsapp', '+6281200001111')).toBe(false);
    expect(isSharedContact('telegram', 'kemnaker.go.id')).toBe(false);
  });
});
