// Flat numeric view of Features for the classifier. Names are stable: add new ones at the end, never rename.
// Binary indicators are 0/1; ratios are natural logs clipped to [-3, 3] (0 when unknown); counts are log1p.
import type { Features } from '../contracts/features.js';

// Flag codes (phrase and derived) mapped to vector names.
const FLAG_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['FREE_TRAVEL', 'flag.free_travel'],
  ['FREE_TRAVEL_OFFICE_JOB', 'flag.free_travel_office'],
  ['VISA_TOURIST', 'flag.visa_tourist'],
  ['VISA_ARRANGED_ABROAD', 'flag.visa_arranged_abroad'],
  ['NO_QUALIFICATIONS', 'flag.no_qualifications'],
  ['INTERVIEW_ONLINE_ONLY', 'flag.interview_online_only'],
  ['URGENT_DEPARTURE', 'flag.urgent_departure'],
  ['GROUP_DEPARTURE', 'flag.group_departure'],
  ['PASSPORT_REQUESTED', 'flag.passport_requested'],
  ['PASSPORT_ARRANGED', 'flag.passport_arranged'],
  ['FEE_REQUESTED', 'flag.fee_requested'],
  ['FEE_PERSONAL_ACCOUNT', 'flag.fee_personal_account'],
  ['TICKET_SALARY_DEDUCTION', 'flag.ticket_salary_deduction'],
  ['RECRUITER_HANDLES_ALL', 'flag.recruiter_handles_all'],
  ['NO_CONTRACT', 'flag.no_contract'],
  ['TYPING_TEST', 'flag.typing_test'],
  ['PAY_FOREIGN_CURRENCY', 'flag.pay_foreign_currency'],
  ['LURE_PERKS', 'flag.lure_perks'],
  ['ABROAD', 'flag.abroad'],
  ['SECRECY', 'flag.secrecy'],
  ['LEGIT_CLAIM_UNVERIFIED', 'flag.legit_claim_unverified'],
  ['CONTACT_PRIVATE_ONLY', 'flag.contact_private_only'],
  ['LINK_SHORTENER', 'flag.link_shortener'],
  ['TEXT_OBFUSCATED', 'flag.text_obfuscated'],
];
// Flags added after the first release go at the end of the vector so earlier positions never move.
const LATER_FLAG_NAMES: ReadonlyArray<readonly [string, string]> = [['VAGUE_DESTINATION', 'flag.vague_destination']];

/**
 * Every name `featureVector` returns, in a fixed order:
 * - dest.*: a destination of that kind is named (scam_hub, decoy, transit, placement, other); dest.risk_max (0..1 gazetteer
 *   risk); dest.not_placement (no legal placement for the named job there); dest.count (log1p).
 * - pay.*: has_offer; log_idr_monthly (log10 of the top offer, 0 without); log_ratio_ump / log_ratio_destination /
 *   log_ratio_title (ln of the pay ratios, clipped); foreign_currency (an offer not in IDR); range; fee (applicant asked to pay);
 *   unrealistic (PAY_UNREALISTIC reason).
 * - job.*: office_online, gambling, informal, professional, crypto, customer_service, typing.
 * - req.*: the requirement level: none, low (school only), degree, skilled (experience, certificates, language tests), unknown.
 * - flag.*: the phrase and derived flags listed in FLAG_NAMES above.
 * - legit.*: verifiable (a checkable licence, announcement number, official domain or hotline), claim (an unverifiable marker),
 *   g2g, work_visa, contract_in_id.
 * - intent.*: one-hot warning, news, recruiting, other; intent.confidence.
 * - contact.*: count (log1p), phone, whatsapp, telegram, email, url, bank_account, foreign_phone (a non-+62 number).
 * - lang.*: id, en, ms, mixed, other.
 * - combo.*: hub_or_decoy_office (scam hub or decoy with an office/gambling job), office_abroad_free_travel_no_req
 *   (the indicators' key combination), warning_about_hub (a warning or news post naming a scam hub).
 * - flag.vague_destination (added later, hence last): "Asia Tenggara", "negara tetangga" instead of a country.
 */
