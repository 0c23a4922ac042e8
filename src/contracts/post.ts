// The collected post: what collectors, `waspada ingest` and `POST /api/posts` accept, and what the store keeps.
import { z } from 'zod';
import { Platform } from './common.js';

/** Longest text kept; longer texts are cut and the cut is recorded in `notes`. */
export const MAX_TEXT_CHARS = 100_000;
/** Largest `raw` payload kept, as serialized JSON characters. */
export const MAX_RAW_CHARS = 200_000;

export const Media = z.object({
  kind: z.enum(['photo', 'video', 'document', 'link', 'other']).default('other'),
  url: z.string().max(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Media = z.infer<typeof Media>;

export const Author = z.object({
  id: z.string().max(512).optional(),
  name: z.string().max(512).optional(),
  url: z.string().max(4096).optional(),
});
export type Author = z.infer<typeof Author>;

/** Audience figures the router uses to judge reach. */
export const Reach = z.object({
  views: z.number().int().nonnegative().optional(),
  groupMembers: z.number().int().nonnegative().optional(),
  reactions: z.number().int().nonnegative().optional(),
});
export type Reach = z.infer<typeof Reach>;

// snake_case spellings accepted from files and API bodies, mapped onto the camelCase contract.
const ALIASES: Record<string, string> = {
  external_id: 'externalId',
  posted_at: 'postedAt',
  collected_at: 'collectedAt',
  group_members: 'groupMembers',
};

const KNOWN_KEYS = new Set([
  'platform', 'externalId', 'url', 'author', 'text', 'postedAt', 'collectedAt', 'source', 'media', 'raw', 'reach', 'notes', 'lang',
]);

// Control characters other than tab and newline are removed: they break terminals, CSV exports and HTML.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Cleans an untrusted record before validation: maps aliases, drops unknown fields, strips control
 * characters and truncates oversized text. Every change is recorded in `notes`, so nothing is lost silently.
 */
function preparePostRecord(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  const notes: string[] = [];
  const unknown: string[] = [];
  for (const [rawKey, value] of Object.entries(input as Record<string, unknown>)) {
    const key = ALIASES[rawKey] ?? rawKey;
    if (!KNOWN_KEYS.has(key)) {
      unknown.push(rawKey);
      continue;
    }
    out[key] = value;
  }
  if (unknown.length > 0) notes.push(`ignored unknown fields: ${unknown.slice(0, 10).join(', ')}`);
  if (typeof out.text === 'string') {
    let text = out.text;
    if (CONTROL_CHARS.test(text)) {
      text = text.replace(CONTROL_CHARS, '');
      notes.push('removed control characters from text');
    }
    if (text.length > MAX_TEXT_CHARS) {
      notes.push(`text truncated from ${text.length} to ${MAX_TEXT_CHARS} characters`);
      text = text.slice(0, MAX_TEXT_CHARS);
    }
    out.text = text;
  }
  const cleaned = cleanStoredStrings(out);
  if (cleaned.surrogates.length > 0) notes.push(`replaced broken characters (lone UTF-16 surrogates) with U+FFFD in: ${cleaned.surrogates.join(', ')}`);
  if (cleaned.controls.length > 0) notes.push(`removed control characters from: ${cleaned.controls.join(', ')}`);
  if (out.raw !== undefined) {
    const serialized = safeStringify(out.raw);
    if (serialized === undefined || serialized.length > MAX_RAW_CHARS) {
      notes.push('raw payload dropped: not serializable or larger than the limit');
      delete out.raw;
    }
  }
  if (out.platform === undefined) out.platform = 'other';
  const existing = Array.isArray(out.notes) ? (out.notes as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  out.notes = [...existing, ...notes];
  return out;
}

// Every string of a record must be storable as it was checked. A lone UTF-16 surrogate (half of an emoji cut
// off, a stray \uD83D escape in JSON) has no UTF-8 form: the database stores U+FFFD in its place, so a dedupe
// key computed from the original no longer matched the stored one (the post was reported as a duplicate and
// not queued), and inside a jsonb field (author, media) it failed the whole batch. A NUL character cannot be
// stored at all: in an id, URL or name it also failed the batch. So surrogates become U+FFFD and control
// characters go, in every stored field (the text's control characters are removed above, with its own note).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface Cleaning {
  surrogates: boolean;
  controls: boolean;
}

function cleanString(value: string, found: Cleaning): string {
  let out = value;
  if (LONE_SURROGATE.test(out)) {
    found.surrogates = true;
    out = out.replace(LONE_SURROGATE, '\uFFFD');
  }
  if (CONTROL_CHARS.test(out)) {
    found.controls = true;
    out = out.replace(CONTROL_CHARS, '');
  }
  // test() on a /g pattern moves lastIndex when it matches; replace() resets it, so both start at 0 next time.
  return out;
}

function cleanValue(value: unknown, found: Cleaning): unknown {
  if (typeof value === 'string') return cleanString(value, found);
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, found));
  // Plain objects only: a Date (collectors may give one for postedAt) has no entries and must stay as it is.
  if (typeof value === 'object' && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanValue(v, found);
    return out;
  }
  return value;
}

/** Cleans every stored string field of `record` in place; returns which fields had surrogates or control characters. */
function cleanStoredStrings(record: Record<string, unknown>): { surrogates: string[]; controls: string[] } {
  const result = { surrogates: [] as string[], controls: [] as string[] };
  for (const key of Object.keys(record)) {
    // `raw` is not stored as text: it is kept only when it serializes, and JSON.stringify escapes what it holds.
    if (key === 'raw') continue;
    const found: Cleaning = { surrogates: false, controls: false };
    const value = cleanValue(record[key], found);
    if (!found.surrogates && !found.controls) continue;
    record[key] = value;
    if (found.surrogates) result.surrogates.push(key);
    if (found.controls) result.controls.push(key);
  }
  return result;
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const IsoDate = z.union([z.string(), z.number(), z.date()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: `not a date: ${String(value).slice(0, 40)}` });
    return z.NEVER;
  }
  // JavaScript dates reach years ±275,760; the database takes years 1–294,276 and failed the whole batch on
  // the rest, and PGlite's driver reads years below 100 back as 19xx/20xx. No post predates 1900 or is dated
  // past 9999: such a value is an error of its source, rejected like an unparsable date.
  const year = date.getUTCFullYear();
  if (year < 1900 || year > 9999) {
    ctx.addIssue({ code: 'custom', message: `date out of range (years 1900 to 9999): ${String(value).slice(0, 40)}` });
    return z.NEVER;
  }
  return date.toISOString();
});

