// Process red flags (free travel, tourist visa, online-only interview, fees, urgent or group departure...)
// from phrase hits and "near" rules over concepts.
import type { Features } from '../contracts/features.js';
import { tokenSpan, type Doc } from './document.js';
import { FLAG_CODES, NEAR_RULES, type Hit, type LexiconHits } from './lexicon.js';

export type Flag = Features['flags'][number];

// A module-level function, not a closure in extractFlags: a closure would be created (and, under tsx, renamed)
// on every call.
function addFlag(flags: Map<string, Flag>, doc: Doc, code: string, t0: number, t1: number): void {
  let f = flags.get(code);
  if (f === undefined) {
    f = { code, spans: [] };
    flags.set(code, f);
  }
  if (f.spans.length < 20) f.spans.push(tokenSpan(doc, t0, t1));
}

export function extractFlags(doc: Doc, hits: LexiconHits): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const h of hits.flag) {
    const code = FLAG_CODES[h.payload.index];
    if (code !== undefined) addFlag(flags, doc, code, h.t0, h.t1);
  }
  if (NEAR_RULES.length > 0 && hits.concept.length > 1) {
    const byName = new Map<string, Array<Hit<'concept'>>>();
    for (const h of hits.concept) {
      const list = byName.get(h.payload.name);
      if (list === undefined) byName.set(h.payload.name, [h]);
      else if (list.length < 200) list.push(h);
    }
    for (const rule of NEAR_RULES) {
      const as = byName.get(rule.a);
      const bs = byName.get(rule.b);
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
