// Banded LSH over MinHash signatures: a new post is compared only with posts that share a whole band,
// so lookup cost depends on bucket sizes, never on the number of posts indexed.
import { ensureLength } from './growable.js';
import { SIGNATURE_HASHES, estimateJaccard, isEmptySignature, mix32 } from './minhash.js';

export interface LshOptions {
  /** Bands the signature is cut into; rows per band = hashes / bands. Default 16 (4 rows): pairs at Jaccard 0.5 meet with p ≈ 0.64, at 0.7 with p ≈ 0.99, at 0.2 with p ≈ 0.03. */
  bands?: number;
  /** Most recent posts read per bucket. Huge buckets are one campaign reposted many times; reading all of it adds nothing. Default 40. */
  maxBucketWalk?: number;
  /** Posts to allocate room for up front; growth past it still works but copies. */
  capacity?: number;
}

export interface LshMatch {
  index: number;
  similarity: number;
}

/** Signatures live in one arena; buckets form an open-addressing table of band hashes whose chains are threaded through `chain`. */
export class LshIndex {
  readonly hashes = SIGNATURE_HASHES;
  readonly bands: number;
  readonly rows: number;
  readonly maxBucketWalk: number;
  private arena = new Uint32Array(0);
  private count = 0;
  private slotKeys = new Uint32Array(1 << 12);
  private slotHeads = new Int32Array(1 << 12).fill(-1);
  private usedSlots = 0;
  /** chain[index * bands + band] = the previous entry of the same bucket, -1 at the end. */
  private chain = new Int32Array(0);
  /** Last query that reached each post, so a post met in several bands is scored once without allocating a Set. */
  private seenStamp = new Int32Array(0);
  private stamp = 0;

  constructor(options: LshOptions = {}) {
    this.bands = options.bands ?? 16;
    this.maxBucketWalk = options.maxBucketWalk ?? 40;
    if (!Number.isInteger(this.bands) || this.bands < 1 || SIGNATURE_HASHES % this.bands !== 0) {
      throw new RangeError(`bands must divide ${SIGNATURE_HASHES}, got ${this.bands}`);
    }
    this.rows = SIGNATURE_HASHES / this.bands;
    const capacity = Math.max(0, Math.floor(options.capacity ?? 0));
    if (capacity > 0) {
      this.arena = new Uint32Array(capacity * this.hashes);
      this.chain = new Int32Array(capacity * this.bands).fill(-1);
      this.seenStamp = new Int32Array(capacity);
    }
  }

  get size(): number {
    return this.count;
  }

  /** Stores a signature and returns its dense index (0, 1, 2, ...). Empty signatures are stored but never bucketed. */
  add(signature: Uint32Array): number {
    if (signature.length !== this.hashes) throw new RangeError(`signature must have ${this.hashes} values, got ${signature.length}`);
    const index = this.count++;
    this.arena = ensureLength(this.arena, this.count * this.hashes);
    this.arena.set(signature, index * this.hashes);
    this.chain = ensureLength(this.chain, this.count * this.bands, -1);
    this.seenStamp = ensureLength(this.seenStamp, this.count);
    if (isEmptySignature(signature)) return index;
    for (let band = 0; band < this.bands; band++) {
      const slot = this.slotFor(this.bandKey(signature, 0, band), true);
      const entry = index * this.bands + band;
      this.chain[entry] = this.slotHeads[slot]!;
      this.slotHeads[slot] = entry;
    }
    return index;
  }

  /** Stored signature of a post (a view into the arena: copy it before keeping it). */
  signatureAt(index: number): Uint32Array {
    return this.arena.subarray(index * this.hashes, (index + 1) * this.hashes);
  }

  similarity(a: number, b: number): number {
    return estimateJaccard(this.arena, a * this.hashes, this.arena, b * this.hashes, this.hashes);
  }

  /**
   * Indexed posts whose estimated Jaccard similarity with `signature` is at least `threshold`, most similar
   * first. With `limit`, the search stops once that many are found (the best of those found, not of all).
   */
  query(signature: Uint32Array, threshold: number, options: { exclude?: number; limit?: number } = {}): LshMatch[] {
    if (isEmptySignature(signature)) return [];
    const exclude = options.exclude ?? -1;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const k = this.hashes;
    // A candidate is rejected as soon as it has more unequal positions than the threshold allows.
    const maxMismatches = k - Math.ceil(threshold * k - 1e-9);
    const arena = this.arena;
    const stamp = ++this.stamp;
    const matches: LshMatch[] = [];
    for (let band = 0; band < this.bands && matches.length < limit; band++) {
      const slot = this.slotFor(this.bandKey(signature, 0, band), false);
      if (slot < 0) continue;
      let entry = this.slotHeads[slot]!;
      for (let walked = 0; entry >= 0 && walked < this.maxBucketWalk; walked++) {
        const index = (entry / this.bands) | 0;
        entry = this.chain[entry]!;
        if (index === exclude || this.seenStamp[index] === stamp) continue;
        this.seenStamp[index] = stamp;
        const base = index * k;
        let mismatches = 0;
        for (let i = 0; i < k && mismatches <= maxMismatches; i++) if (signature[i] !== arena[base + i]) mismatches++;
        if (mismatches <= maxMismatches) matches.push({ index, similarity: (k - mismatches) / k });
      }
    }
    matches.sort((x, y) => y.similarity - x.similarity || x.index - y.index);
    return matches.length > limit ? matches.slice(0, limit) : matches;
  }

  /** Approximate bytes held, for the benchmark and metrics. */
  memoryBytes(): number {
    return this.arena.byteLength + this.chain.byteLength + this.seenStamp.byteLength + this.slotKeys.byteLength + this.slotHeads.byteLength;
  }

  private bandKey(signature: Uint32Array, offset: number, band: number): number {
    let h = Math.imul(band + 1, 0x9e3779b1);
    const start = offset + band * this.rows;
    for (let r = 0; r < this.rows; r++) h = mix32(h ^ signature[start + r]!);
    return h;
  }

  /** Slot holding `key`; with `insert` a free slot is claimed (growing the table first), else -1 when absent. */
  private slotFor(key: number, insert: boolean): number {
    if (insert && (this.usedSlots + 1) * 2 > this.slotKeys.length) this.rehash(this.slotKeys.length * 2);
    const mask = this.slotKeys.length - 1;
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      if (this.slotHeads[slot] === -1) {
        if (!insert) return -1;
        this.slotKeys[slot] = key;
        this.usedSlots++;
        return slot;
      }
      if (this.slotKeys[slot] === key) return slot;
    }
  }

  private rehash(capacity: number): void {
    const oldKeys = this.slotKeys;
    const oldHeads = this.slotHeads;
    this.slotKeys = new Uint32Array(capacity);
    this.slotHeads = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const head = oldHeads[i]!;
      if (head === -1) continue;
      let slot = oldKeys[i]! & mask;
      while (this.slotHeads[slot] !== -1) slot = (slot + 1) & mask;
      this.slotKeys[slot] = oldKeys[i]!;
      this.slotHeads[slot] = head;
    }
  }
}
