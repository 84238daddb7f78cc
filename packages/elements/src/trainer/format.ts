import type { TaskMetrics } from '@lora-viz/core';

/** Longest stretch of a line shown in lists, in UTF-16 code units; the rest is summarised. */
export const SHOWN_TEXT_LENGTH = 160;

/** A number with 3 significant digits and a true minus sign, e.g. `0.412`, `−1.05`, `1.2e-5`. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(Number(value.toPrecision(digits)));
  return text.replace('-', '\u2212');
}

/** A value with two decimals and a true minus sign, e.g. `0.87`, `−0.31`; never `−0.00`. */
export function formatUnit(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text.replace('-', '\u2212');
}

/** The names people read for core's metric keys. */
export const METRIC_NAMES: Readonly<Record<string, string>> = Object.freeze({
  loss: 'loss',
  accuracy: 'accuracy',
  macroF1: 'macro-F1',
  spearman: 'Spearman ρ',
  pearson: 'Pearson r',
  mse: 'MSE',
  r2: 'R²',
});

/** The metrics shown per task, the task loss last. */
export function metricKeys(metrics: TaskMetrics): string[] {
  const order = ['accuracy', 'macroF1', 'spearman', 'pearson', 'mse', 'r2', 'loss'];
  return order.filter((key) => typeof metrics[key] === 'number');
}

/**
 * A line as shown in lists: at most {@link SHOWN_TEXT_LENGTH} code units (never cutting an emoji in
 * half) and, past that, how many characters were left out. The full text stays in the textarea.
 */
export function shownText(text: string): string {
  if (text.length <= SHOWN_TEXT_LENGTH) return text;
  let end = SHOWN_TEXT_LENGTH;
  const last = text.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half a character.
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… (${(text.length - end).toLocaleString('en-US')} more characters)`;
}
