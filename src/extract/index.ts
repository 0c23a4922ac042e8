// The extractor's entry point: a post's text in, explainable versioned Features out. Pure and total:
// it never throws, and every span points into the original text.
import { FEATURES_VERSION, type Features } from '../contracts/features.js';
import { extractCompanies } from './companies.js';
import { extractContacts } from './contacts.js';
import { buildDoc } from './document.js';
import { extractDestinations, type DestinationMention } from './destinations.js';
import { extractFlags } from './flags.js';
import { decideIntent, scoreIntent } from './intent.js';
import { extractJobTypes, type JobMention } from './job-types.js';
import { detectLanguage } from './language.js';
import type { Normalized, Obfuscation } from './normalize.js';
import { extractLegitimacy } from './legitimacy.js';
import { scanLexicon } from './lexicon.js';
import { extractPay, RATES_AS_OF } from './pay.js';
import { destinationMinimumIdr, ratioToIdMinimum, round2, typicalPayIdr } from './pay-realism.js';
import { extractQualifications, requirementLevel, type Qualification } from './qualifications.js';
import { reasonLabel } from './reason-catalog.js';
import { buildReasons, deriveFlags, type Facts } from './reasons.js';

export { REASON_CATALOG, reasonLabel, type ReasonInfo } from './reason-catalog.js';
export { normalizeText, type Normalized } from './normalize.js';
export { featureVector, FEATURE_VECTOR_NAMES } from './feature-vector.js';

// Longer texts are cut: posts are capped at 100,000 characters upstream, and the cap keeps worst-case time bounded.
const MAX_CHARS = 1_000_000;

export function extractFeatures(text: string): Features {
  return extractDetailed(text).features;
}

/**
 * extractFeatures plus the normalization it ran, for callers that need the normalized text next (the model's
 * text features, campaign signatures) and should not normalize the post again. `normalized` is null when
 * extraction failed.
 */
export function extractDetailed(text: string): { features: Features; normalized: Normalized | null } {
  try {
    return extract(typeof text === 'string' ? (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text) : '');
  } catch (error) {
    // Total by contract: a bug must not stop the pipeline, but it is surfaced as a reason, not hidden.
    const message = error instanceof Error ? error.message : String(error);
    const features: Features = {
      ...emptyFeatures(),
      reasons: [{ code: 'EXTRACTION_FAILED', label: { ...reasonLabel('EXTRACTION_FAILED'), en: `Extraction failed: ${message.slice(0, 200)}` }, spans: [] }],
    };
    return { features, normalized: null };
  }
}

function emptyFeatures(): Features {
  return {
    version: FEATURES_VERSION,
    language: 'und',
    pay: { offers: [], maxIdrMonthly: null, ratioToIdMinimum: null, ratioToDestinationMinimum: null, ratioToTypicalForTitle: null },
    destinations: [],
    jobTypes: [],
    qualifications: [],
    flags: [],
    legitimacy: [],
    intent: { label: 'other', confidence: 0.5 },
    contacts: [],
    reasons: [],
  };
}

