// The audit log's hash chain: each entry's hash covers the previous hash and the entry's canonical
// JSON, so editing, deleting or reordering any entry breaks every hash after it.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  data: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

export interface StoredAuditEntry extends AuditEntry {
  id: number;
  prevHash: string;
  hash: string;
}

export type ChainCheck = { ok: true; checked: number; lastHash: string } | { ok: false; checked: number; brokenId: number; problem: string };

/**
 * Checks entries in id order, continuing from `prevHash` (the previous batch's last hash).
 * Returns the first entry whose link or hash does not match.
 */
export function checkChain(entries: StoredAuditEntry[], prevHash = GENESIS_HASH, checkedBefore = 0): ChainCheck {
  let prev = prevHash;
  let checked = checkedBefore;
  for (const entry of entries) {
    if (entry.prevHash !== prev) return { ok: false, checked, brokenId: entry.id, problem: 'prev_hash does not match the previous entry (an entry was removed, inserted or reordered)' };
    const expected = auditHash(prev, { at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, data: entry.data });
    if (expected !== entry.hash) return { ok: false, checked, brokenId: entry.id, problem: 'hash does not match the entry (the entry was edited)' };
    prev = entry.hash;
    checked += 1;
  }
  return { ok: true, checked, lastHash: prev };
}
