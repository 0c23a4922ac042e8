// Reads behind the campaign pages and the campaign packet: campaigns grouped from posts.campaign_id
// (kept by the route stage's CampaignTracker), their member posts with cases, contacts and takedown state.
import type { CampaignContact } from '../campaigns/campaign-index.js';
import { linkingContacts } from '../campaigns/campaign-view.js';
import type { Features } from '../contracts/features.js';
import type { Queryable } from './db.js';
import { iso, json, reachSql } from './rows.js';
import { renderFeatures } from './stored-features.js';

export interface CampaignListRow {
  campaignId: number;
  posts: number;
  firstSeen: string | null;
  lastSeen: string | null;
  platforms: string[];
  /** Distinct recruiter contacts (a number written several ways counts once). */
  contacts: number;
  openCases: number;
  referredCases: number;
  /** Some case of the campaign was flagged as a repeat offender by the route stage. */
  repeat: boolean;
}

export interface CampaignCaseRef {
  id: number;
  queue: string;
  status: string;
  decision: string | null;
  outcome: string | null;
  flags: string[];
}

export interface CampaignMemberRow {
  postId: number;
  platform: string;
  source: string | null;
  author: string | null;
  url: string | null;
  text: string;
  postedAt: string | null;
  collectedAt: string;
  reach: number;
  contacts: CampaignContact[];
  /** The extractor's features (contact spans for redaction, intent); null when not extracted. */
  features: Features | null;
  cases: CampaignCaseRef[];
  /** Latest re-check of a referred post: up, removed or error; null when never checked. */
  takedown: string | null;
}

export interface CampaignListQuery {
  /** Smallest campaign listed; 2 hides posts that matched nothing. */
  minPosts: number;
  limit: number;
  offset: number;
}

const OPEN = ['open', 'claimed'];
const REFERRED = ['referred', 'closed'];

export class CampaignRepository {
  constructor(private readonly db: Queryable) {}

  /** Campaigns by most recent activity (latest post time, else collection time). */
  async list(q: CampaignListQuery): Promise<CampaignListRow[]> {
    const rows = await this.db.query(
      `WITH c AS (
         SELECT campaign_id, count(*)::int AS posts, min(posted_at) AS first_seen, max(posted_at) AS last_seen,
                max(coalesce(posted_at, collected_at)) AS activity, array_agg(DISTINCT platform) AS platforms
         FROM posts WHERE campaign_id IS NOT NULL GROUP BY campaign_id HAVING count(*) >= $1
         ORDER BY activity DESC, campaign_id DESC LIMIT $2 OFFSET $3)
       SELECT c.*, k.open_cases, k.referred_cases, k.repeat
       FROM c LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE k.status = ANY($4::text[]))::int AS open_cases,
                count(*) FILTER (WHERE k.status = ANY($5::text[]))::int AS referred_cases,
                coalesce(bool_or(k.flags ? 'repeat_offender'), false) AS repeat
         FROM posts p JOIN cases k ON k.post_id = p.id WHERE p.campaign_id = c.campaign_id) k ON true
       ORDER BY c.activity DESC, c.campaign_id DESC`,
      [q.minPosts, q.limit, q.offset, OPEN, REFERRED],
    );
    const ids = rows.map((r) => Number(r.campaign_id));
    const contacts = await this.contactCounts(ids);
    return rows.map((r) => ({
      campaignId: Number(r.campaign_id),
      posts: Number(r.posts),
      firstSeen: iso(r.first_seen),
      lastSeen: iso(r.last_seen),
      platforms: json<string[]>(r.platforms, []).slice().sort(),
      contacts: contacts.get(Number(r.campaign_id)) ?? 0,
      openCases: Number(r.open_cases ?? 0),
      referredCases: Number(r.referred_cases ?? 0),
      repeat: Boolean(r.repeat),
    }));
  }

  /** Cases of a post flagged as repeat offender (the webhook), see repeatOffenderCases. */
  repeatOffenderCases(postId: number) {
    return repeatOffenderCases(this.db, postId);
  }

