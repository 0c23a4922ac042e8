// The words the lexicons know, each with a small integer id. A post's tokens are looked up straight from the
// normalized text's character codes (hash + compare), so scanning needs no token strings and no string hashing.

const EMPTY = -1;

export class Vocabulary {
  private readonly words: string[] = [];
  private readonly byWord = new Map<string, number>();
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
    if (this.words.length * 2 > this.slotIds.length) this.rehash(this.slotIds.length * 2);
    else this.place(id);
    return id;
  }

  /** The id of text[start, end), or -1 when the lexicons do not know the word. */
  lookup(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    const mask = this.slotIds.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slotIds[slot] as number;
      if (id === EMPTY) return EMPTY;
      if (this.slotHashes[slot] !== h) continue;
      const word = this.words[id] as string;
      if (word.length !== len) continue;
      let same = true;
      for (let k = 0; k < len; k++)
        if (word.charCodeAt(k) !== text.charCodeAt(start + k)) {
          same = false;
          break;
        }
      if (same) return id;
    }
  }

  private place(id: number): void {
    const word = this.words[id] as string;
    let h = 0x811c9dc5;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
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