/** A post as it arrives from a collector, a file or the API. */
export const PostInput = z.preprocess(
  preparePostRecord,
  z.object({
    platform: Platform,
    externalId: z.string().min(1).max(512).optional(),
    url: z.string().max(4096).optional(),
    author: Author.optional(),
    text: z.string({ error: 'missing required field "text"' }).refine((t) => t.trim().length > 0, 'text is empty'),
    postedAt: IsoDate.optional(),
    collectedAt: IsoDate.optional(),
    source: z.string().max(200).optional(),
    media: z.array(Media).max(100).default([]),
    reach: Reach.default({}),
    lang: z.string().max(16).optional(),
    raw: z.unknown().optional(),
    notes: z.array(z.string()).default([]),
  }),
);
export type PostInput = z.infer<typeof PostInput>;

/** A stored post. `dedupeKey` is what makes re-ingesting the same post a no-op. */
export const Post = z.object({
  id: z.number().int().positive(),
  dedupeKey: z.string(),
  platform: Platform,
  externalId: z.string().nullable(),
  url: z.string().nullable(),
  author: Author.nullable(),
  text: z.string(),
  postedAt: z.string().nullable(),
  collectedAt: z.string(),
  source: z.string().nullable(),
  media: z.array(Media),
  reach: Reach,
  notes: z.array(z.string()),
});
export type Post = z.infer<typeof Post>;
