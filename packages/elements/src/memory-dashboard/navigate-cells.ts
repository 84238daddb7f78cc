import { TRAINING_METHODS, type TrainingMethod } from '@lora-viz/core';
import type { CellKey, RowKey } from './cell-key.js';

/**
 * The table cell an arrow key leads to from `from`: ↑ ↓ move between rows, ← → between methods, Home and
 * End to the first and last method; `null` for any other key. Moves stop at the edges.
 *
 * @param rows - The table's rows, top to bottom.
 */
export function moveInTable(from: CellKey, key: string, rows: readonly RowKey[]): CellKey | null {
  let row = rows.indexOf(from.row);
  let col = TRAINING_METHODS.indexOf(from.method);
  const last = TRAINING_METHODS.length - 1;
  switch (key) {
    case 'ArrowUp':
      row = Math.max(0, row - 1);
      break;
    case 'ArrowDown':
      row = Math.min(rows.length - 1, row + 1);
      break;
    case 'ArrowLeft':
      col = Math.max(0, col - 1);
      break;
    case 'ArrowRight':
      col = Math.min(last, col + 1);
      break;
    case 'Home':
      col = 0;
      break;
    case 'End':
      col = last;
      break;
    default:
      return null;
  }
  return { method: TRAINING_METHODS[col]!, row: rows[row]! };
}

/**
 * The bar segment an arrow key leads to from `from`: ↑ ↓ climb or descend the stack, Home and End go
 * to its bottom and top, ← → go to the neighbouring bar, on the same component when that bar draws it
 * (else the one at the same position in its stack); `null` for any other key.
 *
 * @param drawn - The components each method's bar draws, bottom to top.
 */
export function moveInBars(
  from: CellKey,
  key: string,
  drawn: (method: TrainingMethod) => readonly RowKey[],
): CellKey | null {
  const col = TRAINING_METHODS.indexOf(from.method);
  const rows = drawn(from.method);
  const row = Math.max(0, rows.indexOf(from.row));
  const at = (method: TrainingMethod, index: number): CellKey => {
    const list = drawn(method);
    return { method, row: list[Math.min(Math.max(0, index), list.length - 1)]! };
  };
  const across = (step: number): CellKey => {
    const method = TRAINING_METHODS[Math.min(TRAINING_METHODS.length - 1, Math.max(0, col + step))]!;
    const same = drawn(method).indexOf(from.row);
    return at(method, same >= 0 ? same : row);
  };
  switch (key) {
    case 'ArrowUp':
      return at(from.method, row + 1);
    case 'ArrowDown':
      return at(from.method, row - 1);
    case 'Home':
      return at(from.method, 0);
    case 'End':
      return at(from.method, rows.length - 1);
    case 'ArrowLeft':
      return across(-1);
    case 'ArrowRight':
      return across(1);
    default:
      return null;
  }
}
