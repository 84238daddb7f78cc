import type { GraphEdge, GraphNode, ModelGraph } from '@lora-viz/core';
import type { ELK, ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';

/** A point in graph coordinates (SVG user units). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box in graph coordinates; `x`, `y` is its top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where one graph node sits, and in which row of the picture (component level: one row per layer). */
export interface NodePlacement extends Box {
  /** Row index, top to bottom; 0 at the neuron level. */
  readonly row: number;
}

/** The background box of one layer's row (component level), with the layer it holds. */
export interface LayerGroup extends Box {
  /** Layer name (`fc1` …). */
  readonly layer: string;
}

/** A text placed in the picture outside any node (column headings of the neuron level). */
export interface PlacedLabel extends Point {
  /** The text. */
  readonly text: string;
}

/** Positions of everything drawn for one graph topology: plain data, reusable across value changes. */
export interface GraphLayout {
  /** Width of the whole picture. */
  readonly width: number;
  /** Height of the whole picture. */
  readonly height: number;
  /** Placement of each node, by node id. */
  readonly nodes: ReadonlyMap<string, NodePlacement>;
  /** Route of each edge as a polyline, by edge id (first point at the source, last at the target). */
  readonly edges: ReadonlyMap<string, readonly Point[]>;
  /** One box per layer row (component level); empty at the neuron level. */
  readonly groups: readonly LayerGroup[];
  /** Points where routed edges split (ELK's junction points), drawn as dots. */
  readonly junctions: readonly Point[];
  /** Free-standing labels (neuron-level column headings). */
  readonly labels: readonly PlacedLabel[];
}

/** Size of every component-level node box. One size for all, so that a layout depends on topology only. */
export const COMPONENT_NODE_SIZE = { width: 168, height: 50 } as const;

/** Outer margin around the picture. */
const MARGIN = 16;
/** Padding inside a layer's row box, around its nodes. */
const ROW_PADDING = 16;
/** Height of a row box's title band, above its nodes. */
const ROW_TITLE = 28;
/** Vertical gap between row boxes, where the edge from one layer to the next runs back left. */
const ROW_GAP = 36;
/** Id of the stand-in node where the edges coming from the previous row enter a row. */
const ENTRY_ID = '__lora-graph-entry';
const ENTRY_SIZE = 8;

/**
 * Layered layout of one row, left to right. `considerModelOrder` keeps core's node order (W above its
 * LoRA branch) so that the picture does not flip between otherwise equal layouts.
 */
const ROW_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.spacing.nodeNode': '14',
  'elk.spacing.edgeNode': '12',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
};

/**
 * The part of a graph that decides its layout: node ids and edge endpoints, in order, without shapes,
 * labels or values. Two graphs with the same key can share one layout (e.g. the same LoRA targets at
 * another rank).
 */
export function topologyKey(graph: ModelGraph): string {
  const nodes = graph.nodes.map((n) => n.id).join(',');
  const edges = graph.edges.map((e) => `${e.source}>${e.target}`).join(',');
  return `${graph.level}|${nodes}|${edges}`;
}

/**
 * Assigns each component-level node to a row: its layer's row; `input` (no layer) to the row of the
 * node it feeds; `output` and `loss` to the row of the node that feeds them.
 */
export function assignRows(graph: ModelGraph): Map<string, number> {
  const layers: string[] = [];
  for (const node of graph.nodes) if (node.layer !== null && !layers.includes(node.layer)) layers.push(node.layer);
  const rows = new Map<string, number>();
  for (const node of graph.nodes) if (node.layer !== null) rows.set(node.id, layers.indexOf(node.layer));
  // Nodes arrive in topological order, so one forward and one backward sweep settle every layerless node.
  for (const node of graph.nodes) {
    if (rows.has(node.id)) continue;
    const from = graph.edges.find((e) => e.target === node.id && rows.has(e.source));
    if (from) rows.set(node.id, rows.get(from.source)!);
  }
  for (const node of [...graph.nodes].reverse()) {
    if (rows.has(node.id)) continue;
    const to = graph.edges.find((e) => e.source === node.id && rows.has(e.target));
    rows.set(node.id, to ? rows.get(to.target)! : 0);
  }
  return rows;
}

function sectionPoints(edge: ElkExtendedEdge | undefined, dx: number, dy: number): Point[] {
  const points: Point[] = [];
  for (const section of edge?.sections ?? []) {
    for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
      points.push({ x: p.x + dx, y: p.y + dy });
    }
  }
  return points;
}

/** Drops points that repeat the previous one or lie on a straight line through their neighbours. */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    const before = out[out.length - 2];
    if (before && last) {
      const cross = (last.x - before.x) * (p.y - before.y) - (last.y - before.y) * (p.x - before.x);
      if (Math.abs(cross) < 0.01) out.pop();
    }
    out.push(p);
  }
  return out;
}

interface RowInput {
  readonly nodes: GraphNode[];
  readonly inner: GraphEdge[];
  /** Edges entering this row from an earlier row. */
  readonly incoming: GraphEdge[];
}

