// The boundary between scraped data and the rest of Waspada: each item is parsed with the PostInput
// schema; a bad one is reported by its key and skipped, never allowed to sink the whole batch.
import { PostInput } from '../contracts/post.js';
import type { ScrapedItem } from './ports.js';

export interface ValidItem {
  item: ScrapedItem;
  post: PostInput;
}

export interface RejectedItem {
  key: string;
  reason: string;
}

export function validateItems(items: readonly ScrapedItem[], sourceName: string, collectedAt: string): { valid: ValidItem[]; rejected: RejectedItem[] } {
  const valid: ValidItem[] = [];
  const rejected: RejectedItem[] = [];
  for (const item of items) {
    const parsed = PostInput.safeParse({ ...item.post, source: sourceName, collectedAt });
    if (parsed.success) valid.push({ item, post: parsed.data });
    else rejected.push({ key: item.key, reason: parsed.error.issues.map((i) => `${i.path.join('.') || 'post'}: ${i.message}`).join('; ') });
  }
  return { valid, rejected };
}
