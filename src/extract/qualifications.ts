// Qualifications a post asks for: none at all, school level, degree, years of experience, certificates,
// language tests. "Tanpa ijazah" is read as none, not as a degree requirement.
import type { Features } from '../contracts/features.js';
import { normSpan, tokenSpan, type Doc } from './document.js';
import { isNegated, QUAL_LEVELS, type LexiconHits } from './lexicon.js';

export type Qualification = Features['qualifications'][number] & { years?: number };

const YEARS = /(?:pengalaman|experience|berpengalaman)\D{0,20}?(\d{1,2})\s?(?:\+\s?)?(?:tahun|years?|yrs?)|(\d{1,2})\s?(?:\+\s?)?(?:tahun|years?|yrs?)\s(?:pengalaman|experience|berpengalaman)/;
// Every YEARS match holds "pengalaman" or "experience" and starts at most YEARS_REACH characters before it ("99 +
// years ber" in front of "pengalaman").
const YEARS_REACH = 14;
// YEARS tried near one such word only: it skips (lazily, so the leftmost start wins) up to YEARS_REACH characters,
// then group 1 is the YEARS match and groups 2 and 3 its numbers. Tried at every position of the post instead, the
// pattern cost more than the rest of the function.
const YEARS_NEAR = new RegExp(String.raw`[^]{0,${YEARS_REACH}}?(${YEARS.source})`, 'y');

export function extractQualifications(doc: Doc, hits: LexiconHits): Qualification[] {
  const out: Qualification[] = [];
  for (const h of hits.qual) {
    const level = QUAL_LEVELS[h.payload.index];
    if (level === undefined || out.length >= 50) continue;
    if (level !== 'none' && isNegated(hits, h.t0)) {
      out.push({ level: 'none', span: tokenSpan(doc, Math.max(0, h.t0 - 1), h.t1) });
      continue;
    }
    out.push({ level, span: tokenSpan(doc, h.t0, h.t1) });
  }
  // YEARS matches in turn, as a global exec loop finds them. The next place of each word is kept and looked up
  // again only once passed: a word absent from the post is searched for once.
  const text = doc.norm.text;
  let id = text.indexOf('pengalaman');
  let en = indexOfExperience(text, 0);
  for (let from = 0; out.length < 60; ) {
    if (id !== -1 && id < from) id = text.indexOf('pengalaman', from);
    if (en !== -1 && en < from) en = indexOfExperience(text, from);
    const word = id === -1 ? en : en === -1 ? id : Math.min(id, en);
    if (word === -1) break;
    YEARS_NEAR.lastIndex = Math.max(from, word - YEARS_REACH);
    const m = YEARS_NEAR.exec(text);
    if (m === null) {
      // No match starts up to this word; a later one holds a later word.
      from = word + 1;
      continue;
    }
    const match = m[1] as string;
    from = YEARS_NEAR.lastIndex;
    const years = Number(m[2] ?? m[3]);
    if (years > 0 && years < 40) out.push({ level: 'experience', years, span: normSpan(doc, from - match.length, from) });
  }
  return out;
}

/**
 * text.indexOf('experience', from), found by searching for "xperience": V8's search for a pattern whose first
 * letter is as common as "e" costs five times more on a post without the word (measured 0.25 vs 0.05 µs).
 */
function indexOfExperience(text: string, from: number): number {
  for (let x = text.indexOf('xperience', from + 1); x !== -1; x = text.indexOf('xperience', x + 1)) {
    if (text.charCodeAt(x - 1) === 101) return x - 1;
  }
  return -1;
}

/** The most demanding requirement: none < smp < sma < diploma < degree, with experience, certificates and language tests on top. */
export function requirementLevel(quals: readonly Qualification[]): 'none' | 'low' | 'degree' | 'skilled' | 'unknown' {
  if (quals.length === 0) return 'unknown';
  let skilled = false;
  let degree = false;
  let school = false;
  let none = false;
  for (const q of quals) {
    const l = q.level;
    if (l === 'language_test' || l === 'certificate' || (q.years ?? 0) >= 2) skilled = true;
    else if (l === 'degree' || l === 'diploma' || l === 'experience') degree = true;
    else if (l === 'sma' || l === 'smp') school = true;
    else if (l === 'none') none = true;
  }
  if (skilled) return 'skilled';
  if (degree) return 'degree';
  if (school) return none ? 'none' : 'low';
  return 'none';
}
