// Scores one post with a loaded model: calibrated probability, verdict at the model's threshold, the
// active-learning flag, and reasons (extractor reasons ordered by what the model made of them, plus top text terms).
import type { Reason, Span } from '../contracts/common.js';
import type { Features } from '../contracts/features.js';
import type { Normalized } from '../extract/normalize.js';
import type { Verdict } from '../contracts/score.js';
import { isUncertain } from '../../classifiers/active-learning.js';
import type { Explanation, LoadedModel } from '../../classifiers/models/loaded-model.js';
import reasonSlots from './reason-slots.json' with { type: 'json' };
import { TEXT_TERMS, textTermsLabel } from './text-terms.js';

export interface TextScore {
  probability: number;
  verdict: Verdict;
  threshold: number;
  uncertain: boolean;
  reasons: Reason[];
  modelVersion: string;
}

export { TEXT_TERMS };
const TOP_TERMS = 5;

const EXPLICIT_SLOTS: Readonly<Record<string, readonly string[]>> = reasonSlots.slots;

// Memo of slotMatchesCode: every post asks it for each (reason, feature) pair, and both sets are small and fixed.
// Slot names and codes get small ids once, so a post pays one lookup per name and per code, and array reads per pair.
const SLOT_IDS = new Map<string, number>();
const ROWS = new Map<string, Array<boolean | undefined>>();

function slotId(slot: string): number {
  let id = SLOT_IDS.get(slot);
  if (id === undefined) {
    id = SLOT_IDS.size;
    SLOT_IDS.set(slot, id);
  }
  return id;
}

/** Whether each slot id matches `code`, filled as slots are asked about. */
function rowOf(code: string): Array<boolean | undefined> {
  let row = ROWS.get(code);
  if (!row) {
    row = [];
    ROWS.set(code, row);
  }
  return row;
}

function matchesIn(row: Array<boolean | undefined>, id: number, slot: string, code: string): boolean {
  let match = row[id];
  if (match === undefined) {
    match = computeSlotMatch(slot, code);
    row[id] = match;
  }
  return match;
}

/** The listed slots for `code`, else slots named like it: `dest.scam_hub` ↔ DEST_SCAM_HUB, `flag.free_travel` ↔ FREE_TRAVEL. */
export function slotMatchesCode(slot: string, code: string): boolean {
  return matchesIn(rowOf(code), slotId(slot), slot, code);
}

function computeSlotMatch(slot: string, code: string): boolean {
  const explicit = EXPLICIT_SLOTS[code];
  if (explicit) return explicit.includes(slot);
  const joined = slot.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const target = code.toLowerCase();
  return joined === target || joined.endsWith(`_${target}`);
}

export function reasonsFromExplanation(features: Features, explanation: Explanation): Reason[] {
  const slots = explanation.features;
  const ids = slots.map((f) => slotId(f.name));
  const weighted = features.reasons.map((reason, order) => {
    const row = rowOf(reason.code);
    let weight = 0;
    for (let k = 0; k < slots.length; k++) {
      const f = slots[k] as { name: string; weight: number };
      if (matchesIn(row, ids[k] as number, f.name, reason.code)) weight += f.weight;
    }
    return { reason: { ...reason, weight: round(weight) }, order };
  });
  // Strongest push towards scam first; the extractor's order breaks ties so output is stable.
  weighted.sort((a, b) => (b.reason.weight ?? 0) - (a.reason.weight ?? 0) || a.order - b.order);
  const reasons = weighted.map((w) => w.reason);
  const terms = explanation.terms.slice(0, TOP_TERMS);
  if (terms.length > 0) {
    const list = terms.map((t) => `"${t.term}"`).join(', ');
    const spans: Span[] = terms.flatMap((t) => t.spans).sort((a, b) => a.start - b.start || a.end - b.end);
    reasons.push({
      code: TEXT_TERMS,
      label: textTermsLabel(list),
      spans,
      weight: round(terms.reduce((s, t) => s + t.weight, 0)),
    });
  }
  return reasons;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** `normalized`: the extractor's normalizeDetailed(text), when the caller holds it (saves normalizing again). */
export function scoreText(model: LoadedModel, text: string, features: Features, normalized?: Normalized): TextScore {
  const explanation = model.explain(text, features, TOP_TERMS, normalized);
  const probability = explanation.probability;
  const threshold = model.threshold;
  return {
    probability,
    verdict: probability >= threshold ? 'suspect' : 'clear',
    threshold,
    uncertain: isUncertain(probability, threshold, model.uncertaintyBand),
    reasons: reasonsFromExplanation(features, explanation),
    modelVersion: model.version,
  };
}

/** The score stage's view of a model (`{ version, score(text, features) }`), backed by scoreText. */
export function createScorer(model: LoadedModel): {
  readonly version: string;
  score(text: string, features: Features, normalized?: Normalized): TextScore;
} {
  return { version: model.version, score: (text, features, normalized) => scoreText(model, text, features, normalized) };
}
