// Incremental campaign engine: each new post is matched against near-duplicates (LSH) and shared contacts
// (entity graph) and joins, or merges, campaigns. In memory, pure and deterministic; the store persists it.
import { contactKey } from './contact-key.js';
import { isSharedContact } from './shared-contacts.js';
import { EntityGraphBuilder, type EntityGraph } from './entity-graph.js';
import { ensureLength } from './growable.js';
import { IdMap } from './id-map.js';
import { Interner } from './interner.js';
import { LshIndex } from './lsh-index.js';
import { SIGNATURE_HASHES } from './minhash.js';
import { SIGNATURE_VERSION, signatureOf } from './signature.js';
import { type SnapshotData, SnapshotFormatError, decodeSnapshot, encodeSnapshot } from './snapshot-format.js';
import { UnionFind } from './union-find.js';

export interface CampaignContact {
  kind: string;
  value: string;
}

/** What the index needs of a post. `id` is the store's post id; `reach` is an audience figure (views or group members). */
export interface CampaignPostInput {
  id: number;
  text: string;
  contacts: ReadonlyArray<CampaignContact>;
  author?: string;
  source?: string;
  platform: string;
  postedAt?: string;
  reach?: number;
}

export type CampaignPostMeta = Omit<CampaignPostInput, 'text'>;

export interface AddResult {
  /** The campaign the post is in after the add. */
  campaignId: number;
  /** Earlier posts whose text is a near-duplicate of this one, most similar first (at most `maxNearDuplicates`). */
  nearDuplicates: number[];
  /** Campaign ids that existed before this add and are now part of `campaignId`; the store relabels their posts. */
  mergedCampaigns: number[];
}

export interface CampaignSummary {
  campaignId: number;
  posts: number;
  /** ISO times of the earliest and latest `postedAt`; null when no member has one. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Sum of the members' reach. */
  reach: number;
  platforms: Array<{ platform: string; posts: number }>;
  sources: Array<{ source: string; posts: number }>;
  authors: Array<{ author: string; posts: number }>;
  contacts: Array<{ kind: string; value: string; posts: number }>;
}

export interface RelatedPost {
  postId: number;
  campaignId: number;
  /** Estimated Jaccard similarity of the texts when it passed the near-duplicate threshold, else null. */
  similarity: number | null;
  sharedContacts: CampaignContact[];
}

export interface CampaignIndexOptions {
  /** Estimated Jaccard similarity at which two posts are near-duplicates. Default 0.5. */
  threshold?: number;
  /** LSH bands (must divide 64). Default 16: see LshOptions. */
  bands?: number;
  /** Most recent posts read per LSH bucket. Default 40. */
  maxBucketWalk?: number;
  /** Near-duplicates reported per add. Default 50. */
  maxNearDuplicates?: number;
  /** Also merge campaigns whose posts share an author account. Default false: one account may repost several recruiters. */
  mergeOnAuthor?: boolean;
  /** Posts to allocate room for up front (e.g. the row count at start-up plus headroom); avoids growth copies. */
  capacity?: number;
}

/** Contact lists longer than this are sampled (most recent first) by relatedPosts. */
const MAX_CONTACT_WALK = 500;

/**
 * Campaign ids are post ids: a campaign is named by the SMALLEST post id among its members. When campaigns
 * merge, the one with the smaller id survives; since store ids grow with time that is the older campaign.
 * The rule depends only on membership, so rebuilding in any order gives the same ids. A campaign is renamed
 * only when a post with a smaller id than all its members joins it (backfill); add() reports the old id
 * in `mergedCampaigns` then.
 */
export class CampaignIndex {
  private readonly options: Required<Omit<CampaignIndexOptions, 'capacity'>>;
  private readonly lsh: LshIndex;
  private readonly sets: UnionFind;
  private readonly indexOfId: IdMap;
  private readonly platforms = new Interner();
  private readonly sources = new Interner();
  private readonly authors = new Interner();
  private readonly contactKeys = new Interner();
  /** The contact as first seen, for display: its kind (interned) and value. Columns, not objects, to spare the GC. */
  private readonly contactKinds = new Interner();
  private contactKind = new Int32Array(0);
  private readonly contactValue: string[] = [];
  private count = 0;
  private readonly signatureScratch = new Uint32Array(SIGNATURE_HASHES);

