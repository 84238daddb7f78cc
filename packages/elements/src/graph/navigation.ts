import type { NodePlacement } from './layout.js';

/** A keyboard move between nodes. */
export type NodeMove = 'next' | 'previous' | 'up' | 'down' | 'first' | 'last';

/** The node moves of the arrow, Home and End keys (left/right follow reading order, up/down are spatial). */
export const KEY_MOVES: Readonly<Record<string, NodeMove>> = {
  ArrowRight: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
};

/**
 * Node ids in reading order: row by row, then column by column (nodes whose boxes overlap horizontally
 * share a column), top to bottom within a column. Moving "next" through this order visits every node.
 */
export function readingOrder(nodes: ReadonlyMap<string, NodePlacement>): string[] {
  const entries = [...nodes.entries()].sort(
    ([, a], [, b]) => a.row - b.row || a.x + a.width / 2 - (b.x + b.width / 2) || a.y - b.y,
  );
  const columns: { row: number; right: number; ids: [string, NodePlacement][] }[] = [];
  for (const entry of entries) {
    const [, box] = entry;
    const column = columns[columns.length - 1];
    if (column && column.row === box.row && box.x < column.right) {
      column.ids.push(entry);
      column.right = Math.max(column.right, box.x + box.width);
    } else {
      columns.push({ row: box.row, right: box.x + box.width, ids: [entry] });
    }
  }
  return columns.flatMap((c) => c.ids.sort(([, a], [, b]) => a.y - b.y).map(([id]) => id));
}

/**
 * The node a move lands on, or `current` when there is none in that direction. Up and down pick the
 * nearest node above or below, preferring the same column (horizontal distance weighs double).
 *
 * @param order - Node ids in reading order (see {@link readingOrder}).
 * @param nodes - Node placements.
 * @param current - The focused node.
 * @param move - The move.
 */
export function moveFocus(
  order: readonly string[],
  nodes: ReadonlyMap<string, NodePlacement>,
  current: string,
  move: NodeMove,
): string {
  if (order.length === 0) return current;
  const index = order.indexOf(current);
  switch (move) {
    case 'first':
      return order[0]!;
    case 'last':
      return order[order.length - 1]!;
    case 'next':
      return index < 0 ? order[0]! : (order[Math.min(order.length - 1, index + 1)] ?? current);
    case 'previous':
      return index < 0 ? order[0]! : (order[Math.max(0, index - 1)] ?? current);
  }
  const from = nodes.get(current);
  if (!from) return order[0]!;
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best = current;
  let bestScore = Infinity;
  for (const [id, box] of nodes) {
    if (id === current) continue;
    const dy = box.y + box.height / 2 - cy;
    if (move === 'up' ? dy >= -0.5 : dy <= 0.5) continue;
    const score = Math.abs(dy) + 2 * Math.abs(box.x + box.width / 2 - cx);
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
