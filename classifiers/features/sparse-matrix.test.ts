// The training matrix: rows built incrementally, and column renumbering that changes no dot product.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../common/random.js';
import { compactColumns, rowDot, SparseMatrixBuilder } from './sparse-matrix.js';

function randomMatrix(rows: number, columns: number, seed: number, maxPerRow = 30) {
  const random = createRandom(seed);
  const builder = new SparseMatrixBuilder(columns);
  const dense: Array<Map<number, number>> = [];
  for (let r = 0; r < rows; r++) {
    const row = new Map<number, number>();
    // Skewed columns, as hashed n-grams are: a few frequent, many rare; some rows empty.
    const n = Math.floor(random() * maxPerRow);
    for (let k = 0; k < n; k++) row.set(Math.floor(columns * random() ** 3), Math.round(random() * 100) / 10);
    builder.reserve(row.size);
    for (const [c, v] of row) builder.push(c, v);
    builder.endRow();
    dense.push(row);
  }
  return { matrix: builder.build(), dense };
}

describe('SparseMatrixBuilder', () => {
  it('keeps every row, including empty ones, across growth of its arrays', () => {
    // ~1500 rows of up to 200 entries: past the builder's initial 1,024 rows and 65,536 entries.
    const { matrix, dense } = randomMatrix(1500, 50_000, 1, 200);
    expect(matrix.rowStart.length).toBe(1501);
    expect(matrix.indices.length).toBeGreaterThan(1 << 16);
    const rows = (r: number) => {
      const got: Array<[number, number]> = [];
      for (let k = matrix.rowStart[r] as number; k < (matrix.rowStart[r + 1] as number); k++) got.push([matrix.indices[k] as number, matrix.values[k] as number]);
      return got;
    };
    // Compared as JSON: a deep equality over ~150,000 pairs takes seconds.
    expect(JSON.stringify(dense.map((_, r) => rows(r)))).toBe(JSON.stringify(dense.map((row) => [...row].map(([c, v]) => [c, Math.fround(v)]))));
  });
});

describe('compactColumns', () => {
  it('numbers used columns most frequent first and preserves every row dot product', () => {
    const { matrix } = randomMatrix(500, 2000, 2);
    const { matrix: compact, original } = compactColumns(matrix);
    const frequency = new Map<number, number>();
    for (const c of matrix.indices) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    expect(compact.columns).toBe(frequency.size);
    expect(new Set(original).size).toBe(original.length);
    for (let j = 1; j < original.length; j++) {
      const before = frequency.get(original[j - 1] as number) as number;
      const after = frequency.get(original[j] as number) as number;
      expect(before > after || (before === after && (original[j - 1] as number) < (original[j] as number))).toBe(true);
    }
    const random = createRandom(3);
    const w = Float64Array.from({ length: matrix.columns }, () => random() - 0.5);
    const local = Float64Array.from(original, (c) => w[c] as number);
    for (let r = 0; r < 500; r++) expect(rowDot(compact, r, local)).toBe(rowDot(matrix, r, w));
  });
});
