import { BYTES_PER_UNIT, groupDigits, type ByteUnit } from '@lora-viz/core';

/** A unit for the dashboard's numbers: a fixed byte unit, or `auto` (the binary unit that suits the largest value). */
export type DashboardUnit = 'auto' | ByteUnit;

/** Every accepted value of the `units` attribute. */
export const DASHBOARD_UNITS: readonly DashboardUnit[] = Object.freeze([
  'auto',
  ...(Object.keys(BYTES_PER_UNIT) as ByteUnit[]),
]);

/** The units the toggle offers (others stay accepted as attribute values). */
export const UNIT_CHOICES: readonly { readonly value: DashboardUnit; readonly label: string }[] = Object.freeze([
  { value: 'auto', label: 'Auto' },
  { value: 'B', label: 'bytes' },
  { value: 'MB', label: 'MB' },
  { value: 'GiB', label: 'GiB' },
]);

/** Whether `text` is one of {@link DASHBOARD_UNITS}. */
export function isDashboardUnit(text: string): text is DashboardUnit {
  return (DASHBOARD_UNITS as readonly string[]).includes(text);
}

const BINARY_LADDER: readonly ByteUnit[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * The byte unit a view is written in: the chosen one, or for `auto` the largest binary unit that keeps
 * `largest` (bytes) at least 1, so that one view uses one unit and its numbers compare at a glance.
 */
export function resolveUnit(unit: DashboardUnit, largest: number): ByteUnit {
  if (unit !== 'auto') return unit;
  return BINARY_LADDER.filter((u) => Math.abs(largest) >= BYTES_PER_UNIT[u]).at(-1) ?? 'B';
}

/** The word shown for a unit in headings and axis titles (`bytes` rather than `B`). */
export function unitName(unit: ByteUnit): string {
  return unit === 'B' ? 'bytes' : unit;
}

/**
 * A byte count written in `unit` without the unit: whole bytes with separators (`5,728`), otherwise two
 * decimals (`12.55`), or three significant digits for a non-zero value that two decimals would show as 0.
 */
export function formatInUnit(bytes: number, unit: ByteUnit): string {
  if (unit === 'B') return groupDigits(bytes);
  const value = bytes / BYTES_PER_UNIT[unit];
  if (value !== 0 && Math.abs(value) < 0.005) {
    // Three significant digits, written out rather than in exponent form.
    return value.toFixed(Math.min(20, 2 - Math.floor(Math.log10(Math.abs(value)))));
  }
  return value.toFixed(2);
}

/** An axis from 0 to `top`, in the view's unit, with evenly spaced round tick values. */
export interface NiceAxis {
  /** The value at the top of the axis (at least the largest value drawn). */
  readonly top: number;
  /** The distance between ticks (1, 2 or 5 times a power of ten). */
  readonly step: number;
  /** Tick values from 0 to `top`. */
  readonly ticks: readonly number[];
}

/** Round tick values from 0 up to at least `max`, about `count` intervals (1, 2, 5 × 10ᵏ steps). */
export function niceAxis(max: number, count = 5): NiceAxis {
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1, step: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power) as number;
  const intervals = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => round(i * step, step));
  return { top: ticks.at(-1)!, step, ticks };
}

function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

function round(value: number, step: number): number {
  return Number(value.toFixed(Math.min(20, decimalsOf(step))));
}

/** A tick value written with as many decimals as its step needs (`2,000`, `0.5`, `0.000002`). */
export function formatTick(value: number, step: number): string {
  const decimals = decimalsOf(step);
  return decimals === 0 ? groupDigits(Math.round(value)) : value.toFixed(Math.min(20, decimals));
}
