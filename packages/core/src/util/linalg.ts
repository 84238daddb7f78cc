/** A dense matrix as rows of float64 numbers. */
export type Matrix = number[][];

/** Rows of a row-major Float32Array of shape [rows, cols], as float64 numbers. */
export function toRows(values: Float32Array | readonly number[], rows: number, cols: number): Matrix {
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) row[j] = values[i * cols + j]!;
    out.push(row);
  }
  return out;
}

/** The product a·b (a is n×k, b is k×m). */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const k = b.length;
  const m = k === 0 ? 0 : b[0]!.length;
  return a.map((row) => {
    const out = new Array<number>(m).fill(0);
    for (let p = 0; p < k; p++) {
      const v = row[p]!;
      if (v === 0) continue;
      const bp = b[p]!;
      for (let j = 0; j < m; j++) out[j]! += v * bp[j]!;
    }
    return out;
  });
}

/** The transpose of a matrix. */
export function transpose(a: Matrix): Matrix {
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0]!.length;
  const out: Matrix = [];
  for (let j = 0; j < cols; j++) {
    const row = new Array<number>(rows);
    for (let i = 0; i < rows; i++) row[i] = a[i]![j]!;
    out.push(row);
  }
  return out;
}

/**
 * Singular values of a matrix, largest first, min(rows, cols) of them, by one-sided Jacobi
 * rotations (Hestenes) in float64. Accurate to about 1e-12 relative; meant for the toy's sizes.
 */
export function singularValues(a: Matrix): number[] {
  const wide = a.length > 0 && a[0]!.length > a.length;
  // Work on columns of the taller orientation: the singular values of a and aᵀ are the same.
  const m = wide ? transpose(a) : a.map((row) => [...row]);
  const rows = m.length;
  const cols = rows === 0 ? 0 : m[0]!.length;
  if (cols === 0) return [];
  const tolerance = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < rows; i++) {
          const x = m[i]![p]!;
          const y = m[i]![q]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (Math.abs(gamma) <= tolerance * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = m[i]![p]!;
          const y = m[i]![q]!;
          m[i]![p] = c * x - s * y;
          m[i]![q] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const values: number[] = [];
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += m[i]![j]! ** 2;
    values.push(Math.sqrt(sum));
  }
  return values.sort((x, y) => y - x);
}

/** The r×r factor R of a thin QR of an n×r matrix (modified Gram–Schmidt; dependent columns give zero rows). */
function qrR(a: Matrix): Matrix {
  const n = a.length;
  const r = n === 0 ? 0 : a[0]!.length;
  const q = a.map((row) => [...row]);
  const R: Matrix = Array.from({ length: r }, () => new Array<number>(r).fill(0));
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let j = 0; j < r; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i]![k]! * q[i]![j]!;
      R[k]![j] = dot;
      for (let i = 0; i < n; i++) q[i]![j]! -= dot * q[i]![k]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i]![j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm <= 1e-13 * scale * Math.sqrt(n)) {
      for (let i = 0; i < n; i++) q[i]![j] = 0;
      continue;
    }
    R[j]![j] = norm;
    for (let i = 0; i < n; i++) q[i]![j]! /= norm;
  }
  return R;
}

/**
 * Singular values of the low-rank product scale·B·A (B is out×r, A is r×in) without forming it:
 * with B = Q_b R_b and Aᵀ = Q_a R_a, they are those of the r×r matrix scale·R_b·R_aᵀ. Returns r
 * values, largest first; at most min(r, in, out) of them are non-zero.
 */
export function lowRankSingularValues(B: Matrix, A: Matrix, scale = 1): number[] {
  const core = matMul(qrR(B), transpose(qrR(transpose(A)))).map((row) => row.map((v) => v * scale));
  return singularValues(core);
}
