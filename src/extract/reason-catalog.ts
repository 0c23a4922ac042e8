// The legend of reason codes (bilingual label, description, effect) loaded from data/reasons.json, for the
// extractor and for the console.
import catalog from './data/reasons.json' with { type: 'json' };
import type { Bilingual } from '../contracts/common.js';

export interface ReasonInfo {
  effect: 'raises' | 'lowers' | 'context';
  label: Bilingual;
  description: Bilingual;
}

export const REASON_CATALOG: Readonly<Record<string, ReasonInfo>> = catalog.reasons as Record<string, ReasonInfo>;

export function reasonLabel(code: string): Bilingual {
  return REASON_CATALOG[code]?.label ?? { id: code, en: code };
}
