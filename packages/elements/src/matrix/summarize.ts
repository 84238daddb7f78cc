/** What a heatmap needs to know about a matrix before drawing it. */
export interface MatrixSummary {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns (of the first row). */
  readonly columns: number;
  /** Smallest finite entry, or 0 for an empty matrix. */
  readonly min: number;
  /** Largest finite entry, or 0 for an empty matrix. */
  readonly max: number;
  /** Largest finite |entry|: the automatic colour-scale bound. */
  readonly maxAbs: number;
  /** Whether every entry is exactly zero (an empty matrix counts as zero). */
  readonly allZero: boolean;
  /** The first row whose length differs from the first row's, or -1 when the matrix is rectangular. */
  readonly raggedRow: number;
}

/**
 * Shape and range of a matrix given as rows, in one pass. Non-finite entries (NaN, ±∞) are left out
 * of min, max and maxAbs so that one bad number does not wash out the colours of all the others.
 */
export function summarizeMatrix(values: readonly (readonly number[])[]): MatrixSummary {
  const rows = values.length;
  const columns = rows === 0 ? 0 : values[0]!.length;
  let min = Infinity;
  let max = -Infinity;
  let allZero = true;
  let raggedRow = -1;
  for (let i = 0; i < rows; i++) {
    const row = values[i]!;
    if (raggedRow < 0 && row.length !== columns) raggedRow = i;
    for (let j = 0; j < row.length; j++) {
      const v = row[j]!;
      if (v !== 0) allZero = false;
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Infinity) {
    min = 0;
    max = 0;
  }
  return { rows, columns, min, max, maxAbs: Math.max(Math.abs(min), Math.abs(max)), allZero, raggedRow };
}
