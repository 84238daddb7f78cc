import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowRankSingularValues, singularValues, createRng, type Matrix } from '../src/index.js';

function rotation(n: number, p: number, q: number, angle: number): Matrix {
  const m: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  m[p]![p] = Math.cos(angle);
  m[q]![q] = Math.cos(angle);
  m[p]![q] = -Math.sin(angle);
  m[q]![p] = Math.sin(angle);
  return m;
}

function mul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

function random(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(-1, 1)));
}

describe('singularValues', () => {
  it('recovers Σ from U·Σ·Vᵀ built with rotations', () => {
    // U and V orthogonal (products of rotations), Σ = diag(5, 3, 0.5) padded to 4×3.
    const U = mul(rotation(4, 0, 2, 0.7), rotation(4, 1, 3, -1.1));
    const V = mul(rotation(3, 0, 1, 0.3), rotation(3, 1, 2, 2.0));
    const sigma = [
      [5, 0, 0],
      [0, 3, 0],
      [0, 0, 0.5],
      [0, 0, 0],
    ];
    const a = mul(
      mul(U, sigma),
      V.map((_, i) => V.map((row) => row[i]!)),
    );
    const values = singularValues(a);
    expect(values).toHaveLength(3);
    [5, 3, 0.5].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 10));
    // Same for the transpose (wide input).
    singularValues(a[0]!.map((_, j) => a.map((row) => row[j]!))).forEach((v, i) =>
      expect(v).toBeCloseTo(values[i]!, 10),
    );
  });

  it('keeps the sum of squares equal to the squared Frobenius norm (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (rows, cols, seed) => {
        const a = random(rows, cols, seed);
        const frob = a.flat().reduce((s, v) => s + v * v, 0);
        const sum = singularValues(a).reduce((s, v) => s + v * v, 0);
        expect(Math.abs(sum - frob)).toBeLessThan(1e-9 * Math.max(1, frob));
      }),
      { numRuns: 50, seed: 4 },
    );
  });
});

describe('lowRankSingularValues', () => {
  it('agrees with the singular values of the explicit product and has at most r non-zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(),
        (r, inF, outF, seed) => {
          const A = random(r, inF, seed);
          const B = random(outF, r, seed + 1);
          const low = lowRankSingularValues(B, A, 2.5);
          const full = singularValues(mul(B, A).map((row) => row.map((v) => 2.5 * v)));
          expect(low).toHaveLength(r);
          const k = Math.min(r, inF, outF);
          for (let i = 0; i < k; i++) expect(Math.abs(low[i]! - full[i]!)).toBeLessThan(1e-9 * Math.max(1, full[0]!));
          for (let i = k; i < r; i++) expect(low[i]!).toBeLessThan(1e-9 * Math.max(1, full[0]!));
        },
      ),
      { numRuns: 80, seed: 9 },
    );
  });
});
