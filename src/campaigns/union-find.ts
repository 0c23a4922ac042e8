// Disjoint sets over dense post indices (union by size, path halving) with a member ring per set,
// so a campaign's posts can be listed without scanning every post.
import { ensureLength } from './growable.js';

export class UnionFind {
  private parent = new Int32Array(0);
  private setSize = new Int32Array(0);
  /** Circular singly linked list through the members of each set; splicing two rings merges them in O(1). */
  private ring = new Int32Array(0);
  private count = 0;

  /** `capacity`: elements to allocate room for up front. */
  constructor(capacity = 0) {
    if (capacity > 0) {
      this.parent = new Int32Array(capacity);
      this.setSize = new Int32Array(capacity);
      this.ring = new Int32Array(capacity);
    }
  }

  get size(): number {
    return this.count;
  }

  /** Adds a singleton set and returns its element. */
  add(): number {
    const element = this.count++;
    this.parent = ensureLength(this.parent, this.count);
    this.setSize = ensureLength(this.setSize, this.count);
    this.ring = ensureLength(this.ring, this.count);
    this.parent[element] = element;
    this.setSize[element] = 1;
    this.ring[element] = element;
    return element;
  }

  find(element: number): number {
    const parent = this.parent;
    let x = element;
    for (;;) {
      const p = parent[x]!;
      if (p === x) return x;
      const gp = parent[p]!;
      parent[x] = gp;
      x = gp;
    }
  }

  /** Merges the sets of `a` and `b`; returns the surviving root and the absorbed one, or null when already joined. */
  union(a: number, b: number): { root: number; absorbed: number } | null {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return null;
    if (this.setSize[ra]! < this.setSize[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.setSize[ra] = this.setSize[ra]! + this.setSize[rb]!;
    const next = this.ring[ra]!;
    this.ring[ra] = this.ring[rb]!;
    this.ring[rb] = next;
    return { root: ra, absorbed: rb };
  }

  sizeOf(element: number): number {
    return this.setSize[this.find(element)]!;
  }

  /** Every element in the set of `element`, in ring order. */
  *members(element: number): Generator<number> {
    let x = element;
    do {
      yield x;
      x = this.ring[x]!;
    } while (x !== element);
  }
}
