import type { GraphNode, ModelGraph } from '@lora-viz/core';
import type { GraphLayout, NodePlacement, PlacedLabel, Point } from './layout.js';

/** Radius of a neuron's circle. */
export const NEURON_RADIUS = 8;
/** Distance between the centres of two neighbouring neurons in a column. */
const NEURON_PITCH = 24;
/** Distance between the main columns (input, fc1, fc2, fc3). */
const COLUMN_GAP = 200;
/** Gap between the bottom of the main columns and the LoRA bottleneck band. */
const BAND_GAP = 56;
const MARGIN = 24;
/** Room above the columns for their headings. */
const HEADING = 34;

interface Column {
  readonly key: string;
  readonly nodes: GraphNode[];
  readonly heading: string;
  /** Whether this column is a LoRA bottleneck (drawn in the band below the main columns). */
  readonly bottleneck: boolean;
}

function columnKey(node: GraphNode): string {
  const at = node.id.lastIndexOf(':');
  return at < 0 ? node.id : node.id.slice(0, at);
}

function heading(key: string, nodes: readonly GraphNode[]): string {
  const n = nodes.length;
  if (key === 'input') return `input · ${n}`;
  if (key.endsWith('.lora')) return `${key.slice(0, -'.lora'.length)} A·x · r = ${n}`;
  const kind = nodes[0]?.kind;
  return `${key} · ${kind === 'output' ? 'output' : 'ReLU'} · ${n}`;
}

/**
 * Places a neuron-level graph without any layout engine: the dense bipartite edges would only slow ELK
 * down and it could do no better than columns. Main columns (input, fc1, fc2, fc3) are evenly spaced
 * left to right, each centred vertically; a layer's LoRA bottleneck (its r nodes `fcK.lora:k`) sits
 * halfway between the layer and its input, in a band below the main columns, so that the adapter reads
 * as a detour around the dense weights. Every edge is a straight line between neuron rims.
 *
 * @param graph - A neuron-level graph from core's `describeGraph`.
 */
export function layoutNeuronGraph(graph: ModelGraph): GraphLayout {
  const columns: Column[] = [];
  const byKey = new Map<string, Column>();
  const extra: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (node.index === undefined) {
      extra.push(node); // e.g. the loss: one node after the output column
      continue;
    }
    const key = columnKey(node);
    let column = byKey.get(key);
    if (!column) {
      column = { key, nodes: [], heading: '', bottleneck: key.endsWith('.lora') };
      byKey.set(key, column);
      columns.push(column);
    }
    column.nodes.push(node);
  }
  for (const node of extra) columns.push({ key: node.id, nodes: [node], heading: node.label, bottleneck: false });

  const main = columns.filter((c) => !c.bottleneck);
  const tallest = Math.max(1, ...main.map((c) => c.nodes.length));
  const mainHeight = (tallest - 1) * NEURON_PITCH + 2 * NEURON_RADIUS;
  const centreY = MARGIN + HEADING + mainHeight / 2;
  const bandTop = MARGIN + HEADING + mainHeight + BAND_GAP;
  const left = MARGIN + 40; // headings are centred on their column and may be wider than a neuron

  const nodes = new Map<string, NodePlacement>();
  const labels: PlacedLabel[] = [];
  const place = (node: GraphNode, cx: number, cy: number) =>
    nodes.set(node.id, {
      x: cx - NEURON_RADIUS,
      y: cy - NEURON_RADIUS,
      width: 2 * NEURON_RADIUS,
      height: 2 * NEURON_RADIUS,
      row: 0,
    });

  const mainX = new Map<string, number>();
  main.forEach((column, i) => {
    const cx = left + i * COLUMN_GAP;
    mainX.set(column.key, cx);
    const top = centreY - ((column.nodes.length - 1) * NEURON_PITCH) / 2;
    column.nodes.forEach((node, k) => place(node, cx, top + k * NEURON_PITCH));
    labels.push({ x: cx, y: MARGIN + 12, text: column.heading || heading(column.key, column.nodes) });
  });

  let bottom = MARGIN + HEADING + mainHeight;
  columns.forEach((column, i) => {
    if (!column.bottleneck) return;
    const layerX = mainX.get(column.key.slice(0, -'.lora'.length)) ?? left + i * COLUMN_GAP;
    const cx = layerX - COLUMN_GAP / 2;
    column.nodes.forEach((node, k) => place(node, cx, bandTop + NEURON_RADIUS + k * NEURON_PITCH));
    const columnBottom = bandTop + (column.nodes.length - 1) * NEURON_PITCH + 2 * NEURON_RADIUS;
    labels.push({ x: cx, y: columnBottom + 18, text: heading(column.key, column.nodes) });
    bottom = Math.max(bottom, columnBottom + 24);
  });

  const edges = new Map<string, readonly Point[]>();
  for (const edge of graph.edges) {
    const s = nodes.get(edge.source);
    const t = nodes.get(edge.target);
    if (!s || !t) continue;
    const sc = { x: s.x + s.width / 2, y: s.y + s.height / 2 };
    const tc = { x: t.x + t.width / 2, y: t.y + t.height / 2 };
    // End on the rims, not the centres, so that lines stop where the circles start.
    const length = Math.hypot(tc.x - sc.x, tc.y - sc.y) || 1;
    const ux = (tc.x - sc.x) / length;
    const uy = (tc.y - sc.y) / length;
    edges.set(edge.id, [
      { x: sc.x + ux * NEURON_RADIUS, y: sc.y + uy * NEURON_RADIUS },
      { x: tc.x - ux * NEURON_RADIUS, y: tc.y - uy * NEURON_RADIUS },
    ]);
  }

  const width = left + (main.length - 1) * COLUMN_GAP + 40 + MARGIN;
  return { width, height: bottom + MARGIN, nodes, edges, groups: [], junctions: [], labels };
}

/**
 * The number of edges a neuron-level graph of this model would have: weights plus LoRA edges. Used to
 * refuse sizes the browser cannot draw as one SVG element per edge, before core builds them.
 *
 * @param layers - The model's layers (`model.spec.layers`).
 * @param ranks - Rank of the active adapter on each layer that has one.
 */
export function neuronEdgeCount(
  layers: readonly { readonly name: string; readonly in: number; readonly out: number }[],
  ranks: ReadonlyMap<string, number>,
): number {
  return layers.reduce((sum, l) => sum + l.in * l.out + (ranks.get(l.name) ?? 0) * (l.in + l.out), 0);
}
