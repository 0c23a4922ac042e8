// The identity of a post across re-crawls and re-imports: platform + external id, else the canonical
// URL, else a hash of the normalized text.
import { createHash } from 'node:crypto';
import type { PostInput } from '../contracts/post.js';

const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|igshid|si|ref|ref_src|mibextid|s)$/i;

/** Lower-cases scheme and host, drops fragments, tracking parameters and trailing slashes. */
export function canonicalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.searchParams.toString();
  return `https://${host}${path}${query ? `?${query}` : ''}`;
}

export function textHash(text: string): string {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalized).digest('hex');
}

/**
 * Longest key (UTF-8 bytes) stored as it is. The unique index on dedupe_key takes at most 2,704 bytes per row,
 * and one longer key (a URL of thousands of characters) failed its whole batch; a longer key is stored as its
 * kind and a SHA-256 of the rest instead. Every key that could be stored before is below this and unchanged.
 */
export const MAX_PLAIN_KEY_BYTES = 2000;

function bounded(kind: string, value: string): string {
  const key = `${kind}:${value}`;
  if (Buffer.byteLength(key, 'utf8') <= MAX_PLAIN_KEY_BYTES) return key;
  return `${kind}#sha256:${createHash('sha256').update(value).digest('hex')}`;
}

export function dedupeKey(post: Pick<PostInput, 'platform' | 'externalId' | 'url' | 'text'>): string {
  if (post.externalId) return bounded('id', `${post.platform}:${post.externalId}`);
  const url = post.url ? canonicalUrl(post.url) : null;
  if (url) return bounded('url', url);
  return `text:${textHash(post.text)}`;
}
