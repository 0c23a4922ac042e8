// Features as rows keep them, and back. The database parses every byte it stores (on the embedded one the
// features insert is the costliest statement of a batch, and its time follows the bytes), so rows leave
// out what the contract object can be rebuilt from without the text: spans packed as arrays
// (stored-spans.ts), reasons compacted (stored-reasons.ts), required lists and pay ratios left out when
// empty or null, the highest offer left out when it is the highest of the offers, and a destination's
// name when it is the gazetteer's own for its id (a display name, like the reason labels). Rendering gives
// back the contract object exactly, for rows of either form. Not left out, though as derivable: a
// destination's kind and `pay.ratesAsOf` (facts of the extraction that a later gazetteer or rate table must
// not rewrite in old rows), and empty optional lists (the contract tells them from absent ones, and a row
// in the older form, which left nothing out, could not say which it meant).
//
// Kept as they are, for the SQL that reads rows directly: contacts stay objects with `kind` and `value`
// (the related-posts query matches `data->'contacts' @> '[{"value": ...}]'` on a GIN index) and
// destinations keep `country` (the cases' country filter is filled from `d->>'country'`).
import type { Span } from '../contracts/common.js';
import type { Destination, Features, PayOffer } from '../contracts/features.js';
import gazetteer from '../extract/data/gazetteer.json' with { type: 'json' };
import { compactReasons, renderReasons, type StoredReason } from './stored-reasons.js';
import { packSpan, packSpans, renderSpan, renderSpans, type StoredSpan, type StoredSpans } from './stored-spans.js';

/** Any list item with one span, as stored. */
type Packed<T extends { span: Span }> = Omit<T, 'span'> & { span: StoredSpan };
type StoredDestination = Omit<Packed<Destination>, 'name'> & { name?: string };
type Pay = Features['pay'];

interface StoredPay extends Omit<Pay, 'offers' | 'maxIdrMonthly' | 'ratioToIdMinimum' | 'ratioToDestinationMinimum' | 'ratioToTypicalForTitle' | 'fees'> {
  offers?: Array<Packed<PayOffer>>;
  /** Absent when it is the highest offer's `idrMonthly` (null without offers). */
  maxIdrMonthly?: number | null;
  ratioToIdMinimum?: number | null;
  ratioToDestinationMinimum?: number | null;
  ratioToTypicalForTitle?: number | null;
  fees?: Array<Packed<PayOffer>>;
}

type StoredFlag = { code: string; spans: StoredSpans };
type Lists = 'destinations' | 'jobTypes' | 'qualifications' | 'flags' | 'legitimacy' | 'contacts' | 'companies' | 'obfuscations';

/** A stored features row; required lists are absent when empty. */
export interface StoredFeatures extends Omit<Features, 'pay' | 'reasons' | Lists> {
  pay: StoredPay;
  destinations?: StoredDestination[];
  jobTypes?: Array<Packed<Features['jobTypes'][number]>>;
  qualifications?: Array<Packed<Features['qualifications'][number]>>;
  flags?: StoredFlag[];
  legitimacy?: Array<Packed<Features['legitimacy'][number]>>;
  contacts?: Array<Packed<Features['contacts'][number]>>;
  companies?: Array<Packed<NonNullable<Features['companies']>[number]>>;
  obfuscations?: Array<Packed<NonNullable<Features['obfuscations']>[number]>>;
  reasons?: StoredReason[];
}

// The gazetteer's name per place id (the first place with an id, as the extractor merges them), read from
// the data file rather than src/extract/lexicon.ts, whose import compiles the whole phrase trie.
const PLACE_NAMES = new Map<string, string>();
for (const p of [...gazetteer.countries, ...gazetteer.places]) if (!PLACE_NAMES.has(p.id)) PLACE_NAMES.set(p.id, p.name);

/** The gazetteer's own name of a place id (exported for the test that keeps it in step with the extractor). */
export const placeName = (id: string) => PLACE_NAMES.get(id);

// Items are copied field by field rather than by spread and rest: this runs for every post written and
// read, and spread copies cost several times more here. Every field of the contract must be named: the
// round-trip tests over the corpus fail when a new one is left out.

