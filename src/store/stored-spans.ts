// Spans as rows keep them: `[start, end]` for one span and one flat `[s1, e1, s2, e2, ...]` for a list,
// instead of `{"start":s,"end":e}` objects. Spans were a fifth of every features row and of every score's
// reasons, and the database parses every byte it stores. Rows written before keep their span objects:
// rendering accepts both forms.
import type { Span } from '../contracts/common.js';

export type StoredSpan = [number, number] | Span;
export type StoredSpans = number[] | Span[];

export const packSpan = (span: Span): [number, number] => [span.start, span.end];

export function packSpans(spans: readonly Span[]): number[] {
  const out: number[] = new Array(spans.length * 2);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as Span;
    out[2 * i] = s.start;
    out[2 * i + 1] = s.end;
  }
  return out;
}

export function renderSpan(stored: StoredSpan): Span {
  return Array.isArray(stored) ? { start: stored[0], end: stored[1] } : stored;
}

export function renderSpans(stored: StoredSpans): Span[] {
  // A list of span objects is the old form (an empty list reads the same either way).
  if (stored.length === 0 || typeof stored[0] !== 'number') return stored as Span[];
  const flat = stored as number[];
  const out: Span[] = new Array(flat.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = { start: flat[2 * i] as number, end: flat[2 * i + 1] as number };
  return out;
}
