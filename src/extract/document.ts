// One post prepared for extraction: normalized text, its word tokens and span mapping helpers.
import type { Span } from '../contracts/common.js';
import { normalizeDetailed, type Normalized } from './normalize.js';

export interface Doc {
  original: string;
  norm: Normalized;
  /** Word tokens of the normalized text, in order. */
  tokens: string[];
}

export function buildDoc(text: string): Doc {
  const norm = normalizeDetailed(text);
  const tokens = new Array<string>(norm.tokStarts.length);
  for (let i = 0; i < tokens.length; i++) tokens[i] = norm.text.slice(norm.tokStarts[i], norm.tokEnds[i]);
  return { original: text, norm, tokens };
}

/** Original-text span of normalized range [start, end). */
export function normSpan(doc: Doc, start: number, end: number): Span {
  const { offsets, ends } = doc.norm;
  if (offsets.length === 0 || end <= start) {
    const at = offsets.length === 0 ? 0 : (offsets[Math.min(start, offsets.length - 1)] as number);
    return { start: at, end: at };
  }
  const s = Math.min(start, offsets.length - 1);
  const e = Math.min(end - 1, ends.length - 1);
  const os = offsets[s] as number;
  return { start: os, end: Math.max(os, ends[e] as number) };
}

/** Original-text span of tokens [t0, t1). */
export function tokenSpan(doc: Doc, t0: number, t1: number): Span {
  return normSpan(doc, doc.norm.tokStarts[t0] as number, doc.norm.tokEnds[t1 - 1] as number);
}