const packOffer = (o: PayOffer): Packed<PayOffer> => {
  const out: Packed<PayOffer> = { amount: o.amount, currency: o.currency, period: o.period, idrMonthly: o.idrMonthly, span: packSpan(o.span) };
  if (o.amountMax !== undefined) out.amountMax = o.amountMax;
  return out;
};
const renderOffer = (o: Packed<PayOffer>): PayOffer => {
  const out: PayOffer = { amount: o.amount, currency: o.currency, period: o.period, idrMonthly: o.idrMonthly, span: renderSpan(o.span) };
  if (o.amountMax !== undefined) out.amountMax = o.amountMax;
  return out;
};

/** The highest offer per month in rupiah, as the extractor computes `maxIdrMonthly`; null without offers. */
function highestOffer(offers: ReadonlyArray<{ idrMonthly: number }>): number | null {
  let max: number | null = null;
  for (const o of offers) if (max === null || o.idrMonthly > max) max = o.idrMonthly;
  return max;
}

function compactPay(pay: Pay): StoredPay {
  const stored: StoredPay = {};
  if (pay.offers.length > 0) stored.offers = pay.offers.map(packOffer);
  if (pay.maxIdrMonthly !== highestOffer(pay.offers)) stored.maxIdrMonthly = pay.maxIdrMonthly;
  if (pay.ratioToIdMinimum !== null) stored.ratioToIdMinimum = pay.ratioToIdMinimum;
  if (pay.ratioToDestinationMinimum !== null) stored.ratioToDestinationMinimum = pay.ratioToDestinationMinimum;
  if (pay.ratioToTypicalForTitle !== null) stored.ratioToTypicalForTitle = pay.ratioToTypicalForTitle;
  // Optional in the contract: an empty list and no list differ, so fees stay even when empty.
  if (pay.fees) stored.fees = pay.fees.map(packOffer);
  if (pay.ratesAsOf !== undefined) stored.ratesAsOf = pay.ratesAsOf;
  return stored;
}

function renderPay(stored: StoredPay): Pay {
  const offers = stored.offers ? stored.offers.map(renderOffer) : [];
  const pay: Pay = {
    offers,
    maxIdrMonthly: stored.maxIdrMonthly !== undefined ? stored.maxIdrMonthly : highestOffer(offers),
    ratioToIdMinimum: stored.ratioToIdMinimum ?? null,
    ratioToDestinationMinimum: stored.ratioToDestinationMinimum ?? null,
    ratioToTypicalForTitle: stored.ratioToTypicalForTitle ?? null,
  };
  if (stored.fees) pay.fees = stored.fees.map(renderOffer);
  if (stored.ratesAsOf !== undefined) pay.ratesAsOf = stored.ratesAsOf;
  return pay;
}

function compactDestination(d: Destination): StoredDestination {
  const stored: StoredDestination = { id: d.id, country: d.country, kind: d.kind, span: packSpan(d.span) };
  if (PLACE_NAMES.get(d.id) !== d.name) stored.name = d.name;
  if (d.legalForJob !== undefined) stored.legalForJob = d.legalForJob;
  return stored;
}

function renderDestination(stored: StoredDestination): Destination {
  // A place id the gazetteer no longer knows cannot have been stored without its name.
  const out: Destination = { id: stored.id, name: stored.name ?? PLACE_NAMES.get(stored.id) ?? stored.id, country: stored.country, kind: stored.kind, span: renderSpan(stored.span) };
  if (stored.legalForJob !== undefined) out.legalForJob = stored.legalForJob;
  return out;
}

type JobType = Features['jobTypes'][number];
type Qualification = Features['qualifications'][number];
type Flag = Features['flags'][number];
type Legitimacy = Features['legitimacy'][number];
type Contact = Features['contacts'][number];
type Company = NonNullable<Features['companies']>[number];
type Obfuscation = NonNullable<Features['obfuscations']>[number];

