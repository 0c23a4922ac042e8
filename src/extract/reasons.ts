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

// Reasons collected for one post, indexed by catalog position (every code the extractor emits is in the catalog),
// so listing them in catalog order needs no sort. Reused across calls: extraction is synchronous.
const CODES = [...ORDER.keys()];
const SLOTS: Array<Span[] | null> = CODES.map(() => null);
const USED: number[] = [];

function addReason(code: string, spans: readonly Span[]): void {
  const i = ORDER.get(code);
  if (i === undefined) return;
  let list = SLOTS[i];
  if (list === null || list === undefined) {
    list = [];
    SLOTS[i] = list;
    USED.push(i);
  }
  for (const s of spans) {
    if (list.length >= MAX_SPANS) break;
    let dup = false;
    for (const x of list) if (x.start === s.start && x.end === s.end) dup = true;
    if (!dup) list.push(s);
  }
}

function addDestinations(list: readonly DestinationMention[], kind: DestinationMention['kind'], code: string): void {
  let any = false;
  for (const d of list) if (d.kind === kind) any = true;
  if (!any) return;
  for (const d of list) if (d.kind === kind) addReason(code, d.spans);
}

function addJobs(jobs: readonly JobMention[], group: JobMention['group'], code: string): void {
  for (const j of jobs) if (j.group === group) addReason(code, [j.span]);
}

export function buildReasons(f: Facts): Reason[] {
  USED.length = 0;
  let foreignCount = 0;
  let decoy = false;
  let placement = false;
  for (const d of f.destinations) {
    if (d.country !== 'ID' && d.kind !== 'transit') foreignCount++;
    if (d.kind === 'decoy') decoy = true;
    if (d.kind === 'placement') placement = true;
  }
  const abroad = foreignCount > 0 || f.flags.has('ABROAD');
  let office = 0;
  let gambling = 0;
  let informal = 0;
  for (const j of f.jobs) {
    if (j.group === 'office_online') office++;
    else if (j.group === 'gambling') gambling++;
    else if (j.group === 'informal') informal++;
  }
  const lowReq = f.requirement === 'none' || f.requirement === 'low' || f.requirement === 'unknown';
  let verifiedLegit = false;
  for (const l of f.legitimacy) if (l.verifiable) verifiedLegit = true;

  addDestinations(f.destinations, 'scam_hub', 'DEST_SCAM_HUB');
  if (decoy && (office > 0 || gambling > 0 || f.jobs.length === 0)) addDestinations(f.destinations, 'decoy', 'DEST_DECOY');
  addDestinations(f.destinations, 'transit', 'DEST_TRANSIT');
  if (foreignCount > 0 && f.jobs.length > 0) {
    // Not a placement country when no foreign place allows any of the job groups named.
    let illegal = 0;
    for (const d of f.destinations) if (d.country !== 'ID' && d.kind !== 'transit' && !allowsAnyJob(d, f.jobs)) illegal++;
    if (illegal === foreignCount) {
      for (const d of f.destinations) if (d.country !== 'ID' && d.kind !== 'transit') addReason('DEST_NOT_PLACEMENT', d.spans);
      for (const j of f.jobs) addReason('DEST_NOT_PLACEMENT', [j.span]);
    }
  }

  let maxOffer: PayOffer | undefined;
  for (const o of f.offers) if (maxOffer === undefined || o.idrMonthly > maxOffer.idrMonthly) maxOffer = o;
  if (maxOffer !== undefined && f.intent.label !== 'news' && f.intent.label !== 'warning') {
    const skilledLegit = f.requirement === 'skilled' && verifiedLegit;
    const unrealistic =
      !skilledLegit &&
      lowReq &&
      ((f.ratios.destination !== null && f.ratios.destination >= DEST_RATIO && (office > 0 || gambling > 0 || f.jobs.length === 0)) ||
        (f.ratios.title !== null && f.ratios.title >= TITLE_RATIO && abroad) ||
        maxOffer.idrMonthly >= ABSURD_IDR);
    if (unrealistic) addReason('PAY_UNREALISTIC', [maxOffer.span]);
    if (f.ratios.ump !== null && f.ratios.ump >= UMP_RATIO) addReason('PAY_HIGH_VS_UMP', [maxOffer.span]);
  }
  const foreignCurrency = f.flags.get('PAY_FOREIGN_CURRENCY');
  if (foreignCurrency !== undefined) addReason('PAY_FOREIGN_CURRENCY', foreignCurrency.spans);
  else if (!placement) for (const o of f.offers) if (o.currency === 'USD') addReason('PAY_FOREIGN_CURRENCY', [o.span]);

  if (office > 0 && abroad) addJobs(f.jobs, 'office_online', 'JOB_OFFICE_ONLINE');
  if (gambling > 0) addJobs(f.jobs, 'gambling', 'JOB_GAMBLING');
  if (informal > 0 && abroad) addJobs(f.jobs, 'informal', 'JOB_INFORMAL');

  for (const [code, flag] of f.flags) {
    if (code === 'ABROAD' || code === 'PAY_FOREIGN_CURRENCY') continue;
    if (code === 'FREE_TRAVEL' && f.flags.has('FREE_TRAVEL_OFFICE_JOB')) continue;
    if (REASON_CATALOG[code] !== undefined) addReason(code, flag.spans);
  }
  for (const l of f.legitimacy) {
    if (l.code === 'LEGIT_SIP2MI' || l.code === 'LEGIT_SIP3MI') addReason(l.verifiable ? l.code : 'LEGIT_P3MI_NAME', [l.span]);
    else if (REASON_CATALOG[l.code] !== undefined) addReason(l.code, [l.span]);
  }
  if (f.intent.label === 'warning') addReason('INTENT_WARNING', []);
  else if (f.intent.label === 'news') addReason('INTENT_NEWS', []);
  else if (f.intent.label === 'recruiting') addReason('INTENT_RECRUITING', []);

  USED.sort((a, b) => a - b);
  const out: Reason[] = [];
  for (const i of USED) {
    const code = CODES[i] as string;
    out.push({ code, label: reasonLabel(code), spans: mergeSpans(SLOTS[i] as Span[]) });
    SLOTS[i] = null;
  }
  USED.length = 0;
  return out;
}

function allowsAnyJob(d: DestinationMention, jobs: readonly JobMention[]): boolean {
  for (const j of jobs) if (d.place.legalJobGroups.includes(j.group)) return true;
  return false;
}

/** Sorted, with overlapping or touching spans merged, so the console highlights each stretch once. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  let sorted = true;
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as Span;
    const b = spans[i] as Span;
    if (b.start < a.start || (b.start === a.start && b.end < a.end)) {
      sorted = false;
      break;
    }
  }
  const list = sorted ? spans : [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of list) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
