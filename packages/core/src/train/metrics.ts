import { InvalidOptionError } from '../model/errors.js';
import type { TaskName } from '../model/tasks.js';

/** Metric values by name (`accuracy`, `macroF1`, `spearman`, `pearson`, `mse`, `r2`); plain numbers. */
export type TaskMetrics = Readonly<Record<string, number>>;

/** The metric that sums up a run of each task: accuracy, Spearman's ρ, or R². */
export const PRIMARY_METRIC: Readonly<Record<TaskName, string>> = Object.freeze({
  sentiment: 'accuracy',
  classification: 'accuracy',
  similarity: 'spearman',
  regression: 'r2',
});

function checkPaired(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new InvalidOptionError('predicted', `as many entries as the labels (${a.length})`, `got ${b.length}`);
  }
}

/** Fraction of predictions equal to the label, from 0 to 1 (0 for no examples). */
export function accuracy(labels: readonly number[], predicted: readonly number[]): number {
  checkPaired(labels, predicted);
  if (labels.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) hits++;
  return hits / labels.length;
}

/**
 * Confusion matrix as scikit-learn lays it out: `m[true][predicted]` counts the examples of class
 * `true` that were predicted as `predicted`; classes are 0 to `classes − 1`.
 */
export function confusionMatrix(labels: readonly number[], predicted: readonly number[], classes: number): number[][] {
  checkPaired(labels, predicted);
  if (!Number.isInteger(classes) || classes < 1) {
    throw new InvalidOptionError('classes', 'a positive integer', `got ${String(classes)}`);
  }
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predicted[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= classes || !Number.isInteger(p) || p < 0 || p >= classes) {
      throw new InvalidOptionError('labels', `class indices from 0 to ${classes - 1}`, `entry ${i} is ${t} → ${p}`);
    }
    m[t]![p]! += 1;
  }
  return m;
}

/**
 * Macro-averaged F1, from 0 to 1: the unweighted mean over classes of 2·TP / (2·TP + FP + FN).
 * As scikit-learn's `f1_score(average='macro')` without `labels`, the mean runs over the classes that
 * occur among the labels or the predictions, and a class with TP = 0 scores 0 (its `zero_division`
 * default). No examples give 0.
 */
export function macroF1(labels: readonly number[], predicted: readonly number[], classes: number): number {
  const m = confusionMatrix(labels, predicted, classes);
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < classes; c++) {
    const tp = m[c]![c]!;
    const fn = m[c]!.reduce((a, b) => a + b, 0) - tp;
    const fp = m.reduce((a, row) => a + row[c]!, 0) - tp;
    if (tp + fn + fp === 0) continue;
    sum += (2 * tp) / (2 * tp + fp + fn);
    counted++;
  }
  return counted === 0 ? 0 : sum / counted;
}

/**
 * Pearson correlation of two series, from −1 to 1. When either series is constant (or has fewer than
 * two entries) the correlation is undefined — scipy returns NaN — and this returns 0, "no measurable
 * linear relation", so that progress displays and JSON never carry NaN.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return 0;
  // Rounding can push |r| a hair above 1 for perfectly correlated series.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks from 1 to n; tied values share the average of the ranks they span (scipy's `rankdata`). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Spearman rank correlation, from −1 to 1: the Pearson correlation of the average ranks (ties share
 * their mean rank, as scipy's `spearmanr`). A constant series gives 0, as {@link pearson} explains.
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  checkPaired(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

function checkRows(targets: readonly (readonly number[])[], outputs: readonly (readonly number[])[]): number {
  checkPaired(targets, outputs);
  const width = targets[0]?.length ?? 0;
  targets.forEach((row, i) => {
    if (row.length !== width || outputs[i]!.length !== width) {
      throw new InvalidOptionError('outputs', `rows of ${width} numbers`, `row ${i} has another length`);
    }
  });
  return width;
}

/** Mean squared error over every target of every example (same unit as the targets, squared); 0 for none. */
export function meanSquaredErrorMetric(
  targets: readonly (readonly number[])[],
  outputs: readonly (readonly number[])[],
): number {
  const width = checkRows(targets, outputs);
  if (targets.length === 0 || width === 0) return 0;
  let sum = 0;
  targets.forEach((row, i) => row.forEach((t, j) => (sum += (outputs[i]![j]! - t) ** 2)));
  return sum / (targets.length * width);
}

/**
 * Coefficient of determination R² = 1 − SS_res / SS_tot per target, averaged uniformly over targets
 * (scikit-learn's `r2_score` default, `multioutput='uniform_average'`); at most 1, unbounded below.
 * A constant target column scores, as scikit-learn's `force_finite=True`: 1 when predicted exactly,
 * else 0. No examples give 0.
 */
export function r2Score(targets: readonly (readonly number[])[], outputs: readonly (readonly number[])[]): number {
  const width = checkRows(targets, outputs);
  const n = targets.length;
  if (n === 0 || width === 0) return 0;
  let total = 0;
  for (let j = 0; j < width; j++) {
    const mean = targets.reduce((a, row) => a + row[j]!, 0) / n;
    let ssRes = 0;
    let ssTot = 0;
    for (let i = 0; i < n; i++) {
      ssRes += (targets[i]![j]! - outputs[i]![j]!) ** 2;
      ssTot += (targets[i]![j]! - mean) ** 2;
    }
    total += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  return total / width;
}
