// Compiles every phrase lexicon (gazetteer, job types, qualifications, flags, legitimacy, intent) into one
// token trie, so a post is scanned once for all of them.
import gazetteer from './data/gazetteer.json' with { type: 'json' };
import lexicon from './data/lexicon.json' with { type: 'json' };
import type { DestinationKind } from '../contracts/features.js';
import { normalizeDetailed } from './normalize.js';
import { PhraseTrie, type PhraseHit } from './phrase-trie.js';
import type { Doc } from './document.js';
import { VOCABULARY } from './vocabulary.js';

export interface Place {
  id: string;
  name: string;
  country: string;
  kind: DestinationKind;
  /** Weight 0..1 of the place as a lure destination (from its country). */
  risk: number;
  /** Job groups for which legal placement of Indonesian workers exists in the place's country. */
  legalJobGroups: readonly string[];
}

export type JobGroup = 'office_online' | 'gambling' | 'informal' | 'professional';
export type IntentLabel = 'warning' | 'news' | 'recruiting' | 'other';

export type Payload =
  | { kind: 'dest'; index: number }
  | { kind: 'job'; index: number }
  | { kind: 'qual'; index: number }
  | { kind: 'flag'; index: number }
  | { kind: 'legit'; index: number }
  | { kind: 'concept'; /** Position in CONCEPT_NAMES. */ index: number }
  | { kind: 'intent'; label: IntentLabel; weight: number }
  | { kind: 'negator' };

type Kind = Payload['kind'];
export type Hit<K extends Kind> = PhraseHit<Extract<Payload, { kind: K }>>;

export interface LexiconHits {
  dest: Array<Hit<'dest'>>;
  job: Array<Hit<'job'>>;
  qual: Array<Hit<'qual'>>;
  flag: Array<Hit<'flag'>>;
  legit: Array<Hit<'legit'>>;
  concept: Array<Hit<'concept'>>;
  intent: Array<Hit<'intent'>>;
  negator: Array<Hit<'negator'>>;
}

/** Splits a data-file term into normalized tokens, exactly as post text is tokenized. */
export function termTokens(term: string): string[] {
  const n = normalizeDetailed(term);
  const out: string[] = [];
  for (let i = 0; i < n.tokStarts.length; i++) out.push(n.text.slice(n.tokStarts[i], n.tokEnds[i]));
  return out;
}

const COUNTRY_BY_ISO = new Map(gazetteer.countries.map((c) => [c.country, c]));

export const PLACES: readonly Place[] = [
  ...gazetteer.countries.map((c) => ({
    id: c.id, name: c.name, country: c.country, kind: c.kind as DestinationKind, risk: c.risk, legalJobGroups: c.legalJobGroups,
  })),
  ...gazetteer.places.map((p) => {
    const country = COUNTRY_BY_ISO.get(p.country);
    return {
      id: p.id, name: p.name, country: p.country, kind: p.kind as DestinationKind,
      risk: p.kind === 'scam_hub' ? 1 : (country?.risk ?? 0.2), legalJobGroups: country?.legalJobGroups ?? ['informal', 'professional'],
    };
  }),
];

export interface JobType { category: string; group: JobGroup }
export const JOB_TYPES: readonly JobType[] = lexicon.jobTypes.map((j) => ({ category: j.category, group: j.group as JobGroup }));
export const QUAL_LEVELS: readonly string[] = lexicon.qualifications.map((q) => q.level);
export const FLAG_CODES: readonly string[] = lexicon.flags.map((f) => f.code);
export const LEGIT_CODES: readonly string[] = lexicon.legitimacy.map((l) => l.code);
export const CONCEPT_NAMES: readonly string[] = Object.keys(lexicon.concepts);
/** "Near" rules over concepts; `aIndex` and `bIndex` are the concepts' positions in CONCEPT_NAMES (-1: none such). */
export const NEAR_RULES: ReadonlyArray<{ flag: number; a: string; b: string; window: number; aIndex: number; bIndex: number }> =
  lexicon.flags.flatMap((f, flag) =>
    ('near' in f && Array.isArray(f.near) ? f.near : []).map((r: { a: string; b: string; window: number }) => ({
      flag, ...r, aIndex: CONCEPT_NAMES.indexOf(r.a), bIndex: CONCEPT_NAMES.indexOf(r.b),
    })),
  );

// Each kind's hits are collected in their own list: the trie files a hit by its payload's bucket.
const BUCKET: Readonly<Record<Kind, number>> = { dest: 0, job: 1, qual: 2, flag: 3, legit: 4, concept: 5, intent: 6, negator: 7 };

