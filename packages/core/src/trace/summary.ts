import type { ValueSummary } from './types.js';

/** Largest value carried in full by a summary (the toy's biggest tensor is a few hundred numbers). */
export const MAX_SUMMARY_VALUES = 4096;

/** Summarises row-major values of a shape: min, max, mean, norm, and the values when few enough. */
export function summarize(
  values: readonly number[],
  shape: readonly number[],
  maxValues = MAX_SUMMARY_VALUES,
): ValueSummary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    squares += v * v;
  }
  const n = values.length;
  return Object.freeze({
    shape: Object.freeze([...shape]),
    min: n === 0 ? 0 : min,
    max: n === 0 ? 0 : max,
    mean: n === 0 ? 0 : sum / n,
    norm: Math.sqrt(squares),
    ...(n <= maxValues ? { values: Object.freeze([...values]) } : {}),
  });
}