export const FEATURE_VECTOR_NAMES: readonly string[] = [
  'dest.scam_hub', 'dest.decoy', 'dest.transit', 'dest.placement', 'dest.other', 'dest.risk_max', 'dest.not_placement', 'dest.count',
  'pay.has_offer', 'pay.log_idr_monthly', 'pay.log_ratio_ump', 'pay.log_ratio_destination', 'pay.log_ratio_title', 'pay.foreign_currency',
  'pay.range', 'pay.fee', 'pay.unrealistic',
  'job.office_online', 'job.gambling', 'job.informal', 'job.professional', 'job.crypto', 'job.customer_service', 'job.typing',
  'req.none', 'req.low', 'req.degree', 'req.skilled', 'req.unknown',
  ...FLAG_NAMES.map(([, name]) => name),
  'legit.verifiable', 'legit.claim', 'legit.g2g', 'legit.work_visa', 'legit.contract_in_id',
  'intent.warning', 'intent.news', 'intent.recruiting', 'intent.other', 'intent.confidence',
  'contact.count', 'contact.phone', 'contact.whatsapp', 'contact.telegram', 'contact.email', 'contact.url', 'contact.bank_account',
  'contact.foreign_phone',
  'lang.id', 'lang.en', 'lang.ms', 'lang.mixed', 'lang.other',
  'combo.hub_or_decoy_office', 'combo.office_abroad_free_travel_no_req', 'combo.warning_about_hub',
  ...LATER_FLAG_NAMES.map(([, name]) => name),
];

const OFFICE_CATEGORIES = new Set(['customer_service', 'telemarketing', 'admin', 'marketing', 'it', 'typing', 'game_operator', 'crypto', 'live_chat', 'content']);
const INFORMAL_CATEGORIES = new Set(['caregiver', 'domestic', 'plantation', 'fishing', 'factory', 'hospitality', 'driver']);
const PROFESSIONAL_CATEGORIES = new Set(['health_professional', 'engineering', 'education', 'finance_professional']);
// Fallback risk per kind for destinations whose gazetteer risk is not carried in Features.
const KIND_RISK: Record<string, number> = { scam_hub: 1, decoy: 0.6, transit: 0.3, placement: 0.1, other: 0.3 };

const logRatio = (r: number | null): number => (r === null || !(r > 0) ? 0 : Math.max(-3, Math.min(3, Math.log(r))));
const b = (x: boolean): number => (x ? 1 : 0);