  // Per-post columns, by dense index.
  private ids = new Float64Array(0);
  private postedAt = new Float64Array(0);
  private reach = new Float64Array(0);
  private platform = new Int32Array(0);
  private source = new Int32Array(0);
  private author = new Int32Array(0);
  /** Newest contact link of each post, -1 when none. */
  private postLinks = new Int32Array(0);

  // Per-campaign aggregates, valid at the union-find root.
  private campaignIdAt = new Float64Array(0);
  private firstAt = new Float64Array(0);
  private lastAt = new Float64Array(0);
  private reachSum = new Float64Array(0);

  // Post–contact links, threaded both ways.
  private linkCount = 0;
  private linkPost = new Int32Array(0);
  private linkContact = new Int32Array(0);
  private nextLinkOfPost = new Int32Array(0);
  private nextLinkOfContact = new Int32Array(0);
  /** Newest link of each contact and how many posts carry it. */
  private contactHead = new Int32Array(0);
  private contactPosts = new Int32Array(0);
  /** First post seen with each author, for mergeOnAuthor. */
  private authorFirst = new Int32Array(0);

  constructor(options: CampaignIndexOptions = {}) {
    this.options = {
      threshold: options.threshold ?? 0.5,
      bands: options.bands ?? 16,
      maxBucketWalk: options.maxBucketWalk ?? 40,
      maxNearDuplicates: options.maxNearDuplicates ?? 50,
      mergeOnAuthor: options.mergeOnAuthor ?? false,
    };
    const capacity = Math.max(0, Math.floor(options.capacity ?? 0));
    this.lsh = new LshIndex({ bands: this.options.bands, maxBucketWalk: this.options.maxBucketWalk, capacity });
    this.sets = new UnionFind(capacity);
    this.indexOfId = new IdMap(capacity);
    if (capacity > 0) this.reserve(capacity);
  }

  /** Posts indexed. */
  get size(): number {
    return this.count;
  }

  has(postId: number): boolean {
    return this.indexOfId.has(postId);
  }

  /** Computes the post's signature and adds it. Adding a post id twice changes nothing and returns its campaign. */
  add(post: CampaignPostInput): AddResult {
    if (this.indexOfId.has(post.id)) return this.repeatAdd(post.id);
    // The LSH arena copies the signature, so one scratch buffer serves every add.
    return this.addWithSignature(post, signatureOf(post.text, this.signatureScratch));
  }

  /** Adds a post whose signature was stored earlier (signatureOf of the same SIGNATURE_VERSION); used to rebuild at start-up. */
  addWithSignature(post: CampaignPostMeta, signature: Uint32Array): AddResult {
    if (!Number.isFinite(post.id)) throw new RangeError(`post id must be a finite number, got ${post.id}`);
    if (signature.length !== SIGNATURE_HASHES) throw new RangeError(`signature must have ${SIGNATURE_HASHES} values, got ${signature.length}`);
    if (this.indexOfId.has(post.id)) return this.repeatAdd(post.id);
    const matches = this.lsh.query(signature, this.options.threshold, { limit: this.options.maxNearDuplicates });
    const index = this.lsh.add(signature);
    this.sets.add();
    this.storePost(index, post);

    const joined: number[] = [];
    for (const match of matches) joined.push(match.index);
    for (const contact of post.contacts) {
      const key = contactKey(contact.kind, contact.value);
      if (key === null || isSharedContact(contact.kind, contact.value)) continue;
      const contactIndex = this.internContact(key, contact);
      if (this.hasLink(index, contactIndex)) continue;
      const previous = this.contactHead[contactIndex]!;
      if (previous >= 0) joined.push(this.linkPost[previous]!);
      this.link(index, contactIndex);
    }
    if (this.options.mergeOnAuthor && post.author !== undefined) {
      const first = this.authorFirst[this.author[index]!]!;
      if (first >= 0 && first !== index) joined.push(first);
    }

    const before = new Set<number>();
    for (const other of joined) before.add(this.campaignIdAt[this.sets.find(other)]!);
    for (const other of joined) this.unite(index, other);
    const campaignId = this.campaignIdAt[this.sets.find(index)]!;
    before.delete(campaignId);
    return {
      campaignId,
      nearDuplicates: matches.map((m) => this.ids[m.index]!),
      mergedCampaigns: [...before].sort((a, b) => a - b),
    };
  }