function extract(text: string): { features: Features; normalized: Normalized } {
  const doc = buildDoc(text);
  const hits = scanLexicon(doc);
  const destinations = extractDestinations(doc, hits);
  const jobs = extractJobTypes(doc, hits);
  const quals = extractQualifications(doc, hits);
  const requirement = requirementLevel(quals);
  const flags = extractFlags(doc, hits);
  const legitimacy = extractLegitimacy(doc, hits);
  const contacts = extractContacts(doc);
  const { offers, fees } = extractPay(doc);
  const intent = decideIntent(scoreIntent(doc, hits, contacts, offers, fees.length + quals.length));

  let maxIdrMonthly: number | null = null;
  for (const o of offers) if (maxIdrMonthly === null || o.idrMonthly > maxIdrMonthly) maxIdrMonthly = o.idrMonthly;
  // The destination judged is the riskiest foreign place named with a known minimum wage (the first of equals).
  let judged: DestinationMention | undefined;
  for (const d of destinations) {
    if (d.country === 'ID' || d.kind === 'transit' || destinationMinimumIdr(d.country) === undefined) continue;
    if (judged === undefined || d.place.risk > judged.place.risk) judged = d;
  }
  const destMin = judged === undefined ? undefined : destinationMinimumIdr(judged.country);
  const mainJob = mainJobOf(jobs);
  const typical = mainJob === undefined ? undefined : typicalPayIdr(mainJob.category, requirement);
  const ratios = {
    ump: maxIdrMonthly === null ? null : round2(ratioToIdMinimum(maxIdrMonthly)),
    destination: maxIdrMonthly === null || destMin === undefined ? null : round2(maxIdrMonthly / destMin),
    title: maxIdrMonthly === null || typical === undefined ? null : round2(maxIdrMonthly / typical),
  };

  const facts: Facts = {
    destinations, jobs, quals, requirement, flags, legitimacy, contacts, offers, fees, ratios, intent, obfuscations: doc.norm.obfuscations,
  };
  deriveFlags(facts);
  const reasons = buildReasons(facts);

  const features: Features = {
    version: FEATURES_VERSION,
    language: detectLanguage(doc),
    pay: {
      offers,
      maxIdrMonthly,
      ratioToIdMinimum: ratios.ump,
      ratioToDestinationMinimum: ratios.destination,
      ratioToTypicalForTitle: ratios.title,
      fees,
      ratesAsOf: RATES_AS_OF,
    },
    destinations: destinationOutput(destinations, jobs),
    jobTypes: jobTypeOutput(jobs),
    qualifications: qualificationOutput(quals),
    flags: flags.values(),
    legitimacy,
    intent,
    contacts,
    companies: extractCompanies(text),
    obfuscations: obfuscationOutput(doc.norm.obfuscations),
    reasons,
  };
  return { features, normalized: doc.norm };
}

// Plain loops in module-level functions rather than find/map: no closure allocated and called per post.

/** The first office or gambling job, else the first job. */
function mainJobOf(jobs: readonly JobMention[]): JobMention | undefined {
  for (const j of jobs) if (j.group === 'office_online' || j.group === 'gambling') return j;
  return jobs[0];
}

function jobTypeOutput(jobs: readonly JobMention[]): Features['jobTypes'] {
  const out: Features['jobTypes'] = new Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i] as JobMention;
    out[i] = { category: j.category, term: j.term, span: j.span };
  }
  return out;
}

function qualificationOutput(quals: readonly Qualification[]): Features['qualifications'] {
  const out: Features['qualifications'] = new Array(quals.length);
  for (let i = 0; i < quals.length; i++) {
    const q = quals[i] as Qualification;
    out[i] = { level: q.level, span: q.span };
  }
  return out;
}

function destinationOutput(destinations: readonly DestinationMention[], jobs: readonly JobMention[]): Features['destinations'] {
  const out: Features['destinations'] = [];
  for (const d of destinations) {
    // Legal for the job when the country has a placement channel for any job group named.
    if (jobs.length === 0 || d.country === 'ID') out.push({ id: d.id, name: d.name, country: d.country, kind: d.kind, span: d.span });
    else {
      let legal = false;
      for (const j of jobs) if (!legal && d.place.legalJobGroups.includes(j.group)) legal = true;
      out.push({ id: d.id, name: d.name, country: d.country, kind: d.kind, span: d.span, legalForJob: legal });
    }
  }
  return out;
}

function obfuscationOutput(list: readonly Obfuscation[]): NonNullable<Features['obfuscations']> {
  const n = Math.min(list.length, 50);
  const out: NonNullable<Features['obfuscations']> = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = list[i] as Obfuscation;
    out[i] = { kind: o.kind, span: { start: o.start, end: o.end } };
  }
  return out;
}