export function featureVector(f: Features): Record<string, number> {
  const v: Record<string, number> = {};
  for (const name of FEATURE_VECTOR_NAMES) v[name] = 0;
  const kinds = new Set(f.destinations.map((d) => d.kind));
  for (const k of ['scam_hub', 'decoy', 'transit', 'placement', 'other'] as const) v[`dest.${k}`] = b(kinds.has(k));
  v['dest.risk_max'] = f.destinations.reduce((m, d) => Math.max(m, KIND_RISK[d.kind] ?? 0), 0);
  const reasons = new Set(f.reasons.map((r) => r.code));
  v['dest.not_placement'] = b(reasons.has('DEST_NOT_PLACEMENT'));
  v['dest.count'] = Math.log1p(f.destinations.length);

  const offers = f.pay.offers;
  v['pay.has_offer'] = b(offers.length > 0);
  v['pay.log_idr_monthly'] = f.pay.maxIdrMonthly === null || f.pay.maxIdrMonthly <= 0 ? 0 : Math.log10(f.pay.maxIdrMonthly);
  v['pay.log_ratio_ump'] = logRatio(f.pay.ratioToIdMinimum);
  v['pay.log_ratio_destination'] = logRatio(f.pay.ratioToDestinationMinimum);
  v['pay.log_ratio_title'] = logRatio(f.pay.ratioToTypicalForTitle);
  v['pay.foreign_currency'] = b(offers.some((o) => o.currency !== 'IDR'));
  v['pay.range'] = b(offers.some((o) => o.amountMax !== undefined));
  v['pay.fee'] = b((f.pay.fees?.length ?? 0) > 0);
  v['pay.unrealistic'] = b(reasons.has('PAY_UNREALISTIC'));

  const cats = new Set(f.jobTypes.map((j) => j.category));
  v['job.office_online'] = b([...cats].some((c) => OFFICE_CATEGORIES.has(c)));
  v['job.gambling'] = b(cats.has('gambling'));
  v['job.informal'] = b([...cats].some((c) => INFORMAL_CATEGORIES.has(c)));
  v['job.professional'] = b([...cats].some((c) => PROFESSIONAL_CATEGORIES.has(c)));
  v['job.crypto'] = b(cats.has('crypto'));
  v['job.customer_service'] = b(cats.has('customer_service') || cats.has('telemarketing'));
  v['job.typing'] = b(cats.has('typing'));

  const levels = new Set(f.qualifications.map((q) => q.level));
  const skilled = levels.has('language_test') || levels.has('certificate');
  const degree = levels.has('degree') || levels.has('diploma') || levels.has('experience');
  const low = levels.has('sma') || levels.has('smp');
  const none = levels.has('none');
  v['req.skilled'] = b(skilled);
  v['req.degree'] = b(!skilled && degree);
  v['req.low'] = b(!skilled && !degree && low && !none);
  v['req.none'] = b(!skilled && !degree && none);
  v['req.unknown'] = b(levels.size === 0);

  const flags = new Set(f.flags.map((x) => x.code));
  for (const [code, name] of FLAG_NAMES) v[name] = b(flags.has(code));
  for (const [code, name] of LATER_FLAG_NAMES) v[name] = b(flags.has(code));

  v['legit.verifiable'] = b(f.legitimacy.some((l) => l.verifiable));
  v['legit.claim'] = b(f.legitimacy.some((l) => !l.verifiable) || flags.has('LEGIT_CLAIM_UNVERIFIED'));
  v['legit.g2g'] = b(f.legitimacy.some((l) => l.code === 'LEGIT_G2G'));
  v['legit.work_visa'] = b(f.legitimacy.some((l) => l.code === 'LEGIT_WORK_VISA'));
  v['legit.contract_in_id'] = b(f.legitimacy.some((l) => l.code === 'LEGIT_CONTRACT_IN_ID'));

  v[`intent.${f.intent.label}`] = 1;
  v['intent.confidence'] = f.intent.confidence;

  const ck = new Set(f.contacts.map((c) => c.kind));
  v['contact.count'] = Math.log1p(f.contacts.length);
  for (const k of ['phone', 'whatsapp', 'telegram', 'email', 'url', 'bank_account'] as const) v[`contact.${k}`] = b(ck.has(k));
  v['contact.foreign_phone'] = b(f.contacts.some((c) => (c.kind === 'phone' || c.kind === 'whatsapp') && !c.value.startsWith('+62')));

  const lang = ['id', 'en', 'ms', 'mixed'].includes(f.language) ? f.language : 'other';
  v[`lang.${lang}`] = 1;

  const officeLike = v['job.office_online'] === 1 || v['job.gambling'] === 1;
  v['combo.hub_or_decoy_office'] = b((kinds.has('scam_hub') || kinds.has('decoy')) && officeLike);
  v['combo.office_abroad_free_travel_no_req'] = b(officeLike && (kinds.size > 0 || flags.has('ABROAD')) && flags.has('FREE_TRAVEL') && none);
  v['combo.warning_about_hub'] = b((f.intent.label === 'warning' || f.intent.label === 'news') && kinds.has('scam_hub'));
  return v;
}
