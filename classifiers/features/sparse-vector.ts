// The sparse vector the logistic model trains on: parallel index and value arrays (unsorted, no repeats).

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export function dot(x: SparseVector, w: ArrayLike<number>): number {
  let s = 0;
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++) s += (w[indices[k] as number] as number) * (values[k] as number);
  return s;
}
