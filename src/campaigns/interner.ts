// Maps repeated strings (platforms, groups, authors, contact keys) to dense integers so per-post columns
// stay typed arrays.
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /** The id of `value`, assigning the next free one on first sight. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  lookup(value: string): number | undefined {
    return this.ids.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}
