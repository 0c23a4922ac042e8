// Plain HTTP for pages that need no JavaScript: timeouts, a byte cap, a redirect limit and content checks,
// mapping every failure to a transient or permanent crawl error.
import { PermanentCrawlError, SourceHealthError, TransientCrawlError, errorMessage } from './errors.js';
import type { FetchOptions, FetchResult, Fetcher } from './ports.js';

export interface HttpFetcherOptions {
  userAgent: string;
  /** Per-request timeout in ms. Default 15000. */
  timeoutMs?: number;
  /** Bodies are cut here so a huge page cannot exhaust memory. Default 5 MiB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
}

const ACCEPT: Record<NonNullable<FetchOptions['expect']>, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  json: 'application/json,*/*;q=0.5',
  xml: 'application/rss+xml,application/atom+xml,application/xml,text/xml;q=0.9,*/*;q=0.5',
  text: 'text/plain,*/*;q=0.5',
};

const EXPECTED_TYPES: Record<NonNullable<FetchOptions['expect']>, RegExp> = {
  html: /html|xml/i,
  json: /json|javascript|text\/plain/i,
  xml: /xml|rss|atom/i,
  text: /text|json|xml/i,
};

export function createHttpFetcher(options: HttpFetcherOptions): Fetcher {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;

  return {
    async fetch(url: string, fetchOptions: FetchOptions = {}): Promise<FetchResult> {
      const expect = fetchOptions.expect ?? 'html';
      const signal = AbortSignal.timeout(timeoutMs);
      let current = url;
      const visited = new Set<string>();
      for (let hop = 0; ; hop++) {
        if (visited.has(current)) throw new PermanentCrawlError(`redirect loop at ${current}`);
        visited.add(current);
        let response: Response;
        try {
          response = await fetch(current, {
            redirect: 'manual',
            signal,
            headers: { 'user-agent': options.userAgent, accept: ACCEPT[expect], 'accept-language': 'id-ID,id;q=0.9,en;q=0.5', ...fetchOptions.headers },
          });
        } catch (error) {
          throw new TransientCrawlError(`fetch ${current} failed: ${describeFetchError(error)}`, { cause: error });
        }
        if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
          await response.body?.cancel();
          if (hop >= maxRedirects) throw new PermanentCrawlError(`too many redirects (more than ${maxRedirects}) from ${url}`);
          current = new URL(response.headers.get('location') ?? '', current).toString();
          continue;
        }
        const contentType = response.headers.get('content-type') ?? '';
        if (response.status === 429 || response.status >= 500) {
          await response.body?.cancel();
          throw new TransientCrawlError(`HTTP ${response.status} from ${current}`);
        }
        if (response.status === 401 || response.status === 403) {
          const { body } = await readCapped(response, maxBytes, signal);
          throw new SourceHealthError(/login|log in|masuk/i.test(body) ? 'login_wall' : 'blocked', `HTTP ${response.status} from ${current}`);
        }
        if (response.status >= 400) {
          await response.body?.cancel();
          throw new PermanentCrawlError(`HTTP ${response.status} from ${current}`);
        }
        if (contentType !== '' && !EXPECTED_TYPES[expect].test(contentType)) {
          await response.body?.cancel();
          throw new PermanentCrawlError(`expected ${expect} from ${current}, got ${contentType}`);
        }
        const { body, truncated } = await readCapped(response, maxBytes, signal);
        return { url: current, status: response.status, contentType, body, truncated };
      }
    },
  };
}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    if (signal.aborted) throw new TransientCrawlError(`timed out reading ${response.url}`, { cause: error });
    throw new TransientCrawlError(`reading ${response.url} failed: ${errorMessage(error)}`, { cause: error });
  }
  return { body: new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks)), truncated };
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${errorMessage(error)}${cause}`;
}
