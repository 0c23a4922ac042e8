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
    // Store every member's campaign in one statement: merges relabel older posts too.
    const labels = new Map<number, number>();
    const linked = new Map<number, { campaign: number[]; contacts: number[] }>();
    for (const post of posts) {
      const campaignId = this.index.campaignOf(post.id);
      if (campaignId === undefined) continue;
      const campaign = this.index.members(campaignId);
      for (const member of campaign) labels.set(member, campaignId);
      const others = campaign.filter((id) => id !== post.id);
      const inCampaign = new Set(others);
      const contacts = this.index.relatedPosts(post.id, 200).map((r) => r.postId).filter((id) => id !== post.id && !inCampaign.has(id));
      if (others.length + contacts.length > 0) linked.set(post.id, { campaign: others, contacts });
    }
    if (labels.size > 0) {
      await this.store.db.query(
        `UPDATE posts p SET campaign_id = l.campaign_id FROM unnest($1::int[], $2::int[]) AS l(id, campaign_id)
         WHERE p.id = l.id AND p.campaign_id IS DISTINCT FROM l.campaign_id`,
        [[...labels.keys()], [...labels.values()]],
      );
    }
    const results = new Map<number, RepeatOffenderResult>();
    if (linked.size === 0) return results;
    // One read of earlier decisions for every linked post of the batch.
    const ids = [...new Set([...linked.values()].flatMap((l) => [...l.campaign, ...l.contacts]))];
    const rows = await this.store.db.query<{ post_id: number; scam: boolean; referred: boolean; taken_down_at: Date | string | null }>(
      `SELECT post_id, bool_or(decision = 'scam') AS scam, bool_or(status IN ('referred', 'closed')) AS referred,
              min(updated_at) FILTER (WHERE outcome = 'taken_down') AS taken_down_at
       FROM cases WHERE post_id = ANY($1::int[]) GROUP BY post_id`,
      [ids],
    );
    const prior = new Map(rows.map((r) => [Number(r.post_id), r]));
    const tally = (postIds: number[]) => ({
      scam: postIds.filter((id) => prior.get(id)?.scam).length,
      referred: postIds.filter((id) => prior.get(id)?.referred).length,
    });
    for (const post of posts) {
      const links = linked.get(post.id);
      if (!links) continue;
      const seenAt = new Date(post.postedAt ?? post.collectedAt).getTime();
      const repostAfterTakedown = links.campaign.some((id) => {
        const at = prior.get(id)?.taken_down_at;
        return at !== null && at !== undefined && new Date(at).getTime() < seenAt;
      });
      results.set(post.id, decideRepeatOffender({ campaign: tally(links.campaign), contacts: tally(links.contacts), repostAfterTakedown }));
    }
    return results;
  }

  /** Posts related to one post (same campaign text or a shared contact), for the case view. */
  async related(postId: number): Promise<number[]> {
    await this.sync();
    return this.index.relatedPosts(postId, 50).map((r) => r.postId);
  }
}
