// Links taken from scraped posts: only http(s) URLs become links; anything else (javascript:,
// data:, vbscript:, relative tricks) is shown as text.
export function safeHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.href;
}

/** rel for every link that leads off the console. */
export const EXTERNAL_REL = 'noopener noreferrer nofollow';
