import type { TrainingMethod } from '@lora-viz/core';
import { COMPONENTS, type PartComponent } from './components.js';

/** A row of the memory table: a component, the total, or the ratio to full fine-tuning. */
export type RowKey = PartComponent | 'total' | 'ratio';

/** One number of the dashboard: a method and a row; table cells and bar segments share these. */
export interface CellKey {
  /** The method (column of the table, bar of the chart). */
  readonly method: TrainingMethod;
  /** The row (segment of the bar, for components). */
  readonly row: RowKey;
}

/** Kebab-case name of a row, for part names and ids. */
export function rowSlug(row: RowKey): string {
  return COMPONENTS.find((c) => c.key === row)?.slug ?? row;
}

/** The id of the element holding the formula of a number, for `aria-describedby`. */
export function formulaId(key: CellKey): string {
  return `formula-${key.method}-${rowSlug(key.row)}`;
}

/** Whether two keys name the same number. */
export function sameKey(a: CellKey | null, b: CellKey | null): boolean {
  return a !== null && b !== null && a.method === b.method && a.row === b.row;
}

/** Reads the key of a table cell or bar segment from its `data-method` and `data-row` attributes. */
export function keyOf(element: Element | null): CellKey | null {
  const target = element?.closest('[data-method][data-row]');
  if (!target) return null;
  return {
    method: target.getAttribute('data-method') as TrainingMethod,
    row: target.getAttribute('data-row') as RowKey,
  };
}
