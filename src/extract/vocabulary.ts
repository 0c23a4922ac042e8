// The words the lexicons know, each with a small integer id. A post's tokens are looked up straight from the
// normalized text's character codes (hash + compare), so scanning needs no token strings and no string hashing.

const EMPTY = -1;
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

export class Vocabulary {
  private readonly words: string[] = [];
  private readonly byWord = new Map<string, number>();
  // The words' UTF-16 units side by side in one array: comparing against it is a flat read.
  private pool = new Uint16Array(4096);
  private poolLength = 0;
  private wordStart = new Int32Array(1024);
  private wordLength = new Int32Array(1024);
  private slotIds = new Int32Array(1024).fill(EMPTY);
  private slotHashes = new Int32Array(1024);

  get size(): number {
    return this.words.length;
  }

  /** The id of a word, added if new. */
  add(word: string): number {
    const known = this.byWord.get(word);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.words.push(word);
    this.byWord.set(word, id);
    this.store(id, word);
    if (this.words.length * 2 > this.slotIds.length) this.rehash(this.slotIds.length * 2);
    else this.place(id);
    return id;
  }

  /** The id of text[start, end), or -1 when the lexicons do not know the word. */
  lookup(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), FNV_PRIME);
    return this.lookupHashed(text, start, end, h);
  }

  /** lookup() with the word's hash already computed (normalize.ts hashes tokens as it finds them). */
  lookupHashed(text: string, start: number, end: number, h: number): number {
    const mask = this.slotIds.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slotIds[slot] as number;
      if (id === EMPTY) return EMPTY;
      if (this.slotHashes[slot] !== h) continue;
      if (this.wordLength[id] !== len) continue;
      const pool = this.pool;
      const at = this.wordStart[id] as number;
      let same = true;
      for (let k = 0; k < len; k++)
        if (pool[at + k] !== text.charCodeAt(start + k)) {
          same = false;
          break;
        }
      if (same) return id;
    }
  }

  private store(id: number, word: string): void {
    if (id >= this.wordStart.length) {
      const starts = new Int32Array(this.wordStart.length * 2);
      const lengths = new Int32Array(this.wordStart.length * 2);
      starts.set(this.wordStart);
      lengths.set(this.wordLength);
      this.wordStart = starts;
      this.wordLength = lengths;
    }
    if (this.poolLength + word.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolLength + word.length));
      pool.set(this.pool);
      this.pool = pool;
    }
    this.wordStart[id] = this.poolLength;
    this.wordLength[id] = word.length;
    for (let k = 0; k < word.length; k++) this.pool[this.poolLength++] = word.charCodeAt(k);
  }

  private place(id: number): void {
    const word = this.words[id] as string;
    let h = FNV_OFFSET;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
    const mask = this.slotIds.length - 1;
    let slot = h & mask;
    while (this.slotIds[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slotIds[slot] = id;
    this.slotHashes[slot] = h;
  }

  private rehash(size: number): void {
    this.slotIds = new Int32Array(size).fill(EMPTY);
    this.slotHashes = new Int32Array(size);
    for (let id = 0; id < this.words.length; id++) this.place(id);
  }
}

/** The one vocabulary of the extractor: lexicon phrases and language-detection words register here at load. */
export const VOCABULARY = new Vocabulary();
