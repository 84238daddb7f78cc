import { LAYER_NAMES, TASKS, isLayerName, isTaskName, type LayerName, type TaskName } from '../index.js';
import { UsageError, quote } from './usage-error.js';

// Plain decimal notation only: Number() also accepts "", " ", "0x10", "0b1" and "Infinity", none of
// which a user means as a number here.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const INTEGER = /^\+?\d+$/;

/** Parses a finite decimal number, or `undefined` when `text` is not one. */
function decimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Parses an integer from `min` to `max` given to option `flag`.
 *
 * @throws UsageError naming `flag` and the accepted range (`accepted` when given).
 */
export function parseInteger(flag: string, text: string, min: number, max: number, accepted?: string): number {
  const value = INTEGER.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be ${accepted ?? `an integer from ${min} to ${max}`} (got ${quote(text)})`);
  }
  return value;
}

/**
 * Parses a finite number given to option `flag`, optionally within [min, max) (`accepted` says so).
 *
 * @throws UsageError naming `flag` and what it accepts.
 */
export function parseNumber(
  flag: string,
  text: string,
  accepted = 'a finite number',
  min = -Infinity,
  max = Infinity,
): number {
  const value = decimal(text);
  if (value === undefined || value < min || value >= max) {
    throw new UsageError(`${flag} must be ${accepted} (got ${quote(text)})`);
  }
  return value;
}

/**
 * Parses a task name given to `--task`.
 *
 * @throws UsageError listing the tasks.
 */
export function parseTask(flag: string, text: string): TaskName {
  if (!isTaskName(text)) throw new UsageError(`${flag} must be one of ${TASKS.join(', ')} (got ${quote(text)})`);
  return text;
}

/**
 * Parses a comma-separated, non-empty list of layer names, deduplicated and in model order.
 *
 * @throws UsageError naming `flag` and the layer names.
 */
export function parseLayerList(flag: string, text: string): LayerName[] {
  const items = text.split(',').map((item) => item.trim());
  const accepted = `a comma-separated list of layers from ${LAYER_NAMES.join(', ')}`;
  for (const item of items) {
    if (!isLayerName(item)) {
      const what = item === '' ? 'an empty item' : `unknown layer ${quote(item)}`;
      throw new UsageError(`${flag} must be ${accepted} (got ${quote(text)}: ${what})`);
    }
  }
  return LAYER_NAMES.filter((name) => items.includes(name));
}

/**
 * Parses `--init`: `true`, `false` or `gaussian`, as PEFT's `init_lora_weights`.
 *
 * @throws UsageError listing the three values.
 */
export function parseInit(flag: string, text: string): boolean | 'gaussian' {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'gaussian') return 'gaussian';
  throw new UsageError(`${flag} must be true, false or gaussian (got ${quote(text)})`);
}

/**
 * Parses a vector of exactly `length` comma-separated finite numbers (`unit` says what each one is).
 *
 * @throws UsageError naming `flag`, the expected length and the first bad item.
 */
export function parseVector(flag: string, text: string, length: number, unit = 'one per input feature'): number[] {
  const accepted = `${length} comma-separated finite numbers, ${unit}`;
  const items = text.split(',');
  const values: number[] = [];
  for (const [i, item] of items.entries()) {
    const value = decimal(item);
    if (value === undefined) {
      const what = item.trim() === '' ? `item ${i + 1} is empty` : `item ${i + 1} is ${quote(item)}`;
      throw new UsageError(`${flag} must be ${accepted} (${what})`);
    }
    values.push(value);
  }
  if (values.length !== length) {
    throw new UsageError(
      `${flag} must be ${accepted} (got ${values.length} ${values.length === 1 ? 'number' : 'numbers'})`,
    );
  }
  return values;
}
