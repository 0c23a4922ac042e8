// Turns extracted facts into the reasons analysts read: the combinations the indicators call suspicious
// (free travel for an office job, pay unrealistic for the qualifications asked...), each with its evidence.
import type { Reason, Span } from '../contracts/common.js';
import type { Contact, Features, PayOffer } from '../contracts/features.js';
import { isFreeMail, isShortener, isSocialHost } from './contacts.js';
import type { DestinationMention } from './destinations.js';
import type { Flag } from './flags.js';
import type { JobMention } from './job-types.js';
import type { LegitimacyMarker } from './legitimacy.js';
import type { Obfuscation } from './normalize.js';
import type { Qualification } from './qualifications.js';
import { REASON_CATALOG, reasonLabel } from './reason-catalog.js';

export interface Facts {
  destinations: DestinationMention[];
  jobs: JobMention[];
  quals: Qualification[];
  requirement: 'none' | 'low' | 'degree' | 'skilled' | 'unknown';
  flags: Map<string, Flag>;
  legitimacy: LegitimacyMarker[];
  contacts: Contact[];
  offers: PayOffer[];
  fees: PayOffer[];
  ratios: { ump: number | null; destination: number | null; title: number | null };
  intent: Features['intent'];
  obfuscations: Obfuscation[];
}

// Thresholds of the pay-realism reason; see indicators.md section 3 [D]: flag pay at 2-3x the destination's minimum
// when requirements are nil and the job is office work in a non-placement country.
const DEST_RATIO = 3;
const TITLE_RATIO = 2.5;
const ABSURD_IDR = 50_000_000;
const UMP_RATIO = 3;
const MAX_SPANS = 20;

// Reasons are listed in catalog order, which puts destinations and pay first.
const ORDER = new Map(Object.keys(REASON_CATALOG).map((code, i) => [code, i]));

const PRIVATE_KINDS = new Set<Contact['kind']>(['phone', 'whatsapp', 'telegram', 'handle', 'line']);

