// The legend of reason codes (bilingual label, description, effect) loaded from data/reasons.json, for the
// extractor and for the console. "{ratesAsOf}" in a description is replaced by the date of the rate table, so
// the pay reasons say which exchange rates and minimum wages they were judged with.
import catalog from './data/reasons.json' with { type: 'json' };
import rates from './data/rates.json' with { type: 'json' };
import type { Bilingual } from '../contracts/common.js';

export interface ReasonInfo {
  effect: 'raises' | 'lowers' | 'context';
  label: Bilingual;
  description: Bilingual;
}

const fill = (s: string): string => s.replaceAll('{ratesAsOf}', rates.asOf);

export const REASON_CATALOG: Readonly<Record<string, ReasonInfo>> = Object.fromEntries(
  Object.entries(catalog.reasons as Record<string, ReasonInfo>).map(([code, info]) => [
    code,
    { ...info, description: { id: fill(info.description.id), en: fill(info.description.en) } },
  ]),
);

/** Date of the exchange-rate and minimum-wage table used for pay figures and pay reasons. */
export const RATES_AS_OF: string = rates.asOf;

export function reasonLabel(code: string): Bilingual {
  return REASON_CATALOG[code]?.label ?? { id: code, en: code };
}
