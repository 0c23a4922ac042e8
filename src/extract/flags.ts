// Process red flags (free travel, tourist visa, online-only interview, fees, urgent or group departure...)
// from phrase hits and "near" rules over concepts.
import type { Features } from '../contracts/features.js';
import { tokenSpan, type Doc } from './document.js';
import { FLAG_CODES, NEAR_RULES, type Hit, type LexiconHits } from './lexicon.js';

export type Flag = Features['flags'][number];

/**
 * A post's flags by code, in the order first set (what a Map<string, Flag> gives). A post has a handful of flags:
 * a scan of the list finds one faster than a Map hashes its key, and the list is the output as it is.
 */
export class FlagSet {
  private readonly list: Flag[] = [];

  get size(): number {
    return this.list.length;
  }

  get(code: string): Flag | undefined {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if ((list[i] as Flag).code === code) return list[i];
    return undefined;
  }

  has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  /** Sets the flag of a code, in place of the one it had (keeping its position), or last. */
  set(code: string, flag: Flag): this {
    const list = this.list;
    for (let i = 0; i < list.length; i++)
      if ((list[i] as Flag).code === code) {
        list[i] = flag;
        return this;
      }
    list.push(flag);
    return this;
  }

  /** The flags in order: the list itself, not a copy (the extractor outputs it as it is). */
  values(): Flag[] {
    return this.list;
  }
}

// A module-level function, not a closure in extractFlags: a closure would be created (and, under tsx, renamed)
// on every call.
function addFlag(flags: FlagSet, doc: Doc, code: string, t0: number, t1: number): void {
  let f = flags.get(code);
  if (f === undefined) {
    f = { code, spans: [] };
    flags.set(code, f);
  }
  if (f.spans.length < 20) f.spans.push(tokenSpan(doc, t0, t1));
}

export function extractFlags(doc: Doc, hits: LexiconHits): FlagSet {
  const flags = new FlagSet();
  for (const h of hits.flag) {
    const code = FLAG_CODES[h.payload.index];
    if (code !== undefined) addFlag(flags, doc, code, h.t0, h.t1);
  }
  if (NEAR_RULES.length > 0 && hits.concept.length > 1) {
    // Hits grouped by concept (an array by concept index: no Map, no string hashing), the first 200 of each.
    const byConcept: Array<Array<Hit<'concept'>> | undefined> = [];
    for (const h of hits.concept) {
      const list = byConcept[h.payload.index];
      if (list === undefined) byConcept[h.payload.index] = [h];
      else if (list.length < 200) list.push(h);
    }
    for (const rule of NEAR_RULES) {
      const as = rule.aIndex < 0 ? undefined : byConcept[rule.aIndex];
      const bs = rule.bIndex < 0 ? undefined : byConcept[rule.bIndex];
      const code = FLAG_CODES[rule.flag];
      if (as === undefined || bs === undefined || code === undefined) continue;
      for (const a of as)
        for (const b of bs) {
          const gap = a.t0 < b.t0 ? b.t0 - a.t1 : a.t0 - b.t1;
          if (gap >= 0 && gap <= rule.window) addFlag(flags, doc, code, Math.min(a.t0, b.t0), Math.max(a.t1, b.t1));
        }
    }
  }
  return flags;
}
