// The loop every list-page adapter shares: read newest-first pages until items are no longer new, the
// limits are reached or the page chain ends. A page that fails is recorded and ends the walk, never the process
// (except when the browser itself died: see BrowserCrashedError).
import { BrowserCrashedError, SourceHealthError, errorMessage } from '../errors.js';
import type { AdapterResult, CrawlLimits, PageProblem, ScrapedItem } from '../ports.js';
import type { SourceHealth } from '../../contracts/source.js';

export interface ListPage {
  items: ScrapedItem[];
  next: string | null;
  /** The page carried the platform's structure (a channel header, a feed container) even if it held no items. */
  recognized: boolean;
}

export async function paginate(
  startUrl: string,
  readPage: (url: string) => Promise<ListPage>,
  isNew: (item: ScrapedItem) => boolean,
  limits: CrawlLimits,
  /** 'any-known' for newest-first feeds; 'page-known' for feeds sorted by activity, where old items resurface. */
  stopWhen: 'any-known' | 'page-known' = 'any-known',
): Promise<AdapterResult> {
  const items: ScrapedItem[] = [];
  const problems: PageProblem[] = [];
  const visited = new Set<string>();
  const keys = new Set<string>();
  let pages = 0;
  let parsedAny = false;
  let url: string | null = startUrl;
  while (url && pages < limits.maxPages && items.length < limits.maxItems) {
    if (visited.has(url)) break;
    visited.add(url);
    pages++;
    let page: ListPage;
    try {
      page = await readPage(url);
    } catch (error) {
      // A dead browser says nothing about the source: the run is retried whole instead of ending the walk here.
      if (error instanceof BrowserCrashedError) throw error;
      problems.push({ url, health: error instanceof SourceHealthError ? error.health : 'error', message: errorMessage(error) });
      break;
    }
    if (page.items.length === 0 && !page.recognized) {
      problems.push({ url, health: 'layout_changed', message: `no items and none of the expected page structure at ${url}` });
      break;
    }
    if (page.items.length > 0) parsedAny = true;
    let known = 0;
    for (const item of page.items) {
      if (!isNew(item)) {
        known++;
        continue;
      }
      if (keys.has(item.key)) continue;
      keys.add(item.key);
      items.push(item);
      if (items.length >= limits.maxItems) break;
    }
    if (stopWhen === 'any-known' ? known > 0 : known === page.items.length && known > 0) break;
    url = page.next;
  }
  const health: SourceHealth = problems[0]?.health ?? (parsedAny ? 'ok' : 'empty');
  return { items, pages, problems, health };
}
