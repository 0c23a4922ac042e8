// Pairwise clustering metrics: a pair of posts is a true positive when both the index and the ground truth put them together.

export interface PairwiseScores {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
}

/** `truth` and `predicted` give each item's cluster label, index by index. */
export function pairwiseScores(truth: readonly string[], predicted: readonly number[]): PairwiseScores {
  let both = 0;
  let truePairs = 0;
  let predictedPairs = 0;
  for (let i = 0; i < truth.length; i++) {
    for (let j = i + 1; j < truth.length; j++) {
      const t = truth[i] === truth[j];
      const p = predicted[i] === predicted[j];
      if (t) truePairs++;
      if (p) predictedPairs++;
      if (t && p) both++;
    }
  }
  return {
    precision: predictedPairs === 0 ? 1 : both / predictedPairs,
    recall: truePairs === 0 ? 1 : both / truePairs,
    truePairs,
    predictedPairs,
  };
}
