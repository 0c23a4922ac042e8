// Intent of a post: recruiting, or a warning or news story about recruitment (which must not read as an ad
// just because it names Kamboja and a salary).
import type { Features } from '../contracts/features.js';
import type { LexiconHits } from './lexicon.js';

export interface IntentScores {
  warning: number;
  news: number;
  recruiting: number;
}

// An offer with contacts and pay is what an ad looks like even when its words are few.
const CONTACT_WEIGHT = 1.5;
const PAY_WEIGHT = 1.5;
const MIN_EVIDENCE = 1.5;

export function scoreIntent(hits: LexiconHits, contactCount: number, offerCount: number): IntentScores {
  const s: IntentScores = { warning: 0, news: 0, recruiting: 0 };
  const seen = new Set<object>();
  for (const h of hits.intent) {
    // Repeating one cue word adds little: each phrase counts once at full weight, then a quarter.
    const w = seen.has(h.payload) ? h.payload.weight * 0.25 : h.payload.weight;
    seen.add(h.payload);
    s[h.payload.label] += w;
  }
  s.recruiting += Math.min(contactCount, 2) * CONTACT_WEIGHT + Math.min(offerCount, 2) * PAY_WEIGHT;
  return s;
}

export function decideIntent(s: IntentScores): Features['intent'] {
  const entries = Object.entries(s) as Array<[keyof IntentScores, number]>;
  entries.sort((a, b) => b[1] - a[1]);
  const [top, second] = entries as [[keyof IntentScores, number], [keyof IntentScores, number]];
  if (top[1] < MIN_EVIDENCE) return { label: 'other', confidence: round(Math.max(0.3, 1 - top[1] / (MIN_EVIDENCE * 2))) };
  // Confidence grows with the margin over the runner-up and with the amount of evidence.
  const margin = (top[1] - second[1]) / (top[1] + second[1] + 1);
  const confidence = 0.5 + 0.5 * Math.min(1, margin * 1.5) * Math.min(1, top[1] / 6);
  return { label: top[0], confidence: round(Math.min(1, Math.max(0.34, confidence))) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
