// Keeps a campaign index (near-duplicate texts and shared contacts) in step with the database, assigns
// each routed post to its campaign, and weighs earlier decisions on that campaign or its contacts.
// Each route worker process keeps its own index and catches up from the database before every batch;
// campaign ids depend only on membership (the smallest post id), so processes agree on them.
import { CampaignIndex, type CampaignContact } from '../campaigns/campaign-index.js';
import { decideRepeatOffender, type RepeatOffenderResult } from '../campaigns/repeat-offender.js';
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Store } from '../store/store.js';

const SYNC_PAGE = 5000;

interface IndexRow extends Record<string, unknown> {
  id: number;
  text: string;
  platform: string;
  source: string | null;
  author: string | null;
  posted_at: Date | string | null;
  reach: number | null;
  contacts: CampaignContact[] | null;
}

export class CampaignTracker {
  private readonly index = new CampaignIndex();
  private lastId = 0;
  private syncing: Promise<void> | undefined;

  constructor(private readonly store: Store) {}

  /** Adds every post with features that this index has not seen, in id order. */
  sync(): Promise<void> {
    this.syncing ??= this.pull().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async pull(): Promise<void> {
    for (;;) {
      const rows = await this.store.db.query<IndexRow>(
        `SELECT p.id, p.text, p.platform, p.source, p.author->>'name' AS author, p.posted_at,
                GREATEST((p.reach->>'views')::int, (p.reach->>'groupMembers')::int, 0) AS reach,
                (SELECT jsonb_agg(jsonb_build_object('kind', c->>'kind', 'value', c->>'value')) FROM jsonb_array_elements(f.data->'contacts') c) AS contacts
         FROM posts p JOIN features f ON f.post_id = p.id
         WHERE p.id > $1 ORDER BY p.id LIMIT $2`,
        [this.lastId, SYNC_PAGE],
      );
      for (const r of rows) {
        if (!this.index.has(r.id)) {
          this.index.add({
            id: Number(r.id),
            text: r.text,
            platform: r.platform,
            source: r.source ?? undefined,
            author: r.author ?? undefined,
            postedAt: r.posted_at ? new Date(r.posted_at).toISOString() : undefined,
            reach: r.reach ?? 0,
            contacts: r.contacts ?? [],
          });
        }
        this.lastId = Math.max(this.lastId, Number(r.id));
      }
      if (rows.length < SYNC_PAGE) return;
    }
  }

  /** Assigns the posts to campaigns (stored on the posts) and weighs earlier decisions for each. */
  async assess(posts: Post[], _features: Map<number, Features>): Promise<Map<number, RepeatOffenderResult>> {
    await this.sync();
    const byCampaign = new Map<number, number[]>();
    for (const post of posts) {
      const campaignId = this.index.campaignOf(post.id);
      if (campaignId === undefined) continue;
      byCampaign.set(campaignId, [...(byCampaign.get(campaignId) ?? []), post.id]);
    }
    for (const [campaignId, ids] of byCampaign) {
      // Members of merged campaigns are relabelled too, so the stored ids match the index.
      const members = this.index.members(campaignId);
      await this.store.db.query('UPDATE posts SET campaign_id = $1 WHERE id = ANY($2::int[]) AND campaign_id IS DISTINCT FROM $1', [campaignId, [...new Set([...members, ...ids])]]);
    }
    const results = new Map<number, RepeatOffenderResult>();
    for (const post of posts) {
      const campaignId = this.index.campaignOf(post.id);
      if (campaignId === undefined) continue;
      const related = this.index.relatedPosts(post.id, 200).map((r) => r.postId);
      const campaignPosts = this.index.members(campaignId).filter((id) => id !== post.id);
      const contactPosts = related.filter((id) => !campaignPosts.includes(id));
      const [campaign, contacts] = await Promise.all([this.priorDecisions(campaignPosts), this.priorDecisions(contactPosts)]);
      results.set(post.id, decideRepeatOffender({ campaign, contacts, repostAfterTakedown: await this.repostAfterTakedown(campaignPosts, post) }));
    }
    return results;
  }

  /** Posts related to one post (same campaign text or a shared contact), for the case view. */
  async related(postId: number): Promise<number[]> {
    await this.sync();
    return this.index.relatedPosts(postId, 50).map((r) => r.postId);
  }

  private async priorDecisions(postIds: number[]): Promise<{ scam: number; referred: number }> {
    if (postIds.length === 0) return { scam: 0, referred: 0 };
    const rows = await this.store.db.query<{ scam: number; referred: number }>(
      `SELECT count(DISTINCT post_id) FILTER (WHERE decision = 'scam')::int AS scam,
              count(DISTINCT post_id) FILTER (WHERE status IN ('referred', 'closed'))::int AS referred
       FROM cases WHERE post_id = ANY($1::int[])`,
      [postIds],
    );
    return { scam: Number(rows[0]?.scam ?? 0), referred: Number(rows[0]?.referred ?? 0) };
  }

  private async repostAfterTakedown(campaignPosts: number[], post: Post): Promise<boolean> {
    if (campaignPosts.length === 0) return false;
    const rows = await this.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE post_id = ANY($1::int[]) AND outcome = 'taken_down' AND updated_at < $2`,
      [campaignPosts, post.postedAt ?? post.collectedAt],
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }
}
