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

export function dedupeKey(post: Pick<PostInput, 'platform' | 'externalId' | 'url' | 'text'>): string {
  if (post.externalId) return `id:${post.platform}:${post.externalId}`;
  const url = post.url ? canonicalUrl(post.url) : null;
  if (url) return `url:${url}`;
  return `text:${textHash(post.text)}`;
}
