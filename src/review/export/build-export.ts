// Builds referral exports for a set of cases: ZIP (records JSON + evidence files + printable HTML
// + manifest of hashes), CSV or JSONL. Every export is written to the audit log.
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { ReviewQueue } from '../../contracts/common.js';
import type { Store } from '../../store/store.js';
import { toCsv } from './csv.js';
import { printableHtml } from './printable.js';
import { referralRecord, type ReferralRecord } from './referral-record.js';

export type ExportFormat = 'zip' | 'csv' | 'jsonl';

export interface ExportDeps {
  store: Store;
  evidence?: { get(key: string): Promise<Uint8Array | null> };
  nearDuplicates?(postId: number): Promise<number[]>;
}

export interface ExportRequest {
  caseIds: number[];
  format: ExportFormat;
  /** The agency format; defaults to each case's own queue. */
  agency?: ReviewQueue;
  redact: boolean;
  actor: string;
  now?: Date;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Uint8Array;
  records: ReferralRecord[];
}

export const CSV_COLUMNS = [
  'agency', 'caseId', 'status', 'platform', 'url', 'category', 'legalBasis', 'decision', 'text', 'contacts', 'screenshotSha256', 'capturedAt', 'evidence', 'analysis',
];

function csvRow(r: ReferralRecord): Record<string, unknown> {
  const shot = r.evidence.find((e) => e.kind === 'screenshot');
  return {
    agency: r.agency,
    caseId: r.caseId,
    status: r.status,
    platform: r.platform,
    url: r.url,
    category: r.category,
    legalBasis: r.legalBasis.join(' | '),
    decision: r.decision ? `${r.decision.label} (${r.decision.by}, ${r.decision.at})` : '',
    text: r.text.slice(0, 5000),
    contacts: r.agency === 'polri' ? r.contacts.map((c) => `${c.kind}:${c.value}`).join(' ') : '',
    screenshotSha256: shot?.sha256 ?? '',
    capturedAt: shot?.capturedAt ?? '',
    evidence: r.evidence.map((e) => `${e.kind}:${e.sha256}`).join(' '),
    analysis: r.agency === 'komdigi' ? r.analysis : r.chronology.map((c) => `${c.at} ${c.event}`).join(' / '),
  };
}

export async function loadRecords(deps: ExportDeps, request: ExportRequest): Promise<{ records: ReferralRecord[]; keys: Map<string, string> }> {
  const records: ReferralRecord[] = [];
  const keys = new Map<string, string>();
  for (const caseId of request.caseIds) {
    const bundle = await deps.store.review.bundle(caseId);
    if (!bundle) continue;
    const [events, decisions, near] = await Promise.all([
      deps.store.caseActions.events(caseId),
      deps.store.caseActions.decisions(caseId),
      deps.nearDuplicates ? deps.nearDuplicates(bundle.post.id).catch(() => []) : Promise.resolve([]),
    ]);
    const related = await deps.store.review.related(bundle.post, bundle.features, 20, near);
    const record = referralRecord(request.agency ?? bundle.case.queue, { bundle, events, decisions, related, redact: request.redact });
    records.push(record);
    for (const e of record.evidence) {
      const stored = bundle.evidence.find((x) => x.sha256 === e.sha256);
      if (stored) keys.set(e.file, stored.key);
    }
  }
  return { records, keys };
}

export async function buildExport(deps: ExportDeps, request: ExportRequest): Promise<ExportFile> {
  const now = request.now ?? new Date();
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const { records, keys } = await loadRecords(deps, request);
  const agency = request.agency ?? records[0]?.agency ?? 'komdigi';
  const base = `waspada-${agency}-${stamp}`;
  let file: ExportFile;
  if (request.format === 'csv') {
    file = { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: strToU8(toCsv(CSV_COLUMNS, records.map(csvRow))), records };
  } else if (request.format === 'jsonl') {
    file = { filename: `${base}.jsonl`, contentType: 'application/x-ndjson', body: strToU8(records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '')), records };
  } else {
    const entries: Record<string, Uint8Array> = {};
    const missing: string[] = [];
    for (const [name, key] of keys) {
      const bytes = deps.evidence ? await deps.evidence.get(key) : null;
      if (bytes) entries[name] = bytes;
      else missing.push(name);
    }
    for (const r of records) entries[`case-${r.caseId}/${r.agency === 'komdigi' ? 'dossier' : 'packet'}.json`] = strToU8(JSON.stringify(r, null, 2));
    entries['records.json'] = strToU8(JSON.stringify(records, null, 2));
    entries['index.html'] = strToU8(printableHtml(records, now.toISOString(), request.actor));
    const manifest = {
      generatedAt: now.toISOString(),
      generatedBy: request.actor,
      agency,
      cases: records.map((r) => r.caseId),
      redacted: request.redact,
      missingEvidence: missing,
      files: Object.entries(entries).map(([name, bytes]) => ({ name, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') })),
    };
    entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
    file = { filename: `${base}.zip`, contentType: 'application/zip', body: zipSync(entries, { level: 6 }), records };
  }
  await deps.store.audit.append({
    actor: request.actor,
    action: 'export',
    subject: `queue:${agency}`,
    data: { format: request.format, cases: records.map((r) => r.caseId).slice(0, 1000), count: records.length, redacted: request.redact, sha256: createHash('sha256').update(file.body).digest('hex') },
  }, now);
  return file;
}
