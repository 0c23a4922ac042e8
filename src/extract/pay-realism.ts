// Pay realism: the offer divided by the Indonesian minimum wage, the destination's legal minimum and the
// typical Indonesian salary for the job, the latter read against the qualifications asked.
import rates from './data/rates.json' with { type: 'json' };
import titlePay from './data/title-pay.json' with { type: 'json' };
import type { PayOffer } from '../contracts/features.js';
import { toIdrMonthly } from './pay.js';

interface PayStats { n: number; p25: number; p50: number; p75: number }

const ID_REFERENCE = rates.idMinimumWage.ump2025[rates.idMinimumWage.reference as keyof typeof rates.idMinimumWage.ump2025];
const MIN_WAGES = new Map<string, number>();
for (const [iso, w] of Object.entries(rates.minimumWages)) {
  const idr = toIdrMonthly(w.amount, w.currency, w.period as PayOffer['period']);
  if (idr !== null) MIN_WAGES.set(iso, idr);
}
const TITLE_PAY = new Map<string, PayStats>(Object.entries(titlePay.categories as Record<string, PayStats>));
const OVERALL: PayStats = titlePay.overall;

/** Monthly legal minimum wage of a country in IDR, or undefined when none is known. */
export function destinationMinimumIdr(iso: string): number | undefined {
  return MIN_WAGES.get(iso);
}

export function ratioToIdMinimum(idrMonthly: number): number {
  return idrMonthly / ID_REFERENCE;
}

/**
 * Typical pay for a job category: the lower quartile when nothing or only school is asked, the median for
 * degrees, the upper quartile for experience, certificates or language tests.
 */
export function typicalPayIdr(category: string | undefined, requirement: 'none' | 'low' | 'degree' | 'skilled' | 'unknown'): number | undefined {
  const stats = (category === undefined ? undefined : TITLE_PAY.get(category)) ?? (category === undefined ? undefined : OVERALL);
  if (stats === undefined) return undefined;
  if (requirement === 'none' || requirement === 'low') return stats.p25;
  if (requirement === 'skilled') return stats.p75;
  return stats.p50;
}

export function round2(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100;
}