const packJob = (j: JobType): Packed<JobType> => ({ category: j.category, term: j.term, span: packSpan(j.span) });
const renderJob = (j: Packed<JobType>): JobType => ({ category: j.category, term: j.term, span: renderSpan(j.span) });
const packQualification = (q: Qualification): Packed<Qualification> => ({ level: q.level, span: packSpan(q.span) });
const renderQualification = (q: Packed<Qualification>): Qualification => ({ level: q.level, span: renderSpan(q.span) });
const packFlag = (f: Flag): StoredFlag => ({ code: f.code, spans: packSpans(f.spans) });
const renderFlag = (f: StoredFlag): Flag => ({ code: f.code, spans: f.spans ? renderSpans(f.spans) : [] });
const packLegitimacy = (l: Legitimacy): Packed<Legitimacy> => ({ code: l.code, value: l.value, verifiable: l.verifiable, span: packSpan(l.span) });
const renderLegitimacy = (l: Packed<Legitimacy>): Legitimacy => ({ code: l.code, value: l.value, verifiable: l.verifiable, span: renderSpan(l.span) });
const packCompany = (c: Company): Packed<Company> => ({ name: c.name, span: packSpan(c.span) });
const renderCompany = (c: Packed<Company>): Company => ({ name: c.name, span: renderSpan(c.span) });
const packObfuscation = (o: Obfuscation): Packed<Obfuscation> => ({ kind: o.kind, span: packSpan(o.span) });
const renderObfuscation = (o: Packed<Obfuscation>): Obfuscation => ({ kind: o.kind, span: renderSpan(o.span) });

function packContact(c: Contact): Packed<Contact> {
  const out: Packed<Contact> = { kind: c.kind, value: c.value, span: packSpan(c.span) };
  if (c.shortener !== undefined) out.shortener = c.shortener;
  return out;
}
function renderContact(c: Packed<Contact>): Contact {
  const out: Contact = { kind: c.kind, value: c.value, span: renderSpan(c.span) };
  if (c.shortener !== undefined) out.shortener = c.shortener;
  return out;
}

export function compactFeatures(f: Features): StoredFeatures {
  const stored: StoredFeatures = { version: f.version, language: f.language, pay: compactPay(f.pay), intent: f.intent };
  // Required lists only when not empty: an absent one reads as empty.
  if (f.destinations.length > 0) stored.destinations = f.destinations.map(compactDestination);
  if (f.jobTypes.length > 0) stored.jobTypes = f.jobTypes.map(packJob);
  if (f.qualifications.length > 0) stored.qualifications = f.qualifications.map(packQualification);
  if (f.flags.length > 0) stored.flags = f.flags.map(packFlag);
  if (f.legitimacy.length > 0) stored.legitimacy = f.legitimacy.map(packLegitimacy);
  if (f.contacts.length > 0) stored.contacts = f.contacts.map(packContact);
  // Optional lists whenever present, empty or not.
  if (f.companies) stored.companies = f.companies.map(packCompany);
  if (f.obfuscations) stored.obfuscations = f.obfuscations.map(packObfuscation);
  if (f.reasons.length > 0) stored.reasons = compactReasons(f.reasons);
  return stored;
}

/** The inverse of compactFeatures; rows written before (span objects, every list and null kept, full labels) read the same. */
export function renderFeatures(data: unknown): Features {
  const s = data as StoredFeatures;
  const features: Features = {
    version: s.version,
    language: s.language,
    pay: renderPay(s.pay ?? {}),
    destinations: s.destinations ? s.destinations.map(renderDestination) : [],
    jobTypes: s.jobTypes ? s.jobTypes.map(renderJob) : [],
    qualifications: s.qualifications ? s.qualifications.map(renderQualification) : [],
    flags: s.flags ? s.flags.map(renderFlag) : [],
    legitimacy: s.legitimacy ? s.legitimacy.map(renderLegitimacy) : [],
    intent: s.intent,
    contacts: s.contacts ? s.contacts.map(renderContact) : [],
    reasons: renderReasons(s.reasons),
  };
  if (s.companies) features.companies = s.companies.map(renderCompany);
  if (s.obfuscations) features.obfuscations = s.obfuscations.map(renderObfuscation);
  return features;
}
