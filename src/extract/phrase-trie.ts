// A trie over word tokens: finds every lexicon phrase in a tokenized text in one pass, whatever the
// lexicon size, so adding terms to the data files does not slow extraction down. Tokens are vocabulary ids
// (see vocabulary.ts); a token the vocabulary does not know (-1) starts and continues no phrase.
import type { Vocabulary } from './vocabulary.js';

export interface PhraseHit<P> {
  payload: P;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
}

// Child links of all nodes in one map keyed by node * ID_SPAN + token id (small integers, fast to hash).
const ID_SPAN = 1 << 16;

export class PhraseTrie<P> {
  /** Children of the root by token id: the first step of every match is an array read. */
  private rootChild = new Int32Array(0);
  private readonly children = new Map<number, number>();
  private readonly payloads: Array<P[] | null> = [null];
  /** Per node, the bucket of each of its payloads (parallel to `payloads`), for collect(). */
  private readonly buckets: Array<number[] | null> = [null];
  private readonly hasChildren: boolean[] = [false];
  /** The child links in flat arrays for scanning, built on first scan and again after a phrase is added. */
  private table: ChildTable<P> | null = null;

  constructor(private readonly vocabulary: Vocabulary) {}

  /**
   * Adds a phrase given as its tokens; an empty phrase is ignored. `bucket` (0..255) is the list collect() puts its
   * hits in.
   */
  add(tokens: readonly string[], payload: P, bucket = 0): void {
    if (tokens.length === 0) return;
    let node = 0;
    for (const token of tokens) {
      const id = this.vocabulary.add(token);
      if (id >= ID_SPAN) throw new Error('vocabulary too large for the phrase trie');
      let child = node === 0 ? this.rootChildOf(id) : this.children.get(node * ID_SPAN + id);
      if (child === undefined || child === 0) {
        child = this.payloads.length;
        this.payloads.push(null);
        this.buckets.push(null);
        this.hasChildren.push(false);
        this.hasChildren[node] = true;
        if (node === 0) this.setRootChild(id, child);
        else this.children.set(node * ID_SPAN + id, child);
        this.table = null;
      }
      node = child;
    }
    (this.payloads[node] ??= []).push(payload);
    (this.buckets[node] ??= []).push(bucket);
  }

  /**
   * Every occurrence of every phrase, overlapping ones included, in token order, pushed as hit objects onto
   * `out[bucket]` by each payload's bucket; stops starting new matches once `limit` hits were collected. No
   * callback per hit: the walk and the pushes stay in one loop over flat arrays.
   */
  collect(ids: Int32Array, limit: number, out: ReadonlyArray<Array<PhraseHit<P>>>): void {
    const table = this.scanTable();
    const n = ids.length;
    const root = this.rootChild;
    // Locals: a property read on every step of the scan is not always hoisted out of the loop.
    const hasChildren = table.hasChildren;
    const firstPayload = table.firstPayload;
    const flatPayloads = table.flatPayloads;
    const flatBuckets = table.flatBuckets;
    let count = 0;
    for (let i = 0; i < n && count < limit; i++) {
      const first = ids[i] as number;
      if (first < 0 || first >= root.length) continue;
      let node = root[first] as number;
      let j = i + 1;
      while (node !== 0) {
        const end = firstPayload[node + 1] as number;
        for (let k = firstPayload[node] as number; k < end; k++) {
          (out[flatBuckets[k] as number] as Array<PhraseHit<P>>).push({ payload: flatPayloads[k] as P, t0: i, t1: j });
          count++;
        }
        if (hasChildren[node] === 0 || j >= n) break;
        const id = ids[j] as number;
        if (id < 0) break;
        node = table.get(node, id);
        j++;
      }
    }
  }

  private scanTable(): ChildTable<P> {
    if (this.table === null) this.table = new ChildTable(this.children, this.hasChildren, this.payloads, this.buckets);
    return this.table;
  }

  private rootChildOf(id: number): number {
    return id < this.rootChild.length ? (this.rootChild[id] as number) : 0;
  }

  private setRootChild(id: number, child: number): void {
    if (id >= this.rootChild.length) {
      const grown = new Int32Array(Math.max(id + 1, this.rootChild.length * 2, 256));
      grown.set(this.rootChild);
      this.rootChild = grown;
    }
    this.rootChild[id] = child;
  }
}

/**
 * The trie's child links (node, token id) -> child as an open-addressing hash table in typed arrays: a scan reads
 * a few integers per step instead of hashing a Map key.
 */
class ChildTable<P> {
  private readonly nodes: Int32Array;
  private readonly ids: Int32Array;
  private readonly childNodes: Int32Array;
  private readonly mask: number;
  /** Per node, 1 when it has children: the trie's flags as bytes, a flat read in the scan. */
  readonly hasChildren: Uint8Array;
  /** Node n's payloads are flatPayloads[firstPayload[n] .. firstPayload[n + 1]), their buckets alongside. */
  readonly firstPayload: Int32Array;
  readonly flatPayloads: P[] = [];
  readonly flatBuckets: Uint8Array;

  constructor(
    children: ReadonlyMap<number, number>,
    hasChildren: readonly boolean[],
    payloads: ReadonlyArray<readonly P[] | null>,
    buckets: ReadonlyArray<readonly number[] | null>,
  ) {
    this.hasChildren = Uint8Array.from(hasChildren, (has) => (has ? 1 : 0));
    this.firstPayload = new Int32Array(payloads.length + 1);
    const flatBuckets: number[] = [];
    for (let node = 0; node < payloads.length; node++) {
      this.firstPayload[node] = this.flatPayloads.length;
      for (const p of payloads[node] ?? []) this.flatPayloads.push(p);
      for (const b of buckets[node] ?? []) flatBuckets.push(b);
    }
    this.firstPayload[payloads.length] = this.flatPayloads.length;
    this.flatBuckets = Uint8Array.from(flatBuckets);
    let size = 16;
    while (size < children.size * 2) size *= 2;
    this.mask = size - 1;
    this.nodes = new Int32Array(size);
    this.ids = new Int32Array(size);
    this.childNodes = new Int32Array(size); // 0: empty slot (the root is never a child)
    for (const [key, child] of children) {
      const node = Math.floor(key / ID_SPAN);
      const id = key - node * ID_SPAN;
      let slot = hashLink(node, id) & this.mask;
      while (this.childNodes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.nodes[slot] = node;
      this.ids[slot] = id;
      this.childNodes[slot] = child;
    }
  }

  /** The child of `node` along token `id`, or 0 when there is none. */
  get(node: number, id: number): number {
    for (let slot = hashLink(node, id) & this.mask; ; slot = (slot + 1) & this.mask) {
      const child = this.childNodes[slot] as number;
      if (child === 0 || (this.nodes[slot] === node && this.ids[slot] === id)) return child;
    }
  }
}

function hashLink(node: number, id: number): number {
  const h = Math.imul(node ^ Math.imul(id, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}