const trie = new PhraseTrie<Payload>(VOCABULARY);
const addTerm = (term: string, payload: Payload): void => trie.add(termTokens(term), payload, BUCKET[payload.kind]);
gazetteer.countries.forEach((c, i) => c.names.forEach((t) => addTerm(t, { kind: 'dest', index: i })));
gazetteer.places.forEach((p, i) => p.names.forEach((t) => addTerm(t, { kind: 'dest', index: gazetteer.countries.length + i })));
lexicon.jobTypes.forEach((j, i) => j.terms.forEach((t) => addTerm(t, { kind: 'job', index: i })));
lexicon.qualifications.forEach((q, i) => q.terms.forEach((t) => addTerm(t, { kind: 'qual', index: i })));
lexicon.flags.forEach((f, i) => f.terms.forEach((t) => addTerm(t, { kind: 'flag', index: i })));
lexicon.legitimacy.forEach((l, i) => l.terms.forEach((t) => addTerm(t, { kind: 'legit', index: i })));
CONCEPT_NAMES.forEach((name, index) => {
  for (const t of lexicon.concepts[name as keyof typeof lexicon.concepts]) addTerm(t, { kind: 'concept', index });
});
for (const label of ['warning', 'news', 'recruiting', 'other'] as const)
  for (const [t, w] of lexicon.intent[label]) addTerm(String(t), { kind: 'intent', label, weight: Number(w) });
for (const t of lexicon.negators) addTerm(t, { kind: 'negator' });

// Within one kind, a phrase inside a longer one is dropped ("korea" inside "korea selatan", "admin" inside
// "admin crypto"). One sweep over hits ordered by start, longest first, so it stays linear on huge posts. The
// trie reports hits by start and, for one start, shortest first: each group of equal starts is walked from its
// end (runs of equal length keep their order), which gives that ordering without sorting.
function dropContained<T extends { t0: number; t1: number }>(hits: T[]): T[] {
  if (hits.length < 2 || keepsAll(hits)) return hits;
  const out: T[] = [];
  let maxT1 = -1;
  let ownerT0 = -1;
  for (let g = 0; g < hits.length; ) {
    const t0 = (hits[g] as T).t0;
    let ge = g + 1;
    while (ge < hits.length && (hits[ge] as T).t0 === t0) ge++;
    for (let r = ge; r > g; ) {
      const t1 = (hits[r - 1] as T).t1;
      let rs = r - 1;
      while (rs > g && (hits[rs - 1] as T).t1 === t1) rs--;
      for (let k = rs; k < r; k++) {
        const h = hits[k] as T;
        // contained: an earlier-starting (or same-start, longer) hit reaches at least as far
        if (h.t1 < maxT1 || (h.t1 === maxT1 && ownerT0 < h.t0)) continue;
        if (h.t1 > maxT1) {
          maxT1 = h.t1;
          ownerT0 = h.t0;
        }
        out.push(h);
      }
      r = rs;
    }
    g = ge;
  }
  return out;
}

/**
 * True when dropContained would return the hits unchanged: every hit starts after the one before (no group to
 * reorder) and reaches further than all before it (none contained). Most posts' hits are like that.
 */
function keepsAll(hits: ReadonlyArray<{ t0: number; t1: number }>): boolean {
  let prevT0 = -1;
  let maxT1 = -1;
  for (const h of hits) {
    if (h.t0 === prevT0 || h.t1 <= maxT1) return false;
    prevT0 = h.t0;
    maxT1 = h.t1;
  }
  return true;
}

// Bounds the work on pathological posts (a megabyte of one repeated word): later hits add nothing new.
const MAX_HITS = 20_000;

export function scanLexicon(doc: Doc): LexiconHits {
  // One list per bucket; fresh lists per post, as the hits are handed out.
  const lists: Array<Array<PhraseHit<Payload>>> = [[], [], [], [], [], [], [], []];
  trie.collect(doc.ids, MAX_HITS, lists);
  return {
    dest: dropContained(lists[BUCKET.dest] as Array<Hit<'dest'>>),
    job: dropContained(lists[BUCKET.job] as Array<Hit<'job'>>),
    qual: dropContained(lists[BUCKET.qual] as Array<Hit<'qual'>>),
    flag: lists[BUCKET.flag] as Array<Hit<'flag'>>,
    legit: lists[BUCKET.legit] as Array<Hit<'legit'>>,
    concept: lists[BUCKET.concept] as Array<Hit<'concept'>>,
    intent: dropContained(lists[BUCKET.intent] as Array<Hit<'intent'>>),
    negator: lists[BUCKET.negator] as Array<Hit<'negator'>>,
  };
}

/** True when a negator ends within `window` tokens before token t0 ("tanpa visa kerja"). */
export function isNegated(hits: LexiconHits, t0: number, window = 2): boolean {
  for (const n of hits.negator) if (n.t1 <= t0 && n.t1 >= t0 - window + 1) return true;
  return false;
}
