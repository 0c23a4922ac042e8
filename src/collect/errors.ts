// The collector's error classes. Each says whether the failed work is worth retrying and, when the
// failure tells us something about the source (a login wall, a captcha), which health it implies.
import type { SourceHealth } from '../contracts/source.js';

/** A failure that may pass on its own: timeouts, resets, 5xx, 429. Retried with backoff. */
export class TransientCrawlError extends Error {
  override name = 'TransientCrawlError';
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The browser died under a page (killed, crashed, out of memory). Transient, and never a page problem of the
 * source: the whole run is retried (the pool relaunches Chromium), so nothing scraped before the crash is
 * half-saved and nothing after it is skipped by an advanced cursor.
 */
export class BrowserCrashedError extends TransientCrawlError {
  override name = 'BrowserCrashedError';
}

/** A failure that retrying will not fix: 404, a non-HTML body, a redirect loop, a bad selector. */
export class PermanentCrawlError extends Error {
  override name = 'PermanentCrawlError';
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The source answered, but with a wall instead of posts; reported as the source's health, never as "no new posts". */
export class SourceHealthError extends PermanentCrawlError {
  override name = 'SourceHealthError';
  constructor(readonly health: Exclude<SourceHealth, 'ok' | 'never_run'>, message: string) {
    super(message);
  }
}

/** robots.txt forbids the URL and the source carries no recorded override. */
export class RobotsDisallowedError extends PermanentCrawlError {
  override name = 'RobotsDisallowedError';
}

/** No Chromium could be found or launched. */
export class BrowserUnavailableError extends PermanentCrawlError {
  override name = 'BrowserUnavailableError';
}

export function isRetryable(error: unknown): boolean {
  return error instanceof TransientCrawlError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