  /** Campaign id of a post, undefined for an unknown post. */
  campaignOf(postId: number): number | undefined {
    const index = this.indexOfId.get(postId);
    return index === undefined ? undefined : this.campaignIdAt[this.sets.find(index)]!;
  }

  /** Post ids of a campaign in ascending order; empty when `campaignId` names no current campaign. */
  members(campaignId: number): number[] {
    const root = this.rootOfCampaign(campaignId);
    if (root === undefined) return [];
    const out: number[] = [];
    for (const index of this.sets.members(root)) out.push(this.ids[index]!);
    return out.sort((a, b) => a - b);
  }

  /** Number of posts in a campaign; 0 when `campaignId` names no current campaign. O(1). */
  campaignSize(campaignId: number): number {
    const root = this.rootOfCampaign(campaignId);
    return root === undefined ? 0 : this.sets.sizeOf(root);
  }

  /** Every current campaign id with more than `minPosts - 1` posts, ascending. O(posts): for batch jobs, not requests. */
  campaigns(minPosts = 1): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) {
      if (this.sets.find(i) === i && this.sets.sizeOf(i) >= minPosts) out.push(this.campaignIdAt[i]!);
    }
    return out.sort((a, b) => a - b);
  }

  summary(campaignId: number): CampaignSummary | undefined {
    const root = this.rootOfCampaign(campaignId);
    if (root === undefined) return undefined;
    const platforms = new Map<number, number>();
    const sources = new Map<number, number>();
    const authors = new Map<number, number>();
    const contacts = new Map<number, number>();
    let posts = 0;
    for (const index of this.sets.members(root)) {
      posts++;
      bump(platforms, this.platform[index]!);
      if (this.source[index]! >= 0) bump(sources, this.source[index]!);
      if (this.author[index]! >= 0) bump(authors, this.author[index]!);
      for (let l = this.postLinks[index]!; l >= 0; l = this.nextLinkOfPost[l]!) bump(contacts, this.linkContact[l]!);
    }
    return {
      campaignId,
      posts,
      firstSeen: isoOrNull(this.firstAt[root]!),
      lastSeen: isoOrNull(this.lastAt[root]!),
      reach: this.reachSum[root]!,
      platforms: ranked(platforms, (i) => this.platforms.values[i]!).map(([platform, n]) => ({ platform, posts: n })),
      sources: ranked(sources, (i) => this.sources.values[i]!).map(([source, n]) => ({ source, posts: n })),
      authors: ranked(authors, (i) => this.authors.values[i]!).map(([author, n]) => ({ author, posts: n })),
      contacts: ranked(contacts, (i) => this.contactKeys.values[i]!).map(([key, n]) => {
        const shown = this.contactShownAt(this.contactKeys.lookup(key)!);
        return { kind: shown.kind, value: shown.value, posts: n };
      }),
    };
  }

  /**
   * Posts related to `postId`: near-duplicates of its text and posts sharing one of its contacts, whatever
   * their campaign. Strongest first (text similarity, then number of shared contacts), at most `limit`.
   */
  relatedPosts(postId: number, limit = 50): RelatedPost[] {
    const index = this.indexOfId.get(postId);
    if (index === undefined) return [];
    const found = new Map<number, RelatedPost>();
    const signature = this.lsh.signatureAt(index).slice();
    for (const match of this.lsh.query(signature, this.options.threshold, { exclude: index })) {
      found.set(match.index, this.related(match.index, match.similarity));
    }
    for (let l = this.postLinks[index]!; l >= 0; l = this.nextLinkOfPost[l]!) {
      const contactIndex = this.linkContact[l]!;
      let walked = 0;
      for (let c = this.contactHead[contactIndex]!; c >= 0 && walked < MAX_CONTACT_WALK; c = this.nextLinkOfContact[c]!, walked++) {
        const other = this.linkPost[c]!;
        if (other === index) continue;
        let entry = found.get(other);
        if (entry === undefined) {
          entry = this.related(other, null);
          found.set(other, entry);
        }
        entry.sharedContacts.push(this.contactShownAt(contactIndex));
      }
    }
    return [...found.values()]
      .sort((a, b) => (b.similarity ?? -1) - (a.similarity ?? -1) || b.sharedContacts.length - a.sharedContacts.length || a.postId - b.postId)
      .slice(0, limit);
  }

  /** Post ids carrying a contact (any spelling of the same number or handle), ascending. */
  postsWithContact(kind: string, value: string): number[] {
    const key = contactKey(kind, value);
    const contactIndex = key === null ? undefined : this.contactKeys.lookup(key);
    if (contactIndex === undefined) return [];
    const out: number[] = [];
    for (let c = this.contactHead[contactIndex]!; c >= 0; c = this.nextLinkOfContact[c]!) out.push(this.ids[this.linkPost[c]!]!);
    return out.sort((a, b) => a - b);
  }

  /** Members of a campaign posted strictly after `afterIso` (a takedown time): the reposts. Ascending ids. */
  postsAfter(campaignId: number, afterIso: string): number[] {
    const root = this.rootOfCampaign(campaignId);
    const after = Date.parse(afterIso);
    if (root === undefined || Number.isNaN(after)) return [];
    if (!(this.lastAt[root]! > after)) return [];
    const out: number[] = [];
    for (const index of this.sets.members(root)) if (this.postedAt[index]! > after) out.push(this.ids[index]!);
    return out.sort((a, b) => a - b);
  }

  /** The campaign's posts, contacts, authors and sources as a graph; posts beyond `maxPosts` (newest kept) are summarized. */
  graph(campaignId: number, maxPosts = 120): EntityGraph | undefined {
    const root = this.rootOfCampaign(campaignId);
    if (root === undefined) return undefined;
    const all = [...this.sets.members(root)].sort((a, b) => this.ids[a]! - this.ids[b]!);
    const shown = EntityGraphBuilder.shown(all, maxPosts);
    const graph = new EntityGraphBuilder();
    for (const index of shown) {
      const postKey = graph.node(`post:${this.ids[index]!}`, 'post', this.postLabel(index));
      if (this.source[index]! >= 0) graph.link(postKey, graph.node(`source:${this.source[index]!}`, 'source', this.sources.values[this.source[index]!]!));
      if (this.author[index]! >= 0) graph.link(postKey, graph.node(`author:${this.author[index]!}`, 'author', this.authors.values[this.author[index]!]!));
      for (let l = this.postLinks[index]!; l >= 0; l = this.nextLinkOfPost[l]!) {
        const contactIndex = this.linkContact[l]!;
        const shownContact = this.contactShownAt(contactIndex);
        graph.link(postKey, graph.node(`contact:${this.contactKeys.values[contactIndex]!}`, 'contact', `${shownContact.kind}: ${shownContact.value}`));
      }
    }
    return graph.build(campaignId, all.length - shown.length);
  }

  /** Compact binary form (see snapshot-format.ts); `CampaignIndex.restore` rebuilds an index that answers identically. */
  snapshot(): Uint8Array {
    const n = this.count;
    const contactOffsets = new Int32Array(n + 1);
    const contactIndices = new Int32Array(this.linkCount);
    let at = 0;
    for (let i = 0; i < n; i++) {
      contactOffsets[i] = at;
      // Links are threaded newest first; store them oldest first so a replay links them in the same order.
      const start = at;
      for (let l = this.postLinks[i]!; l >= 0; l = this.nextLinkOfPost[l]!) contactIndices[at++] = this.linkContact[l]!;
      contactIndices.subarray(start, at).reverse();
    }
    contactOffsets[n] = at;
    const signatures = new Uint32Array(n * SIGNATURE_HASHES);
    for (let i = 0; i < n; i++) signatures.set(this.lsh.signatureAt(i), i * SIGNATURE_HASHES);
    return encodeSnapshot({
      signatureVersion: SIGNATURE_VERSION,
      hashes: SIGNATURE_HASHES,
      options: { ...this.options },
      platforms: [...this.platforms.values],
      sources: [...this.sources.values],
      authors: [...this.authors.values],
      contacts: this.contactValue.map((value, i): [string, string] => [this.contactKinds.values[this.contactKind[i]!]!, value]),
      ids: this.ids.slice(0, n),
      postedAt: this.postedAt.slice(0, n),
      reach: this.reach.slice(0, n),
      platform: this.platform.slice(0, n),
      source: this.source.slice(0, n),
      author: this.author.slice(0, n),
      contactOffsets,
      contactIndices,
      signatures,
    });
  }

  /** Rebuilds an index from `snapshot()` by replaying its posts in their original order. */
  static restore(bytes: Uint8Array): CampaignIndex {
    const data: SnapshotData = decodeSnapshot(bytes);
    if (data.signatureVersion !== SIGNATURE_VERSION || data.hashes !== SIGNATURE_HASHES) {
      throw new SnapshotFormatError(`snapshot signatures are ${data.signatureVersion}, this build uses ${SIGNATURE_VERSION}`);
    }
    const index = new CampaignIndex({ ...data.options, capacity: data.ids.length });
    for (let i = 0; i < data.ids.length; i++) {
      const contacts: CampaignContact[] = [];
      for (let c = data.contactOffsets[i]!; c < data.contactOffsets[i + 1]!; c++) {
        const [kind, value] = data.contacts[data.contactIndices[c]!]!;
        contacts.push({ kind, value });
      }
      const posted = data.postedAt[i]!;
      const source = data.source[i]!;
      const author = data.author[i]!;
      const post: CampaignPostMeta = { id: data.ids[i]!, platform: data.platforms[data.platform[i]!]!, contacts, reach: data.reach[i]! };
      if (!Number.isNaN(posted)) post.postedAt = new Date(posted).toISOString();
      if (source >= 0) post.source = data.sources[source]!;
      if (author >= 0) post.author = data.authors[author]!;
      index.addWithSignature(post, data.signatures.subarray(i * SIGNATURE_HASHES, (i + 1) * SIGNATURE_HASHES));
    }
    return index;
  }

  /** Approximate bytes held in typed arrays (interned strings excluded), for metrics. */
  memoryBytes(): number {
    const columns = [this.ids, this.postedAt, this.reach, this.platform, this.source, this.author, this.postLinks, this.campaignIdAt,
      this.firstAt, this.lastAt, this.reachSum, this.linkPost, this.linkContact, this.nextLinkOfPost, this.nextLinkOfContact,
      this.contactHead, this.contactPosts, this.authorFirst, this.contactKind];
    return this.lsh.memoryBytes() + this.indexOfId.memoryBytes() + columns.reduce((sum, c) => sum + c.byteLength, 0);
  }

  private reserve(n: number): void {
    this.ids = ensureLength(this.ids, n);
    this.postedAt = ensureLength(this.postedAt, n);
    this.reach = ensureLength(this.reach, n);
    this.platform = ensureLength(this.platform, n);
    this.source = ensureLength(this.source, n);
    this.author = ensureLength(this.author, n);
    this.postLinks = ensureLength(this.postLinks, n);
    this.campaignIdAt = ensureLength(this.campaignIdAt, n);
    this.firstAt = ensureLength(this.firstAt, n);
    this.lastAt = ensureLength(this.lastAt, n);
    this.reachSum = ensureLength(this.reachSum, n);
  }

  private repeatAdd(postId: number): AddResult {
    return { campaignId: this.campaignOf(postId)!, nearDuplicates: [], mergedCampaigns: [] };
  }

  private storePost(index: number, post: CampaignPostMeta): void {
    this.count = index + 1;
    this.reserve(this.count);
    this.indexOfId.set(post.id, index);
    this.ids[index] = post.id;
    const posted = post.postedAt === undefined ? Number.NaN : Date.parse(post.postedAt);
    this.postedAt[index] = posted;
    const reach = post.reach !== undefined && Number.isFinite(post.reach) && post.reach > 0 ? post.reach : 0;
    this.reach[index] = reach;
    this.platform[index] = this.platforms.intern(post.platform);
    this.source[index] = post.source === undefined ? -1 : this.sources.intern(post.source);
    this.author[index] = post.author === undefined ? -1 : this.authors.intern(post.author);
    if (this.author[index]! >= 0) {
      const authorIndex = this.author[index]!;
      this.authorFirst = ensureLength(this.authorFirst, authorIndex + 1, -1);
      if (this.authorFirst[authorIndex] === -1) this.authorFirst[authorIndex] = index;
    }
    this.postLinks[index] = -1;
    this.campaignIdAt[index] = post.id;
    this.firstAt[index] = Number.isNaN(posted) ? Number.POSITIVE_INFINITY : posted;
    this.lastAt[index] = Number.isNaN(posted) ? Number.NEGATIVE_INFINITY : posted;
    this.reachSum[index] = reach;
  }

  private internContact(key: string, contact: CampaignContact): number {
    const contactIndex = this.contactKeys.intern(key);
    if (contactIndex === this.contactValue.length) {
      this.contactValue.push(contact.value.trim());
      this.contactKind = ensureLength(this.contactKind, contactIndex + 1);
      this.contactKind[contactIndex] = this.contactKinds.intern(contact.kind);
      this.contactHead = ensureLength(this.contactHead, contactIndex + 1, -1);
      this.contactPosts = ensureLength(this.contactPosts, contactIndex + 1);
      this.contactHead[contactIndex] = -1;
    }
    return contactIndex;
  }

  private contactShownAt(contactIndex: number): CampaignContact {
    return { kind: this.contactKinds.values[this.contactKind[contactIndex]!]!, value: this.contactValue[contactIndex]! };
  }

  private hasLink(index: number, contactIndex: number): boolean {
    for (let l = this.postLinks[index]!; l >= 0; l = this.nextLinkOfPost[l]!) if (this.linkContact[l] === contactIndex) return true;
    return false;
  }

  private link(index: number, contactIndex: number): void {
    const l = this.linkCount++;
    this.linkPost = ensureLength(this.linkPost, this.linkCount);
    this.linkContact = ensureLength(this.linkContact, this.linkCount);
    this.nextLinkOfPost = ensureLength(this.nextLinkOfPost, this.linkCount);
    this.nextLinkOfContact = ensureLength(this.nextLinkOfContact, this.linkCount);
    this.linkPost[l] = index;
    this.linkContact[l] = contactIndex;
    this.nextLinkOfPost[l] = this.postLinks[index]!;
    this.postLinks[index] = l;
    this.nextLinkOfContact[l] = this.contactHead[contactIndex]!;
    this.contactHead[contactIndex] = l;
    this.contactPosts[contactIndex] = this.contactPosts[contactIndex]! + 1;
  }

  private unite(a: number, b: number): void {
    const merged = this.sets.union(a, b);
    if (merged === null) return;
    const { root, absorbed } = merged;
    this.campaignIdAt[root] = Math.min(this.campaignIdAt[root]!, this.campaignIdAt[absorbed]!);
    this.firstAt[root] = Math.min(this.firstAt[root]!, this.firstAt[absorbed]!);
    this.lastAt[root] = Math.max(this.lastAt[root]!, this.lastAt[absorbed]!);
    this.reachSum[root] = this.reachSum[root]! + this.reachSum[absorbed]!;
  }

  private rootOfCampaign(campaignId: number): number | undefined {
    const index = this.indexOfId.get(campaignId);
    if (index === undefined) return undefined;
    const root = this.sets.find(index);
    return this.campaignIdAt[root] === campaignId ? root : undefined;
  }

  private related(index: number, similarity: number | null): RelatedPost {
    return { postId: this.ids[index]!, campaignId: this.campaignIdAt[this.sets.find(index)]!, similarity, sharedContacts: [] };
  }

  private postLabel(index: number): string {
    const posted = this.postedAt[index]!;
    const date = Number.isNaN(posted) ? '' : ` ${new Date(posted).toISOString().slice(0, 10)}`;
    return `#${this.ids[index]!} ${this.platforms.values[this.platform[index]!]!}${date}`;
  }
}

function bump(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Most frequent first, ties by name, so summaries are deterministic. */
function ranked(counts: Map<number, number>, name: (key: number) => string): Array<[string, number]> {
  return [...counts].map(([key, n]): [string, number] => [name(key), n]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
