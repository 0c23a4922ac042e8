// Shared building blocks for every contract: spans into the original text and bilingual reasons.
import { z } from 'zod';

/** A [start, end) range of UTF-16 code units into the post's original text. */
export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof Span>;

/** Text shown to users in both console languages. */
export const Bilingual = z.object({ id: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

/** Why a post was flagged: a stable code, a bilingual explanation, the evidence spans and, when a model weighed it, its contribution. */
export const Reason = z.object({
  code: z.string().min(1),
  label: Bilingual,
  spans: z.array(Span).default([]),
  weight: z.number().optional(),
});
export type Reason = z.infer<typeof Reason>;

export const Platform = z.enum(['telegram', 'facebook', 'x', 'instagram', 'tiktok', 'whatsapp', 'site', 'feed', 'other']);
export type Platform = z.infer<typeof Platform>;

export const ReviewQueue = z.enum(['komdigi', 'polri']);
export type ReviewQueue = z.infer<typeof ReviewQueue>;
