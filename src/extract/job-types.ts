// Job types a post offers: online office work (CS, admin, crypto, game operator...), gambling, informal
// placement jobs and professional jobs.
import lexicon from './data/lexicon.json' with { type: 'json' };
import type { Features } from '../contracts/features.js';
import { tokenSpan, tokenText, type Doc } from './document.js';
import { JOB_TYPES, type JobGroup, type LexiconHits } from './lexicon.js';
import { VOCABULARY } from './vocabulary.js';

export type JobMention = Features['jobTypes'][number] & { group: JobGroup };

const MAX_JOBS = 50;

interface AcronymRule {
  /** The acronym exactly as written (case-sensitive): "ART", never "art". */
  term: string;
  category: string;
  group: JobGroup;
  /** Tokens on each side searched for a cue. */
  window: number;
  /** Vocabulary ids of the job words one of which must stand near the acronym. */
  cues: ReadonlySet<number>;
}

const ACRONYMS: readonly AcronymRule[] = lexicon.acronymJobTerms.map((a) => ({
  term: a.term,
  category: a.category,
  group: JOB_TYPES.find((j) => j.category === a.category)?.group ?? 'informal',
  window: a.window,
  cues: new Set(a.cues.map((c) => VOCABULARY.add(c))),
}));

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;

export function extractJobTypes(doc: Doc, hits: LexiconHits): JobMention[] {
  const out: JobMention[] = [];
  for (const h of hits.job) {
    const job = JOB_TYPES[h.payload.index];
    if (job === undefined || out.length >= MAX_JOBS) continue;
    out.push({ category: job.category, group: job.group, term: tokenText(doc, h.t0, h.t1), span: tokenSpan(doc, h.t0, h.t1) });
  }
  for (const rule of ACRONYMS) if (doc.original.includes(rule.term)) addAcronym(doc, rule, out);
  return out;
}

/** Mentions of an upper-case acronym with a job cue nearby, inserted in text order. */
function addAcronym(doc: Doc, rule: AcronymRule, out: JobMention[]): void {
  const text = doc.original;
  const { offsets, tokStarts } = doc.norm;
  for (let at = text.indexOf(rule.term); at !== -1 && out.length < MAX_JOBS; at = text.indexOf(rule.term, at + 1)) {
    const end = at + rule.term.length;
    if ((at > 0 && isAlnum(text.charCodeAt(at - 1))) || (end < text.length && isAlnum(text.charCodeAt(end)))) continue;
    const t = tokenAt(tokStarts, offsets, at);
    if (t === -1 || !cueNear(doc, t, rule)) continue;
    const mention: JobMention = { category: rule.category, group: rule.group, term: tokenText(doc, t, t + 1), span: tokenSpan(doc, t, t + 1) };
    let i = out.length;
    while (i > 0 && (out[i - 1] as JobMention).span.start > mention.span.start) i--;
    out.splice(i, 0, mention);
  }
}

/** The token starting at original offset `at`, or -1. */
function tokenAt(tokStarts: Int32Array, offsets: Int32Array, at: number): number {
  let lo = 0;
  let hi = tokStarts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = offsets[tokStarts[mid] as number] as number;
    if (o === at) return mid;
    if (o < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function cueNear(doc: Doc, t: number, rule: AcronymRule): boolean {
  const from = Math.max(0, t - rule.window);
  const to = Math.min(doc.ids.length, t + rule.window + 1);
  for (let k = from; k < to; k++) if (k !== t && rule.cues.has(doc.ids[k] as number)) return true;
  return false;
}
