// Qualifications a post asks for: none at all, school level, degree, years of experience, certificates,
// language tests. "Tanpa ijazah" is read as none, not as a degree requirement.
import type { Features } from '../contracts/features.js';
import { normSpan, tokenSpan, type Doc } from './document.js';
import { isNegated, QUAL_LEVELS, type LexiconHits } from './lexicon.js';

export type Qualification = Features['qualifications'][number] & { years?: number };

const YEARS = /(?:pengalaman|experience|berpengalaman)\D{0,20}?(\d{1,2})\s?(?:\+\s?)?(?:tahun|years?|yrs?)|(\d{1,2})\s?(?:\+\s?)?(?:tahun|years?|yrs?)\s(?:pengalaman|experience|berpengalaman)/g;

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
  YEARS.lastIndex = 0;
  // Both forms name the experience: posts without the word skip the pattern.
  const text = doc.norm.text;
  if (text.includes('pengalaman') || text.includes('experience')) for (let m = YEARS.exec(doc.norm.text); m !== null && out.length < 60; m = YEARS.exec(doc.norm.text)) {
    const years = Number(m[1] ?? m[2]);
    if (years > 0 && years < 40) out.push({ level: 'experience', years, span: normSpan(doc, m.index, m.index + m[0].length) });
  }
  return out;
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
