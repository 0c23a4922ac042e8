// The campaign part of a Polri packet: one JSON record and one printable HTML page describing the whole
// network (summary, contacts, timeline, graph, every post). The export adds per-case records and evidence.
import type { CampaignSummary } from './campaign-index.js';
import { escapeXml } from './svg-text.js';
import type { PlatformTakedownStats } from './takedown-stats.js';

export interface CampaignPacketPost {
  postId: number;
  caseId?: number | null;
  platform: string;
  url?: string | null;
  source?: string | null;
  author?: string | null;
  postedAt?: string | null;
  /** Analyst decision or case status, as the store has it (`scam`, `referred`, ...). */
  decision?: string | null;
  /** Taken down, still up, or not checked. */
  takedown?: 'removed' | 'up' | null;
  text: string;
}

export interface CampaignPacketInput {
  summary: CampaignSummary;
  posts: readonly CampaignPacketPost[];
  /** From renderGraphSvg / renderTimelineSvg; trusted markup made by this module family. */
  graphSvg?: string;
  timelineSvg?: string;
  takedowns?: readonly PlatformTakedownStats[];
  generatedAt: string;
  generatedBy: string;
  /** Masks personal data of job seekers in post texts (the review module's redactText) when the reader may not see it. */
  redactText?: (text: string) => string;
}

export interface CampaignPacketRecord {
  kind: 'waspada.campaign-packet';
  version: 1;
  campaignId: number;
  headline: { id: string; en: string };
  summary: CampaignSummary;
  posts: CampaignPacketPost[];
  takedowns: PlatformTakedownStats[];
  generatedAt: string;
  generatedBy: string;
}

export interface CampaignPacket {
  record: CampaignPacketRecord;
  html: string;
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "This WhatsApp number is behind 54 posts in 9 groups since August 2026", in both console languages. */
export function campaignHeadline(summary: CampaignSummary): { id: string; en: string } {
  const top = summary.contacts[0];
  const groups = summary.sources.length;
  const since = summary.firstSeen === null ? null : new Date(summary.firstSeen);
  const sinceId = since ? ` sejak ${MONTHS_ID[since.getUTCMonth()]} ${since.getUTCFullYear()}` : '';
  const sinceEn = since ? ` since ${MONTHS_EN[since.getUTCMonth()]} ${since.getUTCFullYear()}` : '';
  const platforms = summary.platforms.map((p) => p.platform).join(', ');
  if (top) {
    return {
      id: `Kontak ${top.kind} ${top.value} berada di balik ${top.posts} dari ${summary.posts} unggahan kampanye ini di ${groups} grup/kanal (${platforms})${sinceId}.`,
      en: `${top.kind} contact ${top.value} is behind ${top.posts} of this campaign's ${summary.posts} posts in ${groups} groups/channels (${platforms})${sinceEn}.`,
    };
  }
  return {
    id: `Kampanye ini terdiri dari ${summary.posts} unggahan serupa di ${groups} grup/kanal (${platforms})${sinceId}.`,
    en: `This campaign has ${summary.posts} near-identical posts in ${groups} groups/channels (${platforms})${sinceEn}.`,
  };
}

export function buildCampaignPacket(input: CampaignPacketInput): CampaignPacket {
  const redact = input.redactText ?? ((t: string) => t);
  const posts = [...input.posts]
    .sort((a, b) => (a.postedAt ?? '').localeCompare(b.postedAt ?? '') || a.postId - b.postId)
    .map((p) => ({ ...p, text: redact(p.text) }));
  const record: CampaignPacketRecord = {
    kind: 'waspada.campaign-packet',
    version: 1,
    campaignId: input.summary.campaignId,
    headline: campaignHeadline(input.summary),
    summary: input.summary,
    posts,
    takedowns: [...(input.takedowns ?? [])],
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
  };
  return { record, html: packetHtml(record, input.graphSvg, input.timelineSvg) };
}

const e = (value: unknown): string => escapeXml(value === null || value === undefined ? '' : String(value));

function table(head: string[], rows: unknown[][]): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function packetHtml(record: CampaignPacketRecord, graphSvg?: string, timelineSvg?: string): string {
  const s = record.summary;
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Kampanye #${s.campaignId} / Campaign #${s.campaignId}</title>
<style>body{font-family:sans-serif;font-size:12px;margin:24px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}.text{white-space:pre-wrap;max-width:60em}</style>
</head><body>
<h1>Paket Kampanye #${s.campaignId} / Campaign Packet #${s.campaignId}</h1>
<p>${e(record.headline.id)}<br><i>${e(record.headline.en)}</i></p>
<p>Dibuat / generated ${e(record.generatedAt)} oleh / by ${e(record.generatedBy)}</p>
${table(['Unggahan / posts', 'Pertama / first seen', 'Terakhir / last seen', 'Jangkauan / reach'], [[s.posts, s.firstSeen, s.lastSeen, s.reach]])}
<h2>Kontak / Contacts</h2>
${table(['Jenis / kind', 'Nilai / value', 'Unggahan / posts'], s.contacts.map((c) => [c.kind, c.value, c.posts]))}
<h2>Platform, grup dan akun / Platforms, groups and accounts</h2>
${table(['Platform', 'Unggahan / posts'], s.platforms.map((p) => [p.platform, p.posts]))}
${table(['Grup / group', 'Unggahan / posts'], s.sources.map((p) => [p.source, p.posts]))}
${table(['Akun / account', 'Unggahan / posts'], s.authors.map((p) => [p.author, p.posts]))}
${timelineSvg ? `<h2>Linimasa / Timeline</h2>\n${timelineSvg}` : ''}
${graphSvg ? `<h2>Jaringan / Network</h2>\n${graphSvg}` : ''}
${record.takedowns.length > 0 ? `<h2>Penurunan / Takedowns</h2>\n${table(['Platform', 'Dirujuk / referred', 'Diturunkan / removed', 'Median (jam/h)', 'p90 (jam/h)', 'Diunggah ulang / reposted'], record.takedowns.map((t) => [t.platform, t.referred, t.removed, t.medianHours?.toFixed(1) ?? '', t.p90Hours?.toFixed(1) ?? '', t.repostedAfterTakedown]))}` : ''}
<h2>Semua unggahan / All posts</h2>
<table><thead><tr><th>#</th><th>Kasus / case</th><th>Waktu / time</th><th>Platform</th><th>Grup / group</th><th>Akun / account</th><th>URL</th><th>Keputusan / decision</th><th>Status</th><th>Teks / text</th></tr></thead><tbody>
${record.posts.map((p) => `<tr><td>${e(p.postId)}</td><td>${e(p.caseId)}</td><td>${e(p.postedAt)}</td><td>${e(p.platform)}</td><td>${e(p.source)}</td><td>${e(p.author)}</td><td>${e(p.url)}</td><td>${e(p.decision)}</td><td>${e(p.takedown)}</td><td class="text">${e(p.text)}</td></tr>`).join('\n')}
</tbody></table>
</body></html>
`;
}
