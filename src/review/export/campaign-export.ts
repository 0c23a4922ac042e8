// A whole campaign as one Polri packet: the campaign record and printable page (campaign-packet.ts) with
// timeline and network pictures, every case of the campaign as a Polri record with its evidence files,
// and a manifest of SHA-256 hashes. Redacted unless the reader may see personal data; always audited.
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { buildCampaignPacket, type CampaignPacketPost, type CampaignPacketRecord } from '../../campaigns/campaign-packet.js';
import { campaignGraph, summarizeCampaign } from '../../campaigns/campaign-view.js';
import { renderGraphSvg } from '../../campaigns/graph-svg.js';
import { aggregateTakedowns } from '../../campaigns/takedown-stats.js';
import { campaignTimeline, renderTimelineSvg } from '../../campaigns/timeline.js';
import type { CampaignMemberRow } from '../../store/campaign-repository.js';
import { REDACTED, redactText } from '../redact.js';
import { loadRecords, type ExportDeps, type ExportFile } from './build-export.js';
import { printableHtml } from './printable.js';

export interface CampaignExportRequest {
  campaignId: number;
  redact: boolean;
  actor: string;
  now?: Date;
  /** Most cases given a full Polri record (the campaign record lists every post regardless). Default 500. */
  maxCases?: number;
}

export interface CampaignExportFile extends ExportFile {
  campaign: CampaignPacketRecord;
}

/** The member as the packet shows it; texts and non-recruiter authors masked when redacting. */
function packetPost(m: CampaignMemberRow, redact: boolean): CampaignPacketPost {
  const kase = m.cases.find((k) => k.queue === 'polri') ?? m.cases[0];
  const recruiting = m.features?.intent.label === 'recruiting';
  return {
    postId: m.postId,
    caseId: kase?.id ?? null,
    platform: m.platform,
    url: m.url,
    source: m.source,
    author: redact && m.author && !recruiting ? REDACTED : m.author,
    postedAt: m.postedAt ?? m.collectedAt,
    decision: kase ? (kase.decision ?? kase.status) : null,
    takedown: m.takedown === 'removed' ? 'removed' : m.takedown === 'up' ? 'up' : null,
    text: redact ? redactText(m.text, m.features) : m.text,
  };
}

/** Null when the campaign has no posts. */
export async function buildCampaignExport(deps: ExportDeps, request: CampaignExportRequest): Promise<CampaignExportFile | null> {
  const now = request.now ?? new Date();
  const members = await deps.store.campaigns.members(request.campaignId);
  if (members.length === 0) return null;
  const summary = summarizeCampaign(request.campaignId, members);
  const memberIds = new Set(members.map((m) => m.postId));
  const observations = (await deps.store.takedowns.observations()).filter((o) => memberIds.has(o.postId));
  const reposts = (await deps.store.takedowns.reposts()).filter((r) => memberIds.has(r.postId));
  const removedAt = members.filter((m) => m.takedown === 'removed').map((m) => m.postId);
  const takedownTimes = observations.filter((o) => o.status === 'removed' && removedAt.includes(o.postId)).map((o) => o.checkedAt);
  const packet = buildCampaignPacket({
    summary,
    posts: members.map((m) => packetPost(m, request.redact)),
    graphSvg: renderGraphSvg(campaignGraph(request.campaignId, members)),
    timelineSvg: renderTimelineSvg(campaignTimeline(members.map((m) => ({ postedAt: m.postedAt ?? m.collectedAt, platform: m.platform }))), { takedowns: takedownTimes }),
    takedowns: aggregateTakedowns(observations, reposts),
    generatedAt: now.toISOString(),
    generatedBy: request.actor,
  });

  const caseIds = members.flatMap((m) => m.cases.map((k) => k.id)).slice(0, request.maxCases ?? 500);
  const { records, keys } = await loadRecords(deps, { caseIds, format: 'zip', agency: 'polri', redact: request.redact, actor: request.actor, now });
  const entries: Record<string, Uint8Array> = {};
  const missing: string[] = [];
  for (const [name, key] of keys) {
    const bytes = deps.evidence ? await deps.evidence.get(key) : null;
    if (bytes) entries[name] = bytes;
    else missing.push(name);
  }
  for (const r of records) entries[`case-${r.caseId}/packet.json`] = strToU8(JSON.stringify(r, null, 2));
  entries['campaign.json'] = strToU8(JSON.stringify(packet.record, null, 2));
  entries['campaign.html'] = strToU8(packet.html);
  entries['records.json'] = strToU8(JSON.stringify(records, null, 2));
  entries['index.html'] = strToU8(printableHtml(records, now.toISOString(), request.actor));
  const manifest = {
    generatedAt: now.toISOString(),
    generatedBy: request.actor,
    agency: 'polri',
    campaign: request.campaignId,
    posts: members.length,
    cases: records.map((r) => r.caseId),
    redacted: request.redact,
    missingEvidence: missing,
    files: Object.entries(entries).map(([name, bytes]) => ({ name, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') })),
  };
  entries['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  const body = zipSync(entries, { level: 6 });
  await deps.store.audit.append(
    {
      actor: request.actor,
      action: 'export',
      subject: `campaign:${request.campaignId}`,
      data: { format: 'zip', campaign: request.campaignId, posts: members.length, cases: records.map((r) => r.caseId).slice(0, 1000), count: records.length, redacted: request.redact, sha256: createHash('sha256').update(body).digest('hex') },
    },
    now,
  );
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { filename: `waspada-polri-campaign-${request.campaignId}-${stamp}.zip`, contentType: 'application/zip', body, records, campaign: packet.record };
}