export function isPrivateContact(c: Contact): boolean {
  if (PRIVATE_KINDS.has(c.kind)) return true;
  if (c.kind === 'email') return isFreeMail(c.value);
  if (c.kind === 'url') {
    const host = c.value.replace(/^https?:\/\//, '').split(/[/?#]/)[0] ?? '';
    return c.shortener === true || isShortener(host) || isSocialHost(host);
  }
  return false;
}

/** Derived flags: combinations computed from several facts, recorded alongside the phrase flags. */
export function deriveFlags(f: Facts): void {
  const add = (code: string, spans: Span[]): void => {
    if (!f.flags.has(code)) f.flags.set(code, { code, spans: spans.slice(0, MAX_SPANS) });
  };
  const office = f.jobs.filter((j) => j.group === 'office_online' || j.group === 'gambling');
  const free = f.flags.get('FREE_TRAVEL');
  if (free !== undefined && office.length > 0) add('FREE_TRAVEL_OFFICE_JOB', [...free.spans, ...office.map((j) => j.span)]);
  const none = f.quals.filter((q) => q.level === 'none');
  if (none.length > 0) add('NO_QUALIFICATIONS', none.map((q) => q.span));
  const recruitingContacts = f.contacts.filter((c) => c.kind !== 'bank_account');
  if (recruitingContacts.length > 0 && recruitingContacts.every(isPrivateContact)) add('CONTACT_PRIVATE_ONLY', recruitingContacts.map((c) => c.span));
  const short = f.contacts.filter((c) => c.shortener === true);
  if (short.length > 0) add('LINK_SHORTENER', short.map((c) => c.span));
  const fee = f.flags.get('FEE_REQUESTED');
  const bank = f.contacts.filter((c) => c.kind === 'bank_account');
  if ((fee !== undefined || f.fees.length > 0) && bank.length > 0) add('FEE_PERSONAL_ACCOUNT', [...(fee?.spans ?? []), ...bank.map((c) => c.span)]);
  if (fee === undefined && f.fees.length > 0) add('FEE_REQUESTED', f.fees.map((o) => o.span));
  if (f.obfuscations.length === 0) return;
  const obf = f.obfuscations.filter(
    (o) => o.kind === 'leet' || o.kind === 'confusable' || o.kind === 'spelled_digits' || overlapsEvidence(f, o.start, o.end),
  );
  if (obf.length > 0) add('TEXT_OBFUSCATED', obf.map((o) => ({ start: o.start, end: o.end })));
}

const overlaps = (s: Span, start: number, end: number): boolean => s.start < end && start < s.end;

/** Whether an obfuscated stretch touches something the extractor matched (walks the facts without copying them). */
function overlapsEvidence(f: Facts, start: number, end: number): boolean {
  for (const d of f.destinations) for (const s of d.spans) if (overlaps(s, start, end)) return true;
  for (const j of f.jobs) if (overlaps(j.span, start, end)) return true;
  for (const o of f.offers) if (overlaps(o.span, start, end)) return true;
  for (const c of f.contacts) if (overlaps(c.span, start, end)) return true;
  for (const x of f.flags.values()) for (const s of x.spans) if (overlaps(s, start, end)) return true;
  return false;
}

export function buildReasons(f: Facts): Reason[] {
  const reasons = new Map<string, Span[]>();
  const add = (code: string, spans: Span[]): void => {
    const list = reasons.get(code) ?? [];
    for (const s of spans) if (list.length < MAX_SPANS && !list.some((x) => x.start === s.start && x.end === s.end)) list.push(s);
    reasons.set(code, list);
  };
  const foreign = f.destinations.filter((d) => d.country !== 'ID' && d.kind !== 'transit');
  const abroad = foreign.length > 0 || f.flags.has('ABROAD');
  const office = f.jobs.filter((j) => j.group === 'office_online');
  const gambling = f.jobs.filter((j) => j.group === 'gambling');
  const informal = f.jobs.filter((j) => j.group === 'informal');
  const lowReq = f.requirement === 'none' || f.requirement === 'low' || f.requirement === 'unknown';
  const verifiedLegit = f.legitimacy.some((l) => l.verifiable);

  const hubs = f.destinations.filter((d) => d.kind === 'scam_hub');
  if (hubs.length > 0) add('DEST_SCAM_HUB', hubs.flatMap((d) => d.spans));
  const decoys = f.destinations.filter((d) => d.kind === 'decoy');
  if (decoys.length > 0 && (office.length > 0 || gambling.length > 0 || f.jobs.length === 0)) add('DEST_DECOY', decoys.flatMap((d) => d.spans));
  const transit = f.destinations.filter((d) => d.kind === 'transit');
  if (transit.length > 0) add('DEST_TRANSIT', transit.flatMap((d) => d.spans));
  const groups = new Set(f.jobs.map((j) => j.group));
  if (foreign.length > 0 && groups.size > 0) {
    const illegal = foreign.filter((d) => ![...groups].some((g) => d.place.legalJobGroups.includes(g)));
    if (illegal.length === foreign.length) add('DEST_NOT_PLACEMENT', [...illegal.flatMap((d) => d.spans), ...f.jobs.map((j) => j.span)]);
  }

  const maxOffer = f.offers.reduce<PayOffer | undefined>((m, o) => (m === undefined || o.idrMonthly > m.idrMonthly ? o : m), undefined);
  if (maxOffer !== undefined && f.intent.label !== 'news' && f.intent.label !== 'warning') {
    const skilledLegit = f.requirement === 'skilled' && verifiedLegit;
    const unrealistic =
      !skilledLegit &&
      lowReq &&
      ((f.ratios.destination !== null && f.ratios.destination >= DEST_RATIO && (office.length > 0 || gambling.length > 0 || f.jobs.length === 0)) ||
        (f.ratios.title !== null && f.ratios.title >= TITLE_RATIO && abroad) ||
        maxOffer.idrMonthly >= ABSURD_IDR);
    if (unrealistic) add('PAY_UNREALISTIC', [maxOffer.span]);
    if (f.ratios.ump !== null && f.ratios.ump >= UMP_RATIO) add('PAY_HIGH_VS_UMP', [maxOffer.span]);
  }
  const usd = f.offers.filter((o) => o.currency === 'USD');
  const foreignCurrency = f.flags.get('PAY_FOREIGN_CURRENCY');
  if (foreignCurrency !== undefined) add('PAY_FOREIGN_CURRENCY', foreignCurrency.spans);
  else if (usd.length > 0 && !f.destinations.some((d) => d.kind === 'placement')) add('PAY_FOREIGN_CURRENCY', usd.map((o) => o.span));

  if (office.length > 0 && abroad) add('JOB_OFFICE_ONLINE', office.map((j) => j.span));
  if (gambling.length > 0) add('JOB_GAMBLING', gambling.map((j) => j.span));
  if (informal.length > 0 && abroad) add('JOB_INFORMAL', informal.map((j) => j.span));

  for (const [code, flag] of f.flags) {
    if (code === 'ABROAD' || code === 'PAY_FOREIGN_CURRENCY') continue;
    if (code === 'FREE_TRAVEL' && f.flags.has('FREE_TRAVEL_OFFICE_JOB')) continue;
    if (REASON_CATALOG[code] !== undefined) add(code, flag.spans);
  }
  for (const l of f.legitimacy) {
    if (l.code === 'LEGIT_SIP2MI' || l.code === 'LEGIT_SIP3MI') {
      if (l.verifiable) add(l.code, [l.span]);
      else add('LEGIT_P3MI_NAME', [l.span]);
    } else if (REASON_CATALOG[l.code] !== undefined) add(l.code, [l.span]);
  }
  if (f.intent.label === 'warning') add('INTENT_WARNING', []);
  else if (f.intent.label === 'news') add('INTENT_NEWS', []);
  else if (f.intent.label === 'recruiting') add('INTENT_RECRUITING', []);

  return [...reasons.entries()]
    .sort((a, b) => (ORDER.get(a[0]) ?? 999) - (ORDER.get(b[0]) ?? 999))
    .map(([code, spans]) => ({ code, label: reasonLabel(code), spans: mergeSpans(spans) }));
}

/** Sorted, with overlapping or touching spans merged, so the console highlights each stretch once. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
