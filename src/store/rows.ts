// Conversions from database rows to contract types, shared by the repositories.
import type { Post } from '../contracts/post.js';

export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** jsonb arrives parsed from both drivers; this also tolerates text columns holding JSON. */
export function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

export function rowToPost(row: Record<string, unknown>): Post {
  return {
    id: Number(row.id),
    dedupeKey: String(row.dedupe_key),
    platform: row.platform as Post['platform'],
    externalId: (row.external_id as string | null) ?? null,
    url: (row.url as string | null) ?? null,
    author: json(row.author, null),
    text: String(row.text),
    postedAt: iso(row.posted_at),
    collectedAt: iso(row.collected_at) ?? new Date(0).toISOString(),
    source: (row.source as string | null) ?? null,
    media: json(row.media, []),
    reach: json(row.reach, {}),
    notes: json(row.notes, []),
  };
}

/**
 * A post's audience as one number in SQL (the larger of views and group members), for the campaign index and
 * pages. float8, not int: reach is untrusted input bounded only by JavaScript's safe integers, and one post
 * with more than 2^31 views made every query that cast it to int fail, campaign catch-up (and so routing) included.
 */
export const reachSql = (alias: string) => `GREATEST((${alias}.reach->>'views')::float8, (${alias}.reach->>'groupMembers')::float8, 0)`;
