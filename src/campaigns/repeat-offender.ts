// Decides how much a new case's priority rises because its campaign or contacts were already judged:
// a recruiter who comes back after a scam decision or a takedown is the network Polri is after.
import type { Reason } from '../contracts/common.js';

/** Earlier decisions on posts linked to the new one; the store counts them, this module only weighs them. */
export interface PriorDecisions {
  /** Other posts of the same campaign decided as scam, and those referred (to Komdigi or Polri). */
  campaign: { scam: number; referred: number };
  /** Posts outside the campaign that share a contact with the new post, decided as scam / referred. */
  contacts: { scam: number; referred: number };
  /** A referred post of the campaign was taken down and the campaign posted again afterwards. */
  repostAfterTakedown: boolean;
}

export interface RepeatOffenderResult {
  /** Added to the case priority (which is on the 0–1 probability scale); 0 when nothing is known. */
  boost: number;
  repeat: boolean;
  reasons: Reason[];
}

/** Weights of the boost. A referral needed an analyst's decision and a packet, so it counts twice as much as a scam label. */
export const REPEAT_WEIGHTS = {
  /** Any earlier scam or referral on the campaign or a contact. */
  repeat: 0.2,
  /** Times log2(1 + scam + 2 × referred): more prior cases, more boost, with diminishing steps. */
  perPriorLog2: 0.05,
  repostAfterTakedown: 0.15,
  max: 0.5,
} as const;

export function decideRepeatOffender(prior: PriorDecisions): RepeatOffenderResult {
  const scam = count(prior.campaign.scam) + count(prior.contacts.scam);
  const referred = count(prior.campaign.referred) + count(prior.contacts.referred);
  const reasons: Reason[] = [];
  const priorCases = scam + referred > 0;
  if (priorCases) {
    const where = describeWhere(prior);
    reasons.push({
      code: 'REPEAT_OFFENDER',
      label: {
        id: `Pelaku berulang: ${where.id} sudah terkait ${scam} unggahan yang diputus penipuan dan ${referred} yang dirujuk.`,
        en: `Repeat offender: ${where.en} already linked to ${scam} post(s) decided as scam and ${referred} referred.`,
      },
      spans: [],
    });
  }
  if (prior.repostAfterTakedown) {
    reasons.push({
      code: 'REPOST_AFTER_TAKEDOWN',
      label: {
        id: 'Kampanye ini diunggah ulang setelah unggahan sebelumnya diturunkan.',
        en: 'This campaign posted again after an earlier post was taken down.',
      },
      spans: [],
    });
  }
  const repeat = priorCases || prior.repostAfterTakedown;
  let boost = 0;
  if (priorCases) boost += REPEAT_WEIGHTS.repeat + REPEAT_WEIGHTS.perPriorLog2 * Math.log2(1 + scam + 2 * referred);
  if (prior.repostAfterTakedown) boost += REPEAT_WEIGHTS.repostAfterTakedown;
  boost = Math.min(REPEAT_WEIGHTS.max, boost);
  for (const reason of reasons) reason.weight = boost / reasons.length;
  return { boost, repeat, reasons };
}

/** Counts come from the store; a negative or fractional one is a bug upstream and must not lower a priority. */
function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function describeWhere(prior: PriorDecisions): { id: string; en: string } {
  const inCampaign = count(prior.campaign.scam) + count(prior.campaign.referred) > 0;
  const viaContact = count(prior.contacts.scam) + count(prior.contacts.referred) > 0;
  if (inCampaign && viaContact) return { id: 'kampanye dan kontak unggahan ini', en: 'this post\'s campaign and contacts are' };
  if (inCampaign) return { id: 'kampanye unggahan ini', en: 'this post\'s campaign is' };
  return { id: 'kontak (nomor/akun) unggahan ini', en: 'this post\'s contact (number/account) is' };
}
