// Public surface of the campaign module for the store, workers and console; internals stay importable by path.
export {
  CampaignIndex,
  type AddResult,
  type CampaignContact,
  type CampaignIndexOptions,
  type CampaignPostInput,
  type CampaignPostMeta,
  type CampaignSummary,
  type RelatedPost,
} from './campaign-index.js';
export { SIGNATURE_HASHES, SIGNATURE_VERSION, SignatureFormatError, decodeSignature, encodeSignature, signatureOf, signatureOfNormalized } from './signature.js';
export { SnapshotFormatError } from './snapshot-format.js';
export { contactKey } from './contact-key.js';
export type { EntityEdge, EntityGraph, EntityKind, EntityNode } from './entity-graph.js';
export { renderGraphSvg, type GraphSvgOptions } from './graph-svg.js';
export { campaignTimeline, renderTimelineSvg, type TimelineBucket, type TimelinePost, type TimelineUnit } from './timeline.js';
export { REPEAT_WEIGHTS, decideRepeatOffender, type PriorDecisions, type RepeatOffenderResult } from './repeat-offender.js';
export {
  aggregateTakedowns,
  renderTakedownChartSvg,
  type PlatformTakedownStats,
  type RepostEvent,
  type TakedownChartMetric,
  type TakedownObservation,
} from './takedown-stats.js';
export { RECHECK_PLAN, nextRecheckAt } from './recheck-schedule.js';
export { buildCampaignPacket, campaignHeadline, type CampaignPacket, type CampaignPacketInput, type CampaignPacketPost, type CampaignPacketRecord } from './campaign-packet.js';
