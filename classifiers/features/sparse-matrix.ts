// Training rows as one compressed-sparse-row matrix: every document's hashed vector computed once and kept in
// three typed arrays (no per-row objects), shared by the calibration folds and the final model.

export interface SparseMatrix {
  /** Row r spans entries rowStart[r] .. rowStart[r + 1] - 1. */
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  /** Number of columns (indices are below it). */
  columns: number;
}

/** Appends rows one entry at a time, growing its arrays geometrically. */
export class SparseMatrixBuilder {
  private rowStart = new Int32Array(1024);
  private indices = new Int32Array(1 << 16);
  private values = new Float32Array(1 << 16);
  private rows = 0;
  private length = 0;

  constructor(readonly columns: number) {}

  /** Makes room for `extra` more entries. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.indices.length) return;
    let size = this.indices.length;
    while (size < need) size *= 2;
    const indices = new Int32Array(size);
    indices.set(this.indices.subarray(0, this.length));
    const values = new Float32Array(size);
    values.set(this.values.subarray(0, this.length));
    this.indices = indices;
    this.values = values;
  }

  /** Adds an entry to the current row (call reserve first). */
  push(index: number, value: number): void {
    this.indices[this.length] = index;
    this.values[this.length] = value;
    this.length++;
  }

  /** Closes the current row. */
  endRow(): void {
    if (this.rows + 2 > this.rowStart.length) {
      const grown = new Int32Array(this.rowStart.length * 2);
      grown.set(this.rowStart);
      this.rowStart = grown;
    }
    this.rows++;
    this.rowStart[this.rows] = this.length;
  }

  build(): SparseMatrix {
    return {
      rowStart: this.rowStart.slice(0, this.rows + 1),
      indices: this.indices.slice(0, this.length),
      values: this.values.slice(0, this.length),
      columns: this.columns,
    };
  }
}

export interface CompactMatrix {
  matrix: SparseMatrix;
  /** Local column → original column. */
  original: Int32Array;
}

/**
 * Renumbers the columns that occur, most frequent first. The trainer's per-column state then spans only the
 * features present (a few hundred thousand instead of 2^20) and the hot ones share cache lines, which is
 * most of FTRL's cost on hashed features. Ties keep the original order, so the result is deterministic.
 */
export function compactColumns(m: SparseMatrix): CompactMatrix {
  const frequency = new Int32Array(m.columns);
  for (let k = 0; k < m.indices.length; k++) {
    const c = m.indices[k] as number;
    frequency[c] = (frequency[c] as number) + 1;
  }
  let used = 0;
  for (let c = 0; c < m.columns; c++) if ((frequency[c] as number) > 0) used++;
  const original = new Int32Array(used);
  used = 0;
  for (let c = 0; c < m.columns; c++) if ((frequency[c] as number) > 0) original[used++] = c;
  const byFrequency = Array.from(original).sort((a, b) => (frequency[b] as number) - (frequency[a] as number) || a - b);
  const local = new Int32Array(m.columns).fill(-1);
  byFrequency.forEach((c, j) => {
    original[j] = c;
    local[c] = j;
  });
  const indices = new Int32Array(m.indices.length);
  for (let k = 0; k < indices.length; k++) indices[k] = local[m.indices[k] as number] as number;
  return { matrix: { rowStart: m.rowStart, indices, values: m.values, columns: used }, original };
}

/** Row r of `m` dotted with `w` (indexed in m's column space). */
export function rowDot(m: SparseMatrix, r: number, w: ArrayLike<number>): number {
  let s = 0;
  const end = m.rowStart[r + 1] as number;
  for (let k = m.rowStart[r] as number; k < end; k++) s += (w[m.indices[k] as number] as number) * (m.values[k] as number);
  return s;
}
