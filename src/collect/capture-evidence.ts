// Preserves evidence at collection, before a post can be taken down: each chosen post's own HTML (or JSON)
// and a full-page screenshot of the page it was found on, hashed and stored content-addressed.
import type { Logger } from '../log.js';
import { BrowserCrashedError, errorMessage } from './errors.js';
import type { BrowserPool, CrawlContext, EvidenceRecord, EvidenceStore } from './ports.js';
import type { ValidItem } from './validate-items.js';
import { CRAWLER_VERSION } from './version.js';

export interface CaptureParts {
  evidence: EvidenceStore;
  browser: BrowserPool;
  ctx: CrawlContext;
  screenshots: boolean;
  log: Logger;
  now: () => Date;
}

/** Evidence per index into `chosen`; a failed screenshot is logged and the HTML is still kept. */
export async function captureEvidence(chosen: ReadonlyArray<{ index: number; valid: ValidItem }>, parts: CaptureParts): Promise<Map<number, EvidenceRecord[]>> {
  const out = new Map<number, EvidenceRecord[]>();
  const shots = new Map<string, Promise<EvidenceRecord | null>>();
  const add = (index: number, record: EvidenceRecord): void => {
    const list = out.get(index) ?? [];
    list.push(record);
    out.set(index, list);
  };
  for (const { index, valid } of chosen) {
    const { item, post } = valid;
    const html = item.evidenceHtml?.();
    if (html) {
      const capturedAt = parts.now().toISOString();
      const url = post.url ?? item.pageUrl;
      const isJson = html.startsWith('{');
      const bytes = new TextEncoder().encode(html);
      const { key, sha256 } = await parts.evidence.put(bytes, { kind: 'html', contentType: isJson ? 'application/json' : 'text/html; charset=utf-8', url, capturedAt, crawlerVersion: CRAWLER_VERSION });
      add(index, { kind: 'html', key, sha256, bytes: bytes.byteLength, capturedAt, url, crawlerVersion: CRAWLER_VERSION });
    }
    if (parts.screenshots) {
      // One screenshot per listing page, shared by every chosen post on it.
      let shot = shots.get(item.pageUrl);
      if (!shot) {
        shot = screenshotPage(item.pageUrl, parts);
        shots.set(item.pageUrl, shot);
      }
      const record = await shot;
      if (record) add(index, record);
    }
  }
  return out;
}

async function screenshotPage(url: string, parts: CaptureParts): Promise<EvidenceRecord | null> {
  try {
    await parts.ctx.beforeBrowse(url);
    const png = await parts.browser.withPage(async (page) => {
      await page.goto(url, { waitUntil: 'load' });
      return page.screenshot({ fullPage: true, type: 'png' });
    });
    const capturedAt = parts.now().toISOString();
    const bytes = new Uint8Array(png);
    const { key, sha256 } = await parts.evidence.put(bytes, { kind: 'screenshot', contentType: 'image/png', url, capturedAt, crawlerVersion: CRAWLER_VERSION });
    return { kind: 'screenshot', key, sha256, bytes: bytes.byteLength, capturedAt, url, crawlerVersion: CRAWLER_VERSION };
  } catch (error) {
    // Retry the run rather than keep a suspect post without its screenshot because the browser died.
    if (error instanceof BrowserCrashedError) throw error;
    parts.log.warn({ url, err: errorMessage(error) }, 'screenshot evidence failed; the post HTML is kept');
    return null;
  }
}
