// Referral records built from a case bundle: the Komdigi dossier (aduankonten / SAMAN: URL, screenshot,
// category, legal basis, analysis) and the Polri packet (chronology, contacts, evidence, related posts).
import type { ReviewQueue } from '../../contracts/common.js';
import type { CaseEvent, DecisionRow } from '../../store/case-actions.js';
import type { CaseBundle, EvidenceRow, RelatedPost } from '../../store/review-reads.js';
import { redactPost, redactText } from '../redact.js';

export interface ReferralInput {
  bundle: CaseBundle;
  events: CaseEvent[];
  decisions: DecisionRow[];
  related: RelatedPost[];
  /** Mask job seekers' personal data (roles without the right to see it). */
  redact: boolean;
}

export interface EvidenceFile {
  kind: string;
  /** Path inside the ZIP. */
  file: string;
  sha256: string;
  bytes: number;
  capturedAt: string;
  url: string | null;
}

export const LEGAL_BASIS: Record<'penipuan' | 'tppo', string[]> = {
  penipuan: [
    'UU 11/2008 jo. UU 19/2016 jo. UU 1/2024 tentang ITE, Pasal 28 ayat (1) dan Pasal 40 ayat (2a)-(2b) (pemutusan akses)',
    'PP 71/2019 tentang Penyelenggaraan Sistem dan Transaksi Elektronik, Pasal 95-97',
    'Permenkominfo 5/2020 tentang PSE Lingkup Privat (moderasi konten, SAMAN)',
  ],
  tppo: [
    'UU 21/2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang, Pasal 2, 4 dan 10',
    'UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia, Pasal 81 dan 83 (penempatan tanpa izin)',
    'UU 11/2008 jo. UU 1/2024 tentang ITE, Pasal 28 ayat (1)',
  ],
};

/** TPPO when the post points to a compound country or the case sits with Polri; online fraud otherwise. */
export function categoryOf(bundle: CaseBundle): 'penipuan' | 'tppo' {
  const hub = bundle.features?.destinations.some((d) => d.kind === 'scam_hub') ?? false;
  return hub || bundle.case.queue === 'polri' ? 'tppo' : 'penipuan';
}

export function evidenceFiles(caseId: number, evidence: EvidenceRow[]): EvidenceFile[] {
  return evidence.map((e) => ({
    kind: e.kind,
    // Archived HTML keeps a .txt suffix so no recipient's browser renders the hostile page by a double-click.
    file: `case-${caseId}/evidence/${e.sha256}.${e.kind === 'screenshot' ? 'png' : e.kind === 'html' ? 'html.txt' : 'bin'}`,
    sha256: e.sha256,
    bytes: e.bytes,
    capturedAt: e.capturedAt,
    url: e.url,
  }));
}

function analysisOf(input: ReferralInput): string {
  const b = input.bundle;
  const reasons = [...(b.score?.reasons ?? []), ...b.case.reasons].map((r) => r.label.id);
  const unique = [...new Set(reasons)].slice(0, 6);
  const last = input.decisions[input.decisions.length - 1];
  const pct = b.score ? `${Math.round(b.score.probability * 100)}%` : 'n/a';
  return [`Skor risiko ${pct}.`, unique.length ? `Indikator: ${unique.join('; ')}.` : '', last?.reason ? `Penilaian analis: ${last.reason}` : ''].filter(Boolean).join(' ');
}

function decisionOf(decisions: DecisionRow[]) {
  const last = decisions[decisions.length - 1];
  return last ? { label: last.label, by: last.decidedBy, at: last.decidedAt, reason: last.reason } : null;
}

export interface KomdigiDossier {
  agency: 'komdigi';
  caseId: number;
  status: string;
  url: string | null;
  externalId: string | null;
  platform: string;
  account: { name: string | null; url: string | null; id: string | null } | null;
  category: 'penipuan' | 'tppo';
  categoryLabel: string;
  legalBasis: string[];
  analysis: string;
  text: string;
  postedAt: string | null;
  collectedAt: string;
  screenshot: EvidenceFile | null;
  evidence: EvidenceFile[];
  decision: ReturnType<typeof decisionOf>;
}