/**
 * Lays out a component-level graph with ELK: one layered, left-to-right row per layer (the input joins
 * the first row, the output the last), rows stacked top to bottom. The edges from one layer to the next
 * leave the end of a row, run back left in the gap below it and enter the next row at its start. A
 * toy MLP drawn on one line would be about 2,000 units wide and unreadable once fitted to a page;
 * per-layer rows keep it legible and keep each layer's parts together.
 *
 * @param graph - A component-level graph from core's `describeGraph`.
 * @param elk - An ELK instance (see `loadElk`).
 */
export async function layoutComponentGraph(graph: ModelGraph, elk: ELK): Promise<GraphLayout> {
  const rowOf = assignRows(graph);
  const rowCount = Math.max(0, ...rowOf.values()) + 1;
  const rows: RowInput[] = Array.from({ length: rowCount }, () => ({ nodes: [], inner: [], incoming: [] }));
  for (const node of graph.nodes) rows[rowOf.get(node.id)!]!.nodes.push(node);
  for (const edge of graph.edges) {
    const from = rowOf.get(edge.source);
    const to = rowOf.get(edge.target);
    if (from === undefined || to === undefined) continue;
    if (from === to) rows[to]!.inner.push(edge);
    else rows[to]!.incoming.push(edge);
  }

  // One ELK call per row; each resolves in its own task, so no single task lays out the whole graph.
  const laidOut = await Promise.all(
    rows.map((row, index) => {
      const entryTargets = [...new Set(row.incoming.map((e) => e.target))];
      const children: ElkNode[] = row.nodes.map((n) => ({ id: n.id, ...COMPONENT_NODE_SIZE }));
      const edges: ElkExtendedEdge[] = row.inner.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
      if (entryTargets.length > 0) {
        children.unshift({
          id: ENTRY_ID,
          width: ENTRY_SIZE,
          height: ENTRY_SIZE,
          layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' },
        });
        for (const target of entryTargets) {
          edges.push({ id: `${ENTRY_ID}>${target}`, sources: [ENTRY_ID], targets: [target] });
        }
      }
      const graph: ElkNode = { id: `row-${index}`, layoutOptions: { ...ROW_OPTIONS }, children, edges };
      return elk.layout(graph);
    }),
  );

  const innerWidth = Math.max(...laidOut.map((row) => row.width ?? 0));
  const groupWidth = innerWidth + 2 * ROW_PADDING;
  const nodes = new Map<string, NodePlacement>();
  const edges = new Map<string, Point[]>();
  const groups: LayerGroup[] = [];
  const junctions: Point[] = [];
  const entries: (Point | undefined)[] = [];
  const entryRoutes = new Map<string, Point[]>();
  let top = MARGIN;

  laidOut.forEach((row, index) => {
    const dx = MARGIN + ROW_PADDING;
    const dy = top + ROW_TITLE;
    for (const child of row.children ?? []) {
      const box = {
        x: (child.x ?? 0) + dx,
        y: (child.y ?? 0) + dy,
        width: child.width ?? 0,
        height: child.height ?? 0,
      };
      if (child.id === ENTRY_ID) entries[index] = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      else nodes.set(child.id, { ...box, row: index });
    }
    for (const edge of (row.edges ?? []) as ElkExtendedEdge[]) {
      const points = sectionPoints(edge, dx, dy);
      if (edge.sources[0] === ENTRY_ID) entryRoutes.set(`${index}>${edge.targets[0]}`, points);
      else edges.set(edge.id, points);
      for (const j of (edge.junctionPoints ?? []) as ElkPoint[]) junctions.push({ x: j.x + dx, y: j.y + dy });
    }
    const height = ROW_TITLE + (row.height ?? 0) + ROW_PADDING;
    const layer = rows[index]!.nodes.find((n) => n.layer !== null)?.layer ?? `row ${index + 1}`;
    groups.push({ layer, x: MARGIN, y: top, width: groupWidth, height });
    top += height + ROW_GAP;
  });

  // Edges between rows: out of the source's right side, down into the gap below its row, back left
  // past the next row's start, down to the entry point, then along ELK's route to the target.
  for (const [index, row] of rows.entries()) {
    const entry = entries[index];
    if (!entry) continue;
    for (const edge of row.incoming) {
      const source = nodes.get(edge.source);
      const route = entryRoutes.get(`${index}>${edge.target}`);
      if (!source || !route) continue;
      const sourceGroup = groups[source.row]!;
      const start = { x: source.x + source.width, y: source.y + source.height / 2 };
      const outX = Math.min(start.x + ROW_PADDING / 2 + 4, sourceGroup.x + sourceGroup.width + ROW_PADDING / 2);
      const gapY = sourceGroup.y + sourceGroup.height + ROW_GAP / 2;
      const backX = MARGIN + ROW_PADDING / 2;
      edges.set(
        edge.id,
        simplify([
          start,
          { x: outX, y: start.y },
          { x: outX, y: gapY },
          { x: backX, y: gapY },
          { x: backX, y: entry.y },
          entry,
          ...route,
        ]),
      );
    }
  }
  for (const [id, points] of edges) edges.set(id, simplify(points));

  return {
    width: MARGIN * 2 + groupWidth,
    height: top - ROW_GAP + MARGIN,
    nodes,
    edges,
    groups,
    junctions,
    labels: [],
  };
}
