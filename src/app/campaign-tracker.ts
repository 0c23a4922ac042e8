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
import { reachSql } from '../store/rows.js';
import type { Store } from '../store/store.js';

const SYNC_PAGE = 5000;

interface IndexRow extends Record<string, unknown> {
  id: number;
  /** Only when no signature of the current version is stored. */
  text: string | null;
  /**
   * The stored signature as hex text: PGlite turns a bytea column back into bytes character by character
   * in JavaScript (~44 µs per 256-byte signature, the largest part of this read), Buffer's hex decoder is native.
   */
  signature: string | null;
  platform: string;
  source: string | null;
  author: string | null;
  posted_at: Date | string | null;
  reach: number | null;
  /** The stored contacts as they are (src/store/stored-features.ts): kind and value are all the index reads; null when the post has none. */
  contacts: CampaignContact[] | null;
}

/** Told which routed posts were found to be repeat offenders (e.g. to queue the webhook); must not throw. */
export type RepeatOffenderListener = (postIds: number[]) => void;

export class CampaignTracker {
  private readonly index = new CampaignIndex();
  private lastId = 0;
  private syncing: Promise<void> | undefined;
  private listener: RepeatOffenderListener | undefined;
  /** Campaign ids that merged into others since their posts were last relabelled in the store. */
  private readonly merged = new Set<number>();
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
                CASE WHEN s.version = $3 AND octet_length(s.signature) = $4 THEN encode(s.signature, 'hex') END AS signature,
                p.platform, p.source, p.author->>'name' AS author, p.posted_at,
                ${reachSql('p')} AS reach,
                f.data->'contacts' AS contacts
         -- Walked from features, not posts: posts still waiting for extraction (a backlog, a paused queue)
         -- have no features and are never visited, however many there are.
         FROM features f JOIN posts p ON p.id = f.post_id LEFT JOIN post_signatures s ON s.post_id = f.post_id
         WHERE f.post_id > $1 ORDER BY f.post_id LIMIT $2`,
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
          const added = this.index.addWithSignature(
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
          for (const gone of added.mergedCampaigns) this.merged.add(gone);
        }
        this.lastId = Math.max(this.lastId, id);
      }
      if (fresh.ids.length > 0) {
        this.computedSignatures += fresh.ids.length;
        // Hex text, not bytea arrays: both database drivers pass text[] the same way.
        await this.store.db.query(
          `INSERT INTO post_signatures (post_id, version, signature)
           SELECT id, $3, decode(hex, 'hex') FROM unnest($1::int[], $2::text[]) AS s(id, hex)
           WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = s.id)
           ON CONFLICT (post_id) DO UPDATE SET version = EXCLUDED.version, signature = EXCLUDED.signature`,
          [fresh.ids, fresh.hex, SIGNATURE_VERSION],
        );
      }
      if (rows.length < SYNC_PAGE) return;
    }
  }

  /**
   * Assigns the posts to campaigns (stored on the posts) and weighs earlier decisions for each. The cost
   * follows the batch and the merges it caused, not the size of the campaigns: labels are written for the
   * batch's posts, a merged campaign is relabelled by one indexed UPDATE, and earlier decisions are counted
   * per campaign in the database.
   */
  async assess(posts: Post[], features: Map<number, Features>): Promise<Map<number, RepeatOffenderResult>> {
    const { repeats, campaigns } = await this.assessForRouting(posts, features);
    await this.writeBatchLabels(campaigns);
    return repeats;
  }

  /**
   * assess() without writing the batch's own labels: the route stage stores them with the posts' move to
   * 'routed', in the same row rewrite (the labels of merged campaigns are still written here).
   */
  async assessForRouting(posts: Post[], _features: Map<number, Features>): Promise<{ repeats: Map<number, RepeatOffenderResult>; campaigns: Map<number, number> }> {
    await this.sync();
    const labels = new Map<number, number>();
    for (const post of posts) {
      const campaignId = this.index.campaignOf(post.id);
      if (campaignId !== undefined) labels.set(post.id, campaignId);
    }
    await this.relabelMerged();
    const repeats = await this.weighRepeats(posts, labels);
    return { repeats, campaigns: labels };
  }

  private async weighRepeats(posts: Post[], labels: Map<number, number>): Promise<Map<number, RepeatOffenderResult>> {
    // Posts sharing a contact but outside the campaign (possible only through contacts that never merge).
    const contactLinks = new Map<number, number[]>();
    const linked: Post[] = [];
    for (const post of posts) {
      const campaignId = labels.get(post.id);
      if (campaignId === undefined) continue;
      const contacts = this.index.relatedPosts(post.id, 200).map((r) => r.postId).filter((id) => id !== post.id && this.index.campaignOf(id) !== campaignId);
      if (contacts.length > 0) contactLinks.set(post.id, contacts);
      if (contacts.length > 0 || this.index.campaignSize(campaignId) > 1) linked.push(post);
    }
    const results = new Map<number, RepeatOffenderResult>();
    if (linked.length === 0) return results;
    const batch = linked.map((p) => p.id);
    // Earlier decisions per campaign, counted in posts; the batch's own posts have no decided case yet.
    const perCampaign = await this.store.db.query<{ campaign_id: number; scam: number; referred: number; taken_down_at: Date | string | null }>(
      `SELECT p.campaign_id, count(DISTINCT c.post_id) FILTER (WHERE c.decision = 'scam')::int AS scam,
              count(DISTINCT c.post_id) FILTER (WHERE c.status IN ('referred', 'closed'))::int AS referred,
              min(c.updated_at) FILTER (WHERE c.outcome = 'taken_down') AS taken_down_at
       FROM posts p JOIN cases c ON c.post_id = p.id
       WHERE p.campaign_id = ANY($1::int[]) AND p.id <> ALL($2::int[]) GROUP BY p.campaign_id`,
      [[...new Set(linked.map((p) => labels.get(p.id)!))], batch],
    );
    const campaignPrior = new Map(perCampaign.map((r) => [Number(r.campaign_id), r]));
    const contactIds = [...new Set([...contactLinks.values()].flat())];
    const contactRows = contactIds.length === 0 ? [] : await this.store.db.query<{ post_id: number; scam: boolean; referred: boolean }>(
      `SELECT post_id, bool_or(decision = 'scam') AS scam, bool_or(status IN ('referred', 'closed')) AS referred FROM cases WHERE post_id = ANY($1::int[]) GROUP BY post_id`,
      [contactIds],
    );
    const contactPrior = new Map(contactRows.map((r) => [Number(r.post_id), r]));
    for (const post of linked) {
      const prior = campaignPrior.get(labels.get(post.id)!);
      const contacts = contactLinks.get(post.id) ?? [];
      const seenAt = new Date(post.postedAt ?? post.collectedAt).getTime();
      const takenDown = prior?.taken_down_at;
      results.set(
        post.id,
        decideRepeatOffender({
          campaign: { scam: Number(prior?.scam ?? 0), referred: Number(prior?.referred ?? 0) },
          contacts: { scam: contacts.filter((id) => contactPrior.get(id)?.scam).length, referred: contacts.filter((id) => contactPrior.get(id)?.referred).length },
          repostAfterTakedown: takenDown !== null && takenDown !== undefined && new Date(takenDown).getTime() < seenAt,
        }),
      );
    }
    const repeats = [...results].filter(([, r]) => r.repeat).map(([id]) => id);
    if (repeats.length > 0) this.listener?.(repeats);
    return results;
  }

  /** Stores the batch's campaigns. */
  private async writeBatchLabels(labels: Map<number, number>): Promise<void> {
    if (labels.size === 0) return;
    await this.store.db.query(
      `UPDATE posts p SET campaign_id = l.campaign_id FROM unnest($1::int[], $2::int[]) AS l(id, campaign_id)
       WHERE p.id = l.id AND p.campaign_id IS DISTINCT FROM l.campaign_id`,
      [[...labels.keys()], [...labels.values()]],
    );
  }

  /** Renames merged campaigns; merges stay pending until written. */
  private async relabelMerged(): Promise<void> {
    if (this.merged.size === 0) return;
    const merged = [...this.merged];
    // A merged campaign's id is one of its posts, so campaignOf gives where it went, through later merges too.
    const into = merged.map((id) => this.index.campaignOf(id) ?? id);
    await this.store.db.query(
      `UPDATE posts p SET campaign_id = m.target FROM unnest($1::int[], $2::int[]) AS m(old, target)
       WHERE p.campaign_id = m.old AND m.old <> m.target`,
      [merged, into],
    );
    for (const id of merged) this.merged.delete(id);
  }

  /** Posts related to one post (same campaign text or a shared contact), for the case view. */
  async related(postId: number): Promise<number[]> {
    await this.sync();
    return this.index.relatedPosts(postId, 50).map((r) => r.postId);
  }
}

/** A stored signature, or undefined when absent or unreadable (then it is recomputed from the text). */
function storedSignature(hex: string | null): Uint32Array | undefined {
  if (!hex) return undefined;
  try {
    return decodeSignature(Buffer.from(hex, 'hex'));
  } catch (error) {
    if (error instanceof SignatureFormatError) return undefined;
    throw error;
  }
}