export interface PolriPacket {
  agency: 'polri';
  caseId: number;
  status: string;
  category: 'tppo' | 'penipuan';
  legalBasis: string[];
  url: string | null;
  platform: string;
  author: { name: string | null; url: string | null; id: string | null } | null;
  text: string;
  contacts: Array<{ kind: string; value: string }>;
  destinations: Array<{ name: string; country: string; kind: string }>;
  payOffers: Array<{ amount: number; currency: string; period: string; idrMonthly: number }>;
  chronology: Array<{ at: string; event: string }>;
  evidence: EvidenceFile[];
  relatedPosts: Array<{ postId: number; url: string | null; platform: string; collectedAt: string; why: string[]; snippet: string }>;
  decision: ReturnType<typeof decisionOf>;
}

export type ReferralRecord = KomdigiDossier | PolriPacket;

function authorOf(input: ReferralInput) {
  const post = input.redact ? redactPost(input.bundle.post, input.bundle.features) : input.bundle.post;
  return post.author ? { name: post.author.name ?? null, url: post.author.url ?? null, id: post.author.id ?? null } : null;
}

export function komdigiDossier(input: ReferralInput): KomdigiDossier {
  const { bundle } = input;
  const files = evidenceFiles(bundle.case.id, bundle.evidence);
  const category = categoryOf(bundle);
  return {
    agency: 'komdigi',
    caseId: bundle.case.id,
    status: bundle.case.status,
    url: bundle.post.url,
    externalId: bundle.post.externalId,
    platform: bundle.post.platform,
    account: authorOf(input),
    category,
    categoryLabel: category === 'tppo' ? 'Penipuan lowongan kerja luar negeri berindikasi TPPO' : 'Penipuan (lowongan kerja palsu)',
    legalBasis: LEGAL_BASIS[category === 'tppo' ? 'tppo' : 'penipuan'].concat(category === 'tppo' ? LEGAL_BASIS.penipuan.slice(0, 1) : []),
    analysis: analysisOf(input),
    text: input.redact ? redactText(bundle.post.text, bundle.features) : bundle.post.text,
    postedAt: bundle.post.postedAt,
    collectedAt: bundle.post.collectedAt,
    screenshot: files.find((f) => f.kind === 'screenshot') ?? null,
    evidence: files,
    decision: decisionOf(input.decisions),
  };
}

export function polriPacket(input: ReferralInput): PolriPacket {
  const { bundle } = input;
  const f = bundle.features;
  const chronology = [
    ...(bundle.post.postedAt ? [{ at: bundle.post.postedAt, event: 'Unggahan dipublikasikan' }] : []),
    { at: bundle.post.collectedAt, event: `Unggahan dikumpulkan dari ${bundle.post.source ?? bundle.post.platform}` },
    ...bundle.evidence.map((e) => ({ at: e.capturedAt, event: `Bukti ${e.kind} diambil (SHA-256 ${e.sha256})` })),
    ...input.events.map((e) => ({ at: e.at, event: `Kasus: ${e.action} oleh ${e.actor}${e.toStatus ? ` → ${e.toStatus}` : ''}` })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    agency: 'polri',
    caseId: bundle.case.id,
    status: bundle.case.status,
    category: categoryOf(bundle),
    legalBasis: LEGAL_BASIS.tppo,
    url: bundle.post.url,
    platform: bundle.post.platform,
    author: authorOf(input),
    text: input.redact ? redactText(bundle.post.text, f) : bundle.post.text,
    contacts: (f?.contacts ?? []).map((c) => ({ kind: c.kind, value: c.value })),
    destinations: (f?.destinations ?? []).map((d) => ({ name: d.name, country: d.country, kind: d.kind })),
    payOffers: (f?.pay.offers ?? []).map((o) => ({ amount: o.amount, currency: o.currency, period: o.period, idrMonthly: o.idrMonthly })),
    chronology,
    evidence: evidenceFiles(bundle.case.id, bundle.evidence),
    relatedPosts: input.related.map((r) => ({
      postId: r.postId,
      url: r.url,
      platform: r.platform,
      collectedAt: r.collectedAt,
      why: r.why,
      snippet: input.redact ? redactText(r.snippet, null) : r.snippet,
    })),
    decision: decisionOf(input.decisions),
  };
}

export function referralRecord(agency: ReviewQueue, input: ReferralInput): ReferralRecord {
  return agency === 'komdigi' ? komdigiDossier(input) : polriPacket(input);
}
