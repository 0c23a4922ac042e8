// The adapter registry, and the guess of an adapter from a URL's host for one-off crawls.
import type { AdapterName } from '../../contracts/source.js';
import type { Adapter } from '../ports.js';
import { facebookAdapter } from './facebook.js';
import { feedAdapter } from './feed.js';
import { instagramAdapter } from './instagram.js';
import { siteAdapter } from './site.js';
import { telegramAdapter } from './telegram.js';
import { xAdapter } from './x.js';

export const ADAPTERS: Record<AdapterName, Adapter> = {
  telegram: telegramAdapter,
  facebook: facebookAdapter,
  x: xAdapter,
  instagram: instagramAdapter,
  site: siteAdapter,
  feed: feedAdapter,
};

/** t.me → telegram, *.facebook.com → facebook, x.com/twitter.com → x, instagram.com → instagram, *.xml/rss/atom → feed. */
export function inferAdapter(url: string): AdapterName | null {
  const u = new URL(url);
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  if (host === 't.me' || host === 'telegram.me') return 'telegram';
  if (host === 'facebook.com' || host.endsWith('.facebook.com') || host === 'fb.com') return 'facebook';
  if (host === 'x.com' || host === 'twitter.com' || host === 'mobile.twitter.com') return 'x';
  if (host === 'instagram.com') return 'instagram';
  if (/\.(rss|atom|xml)$|\/(feed|rss)\/?$/.test(u.pathname)) return 'feed';
  return null;
}
