// Case transitions: each one is a single UPDATE guarded by the state machine's "from" statuses and
// the claim lease, with its case_events row (and decision row) written in the same statement.
import type { Case, DecisionLabel, Outcome } from '../contracts/case.js';
import type { ReviewQueue } from '../contracts/common.js';
import { transitionFor, type CaseAction } from '../review/case-machine.js';
import { rowToCase } from './cases.js';
import type { Queryable } from './db.js';
import { iso, json } from './rows.js';

export type ActionResult = { ok: true; case: Case } | { ok: false; reason: 'not_found' | 'conflict'; case?: Case };

export interface CaseEvent {
  id: number;
  caseId: number;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
  at: string;
}

export interface DecisionRow {
  id: number;
  caseId: number;
  label: DecisionLabel;
  reason: string;
  notes: string;
  decidedBy: string;
  decidedAt: string;
}

interface Step {
  action: CaseAction;
  outcome?: Outcome;
  /** SET clause fragments; `$2` is the actor, `$3` the lease minutes, extra params follow from `$4`. */
  set: string;
  /** Extra guard on the locked row `c`. */
  guard?: string;
  params?: unknown[];
  data?: Record<string, unknown>;
  /** Adds a decisions row from params $4 label, $5 reason, $6 notes. */
  decision?: boolean;
}

// A live claim of someone else blocks every action except supervisor ones that say otherwise.
const NOT_HELD_BY_OTHER = `(c.status <> 'claimed' OR c.claimed_by = $2 OR c.claim_expires_at < now())`;
const CLEAR_CLAIM = 'claimed_by = NULL, claim_expires_at = NULL';

export class CaseActionRepository {
  constructor(private readonly db: Queryable) {}

  private async apply(caseId: number, actor: string, leaseMinutes: number, step: Step): Promise<ActionResult> {
    const t = transitionFor(step.action, step.outcome);
    const params: unknown[] = [caseId, actor, leaseMinutes, ...(step.params ?? [])];
    params.push(t.from, t.to, step.action, JSON.stringify(step.data ?? {}));
    const n = params.length;
    const [fromP, toP, actionP, dataP] = [`$${n - 3}`, `$${n - 2}`, `$${n - 1}`, `$${n}`];
    const rows = await this.db.query(
      `WITH prev AS (SELECT id, status, $3::int AS lease FROM cases WHERE id = $1 FOR UPDATE),
       upd AS (
         UPDATE cases c SET status = ${toP}, ${step.set}, updated_at = now()
         FROM prev WHERE c.id = prev.id AND c.status = ANY(${fromP}::text[]) ${step.guard ? `AND ${step.guard}` : ''}
         RETURNING c.*, prev.status AS from_status
       ),
       ev AS (
         INSERT INTO case_events (case_id, actor, action, from_status, to_status, data)
         SELECT id, $2, ${actionP}, from_status, status, ${dataP}::jsonb FROM upd
       )
       ${step.decision ? ', dec AS (INSERT INTO decisions (case_id, label, reason, notes, decided_by) SELECT id, $4, $5, $6, $2 FROM upd)' : ''}
       SELECT * FROM upd`,
      params,
    );
    if (rows[0]) return { ok: true, case: rowToCase(rows[0]) };
    const current = await this.db.query('SELECT * FROM cases WHERE id = $1', [caseId]);
    return current[0] ? { ok: false, reason: 'conflict', case: rowToCase(current[0]) } : { ok: false, reason: 'not_found' };
  }

  /** Takes (or renews) the lease; fails while another analyst's lease is live. */
  claim(caseId: number, actor: string, leaseMinutes: number): Promise<ActionResult> {
    return this.apply(caseId, actor, leaseMinutes, {
      action: 'claim',
      set: `claimed_by = $2, claim_expires_at = now() + make_interval(mins => $3::int)`,
      guard: NOT_HELD_BY_OTHER,
    });
  }

