// Turns extracted facts into the reasons analysts read: the combinations the indicators call suspicious
// (free travel for an office job, pay unrealistic for the qualifications asked...), each with its evidence.
import type { Reason, Span } from '../contracts/common.js';
import type { Contact, Features, PayOffer } from '../contracts/features.js';
import { isFreeMail, isShortener, isSocialHost } from './contacts.js';
import type { DestinationMention } from './destinations.js';
import type { FlagSet } from './flags.js';
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
  flags: FlagSet;
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
    const host = urlHost(c.value);
    return c.shortener === true || isShortener(host) || isSocialHost(host);
  }
  return false;
}

/** The host of a stored URL: after "http://" or "https://" (lower case, as canonicalUrl writes them), up to "/", "?" or "#". */
function urlHost(url: string): string {
  const from = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : 0;
  let end = from;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break;
    end++;
  }
  return url.slice(from, end);
}

// Module-level helpers rather than closures in deriveFlags: a closure would be created (and, under tsx, renamed)
// on every call.
function setFlag(flags: FlagSet, code: string, spans: Span[] | null): void {
  if (spans !== null && spans.length > 0) flags.set(code, { code, spans });
}

function pushCapped(spans: Span[], s: Span): void {
  if (spans.length < MAX_SPANS) spans.push(s);
}

