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

// Slot of every name, resolved once: the scorer fills slots by index for every post, with no per-post strings.
const SLOT = new Map<string, number>(FEATURE_VECTOR_NAMES.map((name, i) => [name, i]));
const slotOf = (name: string): number => {
  const slot = SLOT.get(name);
  if (slot === undefined) throw new Error(`feature-vector: no slot ${name}`);
  return slot;
};
const S = {
  scamHub: slotOf('dest.scam_hub'), decoy: slotOf('dest.decoy'), transit: slotOf('dest.transit'), placement: slotOf('dest.placement'),
  destOther: slotOf('dest.other'), riskMax: slotOf('dest.risk_max'), notPlacement: slotOf('dest.not_placement'), destCount: slotOf('dest.count'),
  hasOffer: slotOf('pay.has_offer'), logIdr: slotOf('pay.log_idr_monthly'), ratioUmp: slotOf('pay.log_ratio_ump'),
  ratioDestination: slotOf('pay.log_ratio_destination'), ratioTitle: slotOf('pay.log_ratio_title'), foreignCurrency: slotOf('pay.foreign_currency'),
  payRange: slotOf('pay.range'), fee: slotOf('pay.fee'), unrealistic: slotOf('pay.unrealistic'),
  office: slotOf('job.office_online'), gambling: slotOf('job.gambling'), informal: slotOf('job.informal'), professional: slotOf('job.professional'),
  crypto: slotOf('job.crypto'), customerService: slotOf('job.customer_service'), typing: slotOf('job.typing'),
  reqNone: slotOf('req.none'), reqLow: slotOf('req.low'), reqDegree: slotOf('req.degree'), reqSkilled: slotOf('req.skilled'), reqUnknown: slotOf('req.unknown'),
  verifiable: slotOf('legit.verifiable'), claim: slotOf('legit.claim'), g2g: slotOf('legit.g2g'), workVisa: slotOf('legit.work_visa'),
  contractInId: slotOf('legit.contract_in_id'), confidence: slotOf('intent.confidence'),
  contactCount: slotOf('contact.count'), phone: slotOf('contact.phone'), whatsapp: slotOf('contact.whatsapp'), telegram: slotOf('contact.telegram'),
  email: slotOf('contact.email'), url: slotOf('contact.url'), bankAccount: slotOf('contact.bank_account'), foreignPhone: slotOf('contact.foreign_phone'),
  hubOffice: slotOf('combo.hub_or_decoy_office'), keyCombo: slotOf('combo.office_abroad_free_travel_no_req'), warningHub: slotOf('combo.warning_about_hub'),
};
const FLAG_SLOT = new Map<string, number>([...FLAG_NAMES, ...LATER_FLAG_NAMES].map(([code, name]) => [code, slotOf(name)]));
const FREE_TRAVEL = slotOf('flag.free_travel');
const ABROAD = slotOf('flag.abroad');
const LEGIT_CLAIM_UNVERIFIED = slotOf('flag.legit_claim_unverified');
const INTENT_SLOT = new Map<string, number>(['warning', 'news', 'recruiting', 'other'].map((label) => [label, slotOf(`intent.${label}`)]));
const LANG_SLOT = new Map<string, number>(['id', 'en', 'ms', 'mixed'].map((lang) => [lang, slotOf(`lang.${lang}`)]));
const LANG_OTHER = slotOf('lang.other');

/**
 * The feature values as an array aligned with FEATURE_VECTOR_NAMES (`out` is zeroed and filled when given):
 * what the classifier reads for every post, without building a keyed object.
 */
