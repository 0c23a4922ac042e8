// Intent of a post: recruiting, or a warning or news story about recruitment (which must not read as an ad
// just because it names Kamboja and a salary).
import type { Features } from '../contracts/features.js';
import type { Span } from '../contracts/common.js';
import type { Doc } from './document.js';
import type { LexiconHits } from './lexicon.js';

export interface IntentScores {
  warning: number;
  news: number;
  recruiting: number;
  /** Cues of posts that are not job offers at all: trips, ticket sales, courses, job seekers asking. */
  other: number;
}

// An offer with contacts and pay is what an ad looks like even when its words are few.
const CONTACT_WEIGHT = 1.5;
const PAY_WEIGHT = 1.5;
const MIN_EVIDENCE = 1.5;
const CUE_ONLY_WEIGHT = 0.5;

// A warning often quotes the ad it warns about; recruiting cues inside quotation marks count for little.
const QUOTED_WEIGHT = 0.2;
const QUOTE = /["\u201c\u201d\u00ab\u00bb]/g;

/** Ranges of normalized text inside paired quotation marks. */
export function quotedRanges(doc: Doc): Array<[number, number]> {
  const text = doc.norm.text;
  // Substring searches, not a character-class pattern: they run natively and return at once for the curly
  // quotes in a one-byte string.
  if (!text.includes('"') && !text.includes('\u201c') && !text.includes('\u201d') && !text.includes('\u00ab') && !text.includes('\u00bb')) return [];
  const marks: number[] = [];
  QUOTE.lastIndex = 0;
  for (let m = QUOTE.exec(text); m !== null && marks.length < 200; m = QUOTE.exec(text)) marks.push(m.index);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < marks.length; i += 2) out.push([marks[i] as number, marks[i + 1] as number]);
  return out;
}

export function scoreIntent(
  doc: Doc,
  hits: LexiconHits,
  contacts: ReadonlyArray<{ span: Span }>,
  offers: ReadonlyArray<{ span: Span }>,
  /** Other job cues found outside the lexicon hits: fees asked, qualifications (years of experience...). */
  otherJobCues = 0,
): IntentScores {
  const s: IntentScores = { warning: 0, news: 0, recruiting: 0, other: 0 };
  const quotes = quotedRanges(doc);
  const intentHits = hits.intent;
  // Posts have a few intent hits: looking back over them beats building a set, except on huge posts.
  const seen = intentHits.length > 32 ? new Set<object>() : null;
  for (let i = 0; i < intentHits.length; i++) {
    const h = intentHits[i] as (typeof intentHits)[number];
    let repeated: boolean;
    if (seen === null) repeated = seenBefore(intentHits, i);
    else {
      repeated = seen.has(h.payload);
      seen.add(h.payload);
    }
    // Repeating one cue word adds little: each phrase counts once at full weight, then a quarter.
    let w = repeated ? h.payload.weight * 0.25 : h.payload.weight;
    const label = h.payload.label;
    if (label === 'recruiting' && quotes.length > 0 && inQuotes(quotes, doc.norm.tokStarts[h.t0] as number)) w *= QUOTED_WEIGHT;
    // Fixed property names, not s[label]: a keyed access by a string variable takes V8's slow generic path.
    if (label === 'recruiting') s.recruiting += w;
    else if (label === 'warning') s.warning += w;
    else if (label === 'news') s.news += w;
    else s.other += w;
  }
  // Anything only a job post has: a job title, a qualification asked, a process flag (free ticket, visa...), pay
  // (or a fee) or a contact point.
  const jobCue = hits.job.length > 0 || hits.qual.length > 0 || hits.flag.length > 0 || otherJobCues > 0 || contacts.length > 0 || offers.length > 0;
  if (!jobCue) {
    // Cue words alone ("lowongan", "syarat", "gaji") also fill news, personal posts and group rules: without any
    // job cue they count for half.
    s.recruiting *= CUE_ONLY_WEIGHT;
    return s;
  }
  s.recruiting += weigh(contacts, quotes, doc) * CONTACT_WEIGHT + weigh(offers, quotes, doc) * PAY_WEIGHT;
  return s;
}

/** Whether the phrase of hit i was already hit earlier in the post (a post has few intent hits: a scan is enough). */
function seenBefore(list: ReadonlyArray<{ payload: object }>, i: number): boolean {
  const payload = (list[i] as { payload: object }).payload;
  for (let k = 0; k < i; k++) if ((list[k] as { payload: object }).payload === payload) return true;
  return false;
}

function inQuotes(quotes: ReadonlyArray<[number, number]>, at: number): boolean {
  for (const [a, b] of quotes) if (at > a && at < b) return true;
  return false;
}

/** The first two items, each at full weight, or at QUOTED_WEIGHT when it sits inside quotation marks. */
function weigh(list: ReadonlyArray<{ span: Span }>, quotes: ReadonlyArray<[number, number]>, doc: Doc): number {
  let total = 0;
  for (let i = 0; i < list.length && i < 2; i++) {
    const start = (list[i] as { span: Span }).span.start;
    let quoted = false;
    for (const [a, b] of quotes) if (start > (doc.norm.offsets[a] as number) && start < (doc.norm.offsets[b] as number)) quoted = true;
    total += quoted ? QUOTED_WEIGHT : 1;
  }
  return total;
}

const LABELS: ReadonlyArray<keyof IntentScores> = ['warning', 'news', 'recruiting', 'other'];

export function decideIntent(s: IntentScores): Features['intent'] {
  // The highest score and the runner-up, the first listed winning ties (what a stable sort, highest first, gives).
  let top: keyof IntentScores = 'warning';
  let topScore = -Infinity;
  let second = -Infinity;
  for (let k = 0; k < LABELS.length; k++) {
    const label = LABELS[k] as keyof IntentScores;
    const v = scoreOf(s, label);
    if (v > topScore) {
      second = topScore;
      top = label;
      topScore = v;
    } else if (v > second) second = v;
  }
  if (topScore < MIN_EVIDENCE) return { label: 'other', confidence: round(Math.max(0.3, 1 - topScore / (MIN_EVIDENCE * 2))) };
  // Confidence grows with the margin over the runner-up and with the amount of evidence.
  const margin = (topScore - second) / (topScore + second + 1);
  const confidence = 0.5 + 0.5 * Math.min(1, margin * 1.5) * Math.min(1, topScore / 6);
  return { label: top, confidence: round(Math.min(1, Math.max(0.34, confidence))) };
}

/** s[label] by fixed property names (a keyed access by a string variable takes V8's slow generic path). */
function scoreOf(s: IntentScores, label: keyof IntentScores): number {
  return label === 'warning' ? s.warning : label === 'news' ? s.news : label === 'recruiting' ? s.recruiting : s.other;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
