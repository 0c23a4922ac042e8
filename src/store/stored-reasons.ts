// Reasons as rows keep them: code, spans and weight, without the bilingual label when it is the reason
// catalog's own. Labels were ~600 of ~2,200 bytes of every features row (and again in every score);
// they are rendered from the catalog on read, so API and console output stay the same.
import type { Bilingual, Reason, Span } from '../contracts/common.js';
import type { Features } from '../contracts/features.js';
import { REASON_CATALOG } from '../extract/reason-catalog.js';

export interface StoredReason {
  code: string;
  /** Present only when it differs from the catalog's label (TEXT_TERMS lists words, failures carry a message). */
  label?: Bilingual;
  spans?: Span[];
  weight?: number;
}

export function compactReason(reason: Reason): StoredReason {
  const known = REASON_CATALOG[reason.code]?.label;
  const stored: StoredReason = { code: reason.code };
  if (!known || known.id !== reason.label.id || known.en !== reason.label.en) stored.label = reason.label;
  if (reason.spans.length > 0) stored.spans = reason.spans;
  if (reason.weight !== undefined) stored.weight = reason.weight;
  return stored;
}

/** The inverse of compactReason; rows written before compaction (full labels) pass through unchanged. */
export function renderReason(stored: StoredReason): Reason {
  const reason: Reason = { code: stored.code, label: stored.label ?? REASON_CATALOG[stored.code]?.label ?? { id: stored.code, en: stored.code }, spans: stored.spans ?? [] };
  if (stored.weight !== undefined) reason.weight = stored.weight;
  return reason;
}

export const compactReasons = (reasons: Reason[]): StoredReason[] => reasons.map(compactReason);
export const renderReasons = (stored: StoredReason[] | null | undefined): Reason[] => (stored ?? []).map(renderReason);

export function compactFeatures(features: Features): unknown {
  return { ...features, reasons: compactReasons(features.reasons) };
}

export function renderFeatures(data: unknown): Features {
  const stored = data as Omit<Features, 'reasons'> & { reasons?: StoredReason[] };
  return { ...stored, reasons: renderReasons(stored.reasons) };
}
