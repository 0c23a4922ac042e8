// A printable HTML summary of referral records for the ZIP, escaped throughout; its own CSP forbids
// scripts so hostile post text stays text even when the file is opened from disk.
import { html, raw } from 'hono/html';
import type { ReferralRecord } from './referral-record.js';

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#111}section{page-break-after:always;border-bottom:1px solid #ccc;padding-bottom:1rem}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}img{max-width:100%;border:1px solid #999}`;

function recordSection(r: ReferralRecord) {
  const common = html`<h2>Kasus #${r.caseId} — ${r.agency === 'komdigi' ? 'Komdigi (aduankonten / SAMAN)' : 'Polri (TPPO)'}</h2>
    <table>
      <tr><th>URL</th><td>${r.url ?? '-'}</td></tr>
      <tr><th>Platform</th><td>${r.platform}</td></tr>
      <tr><th>Kategori</th><td>${r.category}</td></tr>
      <tr><th>Dasar hukum</th><td>${r.legalBasis.map((l) => html`<div>${l}</div>`)}</td></tr>
      <tr><th>Keputusan</th><td>${r.decision ? `${r.decision.label} — ${r.decision.by} — ${r.decision.at}` : '-'}</td></tr>
    </table>
    <h3>Teks unggahan</h3><pre>${r.text}</pre>
    <h3>Bukti</h3>
    <table><tr><th>Jenis</th><th>Berkas</th><th>SHA-256</th><th>Waktu tangkap</th></tr>
      ${r.evidence.map((e) => html`<tr><td>${e.kind}</td><td>${e.file}</td><td><code>${e.sha256}</code></td><td>${e.capturedAt}</td></tr>`)}</table>
    ${r.evidence.filter((e) => e.kind === 'screenshot').map((e) => html`<p><img src="${e.file}" alt="screenshot ${e.sha256}"></p>`)}`;
  if (r.agency === 'komdigi') return html`<section>${common}<h3>Analisis singkat</h3><p>${r.analysis}</p></section>`;
  return html`<section>${common}
    <h3>Kontak</h3><ul>${r.contacts.map((c) => html`<li>${c.kind}: ${c.value}</li>`)}</ul>
    <h3>Kronologi</h3><table>${r.chronology.map((e) => html`<tr><td>${e.at}</td><td>${e.event}</td></tr>`)}</table>
    <h3>Unggahan terkait</h3><ul>${r.relatedPosts.map((p) => html`<li>#${p.postId} ${p.platform} ${p.url ?? ''} (${p.why.join(', ')}): ${p.snippet}</li>`)}</ul>
  </section>`;
}

export function printableHtml(records: ReferralRecord[], generatedAt: string, generatedBy: string): string {
  return html`<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: file:">
<title>Waspada — berkas rujukan</title><style>${raw(STYLE)}</style></head>
<body><h1>Waspada — berkas rujukan</h1><p>Dibuat ${generatedAt} oleh ${generatedBy}. ${records.length} kasus.</p>
${records.map(recordSection)}</body></html>`.toString();
}
