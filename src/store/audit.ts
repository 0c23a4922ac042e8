// The append-only audit log: appends are serialized by an advisory lock so the hash chain has one
// order; verification streams the table in id order.
import { auditHash, checkChain, GENESIS_HASH, type AuditEntry, type ChainCheck, type StoredAuditEntry } from '../review/audit-chain.js';
import type { Db } from './db.js';
import { iso, json } from './rows.js';

const AUDIT_LOCK = 7_314_006;

export interface AuditInput {
  actor: string;
  action: string;
  subject?: string | null;
  data?: Record<string, unknown>;
}

function rowToEntry(r: Record<string, unknown>): StoredAuditEntry {
  return {
    id: Number(r.id),
    at: iso(r.at) ?? '',
    actor: String(r.actor),
    action: String(r.action),
    subject: (r.subject as string | null) ?? null,
    data: json(r.data, {}),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(input: AuditInput, now = new Date()): Promise<StoredAuditEntry> {
    // Round-trip through JSON so the hashed data is exactly what jsonb gives back (no undefined, no Dates).
    const entry: AuditEntry = { at: now.toISOString(), actor: input.actor, action: input.action, subject: input.subject ?? null, data: JSON.parse(JSON.stringify(input.data ?? {})) };
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
      const prevHash = last[0]?.hash ?? GENESIS_HASH;
      const hash = auditHash(prevHash, entry);
      const rows = await tx.query(
        'INSERT INTO audit_log (at, actor, action, subject, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.data), prevHash, hash],
      );
      return rowToEntry(rows[0]!);
    });
  }

  async recent(limit = 100, action?: string): Promise<StoredAuditEntry[]> {
    const rows = action
      ? await this.db.query('SELECT * FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT $2', [action, limit])
      : await this.db.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map(rowToEntry);
  }

  /** Walks the whole chain in batches; stops at the first broken entry. */
  async verify(batchSize = 5000): Promise<ChainCheck> {
    let afterId = 0;
    let prev = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const rows = await this.db.query('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, batchSize]);
      if (rows.length === 0) return { ok: true, checked, lastHash: prev };
      const entries = rows.map(rowToEntry);
      const result = checkChain(entries, prev, checked);
      if (!result.ok) return result;
      prev = result.lastHash;
      checked = result.checked;
      afterId = entries[entries.length - 1]!.id;
    }
  }
}
