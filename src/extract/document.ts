// One post prepared for extraction: normalized text, its word tokens (as vocabulary ids, and as strings on
// demand) and span mapping helpers.
import type { Span } from '../contracts/common.js';
import { normalizeDetailed, type Normalized } from './normalize.js';
import { VOCABULARY } from './vocabulary.js';
import { Int32Slab } from './int32-slab.js';

export interface Doc {
  original: string;
  norm: Normalized;
  /** Vocabulary id of each word token (-1 for words no lexicon knows), in order. */
  ids: Int32Array;
  /** Word tokens of the normalized text, in order (built on first use: most posts never need them all). */
  readonly tokens: string[];
}

class PreparedDoc implements Doc {
  private tokenStrings: string[] | null = null;
  constructor(
    readonly original: string,
    readonly norm: Normalized,
    readonly ids: Int32Array,
  ) {}

  get tokens(): string[] {
    if (this.tokenStrings === null) {
      const { text, tokStarts, tokEnds } = this.norm;
      const tokens = new Array<string>(tokStarts.length);
      for (let i = 0; i < tokens.length; i++) tokens[i] = text.slice(tokStarts[i], tokEnds[i]);
      this.tokenStrings = tokens;
    }
    return this.tokenStrings;
  }
}

// Posts' vocabulary-id arrays are cut from a shared slab (see int32-slab.ts).
const ID_SLAB = new Int32Slab();

export function buildDoc(text: string): Doc {
  const norm = normalizeDetailed(text);
  // Locals for the loop: an imported binding or a property may be re-read on every iteration otherwise.
  const { text: normText, tokStarts, tokEnds, tokHashes } = norm;
  const vocabulary = VOCABULARY;
  const n = tokStarts.length;
  const ids = ID_SLAB.range(n);
  for (let i = 0; i < n; i++) ids[i] = vocabulary.lookupHashed(normText, tokStarts[i] as number, tokEnds[i] as number, tokHashes[i] as number);
  return new PreparedDoc(text, norm, ids);
}

/** Tokens [t0, t1) joined by single spaces (what `tokens.slice(t0, t1).join(' ')` gives, without building all tokens). */
export function tokenText(doc: Doc, t0: number, t1: number): string {
  const { text, tokStarts, tokEnds } = doc.norm;
  let out = '';
  for (let i = t0; i < t1; i++) out += (i > t0 ? ' ' : '') + text.slice(tokStarts[i], tokEnds[i]);
  return out;
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
