// A trie over word tokens: finds every lexicon phrase in a tokenized text in one pass, whatever the
// lexicon size, so adding terms to the data files does not slow extraction down.

interface Node<P> {
  next: Map<string, Node<P>> | null;
  payloads: P[] | null;
}

export interface PhraseHit<P> {
  payload: P;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
}

export class PhraseTrie<P> {
  private readonly root: Node<P> = { next: null, payloads: null };
  private maxDepth = 0;

  /** Adds a phrase given as its tokens; an empty phrase is ignored. */
  add(tokens: readonly string[], payload: P): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const token of tokens) {
      node.next ??= new Map();
      let child = node.next.get(token);
      if (child === undefined) {
        child = { next: null, payloads: null };
        node.next.set(token, child);
      }
      node = child;
    }
    (node.payloads ??= []).push(payload);
    if (tokens.length > this.maxDepth) this.maxDepth = tokens.length;
  }

  /** Every occurrence of every phrase, overlapping ones included, in token order. */
  findAll(tokens: readonly string[], out: Array<PhraseHit<P>> = [], limit = Infinity): Array<PhraseHit<P>> {
    const rootNext = this.root.next;
    if (rootNext === null) return out;
    const n = tokens.length;
    for (let i = 0; i < n && out.length < limit; i++) {
      let node = rootNext.get(tokens[i] as string);
      let j = i + 1;
      while (node !== undefined) {
        if (node.payloads !== null) for (const payload of node.payloads) out.push({ payload, t0: i, t1: j });
        if (node.next === null || j >= n) break;
        node = node.next.get(tokens[j] as string);
        j++;
      }
    }
    return out;
  }
}