  /** Gives a claim back; `force` lets a supervisor release someone else's. */
  release(caseId: number, actor: string, force = false): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, { action: 'release', set: CLEAR_CLAIM, guard: force ? undefined : 'c.claimed_by = $2' });
  }

  decide(caseId: number, actor: string, label: DecisionLabel, reason: string, notes: string): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, {
      action: 'decide',
      set: `decision = $4, ${CLEAR_CLAIM}`,
      guard: NOT_HELD_BY_OTHER,
      params: [label, reason, notes],
      data: { label, reason },
      decision: true,
    });
  }

  /** A supervisor confirms or changes a decision; the new label is a decision row of its own. */
  review(caseId: number, actor: string, label: DecisionLabel, reason: string, notes: string): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, {
      action: 'review',
      set: `decision = $4, flags = (SELECT jsonb_agg(DISTINCT f) FROM jsonb_array_elements(c.flags || '["reviewed"]'::jsonb) f)`,
      params: [label, reason, notes],
      data: { label, reason },
      decision: true,
    });
  }

  reopen(caseId: number, actor: string, reason: string): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, { action: 'reopen', set: `decision = NULL, outcome = NULL, ${CLEAR_CLAIM}`, data: { reason } });
  }

  refer(caseId: number, actor: string): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, { action: 'refer', set: CLEAR_CLAIM, guard: `c.decision = 'scam'`, data: {} });
  }

  setOutcome(caseId: number, actor: string, outcome: Outcome): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, { action: 'outcome', outcome, set: 'outcome = $4', params: [outcome], data: { outcome } });
  }

  close(caseId: number, actor: string): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, { action: 'close', set: CLEAR_CLAIM, data: {} });
  }

  /** Moves a case to the other agency's queue, unless that queue already has a case for the post. */
  reroute(caseId: number, actor: string, queue: ReviewQueue, reason: string): Promise<ActionResult> {
    return this.apply(caseId, actor, 0, {
      action: 'reroute',
      set: `queue = $4, decision = NULL, ${CLEAR_CLAIM}`,
      guard: `c.queue <> $4 AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.post_id = c.post_id AND o.queue = $4) AND ${NOT_HELD_BY_OTHER}`,
      params: [queue],
      data: { queue, reason },
    });
  }

  /** Returns abandoned claims to the queue; each gets a `claim_expired` event. */
  async releaseExpired(): Promise<number> {
    const rows = await this.db.query(
      `WITH upd AS (
         UPDATE cases SET status = 'open', ${CLEAR_CLAIM}, updated_at = now()
         WHERE status = 'claimed' AND claim_expires_at < now() RETURNING id, claimed_by
       ), ev AS (
         INSERT INTO case_events (case_id, actor, action, from_status, to_status) SELECT id, 'system', 'claim_expired', 'claimed', 'open' FROM upd
       ) SELECT id FROM upd`,
    );
    return rows.length;
  }

  async events(caseId: number): Promise<CaseEvent[]> {
    const rows = await this.db.query('SELECT * FROM case_events WHERE case_id = $1 ORDER BY id', [caseId]);
    return rows.map((r) => ({
      id: Number(r.id),
      caseId: Number(r.case_id),
      actor: String(r.actor),
      action: String(r.action),
      fromStatus: (r.from_status as string | null) ?? null,
      toStatus: (r.to_status as string | null) ?? null,
      data: json(r.data, {}),
      at: iso(r.at) ?? '',
    }));
  }

  async decisions(caseId: number): Promise<DecisionRow[]> {
    const rows = await this.db.query('SELECT * FROM decisions WHERE case_id = $1 ORDER BY id', [caseId]);
    return rows.map((r) => ({
      id: Number(r.id),
      caseId: Number(r.case_id),
      label: r.label as DecisionLabel,
      reason: String(r.reason),
      notes: String(r.notes),
      decidedBy: String(r.decided_by),
      decidedAt: iso(r.decided_at) ?? '',
    }));
  }
}
