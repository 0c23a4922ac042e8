// Where `waspada dataset export` gets analyst-labelled posts. The store implements it; tests use an array.

export interface LabelledPost {
  id: number;
  text: string;
  label: 'scam' | 'legit';
}

export interface LabelSource {
  /** Every post with an analyst decision that maps to a label, oldest first. */
  labelledPosts(): AsyncIterable<LabelledPost>;
}

/** A LabelSource over an in-memory list (tests, and exporting a JSONL file again). */
export function arrayLabelSource(posts: readonly LabelledPost[]): LabelSource {
  return {
    async *labelledPosts() {
      yield* posts;
    },
  };
}
