import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/index.js';
import {
  accuracy,
  averageRanks,
  confusionMatrix,
  macroF1,
  meanSquaredErrorMetric,
  pearson,
  r2Score,
  spearman,
} from '../src/train/metrics.js';

describe('classification metrics', () => {
  const labels = [0, 0, 1, 1, 2];
  const predicted = [0, 1, 1, 1, 0];

  it('counts accuracy as the fraction of exact hits', () => {
    expect(accuracy([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75);
    expect(accuracy(labels, predicted)).toBe(0.6);
    expect(accuracy([], [])).toBe(0);
  });

  it('lays out the confusion matrix as m[true][predicted]', () => {
    expect(confusionMatrix(labels, predicted, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });

  it('averages per-class F1 over the classes that occur', () => {
    // class 0: TP 1, FP 1, FN 1 → 0.5; class 1: TP 2, FP 1, FN 0 → 0.8; class 2: TP 0 → 0.
    expect(macroF1(labels, predicted, 3)).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
    // A fourth class that never occurs is left out, as scikit-learn does without `labels`.
    expect(macroF1(labels, predicted, 4)).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
    expect(macroF1([1, 1], [1, 1], 2)).toBe(1);
    expect(macroF1([], [], 2)).toBe(0);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(InvalidOptionError);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(InvalidOptionError);
  });
});

describe('correlations', () => {
  it('computes Pearson r by hand', () => {
    // x = 1,2,3; y = 2,4,7: Sxy = 5, Sxx = 2, Syy = 114/9.
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
  });

  it('gives tied values the average of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([5, 5, 5])).toEqual([2, 2, 2]);
    expect(averageRanks([3, 1, 2])).toEqual([3, 1, 2]);
  });

  it('computes Spearman ρ with ties as the Pearson r of average ranks', () => {
    // ranks 1, 2.5, 2.5, 4 vs 1, 3, 2, 4: Sxy = 4.5, Sxx = 4.5, Syy = 5 → 4.5/√22.5 (scipy: 0.9486832980505138).
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 12);
    // Monotonic but not linear: ρ = 1.
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBe(1);
  });

  it('returns 0, not NaN, for a constant series or fewer than two points', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
    expect(spearman([0.5, 0.5, 0.5], [0.1, 0.9, 0.4])).toBe(0);
    expect(spearman([1], [2])).toBe(0);
    expect(pearson([], [])).toBe(0);
  });
});

describe('regression metrics', () => {
  const targets = [
    [1, 2],
    [3, 4],
  ];
  const outputs = [
    [1, 3],
    [5, 4],
  ];

  it('averages the squared error over every target', () => {
    expect(meanSquaredErrorMetric(targets, outputs)).toBe((0 + 1 + 4 + 0) / 4);
  });

  it('averages R² uniformly over the targets', () => {
    // Column 0: SS_tot 2, SS_res 4 → −1. Column 1: SS_tot 2, SS_res 1 → 0.5. Mean −0.25.
    expect(r2Score(targets, outputs)).toBeCloseTo(-0.25, 12);
    expect(r2Score(targets, targets)).toBe(1);
  });

  it('scores a constant target 1 when predicted exactly and 0 otherwise', () => {
    const constant = [
      [1, 0],
      [1, 2],
    ];
    // Column 1 is perfect (R² 1) in both cases; column 0 is constant.
    expect(r2Score(constant, constant)).toBe(1);
    expect(
      r2Score(constant, [
        [1.5, 0],
        [1, 2],
      ]),
    ).toBe(0.5);
  });
});
