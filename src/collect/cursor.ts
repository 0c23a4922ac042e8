// A source's crawl position: the highest monotonic position seen (message id, timestamp) and the keys of
// the most recent items, for platforms with no order. Serialized as JSON in the sources table.
import { z } from 'zod';
import type { ScrapedItem } from './ports.js';

const SEEN_KEPT = 500;

const CursorShape = z.object({ v: z.literal(1), mark: z.number().nullable(), seen: z.array(z.string()).max(SEEN_KEPT) });
export type Cursor = z.infer<typeof CursorShape>;

export const EMPTY_CURSOR: Cursor = { v: 1, mark: null, seen: [] };

/** An unreadable cursor (older format, hand-edited) restarts the source rather than failing it forever. */
export function parseCursor(raw: string | null): Cursor {
  if (!raw) return EMPTY_CURSOR;
  try {
    const parsed = CursorShape.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY_CURSOR;
  } catch {
    return EMPTY_CURSOR;
  }
}

export function isNewSince(cursor: Cursor): (item: ScrapedItem) => boolean {
  const seen = new Set(cursor.seen);
  return (item) => {
    if (seen.has(item.key)) return false;
    if (item.order !== undefined && cursor.mark !== null) return item.order > cursor.mark;
    return true;
  };
}

export function advanceCursor(cursor: Cursor, items: readonly ScrapedItem[]): Cursor {
  let mark = cursor.mark;
  for (const item of items) if (item.order !== undefined && (mark === null || item.order > mark)) mark = item.order;
  const seen = [...items.map((i) => i.key), ...cursor.seen.filter((k) => !items.some((i) => i.key === k))].slice(0, SEEN_KEPT);
  return { v: 1, mark, seen };
}

export function serializeCursor(cursor: Cursor): string {
  return JSON.stringify(cursor);
}
