// The extractor's output: explainable, versioned features of one post. Every value that came from the
// text carries spans into the original text so the console can highlight it.
import { z } from 'zod';
import { Reason, Span } from './common.js';

export const FEATURES_VERSION = 'features/1';

export const PayPeriod = z.enum(['hour', 'day', 'week', 'month', 'year', 'unknown']);

export const PayOffer = z.object({
  amount: z.number().nonnegative(),
  amountMax: z.number().nonnegative().optional(),
  currency: z.string().length(3),
  period: PayPeriod,
  /** The offer converted to Indonesian rupiah per month with the dated rate table (upper end of a range). */
  idrMonthly: z.number().nonnegative(),
  span: Span,
});
export type PayOffer = z.infer<typeof PayOffer>;

export const DestinationKind = z.enum(['scam_hub', 'decoy', 'transit', 'placement', 'other']);
export type DestinationKind = z.infer<typeof DestinationKind>;

export const Destination = z.object({
  /** Gazetteer id, e.g. `kh-sihanoukville`. */
  id: z.string(),
  name: z.string(),
  /** ISO 3166-1 alpha-2 of the country the place is in. */
  country: z.string().length(2),
  kind: DestinationKind,
  span: Span,
  /** Whether Indonesia has a legal placement channel there for the job types the post names (absent when no job type is named). */
  legalForJob: z.boolean().optional(),
});
export type Destination = z.infer<typeof Destination>;

export const ContactKind = z.enum(['phone', 'whatsapp', 'telegram', 'email', 'url', 'bank_account', 'handle', 'line']);
export type ContactKind = z.infer<typeof ContactKind>;

export const Contact = z.object({
  kind: ContactKind,
  /** Normalized value: E.164 for phones, lower-case handle without @, canonical URL. */
  value: z.string(),
  span: Span,
  shortener: z.boolean().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Intent = z.enum(['recruiting', 'warning', 'news', 'other']);
export type Intent = z.infer<typeof Intent>;

export const Features = z.object({
  version: z.string(),
  language: z.string(),
  pay: z.object({
    offers: z.array(PayOffer),
    /** Highest offer in IDR per month, or null when no pay is stated. */
    maxIdrMonthly: z.number().nullable(),
    /** Offer ÷ reference figures; null when the reference is unknown. */
    ratioToIdMinimum: z.number().nullable(),
    ratioToDestinationMinimum: z.number().nullable(),
    ratioToTypicalForTitle: z.number().nullable(),
    /** Amounts the applicant is asked to pay (registration fee, deposit), kept apart from offers. */
    fees: z.array(PayOffer).optional(),
    /** Date of the exchange-rate table used for `idrMonthly`. */
    ratesAsOf: z.string().optional(),
  }),
  destinations: z.array(Destination),
  jobTypes: z.array(z.object({ category: z.string(), term: z.string(), span: Span })),
  qualifications: z.array(z.object({ level: z.string(), span: Span })),
  flags: z.array(z.object({ code: z.string(), spans: z.array(Span) })),
  legitimacy: z.array(z.object({ code: z.string(), value: z.string(), verifiable: z.boolean(), span: Span })),
  intent: z.object({ label: Intent, confidence: z.number().min(0).max(1) }),
  contacts: z.array(Contact),
  /** Company names as written (PT ..., ... Co., Ltd). A name alone never lowers risk: names are spoofed. */
  companies: z.array(z.object({ name: z.string(), span: Span })).optional(),
  /** Evasive spellings undone by the normalizer (leet, spaced letters, stylized letters...). */
  obfuscations: z.array(z.object({ kind: z.string(), span: Span })).optional(),
  reasons: z.array(Reason),
});
export type Features = z.infer<typeof Features>;
