// Keeps a campaign index (near-duplicate texts and shared contacts) in step with the database, assigns
// each routed post to its campaign, and weighs earlier decisions on that campaign or its contacts.
// Each route worker process keeps its own index and catches up from the database before every batch;
// campaign ids depend only on membership (the smallest post id), so processes agree on them.
// MinHash signatures are stored once (post_signatures, migration 005): a restarting worker reads 256 bytes
// per post instead of its text and skips the shingling, and only posts without a current signature pay it.
import { CampaignIndex, type CampaignContact } from '../campaigns/campaign-index.js';
import { decideRepeatOffender, type RepeatOffenderResult } from '../campaigns/repeat-offender.js';
import { SIGNATURE_HASHES, SIGNATURE_VERSION, SignatureFormatError, decodeSignature, encodeSignature, signatureOf } from '../campaigns/signature.js';
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';
import type { Store } from '../store/store.js';

const SYNC_PAGE = 5000;

interface IndexRow extends Record<string, unknown> {
  id: number;
  /** Only when no signature of the current version is stored. */
  text: string | null;
  signature: Uint8Array | null;
  platform: string;
  source: string | null;
  author: string | null;
  posted_at: Date | string | null;
  reach: number | null;
  contacts: CampaignContact[] | null;
}

/** Told which routed posts were found to be repeat offenders (e.g. to queue the webhook); must not throw. */
export type RepeatOffenderListener = (postIds: number[]) => void;

export class CampaignTracker {
  private readonly index = new CampaignIndex();
  private lastId = 0;
  private syncing: Promise<void> | undefined;
  private listener: RepeatOffenderListener | undefined;
  /** Signatures computed from text during the last sync (the rest were read from the store); for tests and logs. */
  computedSignatures = 0;

  constructor(private readonly store: Store) {}

  /** Registers who hears about repeat offenders; routing never waits for it. */
  onRepeatOffenders(listener: RepeatOffenderListener | undefined): void {
    this.listener = listener;
  }

  /** Adds every post with features that this index has not seen, in id order. */
  sync(): Promise<void> {
    this.syncing ??= this.pull().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async pull(): Promise<void> {
    this.computedSignatures = 0;
    for (;;) {
      const rows = await this.store.db.query<IndexRow>(
        `SELECT p.id, CASE WHEN s.version = $3 AND octet_length(s.signature) = $4 THEN NULL ELSE p.text END AS text,
                CASE WHEN s.version = $3 AND octet_length(s.signature) = $4 THEN s.signature END AS signature,
                p.platform, p.source, p.author->>'name' AS author, p.posted_at,
                GREATEST((p.reach->>'views')::int, (p.reach->>'groupMembers')::int, 0) AS reach,
                (SELECT jsonb_agg(jsonb_build_object('kind', c->>'kind', 'value', c->>'value')) FROM jsonb_array_elements(f.data->'contacts') c) AS contacts
         FROM posts p JOIN features f ON f.post_id = p.id LEFT JOIN post_signatures s ON s.post_id = p.id
         WHERE p.id > $1 ORDER BY p.id LIMIT $2`,
        [this.lastId, SYNC_PAGE, SIGNATURE_VERSION, SIGNATURE_HASHES * 4],
      );
      const fresh: { ids: number[]; hex: string[] } = { ids: [], hex: [] };
      for (const r of rows) {
        const id = Number(r.id);
        if (!this.index.has(id)) {
          let signature = storedSignature(r.signature);
          if (!signature) {
            signature = signatureOf(r.text ?? '');
            fresh.ids.push(id);
            fresh.hex.push(Buffer.from(encodeSignature(signature)).toString('hex'));
          }
          this.index.addWithSignature(
            {
              id,
              platform: r.platform,
              source: r.source ?? undefined,
              author: r.author ?? undefined,
              postedAt: r.posted_at ? new Date(r.posted_at).toISOString() : undefined,
              reach: r.reach ?? 0,
              contacts: r.contacts ?? [],
            },
            signature,
          );
        }
        this.lastId = Math.max(this.lastId, id);
      }
      if (fresh.ids.length > 0) {
        this.computedSignatures += fresh.ids.length;
        // Hex text, not bytea arrays: both database drivers pass text[] the same way.
        await this.store.db.query(
          `INSERT INTO post_signatures (post_id, version, signature)
           SELECT id, $3, decode(hex, 'hex') FROM unnest($1::int[], $2::text[]) AS s(id, hex)
           ON CONFLICT (post_id) DO UPDATE SET version = EXCLUDED.version, signature = EXCLUDED.signature`,
          [fresh.ids, fresh.hex, SIGNATURE_VERSION],
        );
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
    const repeats = [...results].filter(([, r]) => r.repeat).map(([id]) => id);
    if (repeats.length > 0) this.listener?.(repeats);
    return results;
  }

  /** Posts related to one post (same campaign text or a shared contact), for the case view. */
  async related(postId: number): Promise<number[]> {
    await this.sync();
    return this.index.relatedPosts(postId, 50).map((r) => r.postId);
  }
}

/** A stored signature, or undefined when absent or unreadable (then it is recomputed from the text). */
function storedSignature(bytes: Uint8Array | null): Uint32Array | undefined {
  if (!bytes) return undefined;
  try {
    return decodeSignature(bytes);
  } catch (error) {
    if (error instanceof SignatureFormatError) return undefined;
    throw error;
  }
}