export function featureValues(f: Features, out: Float64Array = new Float64Array(FEATURE_VECTOR_NAMES.length)): Float64Array {
  const v = out;
  v.fill(0);
  let hub = false;
  let decoy = false;
  let risk = 0;
  for (const d of f.destinations) {
    switch (d.kind) {
      case 'scam_hub':
        hub = true;
        v[S.scamHub] = 1;
        break;
      case 'decoy':
        decoy = true;
        v[S.decoy] = 1;
        break;
      case 'transit':
        v[S.transit] = 1;
        break;
      case 'placement':
        v[S.placement] = 1;
        break;
      case 'other':
        v[S.destOther] = 1;
        break;
    }
    risk = Math.max(risk, KIND_RISK[d.kind] ?? 0);
  }
  v[S.riskMax] = risk;
  for (const r of f.reasons) {
    if (r.code === 'DEST_NOT_PLACEMENT') v[S.notPlacement] = 1;
    else if (r.code === 'PAY_UNREALISTIC') v[S.unrealistic] = 1;
  }
  v[S.destCount] = Math.log1p(f.destinations.length);

  const offers = f.pay.offers;
  v[S.hasOffer] = b(offers.length > 0);
  v[S.logIdr] = f.pay.maxIdrMonthly === null || f.pay.maxIdrMonthly <= 0 ? 0 : Math.log10(f.pay.maxIdrMonthly);
  v[S.ratioUmp] = logRatio(f.pay.ratioToIdMinimum);
  v[S.ratioDestination] = logRatio(f.pay.ratioToDestinationMinimum);
  v[S.ratioTitle] = logRatio(f.pay.ratioToTypicalForTitle);
  for (const o of offers) {
    if (o.currency !== 'IDR') v[S.foreignCurrency] = 1;
    if (o.amountMax !== undefined) v[S.payRange] = 1;
  }
  v[S.fee] = b((f.pay.fees?.length ?? 0) > 0);

  let officeLike = false;
  for (const j of f.jobTypes) {
    const c = j.category;
    if (OFFICE_CATEGORIES.has(c)) {
      officeLike = true;
      v[S.office] = 1;
    }
    if (INFORMAL_CATEGORIES.has(c)) v[S.informal] = 1;
    if (PROFESSIONAL_CATEGORIES.has(c)) v[S.professional] = 1;
    if (c === 'gambling') {
      officeLike = true;
      v[S.gambling] = 1;
    } else if (c === 'crypto') v[S.crypto] = 1;
    if (c === 'customer_service' || c === 'telemarketing') v[S.customerService] = 1;
    if (c === 'typing') v[S.typing] = 1;
  }

  let skilled = false;
  let degree = false;
  let low = false;
  let none = false;
  for (const q of f.qualifications) {
    const level = q.level;
    if (level === 'language_test' || level === 'certificate') skilled = true;
    else if (level === 'degree' || level === 'diploma' || level === 'experience') degree = true;
    else if (level === 'sma' || level === 'smp') low = true;
    else if (level === 'none') none = true;
  }
  v[S.reqSkilled] = b(skilled);
  v[S.reqDegree] = b(!skilled && degree);
  v[S.reqLow] = b(!skilled && !degree && low && !none);
  v[S.reqNone] = b(!skilled && !degree && none);
  v[S.reqUnknown] = b(f.qualifications.length === 0);

  for (const x of f.flags) {
    const slot = FLAG_SLOT.get(x.code);
    if (slot !== undefined) v[slot] = 1;
  }

  let claim = v[LEGIT_CLAIM_UNVERIFIED] === 1;
  for (const l of f.legitimacy) {
    if (l.verifiable) v[S.verifiable] = 1;
    else claim = true;
    if (l.code === 'LEGIT_G2G') v[S.g2g] = 1;
    else if (l.code === 'LEGIT_WORK_VISA') v[S.workVisa] = 1;
    else if (l.code === 'LEGIT_CONTRACT_IN_ID') v[S.contractInId] = 1;
  }
  v[S.claim] = b(claim);

  const intent = INTENT_SLOT.get(f.intent.label);
  if (intent !== undefined) v[intent] = 1;
  v[S.confidence] = f.intent.confidence;

  v[S.contactCount] = Math.log1p(f.contacts.length);
  for (const c of f.contacts) {
    switch (c.kind) {
      case 'phone':
        v[S.phone] = 1;
        break;
      case 'whatsapp':
        v[S.whatsapp] = 1;
        break;
      case 'telegram':
        v[S.telegram] = 1;
        break;
      case 'email':
        v[S.email] = 1;
        break;
      case 'url':
        v[S.url] = 1;
        break;
      case 'bank_account':
        v[S.bankAccount] = 1;
        break;
    }
    if ((c.kind === 'phone' || c.kind === 'whatsapp') && !c.value.startsWith('+62')) v[S.foreignPhone] = 1;
  }

  v[LANG_SLOT.get(f.language) ?? LANG_OTHER] = 1;

  const destinations = f.destinations.length > 0;
  v[S.hubOffice] = b((hub || decoy) && officeLike);
  v[S.keyCombo] = b(officeLike && (destinations || v[ABROAD] === 1) && v[FREE_TRAVEL] === 1 && none);
  v[S.warningHub] = b((f.intent.label === 'warning' || f.intent.label === 'news') && hub);
  return v;
}

/** The feature values by name, in FEATURE_VECTOR_NAMES order (for tests and tools; the classifier uses featureValues). */
export function featureVector(f: Features): Record<string, number> {
  const values = featureValues(f);
  const v: Record<string, number> = {};
  for (let i = 0; i < FEATURE_VECTOR_NAMES.length; i++) v[FEATURE_VECTOR_NAMES[i] as string] = values[i] as number;
  return v;
}
