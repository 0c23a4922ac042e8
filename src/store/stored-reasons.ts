// Reasons as rows keep them: code, spans and weight, without the bilingual label when it is the reason
// catalog's own. Labels were ~600 of ~2,200 bytes of every features row (and again in every score);
// they are rendered from the catalog on read, so API and console output stay the same. The model's
// TEXT_TERMS label is built from its word list, so the list is stored once instead of the two sentences,
// and spans are packed as flat number arrays (stored-spans.ts).
import type { Bilingual, Reason } from '../contracts/common.js';
import { REASON_CATALOG } from '../extract/reason-catalog.js';
import { TEXT_TERMS, textTermsLabel, textTermsList } from '../score/text-terms.js';
import { packSpans, renderSpans, type StoredSpans } from './stored-spans.js';

export interface StoredReason {
  code: string;
  /** Present only when it differs from the catalog's label and is no TEXT_TERMS label (failures carry a message). */
  label?: Bilingual;
  /** The word list of a TEXT_TERMS label (textTermsLabel gives the label back). */
  terms?: string;
  /** Flat `[s1, e1, s2, e2, ...]`; rows written before hold span objects. */
  spans?: StoredSpans;
  weight?: number;
}

export function compactReason(reason: Reason): StoredReason {
  const known = REASON_CATALOG[reason.code]?.label;
  const stored: StoredReason = { code: reason.code };
  if (!known || known.id !== reason.label.id || known.en !== reason.label.en) {
    const terms = reason.code === TEXT_TERMS ? textTermsList(reason.label) : undefined;
    if (terms !== undefined) stored.terms = terms;
    else stored.label = reason.label;
  }
  if (reason.spans.length > 0) stored.spans = packSpans(reason.spans);
  if (reason.weight !== undefined) stored.weight = reason.weight;
  return stored;
}

/** The inverse of compactReason; rows written before compaction (full labels, span objects) read the same. */
export function renderReason(stored: StoredReason): Reason {
  const label = stored.label ?? (stored.terms !== undefined ? textTermsLabel(stored.terms) : REASON_CATALOG[stored.code]?.label) ?? { id: stored.code, en: stored.code };
  const reason: Reason = { code: stored.code, label, spans: stored.spans ? renderSpans(stored.spans) : [] };
  if (stored.weight !== undefined) reason.weight = stored.weight;
  return reason;
}

export const compactReasons = (reasons: Reason[]): StoredReason[] => reasons.map(compactReason);
export const renderReasons = (stored: StoredReason[] | null | undefined): Reason[] => (stored ?? []).map(renderReason);