  /** Records in the case's history that the webhook delivered it, so a retried job does not send it again. */
  async markWebhookNotified(caseId: number, eventId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO case_events (case_id, actor, action, data) VALUES ($1, 'system', '${WEBHOOK_NOTIFIED}', jsonb_build_object('eventId', $2::text))`,
      [caseId, eventId],
    );
  }

  /** The campaign a post belongs to, or null when it has none yet (not routed). */
  async campaignOfPost(postId: number): Promise<number | null> {
    const rows = await this.db.query<{ campaign_id: number | null }>('SELECT campaign_id FROM posts WHERE id = $1', [postId]);
    const id = rows[0]?.campaign_id;
    return id === null || id === undefined ? null : Number(id);
  }

  /** Every post of a campaign (at most `limit`, oldest first) with its cases and takedown state. */
  async members(campaignId: number, limit = 5000): Promise<CampaignMemberRow[]> {
    const rows = await this.db.query(
      `SELECT p.id, p.platform, p.source, p.author->>'name' AS author, p.url, p.text, p.posted_at, p.collected_at,
              ${reachSql('p')} AS reach, f.data AS features,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'queue', k.queue, 'status', k.status, 'decision', k.decision, 'outcome', k.outcome, 'flags', k.flags) ORDER BY k.id), '[]'::jsonb)
               FROM cases k WHERE k.post_id = p.id) AS cases,
              t.last_status AS takedown
       FROM posts p LEFT JOIN features f ON f.post_id = p.id LEFT JOIN takedown_targets t ON t.post_id = p.id
       WHERE p.campaign_id = $1 ORDER BY p.id LIMIT $2`,
      [campaignId, limit],
    );
    return rows.map((r) => {
      const stored = json<unknown>(r.features, null);
      const features = stored === null ? null : renderFeatures(stored);
      return {
        postId: Number(r.id),
        platform: String(r.platform),
        source: (r.source as string | null) ?? null,
        author: (r.author as string | null) ?? null,
        url: (r.url as string | null) ?? null,
        text: String(r.text),
        postedAt: iso(r.posted_at),
        collectedAt: iso(r.collected_at) ?? '',
        reach: Number(r.reach ?? 0),
        contacts: (features?.contacts ?? []).map((c) => ({ kind: c.kind, value: c.value })),
        features,
        cases: json<CampaignCaseRef[]>(r.cases, []).map((k) => ({ ...k, id: Number(k.id), flags: json<string[]>(k.flags, []) })),
        takedown: (r.takedown as string | null) ?? null,
      };
    });
  }

  private async contactCounts(campaignIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (campaignIds.length === 0) return out;
    // Stored contacts read raw (src/store/stored-features.ts): kind and value are as written; posts without contacts store none.
    const rows = await this.db.query<{ campaign_id: number; contacts: CampaignContact[] | null }>(
      `SELECT p.campaign_id, f.data->'contacts' AS contacts FROM posts p JOIN features f ON f.post_id = p.id
       WHERE p.campaign_id = ANY($1::int[]) AND jsonb_array_length(f.data->'contacts') > 0`,
      [campaignIds],
    );
    const keys = new Map<number, Set<string>>();
    for (const r of rows) {
      const id = Number(r.campaign_id);
      let set = keys.get(id);
      if (!set) keys.set(id, (set = new Set()));
      for (const c of linkingContacts(json<CampaignContact[]>(r.contacts, []))) set.add(c.key);
    }
    for (const [id, set] of keys) out.set(id, set.size);
    return out;
  }
}

/** A case flagged as a repeat offender, with what the webhook message needs. */
export interface RepeatOffenderCase {
  caseId: number;
  queue: string;
  priority: number;
  postId: number;
  campaignId: number | null;
  contacts: CampaignContact[];
  reasons: Array<{ code: string; label: { id: string; en: string } }>;
  /** Whether the webhook already delivered this case (a `webhook_notified` event in its history). */
  notified: boolean;
}

/** The case-history action recording one delivery of the repeat-offender webhook. */
export const WEBHOOK_NOTIFIED = 'webhook_notified';

/** Cases of a post flagged `repeat_offender`; `routed: false` while the route stage has not finished the post. */
export async function repeatOffenderCases(db: Queryable, postId: number): Promise<{ routed: boolean; cases: RepeatOffenderCase[] } | null> {
  const rows = await db.query(
    `SELECT p.stage, p.campaign_id, f.data->'contacts' AS contacts, c.id, c.queue, c.priority, c.reasons,
            EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = '${WEBHOOK_NOTIFIED}') AS notified
     FROM posts p LEFT JOIN features f ON f.post_id = p.id LEFT JOIN cases c ON c.post_id = p.id AND c.flags ? 'repeat_offender'
     WHERE p.id = $1 ORDER BY c.id`,
    [postId],
  );
  const first = rows[0];
  if (!first) return null;
  return {
    routed: first.stage === 'routed',
    cases: rows
      .filter((r) => r.id !== null && r.id !== undefined)
      .map((r) => ({
        caseId: Number(r.id),
        queue: String(r.queue),
        priority: Number(r.priority),
        postId,
        campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
        contacts: json<CampaignContact[]>(r.contacts, []).map((c) => ({ kind: c.kind, value: c.value })),
        reasons: json<RepeatOffenderCase['reasons']>(r.reasons, []).map((x) => ({ code: x.code, label: x.label })),
        notified: r.notified === true,
      })),
  };
}