/** Derived flags: combinations computed from several facts, recorded alongside the phrase flags. */
export function deriveFlags(f: Facts): void {
  // Each list is built only when its flag is not set yet, at most MAX_SPANS long, in the order evidence is found.
  const flags = f.flags;
  const free = flags.get('FREE_TRAVEL');
  if (free !== undefined && !flags.has('FREE_TRAVEL_OFFICE_JOB')) {
    let spans: Span[] | null = null;
    for (const j of f.jobs) if (j.group === 'office_online' || j.group === 'gambling') pushCapped((spans ??= free.spans.slice(0, MAX_SPANS)), j.span);
    setFlag(flags, 'FREE_TRAVEL_OFFICE_JOB', spans);
  }
  if (!flags.has('NO_QUALIFICATIONS')) {
    const spans: Span[] = [];
    for (const q of f.quals) if (q.level === 'none') pushCapped(spans, q.span);
    setFlag(flags, 'NO_QUALIFICATIONS', spans);
  }
  let recruiting = 0;
  let allPrivate = true;
  let short = 0;
  let bank = 0;
  for (const c of f.contacts) {
    if (c.kind === 'bank_account') bank++;
    else {
      recruiting++;
      if (allPrivate && !isPrivateContact(c)) allPrivate = false;
    }
    if (c.shortener === true) short++;
  }
  if (recruiting > 0 && allPrivate && !flags.has('CONTACT_PRIVATE_ONLY')) {
    const spans: Span[] = [];
    for (const c of f.contacts) if (c.kind !== 'bank_account') pushCapped(spans, c.span);
    setFlag(flags, 'CONTACT_PRIVATE_ONLY', spans);
  }
  if (short > 0 && !flags.has('LINK_SHORTENER')) {
    const spans: Span[] = [];
    for (const c of f.contacts) if (c.shortener === true) pushCapped(spans, c.span);
    setFlag(flags, 'LINK_SHORTENER', spans);
  }
  const fee = flags.get('FEE_REQUESTED');
  if ((fee !== undefined || f.fees.length > 0) && bank > 0 && !flags.has('FEE_PERSONAL_ACCOUNT')) {
    const spans = fee === undefined ? [] : fee.spans.slice(0, MAX_SPANS);
    for (const c of f.contacts) if (c.kind === 'bank_account') pushCapped(spans, c.span);
    setFlag(flags, 'FEE_PERSONAL_ACCOUNT', spans);
  }
  if (fee === undefined && f.fees.length > 0 && !flags.has('FEE_REQUESTED')) {
    const spans: Span[] = [];
    for (const o of f.fees) pushCapped(spans, o.span);
    setFlag(flags, 'FEE_REQUESTED', spans);
  }
  if (f.obfuscations.length === 0 || flags.has('TEXT_OBFUSCATED')) return;
  // Every obfuscation is tested before the flag is set: the test reads the flags.
  let spans: Span[] | null = null;
  for (const o of f.obfuscations)
    if (o.kind === 'leet' || o.kind === 'confusable' || o.kind === 'spelled_digits' || overlapsEvidence(f, o.start, o.end))
      pushCapped((spans ??= []), { start: o.start, end: o.end });
  setFlag(flags, 'TEXT_OBFUSCATED', spans);
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
// so listing them in catalog order needs no sort. The span lists are scratch space reused across calls
// (extraction is synchronous, and the output gets merged copies): slot i holds COUNTS[i] spans, and nothing is
// allocated per reason until the output. The slots given are bits of USED (32 per word), walked lowest first.
const CODES = [...ORDER.keys()];
const LABELS = CODES.map((code) => reasonLabel(code));
const SLOTS: Span[][] = CODES.map(() => []);
const COUNTS = new Int32Array(CODES.length);
const USED = new Int32Array((CODES.length + 31) >>> 5);
/** Set while buildReasons runs: still set at the next call only if a call threw half-way and left slots filled. */
let dirty = false;

// The slots of the codes buildReasons names itself, looked up once (-1: not in the catalog, never given).
const slotIndex = (code: string): number => ORDER.get(code) ?? -1;
const DEST_SCAM_HUB = slotIndex('DEST_SCAM_HUB');
const DEST_DECOY = slotIndex('DEST_DECOY');
const DEST_TRANSIT = slotIndex('DEST_TRANSIT');
const DEST_NOT_PLACEMENT = slotIndex('DEST_NOT_PLACEMENT');
const PAY_UNREALISTIC = slotIndex('PAY_UNREALISTIC');
const PAY_HIGH_VS_UMP = slotIndex('PAY_HIGH_VS_UMP');
const PAY_FOREIGN_CURRENCY = slotIndex('PAY_FOREIGN_CURRENCY');
const JOB_OFFICE_ONLINE = slotIndex('JOB_OFFICE_ONLINE');
const JOB_GAMBLING = slotIndex('JOB_GAMBLING');
const JOB_INFORMAL = slotIndex('JOB_INFORMAL');
const LEGIT_P3MI_NAME = slotIndex('LEGIT_P3MI_NAME');
const INTENT_WARNING = slotIndex('INTENT_WARNING');
const INTENT_NEWS = slotIndex('INTENT_NEWS');
const INTENT_RECRUITING = slotIndex('INTENT_RECRUITING');

/** Marks slot i (-1: none) as given; returns it. */
function use(i: number): number {
  if (i !== -1) USED[i >>> 5] = (USED[i >>> 5] as number) | (1 << (i & 31));
  return i;
}

/** Adds a span to a slot unless the slot is full or holds an equal span. */
function pushSpan(i: number, s: Span): void {
  const n = COUNTS[i] as number;
  if (n >= MAX_SPANS) return;
  const list = SLOTS[i] as Span[];
  for (let k = 0; k < n; k++) {
    const x = list[k] as Span;
    if (x.start === s.start && x.end === s.end) return;
  }
  list[n] = s;
  COUNTS[i] = n + 1;
}

/** Gives the reason of slot i (-1: none) with the spans. */
function addReason(i: number, spans: readonly Span[]): void {
  if (use(i) === -1) return;
  for (const s of spans) {
    if ((COUNTS[i] as number) >= MAX_SPANS) break;
    pushSpan(i, s);
  }
}

/** addReason with one span (no array built for it). */
function addReasonSpan(i: number, span: Span): void {
  if (use(i) !== -1) pushSpan(i, span);
}

function addDestinations(list: readonly DestinationMention[], kind: DestinationMention['kind'], slot: number): void {
  for (const d of list) if (d.kind === kind) addReason(slot, d.spans);
}

function addJobs(jobs: readonly JobMention[], group: JobMention['group'], slot: number): void {
  for (const j of jobs) if (j.group === group) addReasonSpan(slot, j.span);
}

export function buildReasons(f: Facts): Reason[] {
  if (dirty) {
    USED.fill(0);
    COUNTS.fill(0);
  }
  dirty = true;
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

  addDestinations(f.destinations, 'scam_hub', DEST_SCAM_HUB);
  if (decoy && (office > 0 || gambling > 0 || f.jobs.length === 0)) addDestinations(f.destinations, 'decoy', DEST_DECOY);
  addDestinations(f.destinations, 'transit', DEST_TRANSIT);
  if (foreignCount > 0 && f.jobs.length > 0) {
    // Not a placement country when no foreign place allows any of the job groups named.
    let illegal = 0;
    for (const d of f.destinations) if (d.country !== 'ID' && d.kind !== 'transit' && !allowsAnyJob(d, f.jobs)) illegal++;
    if (illegal === foreignCount) {
      for (const d of f.destinations) if (d.country !== 'ID' && d.kind !== 'transit') addReason(DEST_NOT_PLACEMENT, d.spans);
      for (const j of f.jobs) addReasonSpan(DEST_NOT_PLACEMENT, j.span);
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
    if (unrealistic) addReasonSpan(PAY_UNREALISTIC, maxOffer.span);
    if (f.ratios.ump !== null && f.ratios.ump >= UMP_RATIO) addReasonSpan(PAY_HIGH_VS_UMP, maxOffer.span);
  }
  const foreignCurrency = f.flags.get('PAY_FOREIGN_CURRENCY');
  if (foreignCurrency !== undefined) addReason(PAY_FOREIGN_CURRENCY, foreignCurrency.spans);
  else if (!placement) for (const o of f.offers) if (o.currency === 'USD') addReasonSpan(PAY_FOREIGN_CURRENCY, o.span);

  if (office > 0 && abroad) addJobs(f.jobs, 'office_online', JOB_OFFICE_ONLINE);
  if (gambling > 0) addJobs(f.jobs, 'gambling', JOB_GAMBLING);
  if (informal > 0 && abroad) addJobs(f.jobs, 'informal', JOB_INFORMAL);

  // Flags are keyed by their code; codes outside the catalog are skipped by addReason.
  const freeTravelOffice = f.flags.has('FREE_TRAVEL_OFFICE_JOB');
  for (const flag of f.flags.values()) {
    const code = flag.code;
    if (code === 'ABROAD' || code === 'PAY_FOREIGN_CURRENCY') continue;
    if (code === 'FREE_TRAVEL' && freeTravelOffice) continue;
    addReason(slotIndex(code), flag.spans);
  }
  for (const l of f.legitimacy) {
    if (l.code === 'LEGIT_SIP2MI' || l.code === 'LEGIT_SIP3MI') addReasonSpan(l.verifiable ? slotIndex(l.code) : LEGIT_P3MI_NAME, l.span);
    else addReasonSpan(slotIndex(l.code), l.span);
  }
  if (f.intent.label === 'warning') use(INTENT_WARNING);
  else if (f.intent.label === 'news') use(INTENT_NEWS);
  else if (f.intent.label === 'recruiting') use(INTENT_RECRUITING);

  const out: Reason[] = [];
  for (let w = 0; w < USED.length; w++) {
    for (let bits = USED[w] as number; bits !== 0; ) {
      const low = bits & -bits;
      bits ^= low;
      const i = (w << 5) + 31 - Math.clz32(low);
      out.push({ code: CODES[i] as string, label: LABELS[i] as Reason['label'], spans: mergeSlot(SLOTS[i] as Span[], COUNTS[i] as number) });
      COUNTS[i] = 0;
    }
    USED[w] = 0;
  }
  dirty = false;
  return out;
}

function allowsAnyJob(d: DestinationMention, jobs: readonly JobMention[]): boolean {
  for (const j of jobs) if (d.place.legalJobGroups.includes(j.group)) return true;
  return false;
}

/**
 * mergeSpans over the first n spans of a scratch list, sorting them in place. Insertion sort: a slot holds at most
 * MAX_SPANS spans, no two equal, so any sort gives the order mergeSpans's does.
 */
function mergeSlot(list: Span[], n: number): Span[] {
  for (let k = 1; k < n; k++) {
    const s = list[k] as Span;
    let j = k;
    for (; j > 0; j--) {
      const p = list[j - 1] as Span;
      if (p.start < s.start || (p.start === s.start && p.end < s.end)) break;
      list[j] = p;
    }
    list[j] = s;
  }
  const out: Span[] = [];
  let last: Span | undefined;
  for (let k = 0; k < n; k++) {
    const s = list[k] as Span;
    if (last !== undefined && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push((last = { start: s.start, end: s.end }));
  }
  return out;
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
