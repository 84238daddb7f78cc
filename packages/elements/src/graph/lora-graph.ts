import { LitElement, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  describeGraph,
  describeLayer,
  type GraphEdge,
  type GraphLevel,
  type GraphNode,
  type GraphNodeRole,
  type LoraModel,
  type ModelGraph,
} from '@lora-viz/core';
import { OwnModelController } from '../controllers/own-model-controller.js';
import type { AttributeProblem } from '../shared/model-attributes.js';
import { renderProblems } from '../shared/render-problems.js';
import { ROLE_GLYPHS } from './cues.js';
import {
  NEURON_LEGEND,
  formatCount,
  formatNumber,
  formatShape,
  graphSummary,
  nodeAccessibleName,
  nodeSubtitle,
  parameterCount,
  ROLE_LEGEND,
  ROLE_ORDER,
  scalingFormula,
  trainingNote,
} from './describe.js';
import { loadElk } from './elk.js';
import { downloadBlob, serializeSvg, svgToPng } from './export.js';
import {
  drawHeatmap,
  heatmapCellSize,
  heatmapFromRows,
  heatmapRange,
  parseColor,
  type Heatmap,
  type Rgb,
} from './heatmap.js';
import { layoutComponentGraph, topologyKey, type GraphLayout, type NodePlacement } from './layout.js';
import { styles } from './lora-graph.styles.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { numberOr, textOr } from '../shared/attribute-converters.js';
import { KEY_MOVES, moveFocus, readingOrder } from './navigation.js';
import { layoutNeuronGraph, NEURON_RADIUS, neuronEdgeCount } from './neuron-layout.js';
import { ensureVisible, fitView, IDENTITY_VIEW, panBy, toViewport, zoomAt, type Size, type View } from './view.js';

/** Above this many edges the neuron level is refused: one SVG element per weight would stall the page. */
export const NEURON_EDGE_LIMIT = 12_000;

/** Layouts kept per element, most recently used last; enough for every LoRA target combination of a session. */
const LAYOUT_CACHE_SIZE = 16;

const CARD_ID = 'lora-graph-card';
const SUMMARY_ID = 'lora-graph-summary';
const ZOOM_STEP = 1.25;
const PAN_STEP = 48;
/** A pointer that moves less than this many pixels between down and up is a click, not a drag. */
const DRAG_THRESHOLD = 3;
/** Time the card stays after the pointer leaves a node, so the pointer can move onto it (WCAG 1.4.13). */
const CARD_HIDE_DELAY = 200;

/** Payload of `lora-node-select`. */
export interface LoraNodeSelectDetail {
  /** Id of the selected node. */
  readonly id: string;
  /** The node, as core's `describeGraph` describes it. */
  readonly node: GraphNode;
}

/** Payload of `lora-graph-layout`. */
export interface LoraGraphLayoutDetail {
  /** Level of the graph laid out. */
  readonly level: GraphLevel;
  /** Number of nodes placed. */
  readonly nodes: number;
  /** The element's {@link LoraGraph.layoutCount} after this layout. */
  readonly layoutCount: number;
}

/**
 * What a replay marks on the graph (component level): the node shown now, the nodes already shown,
 * and stroke widths for edges (in pixels, e.g. gradient magnitudes). Plain data; set as a whole.
 */
export interface LoraGraphHighlight {
  /** Id of the node shown now: part `node-active`. */
  readonly active?: string | null;
  /** Ids of nodes shown before: part `node-visited`. */
  readonly visited?: readonly string[];
  /** Stroke width of edges by edge id, in CSS pixels; edges not listed keep their default width. */
  readonly edgeWidths?: Readonly<Record<string, number>>;
}

/** The parameters behind one neuron (its incoming weights and bias), or `null` for other nodes. */
function neuronParameters(node: GraphNode, shown: Shown): string | null {
  if (node.index === undefined || node.layer === null) return null;
  const inputs = shown.model.spec.layers.find((l) => l.name === node.layer)?.in ?? 0;
  if (node.kind === 'lora-a') return `${formatCount(inputs)} weights in row ${node.index} of A (trainable)`;
  const saved = shown.model.parameters().some((p) => p.id === `${node.layer}.modules_to_save.weight`);
  const state = shown.graph.adapter === null ? 'trainable' : saved ? 'a trainable copy' : 'frozen';
  return `${formatCount(inputs)} incoming weights and 1 bias (${state})`;
}

interface Shown {
  readonly model: LoraModel;
  readonly graph: ModelGraph;
  readonly layout: GraphLayout;
  readonly order: readonly string[];
  readonly summary: string;
}

interface CardValues {
  readonly key: string;
  readonly map: Heatmap | null;
  readonly caption: string;
}

/**
 * Whether an edge belongs to the LoRA branch: at the component level the edges leaving A, B and ΔW
 * (x entering A is ordinary data, and drawing it dashed would double the line it shares with x → W).
 */
function isLoraEdge(graph: ModelGraph, edge: GraphEdge, nodes: ReadonlyMap<string, GraphNode>): boolean {
  if (graph.level === 'neuron') return edge.kind === 'lora-a' || edge.kind === 'lora-b';
  return ['lora-a', 'lora-b', 'delta'].includes(nodes.get(edge.source)?.kind ?? '');
}

function pathData(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
}

let measureContext: CanvasRenderingContext2D | null | undefined;
/** Width of `text` in CSS pixels in `font`, measured once per string and font. */
const measured = new Map<string, number>();
function textWidth(text: string, font: string): number {
  const key = `${font}|${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    measureContext ??= document.createElement('canvas').getContext('2d');
    if (!measureContext) return 0;
    measureContext.font = font;
    width = measureContext.measureText(text).width;
    measured.set(key, width);
  }
  return width;
}

const ICON_FIT = svg`<path class="stroke" d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10"></path>`;
const ICON_DOWNLOAD = svg`<path class="stroke" d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10"></path>`;

/**
 * Draws a LoRA model's graph from core's `describeGraph`, left to right. At the component level each
 * layer is one row laid out by ELK (layered): W, b, and under LoRA the trainable A, B and the update
 * ΔW = s·B·A feeding the layer's sum, then its ReLU. At the neuron level every neuron is a circle in
 * its layer's column and every weight a line, coloured by sign and as thick as its magnitude
 * (TensorFlow Playground's encoding), with each adapter's rank-r bottleneck as a dashed detour.
 *
 * Roles have colours and non-colour cues (a lock on frozen nodes, dashes on trainable ones, a double
 * border on computed ones …), listed in the legend. Hovering or focusing a node shows a card with its
 * shape, parameter count, whether it trains, its values as a heatmap and, in a LoRA layer, the update
 * formula with the live α, r and s. A visually hidden summary describes the whole graph.
 *
 * Without a `.model` it shows its own toy model built from its attributes `task`, `lora`, `rank`,
 * `alpha` and `targets` (and disposes that model when removed); a page's model is followed live and
 * never disposed. A change that keeps the topology (e.g. another rank) reuses the cached layout; only a
 * new topology (LoRA on or off, other targets) runs ELK again, asynchronously, and ELK itself is loaded
 * on first use. Positions animate between layouts, except under `prefers-reduced-motion`.
 *
 * **Keyboard** (the graph is one tab stop; the toolbar buttons follow it):
 * - `→` / `←`: next / previous node in reading order (row by row, column by column, top to bottom);
 * - `↑` / `↓`: nearest node above / below;
 * - `Home` / `End`: first / last node;
 * - `Enter` or `Space`: select the focused node (fires `lora-node-select`);
 * - `Escape`: hide the card;
 * - `+` / `−`: zoom in / out; `0`: fit to view;
 * - `Shift` + arrow keys: pan.
 *
 * **Pointer**: drag the background to pan; Ctrl/⌘ + wheel (or pinch) zooms at the pointer, and so does
 * the plain wheel while the graph has focus (otherwise the wheel scrolls the page); click selects.
 *
 * Every node element carries `data-node-id` (core's node id) and every edge `data-edge-id`, in the
 * shadow DOM and in exported SVG, so scripts and tests can find them.
 *
 * @tagname lora-graph
 * @summary A model's graph with LoRA roles, zoom, keyboard focus, hover cards and SVG/PNG export.
 *
 * @event lora-node-select - The user selected a node (click, Enter or Space). `detail: { id, node }`.
 *   Bubbles and is composed.
 * @event lora-graph-layout - ELK finished a new layout and it is drawn. `detail: { level, nodes,
 *   layoutCount }`. Bubbles and is composed. Diagnostic: cached layouts (e.g. a rank change) fire nothing.
 *
 * @csspart viewport - The area that shows the picture (zoom and pan apply inside it).
 * @csspart canvas - The `<svg>` picture.
 * @csspart node - Every node (also `node-<role>`: `node-input`, `node-frozen`, `node-trainable`,
 *   `node-effective`, `node-activation`, `node-output`; `node-selected`; and from `highlight`,
 *   `node-active` and `node-visited`).
 * @csspart edge - Every edge (also `edge-lora` at the component level; `edge-weight`, `edge-lora-a`,
 *   `edge-lora-b` at the neuron level; `edge-highlighted` when `highlight` gives it a width).
 * @csspart layer - The background box of one layer's row (component level).
 * @csspart card - The card shown for the hovered or focused node.
 * @csspart heatmap - The card's heatmap canvas.
 * @csspart legend - The list of roles and their cues.
 * @csspart toolbar - The zoom, fit and download buttons.
 * @csspart error - The alert shown for unusable attribute values or a failed layout.
 * @csspart notice - The message shown when there is nothing to draw (disposed model, too many edges).
 *
 * @cssproperty [--lora-graph-height=30rem] - Height of the picture area.
 * @cssproperty [--lora-graph-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-graph-muted-color=#59636e] - Secondary text (dark scheme: #9198a1).
 * @cssproperty [--lora-graph-background=#ffffff] - Background (dark scheme: #0d1117).
 * @cssproperty [--lora-graph-surface-color=#f6f8fa] - Layer rows, toolbar and formula boxes (dark: #151b23).
 * @cssproperty [--lora-graph-border-color=#d1d9e0] - Borders (dark scheme: #3d444d).
 * @cssproperty [--lora-graph-edge-color=#8c959f] - Edges and arrowheads (dark scheme: #6e7681).
 * @cssproperty [--lora-graph-focus-color=#0969da] - Focus rings (dark scheme: #4493f8).
 * @cssproperty [--lora-graph-input-color=#1a7f37] - Input nodes, green (dark scheme: #3fb950).
 * @cssproperty [--lora-graph-frozen-color=#6e7781] - Frozen nodes, gray (dark scheme: #9198a1).
 * @cssproperty [--lora-graph-trainable-color=#0969da] - Trainable nodes and LoRA edges, blue (dark: #4493f8).
 * @cssproperty [--lora-graph-effective-color=#9a6700] - Effective (computed) nodes, gold (dark: #d29922).
 * @cssproperty [--lora-graph-activation-color=#d15704] - Activation nodes, orange (dark: #f0883e).
 * @cssproperty [--lora-graph-output-color=#cf222e] - Output nodes and errors, red (dark: #ff7b72).
 * @cssproperty [--lora-graph-positive-color=#2a78c8] - Positive weights and heatmap values (dark: #6cb6ff).
 * @cssproperty [--lora-graph-negative-color=#e8710a] - Negative weights and heatmap values (dark: #f69d50).
 * @cssproperty [--lora-graph-zero-color=#f3f4f6] - The heatmap's colour for 0 (dark: #262c36).
 * @cssproperty [--lora-graph-transition-duration=320ms] - Length of the move and fade transitions.
 * @cssproperty [--lora-graph-font-family=system-ui, sans-serif] - Font of labels and text.
 * @cssproperty [--lora-graph-mono-font-family=ui-monospace, monospace] - Font of formulas.
 *
 * @example
 * <lora-graph lora rank="4" targets="fc1,fc2"></lora-graph>
 * <lora-graph level="neuron" lora></lora-graph>
 */
export class LoraGraph extends LitElement {
  static override styles = [styles, visuallyHidden];

  /** The model to draw, followed live; when unset, the element builds its own from its attributes. */
  @property({ attribute: false }) model?: LoraModel;

  /** Level of detail: `component` (W, b, A, B, ΔW, sums, activations) or `neuron` (one node per neuron). */
  @property({ reflect: true, converter: textOr('component') }) level: GraphLevel = 'component';

  /** Id of the selected node (e.g. `fc1.lora_A`), or `null`; set by the user's selection, reflected. */
  @property({ reflect: true }) selected: string | null = null;

  /**
   * What a replay marks: the active node, the visited nodes and edge widths (component level), or
   * `null`. Elements such as `<lora-forward-pass>` set it frame by frame.
   */
  @property({ attribute: false }) highlight: LoraGraphHighlight | null = null;

  /** Whether to draw the loss after the output. */
  @property({ type: Boolean }) loss = false;

  /** Task of the element's own model: sentiment, classification, similarity or regression. */
  @property({ converter: textOr('sentiment') }) task = 'sentiment';

  /** Whether the element's own model gets a LoRA adapter (otherwise: full fine-tuning). */
  @property({ type: Boolean }) lora = false;

  /** LoRA rank r of the element's own model: a positive integer. */
  @property({ converter: numberOr(4) }) rank = 4;

  /** LoRA alpha of the element's own model (scaling s = alpha / r): a finite number. */
  @property({ converter: numberOr(8) }) alpha = 8;

  /** Comma-separated layers of the element's own model that get A and B, from fc1, fc2, fc3. */
  @property({ converter: textOr('fc1,fc2') }) targets = 'fc1,fc2';

  @state() private view: View = IDENTITY_VIEW;
  @state() private hovered: string | null = null;
  @state() private focused: string | null = null;
  @state() private tabStop: string | null = null;
  @state() private cardDismissed = false;
  @state() private panning = false;
  @state() private problems: readonly AttributeProblem[] = [];
  @state() private layoutError: string | null = null;
  @state() private announcement = '';

  private notice: string | null = null;
  private graphMemo:
    { model: LoraModel; revision: number; level: GraphLevel; loss: boolean; graph: ModelGraph | null } | undefined;
  private shown: Shown | undefined;
  private readonly layouts = new Map<string, GraphLayout>();
  private pending: { key: string; promise: Promise<void> } | undefined;
  /** Bumped on disconnect: layouts that finish for an older generation are dropped. */
  private generation = 0;
  private layoutsRun = 0;
  private failedLayout: string | undefined;
  private layoutToAnnounce: GraphLayout | undefined;
  private viewportSize: Size = { width: 0, height: 0 };
  /** Whether the view follows the picture (fit) or the user took over with zoom or pan. */
  private autoFit = true;
  private resizeObserver: ResizeObserver | undefined;
  private drag: { pointerId: number; x: number; y: number; view: View; moved: boolean } | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private cardValues: CardValues | undefined;
  private drawnHeatmap: { canvas: HTMLCanvasElement; key: string } | undefined;
  private lastHeadline: string | undefined;
  /** Set when the focused node disappeared in this update: focus its replacement once rendered. */
  private refocus = false;
  /** The host's font family, to measure labels; read on first use after each connection. */
  private font: string | undefined;

  // Builds the own model from the attributes while the page gives none, and follows whichever model is
  // shown: a change of the model redraws the graph.
  private readonly own = new OwnModelController(this, {
    pageModel: () => this.model,
    values: () => ({ task: this.task, lora: this.lora, rank: this.rank, alpha: this.alpha, targets: this.targets }),
    properties: ['task', 'lora', 'rank', 'alpha', 'targets'],
  });

  /**
   * Number of ELK layouts this element has run: diagnostic, for tests and performance checks. Changes
   * that keep the graph's topology (rank, alpha, weights) reuse a cached layout and leave it unchanged.
   */
  get layoutCount(): number {
    return this.layoutsRun;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observeViewport();
    this.font = undefined; // the page's font may differ where the element was moved
    this.failedLayout = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation += 1;
    this.pending = undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    clearTimeout(this.hideTimer);
    this.drag = undefined;
    this.panning = false;
  }

  /** Resolves after the element has rendered and any layout it is waiting for has been drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    // Each pending layout settles (never rejects) and then requests an update; a new topology arriving
    // meanwhile starts another one, hence the loop.
    while (this.pending) {
      await this.pending.promise;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /**
   * The picture as a standalone SVG document: the whole graph at its natural size (zoom and pan are not
   * applied), styles resolved inline, a background, and the text summary as its `<title>`.
   *
   * @throws Error when nothing is drawn yet (await `updateComplete` first).
   */
  toSvg(): string {
    const canvas = this.renderRoot.querySelector<SVGSVGElement>('svg.canvas');
    const shown = this.shown;
    if (!canvas || !shown) throw new Error('lora-graph: nothing is drawn yet; await element.updateComplete first.');
    const background = parseColor(getComputedStyle(this).getPropertyValue('--_background'), [255, 255, 255]);
    return serializeSvg(canvas, {
      width: shown.layout.width,
      height: shown.layout.height,
      background: `rgb(${background.join(' ')})`,
      title: shown.summary,
    });
  }

  /**
   * The picture as a PNG image at twice its natural size (see {@link LoraGraph.toSvg}), drawn in the
   * page from the SVG: no network involved.
   */
  async toPng(): Promise<Blob> {
    const text = this.toSvg();
    const { width, height } = this.shown!.layout;
    return svgToPng(text, width, height, 2);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const activeNode = this.nodeIdOf(this.shadowRoot?.activeElement ?? null);
    this.willUpdateGraph(changed);
    if (activeNode !== null && this.shown && !this.shown.layout.nodes.has(activeNode) && this.tabStop !== null) {
      // The focused node is about to disappear (e.g. LoRA turned off): keep focus in the graph, on
      // the neighbour that became the tab stop. State is set now so that the focus event changes nothing.
      this.refocus = true;
      this.focused = this.tabStop;
    }
  }

  private willUpdateGraph(changed: PropertyValues<this>): void {
    this.own.update(changed);
    const level = this.level as string;
    const levelProblem: AttributeProblem[] =
      level === 'component' || level === 'neuron'
        ? []
        : [{ attribute: 'level', value: level, accepted: 'component or neuron' }];
    this.problems = [...this.own.problems, ...levelProblem];
    this.notice = null;

    const model = this.own.model;
    if (this.problems.length > 0 || model === undefined || model.disposed) {
      if (this.model?.disposed) this.notice = 'This model has been disposed; give the element a new one.';
      this.shown = undefined;
      return;
    }
    const graph = this.graphOf(model, this.level);
    if (graph === null) {
      this.shown = undefined;
      return;
    }
    const key = topologyKey(graph);
    let layout = this.layouts.get(key);
    if (layout === undefined && graph.level === 'neuron') {
      layout = layoutNeuronGraph(graph);
      this.remember(key, layout);
    }
    if (layout === undefined) {
      this.requestLayout(graph, key);
      // Until the new layout arrives the previous picture stays up (it is at most one topology behind).
      return;
    }
    this.layouts.delete(key);
    this.layouts.set(key, layout); // most recently used last
    this.show(model, graph, layout);
  }

  private show(model: LoraModel, graph: ModelGraph, layout: GraphLayout): void {
    const previous = this.shown;
    const layoutChanged = previous?.layout !== layout;
    const order = layoutChanged || !previous ? readingOrder(layout.nodes) : previous.order;
    const summary = graphSummary(model, graph);
    this.shown = { model, graph, layout, order, summary };
    this.layoutError = null; // an earlier topology's failure says nothing about this picture
    if (layoutChanged) {
      // The ResizeObserver keeps the size current; measuring here would force a layout on every change.
      if (this.viewportSize.width === 0) this.measureViewport();
      if (this.autoFit) this.view = fitView(layout, this.viewportSize);
    }
    if (this.tabStop === null || !layout.nodes.has(this.tabStop)) {
      // Keep the tab stop near where it was when its node disappears (e.g. LoRA turned off).
      const oldIndex = previous && this.tabStop !== null ? previous.order.indexOf(this.tabStop) : -1;
      const survivor = previous?.order
        .slice(0, Math.max(0, oldIndex))
        .reverse()
        .find((id) => layout.nodes.has(id));
      this.tabStop = survivor ?? order[0] ?? null;
    }
    if (this.hovered !== null && !layout.nodes.has(this.hovered)) this.hovered = null;
    const headline = summary.split(':')[0]!;
    if (this.lastHeadline !== undefined && headline !== this.lastHeadline) {
      this.announcement = `Graph updated: ${headline}.`;
    }
    this.lastHeadline = headline;
  }

  /** The graph of `model` at `level`, recomputed only when the model, its revision or the options change. */
  private graphOf(model: LoraModel, level: GraphLevel): ModelGraph | null {
    const memo = this.graphMemo;
    if (memo?.model === model && memo.revision === model.revision && memo.level === level && memo.loss === this.loss) {
      if (memo.graph === null) this.notice = this.tooManyEdges(model);
      return memo.graph;
    }
    let graph: ModelGraph | null = null;
    if (level === 'neuron' && this.tooManyEdges(model) !== null) {
      this.notice = this.tooManyEdges(model);
    } else {
      graph = describeGraph(model, { level, loss: this.loss });
    }
    this.graphMemo = { model, revision: model.revision, level, loss: this.loss, graph };
    this.cardValues = undefined;
    return graph;
  }

  private tooManyEdges(model: LoraModel): string | null {
    const ranks = new Map((model.adapterSpec()?.layers ?? []).map((l) => [l.name as string, l.r]));
    const count = neuronEdgeCount(model.spec.layers, ranks);
    if (count <= NEURON_EDGE_LIMIT) return null;
    return (
      `The neuron view draws one line per weight; this model has ${formatCount(count)}, more than the ` +
      `${formatCount(NEURON_EDGE_LIMIT)} a page can draw smoothly. Use level="component" for models this large.`
    );
  }

  private requestLayout(graph: ModelGraph, key: string): void {
    // A topology whose layout failed is not retried on every update (that would loop); another
    // topology, or putting the element back in the page, tries again.
    if (this.pending?.key === key || this.failedLayout === key) return;
    const generation = this.generation;
    const promise = loadElk()
      .then((elk) => layoutComponentGraph(graph, elk))
      .then(
        (layout) => {
          // Removed from the page meanwhile: drop the result, fire nothing.
          if (generation !== this.generation) return;
          this.remember(key, layout);
          this.layoutsRun += 1;
          this.layoutToAnnounce = layout;
          this.layoutError = null;
          this.failedLayout = undefined;
          if (this.pending?.key === key) this.pending = undefined;
          this.requestUpdate();
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          if (this.pending?.key === key) this.pending = undefined;
          this.failedLayout = key;
          this.layoutError = `The graph could not be laid out: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    this.pending = { key, promise };
  }

  private remember(key: string, layout: GraphLayout): void {
    this.layouts.delete(key);
    this.layouts.set(key, layout);
    while (this.layouts.size > LAYOUT_CACHE_SIZE) this.layouts.delete(this.layouts.keys().next().value!);
  }

  // ------------------------------------------------------------------ viewport, zoom and pan

  protected override firstUpdated(): void {
    this.observeViewport();
  }

  private viewportElement(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  private measureViewport(): void {
    const viewport = this.viewportElement();
    if (viewport) this.viewportSize = { width: viewport.clientWidth, height: viewport.clientHeight };
  }

  private observeViewport(): void {
    const viewport = this.viewportElement();
    if (!viewport || this.resizeObserver) return;
    this.resizeObserver = new ResizeObserver(() => {
      const before = this.viewportSize;
      this.measureViewport();
      const size = this.viewportSize;
      if (size.width === before.width && size.height === before.height) return;
      if (this.autoFit && this.shown) this.view = fitView(this.shown.layout, size);
      else this.requestUpdate();
    });
    this.resizeObserver.observe(viewport);
  }

  private setView(view: View): void {
    this.autoFit = false;
    this.view = view;
  }

  private zoomBy(factor: number, at?: { x: number; y: number }): void {
    this.setView(zoomAt(this.view, factor, at ?? { x: this.viewportSize.width / 2, y: this.viewportSize.height / 2 }));
  }

  private fit(): void {
    this.autoFit = true;
    this.measureViewport();
    if (this.shown) this.view = fitView(this.shown.layout, this.viewportSize);
  }

  private readonly onWheel = (event: WheelEvent): void => {
    // Leave page scrolling alone unless the user asked to zoom (Ctrl/⌘ or a pinch) or is working in the graph.
    if (!(event.ctrlKey || event.metaKey || this.matches(':focus-within'))) return;
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const rect = this.viewportElement()!.getBoundingClientRect();
    this.zoomBy(Math.exp(-event.deltaY * unit * 0.0015), { x: event.clientX - rect.left, y: event.clientY - rect.top });
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || this.nodeIdOf(event.target) !== null) return;
    this.drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, view: this.view, moved: false };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    drag.moved = true;
    this.panning = true;
    this.setView(panBy(drag.view, dx, dy));
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (this.drag?.pointerId !== event.pointerId) return;
    this.drag = undefined;
    this.panning = false;
  };

  // ------------------------------------------------------------------ focus, hover, selection

  private nodeIdOf(target: EventTarget | null): string | null {
    if (!(target instanceof Element)) return null;
    return target.closest('[data-node-id]')?.getAttribute('data-node-id') ?? null;
  }

  private nodeElement(id: string): SVGGElement | null {
    return this.renderRoot.querySelector<SVGGElement>(`[data-node-id="${CSS.escape(id)}"]`);
  }

  private focusNode(id: string): void {
    const shown = this.shown;
    const box = shown?.layout.nodes.get(id);
    if (!shown || !box) return;
    this.tabStop = id;
    this.cardDismissed = false;
    const visible = ensureVisible(this.view, box, this.viewportSize);
    if (visible !== this.view) this.setView(visible);
    this.nodeElement(id)?.focus();
  }

  private select(id: string): void {
    const node = this.shown?.graph.nodes.find((n) => n.id === id);
    if (!node) return;
    this.selected = id;
    this.dispatchEvent(
      new CustomEvent<LoraNodeSelectDetail>('lora-node-select', {
        detail: { id, node },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const shown = this.shown;
    if (!shown || event.ctrlKey || event.metaKey || event.altKey) return;
    const id = this.nodeIdOf(event.target);
    let handled = true;
    if (event.shiftKey && event.key.startsWith('Arrow')) {
      const dx = event.key === 'ArrowLeft' ? PAN_STEP : event.key === 'ArrowRight' ? -PAN_STEP : 0;
      const dy = event.key === 'ArrowUp' ? PAN_STEP : event.key === 'ArrowDown' ? -PAN_STEP : 0;
      this.setView(panBy(this.view, dx, dy));
    } else if (event.key === '+' || event.key === '=') {
      this.zoomBy(ZOOM_STEP);
    } else if (event.key === '-' || event.key === '_' || event.key === '−') {
      this.zoomBy(1 / ZOOM_STEP);
    } else if (event.key === '0') {
      this.fit();
    } else if ((event.key === 'Enter' || event.key === ' ') && id !== null) {
      this.select(id);
    } else if (event.key === 'Escape' && this.cardNodeId() !== null) {
      // Only when there is a card to close: an Escape with nothing to dismiss belongs to the page (a dialog …).
      this.cardDismissed = true;
      this.hovered = null;
    } else if (KEY_MOVES[event.key] && id !== null) {
      this.focusNode(moveFocus(shown.order, shown.layout.nodes, id, KEY_MOVES[event.key]!));
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  };

  private readonly onClick = (event: MouseEvent): void => {
    const id = this.nodeIdOf(event.target);
    if (id !== null) this.select(id);
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    const id = this.nodeIdOf(event.target);
    if (id === null) return;
    this.focused = id;
    this.tabStop = id;
    this.cardDismissed = false;
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    // A node removed while focused is replaced by its neighbour (see willUpdate), not a loss of focus.
    if (this.refocus) return;
    if (this.nodeIdOf(event.relatedTarget) === null) this.focused = null;
  };

  private readonly onPointerOver = (event: PointerEvent): void => {
    const id = this.nodeIdOf(event.target);
    if (id === null || this.drag) return;
    clearTimeout(this.hideTimer);
    if (id !== this.hovered) {
      this.hovered = id;
      this.cardDismissed = false;
    }
  };

  private readonly onPointerOut = (event: PointerEvent): void => {
    if (this.nodeIdOf(event.relatedTarget) === this.hovered) return;
    this.scheduleHide();
  };

  private scheduleHide(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      this.hovered = null;
    }, CARD_HIDE_DELAY);
  }

  private readonly keepCard = (): void => clearTimeout(this.hideTimer);

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    const shown = this.shown;
    // Listeners sit on the viewport <div>, not the <svg>: Chromium makes an SVG element with focus
    // listeners a tab stop of its own, which would put an extra stop before the nodes.
    return html`
      ${renderProblems('Cannot draw the graph', this.problems, 'message error')}
      <div
        part="viewport"
        class=${this.panning ? 'viewport panning' : 'viewport'}
        @wheel=${this.onWheel}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @keydown=${this.onKeyDown}
        @click=${this.onClick}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
        @pointerover=${this.onPointerOver}
        @pointerout=${this.onPointerOut}
      >
        ${shown ? this.renderPicture(shown) : nothing} ${shown ? this.renderCard(shown) : nothing}
        ${this.renderStatus()}
      </div>
      <div class="bar">
        ${shown ? this.renderLegend(shown) : html`<span></span>`}
        <div part="toolbar" class="toolbar" role="group" aria-label="Graph view">
          <button type="button" aria-label="Zoom out" title="Zoom out (−)" @click=${() => this.zoomBy(1 / ZOOM_STEP)}>
            <span aria-hidden="true">−</span>
          </button>
          <button type="button" aria-label="Zoom in" title="Zoom in (+)" @click=${() => this.zoomBy(ZOOM_STEP)}>
            <span aria-hidden="true">+</span>
          </button>
          <button type="button" title="Fit the whole graph in view (0)" @click=${() => this.fit()}>
            <svg viewBox="0 0 16 16" aria-hidden="true">${ICON_FIT}</svg>Fit
          </button>
          <button type="button" title="Download the graph as an SVG file" @click=${() => this.download('svg')}>
            <svg viewBox="0 0 16 16" aria-hidden="true">${ICON_DOWNLOAD}</svg>SVG
          </button>
          <button type="button" title="Download the graph as a PNG image" @click=${() => this.download('png')}>
            <svg viewBox="0 0 16 16" aria-hidden="true">${ICON_DOWNLOAD}</svg>PNG
          </button>
        </div>
      </div>
      <p id=${SUMMARY_ID} class="visually-hidden">${shown?.summary ?? ''}</p>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    `;
  }

  private renderStatus(): TemplateResult | typeof nothing {
    if (this.layoutError !== null) {
      return html`<div part="error" class="message error" role="alert">${this.layoutError}</div>`;
    }
    if (this.notice !== null) return html`<p part="notice" class="message">${this.notice}</p>`;
    if (!this.shown && this.pending) return html`<p class="status" role="status">Laying out the graph…</p>`;
    return nothing;
  }

  private renderPicture(shown: Shown): TemplateResult {
    const { graph, layout } = shown;
    const { scale, x, y } = this.view;
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const neuron = graph.level === 'neuron';
    // Read once: getComputedStyle here would force a style recalculation on every render.
    if (!neuron && this.font === undefined) this.font = getComputedStyle(this).fontFamily || 'sans-serif';
    return html`<svg
      part="canvas"
      class="canvas"
      role="group"
      aria-label=${neuron ? 'Model graph, neuron level' : 'Model graph'}
      aria-describedby=${SUMMARY_ID}
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
          <path class="arrowhead" d="M0 1 9 5 0 9z"></path>
        </marker>
        <marker
          id="arrow-highlight"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="10"
          markerHeight="10"
          markerUnits="userSpaceOnUse"
          orient="auto"
        >
          <path class="arrowhead highlighted" d="M0 1 9 5 0 9z"></path>
        </marker>
        <marker id="arrow-lora" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
          <path class="arrowhead lora" d="M0 1 9 5 0 9z"></path>
        </marker>
      </defs>
      <g
        class="world"
        data-export="world"
        transform="translate(${x} ${y}) scale(${scale})"
        style="transform: translate(${x}px, ${y}px) scale(${scale})"
      >
        <g aria-hidden="true">${layout.groups.map((g) => this.renderGroup(g, shown))}</g>
        <g aria-hidden="true">
          ${
            // Hundreds of lines at the neuron level: rebuild their template only when the graph changes,
            // not on every hover, focus or zoom.
            neuron
              ? guard([graph, layout], () => this.renderWires(graph, layout))
              : this.renderEdges(graph, layout, byId)
          }
          ${layout.junctions.map((p) => svg`<circle class="junction" cx=${p.x} cy=${p.y} r="2.5"></circle>`)}
          ${layout.labels.map(
            (l) => svg`<text class="column-label" x=${l.x} y=${l.y} text-anchor="middle">${l.text}</text>`,
          )}
        </g>
        <g>
          ${repeat(
            graph.nodes.filter((n) => layout.nodes.has(n.id)),
            (n) => n.id,
            (n) => this.renderNode(n, layout.nodes.get(n.id)!, shown.model, neuron),
          )}
        </g>
      </g>
    </svg>`;
  }

  private renderGroup(group: GraphLayout['groups'][number], shown: Shown): SVGTemplateResult {
    const spec = shown.model.spec.layers.find((l) => l.name === group.layer);
    const adapter = shown.graph.adapter === null ? undefined : shown.model.adapterSpec();
    const lora = adapter?.layers.find((l) => l.name === group.layer);
    const title = spec ? `${group.layer} · Linear ${spec.in} → ${spec.out}` : group.layer;
    let meta = '';
    if (lora) {
      meta = `LoRA r = ${lora.r} · α = ${formatNumber(lora.alpha)} · s = ${formatNumber(shown.model.scaling(lora.name) ?? lora.scaling)}`;
    } else if (spec) {
      meta = adapter ? 'frozen (no adapter)' : 'full fine-tuning';
    }
    return svg`<g class="group" part="layer">
      <rect x=${group.x} y=${group.y} width=${group.width} height=${group.height} rx="10"></rect>
      <text class="group-title" x=${group.x + 14} y=${group.y + 19}>${title}</text>
      <text class="group-meta" x=${group.x + group.width - 14} y=${group.y + 19} text-anchor="end">${meta}</text>
    </g>`;
  }

  private renderEdges(graph: ModelGraph, layout: GraphLayout, byId: ReadonlyMap<string, GraphNode>): SVGTemplateResult {
    return svg`${repeat(
      graph.edges.filter((e) => layout.edges.has(e.id)),
      (e) => e.id,
      (e) => {
        const d = pathData(layout.edges.get(e.id)!);
        const lora = isLoraEdge(graph, e, byId);
        const width = this.highlight?.edgeWidths?.[e.id];
        const marked = width !== undefined && Number.isFinite(width);
        return svg`<path
          part=${`edge${lora ? ' edge-lora' : ''}${marked ? ' edge-highlighted' : ''}`}
          class=${`edge${lora ? ' lora' : ''}${marked ? ' highlighted' : ''}`}
          data-edge-id=${e.id}
          d=${d}
          style="d: path('${d}')${marked ? `; stroke-width: ${Math.max(0, width).toFixed(2)}px` : ''}"
          marker-end=${marked ? 'url(#arrow-highlight)' : lora ? 'url(#arrow-lora)' : 'url(#arrow)'}
        ></path>`;
      },
    )}`;
  }

  /**
   * Neuron-level edges: colour by sign, width and opacity by magnitude. The dashed LoRA detour is drawn
   * first, under the weights. The order never depends on values, so that a change of values only
   * updates attributes and never moves hundreds of elements in the DOM.
   */
  private renderWires(graph: ModelGraph, layout: GraphLayout): SVGTemplateResult {
    let extent = 0;
    for (const e of graph.edges) if (e.value !== undefined) extent = Math.max(extent, Math.abs(e.value));
    const drawn = graph.edges.filter((e) => layout.edges.has(e.id));
    const edges = [...drawn.filter((e) => e.kind !== 'weight'), ...drawn.filter((e) => e.kind === 'weight')];
    return svg`${repeat(
      edges,
      (e) => e.id,
      (e) => {
        const [a, b] = layout.edges.get(e.id)!;
        const value = e.value ?? 0;
        const t = extent > 0 ? Math.abs(value) / extent : 0;
        const sign = value > 0 ? 'pos' : value < 0 ? 'neg' : 'zero';
        const lora = e.kind === 'lora-a' || e.kind === 'lora-b';
        return svg`<line
          part=${`edge edge-${e.kind}`}
          class=${`wire ${sign}${lora ? ' lora' : ''}`}
          data-edge-id=${e.id}
          x1=${a!.x.toFixed(1)}
          y1=${a!.y.toFixed(1)}
          x2=${b!.x.toFixed(1)}
          y2=${b!.y.toFixed(1)}
          style="stroke-width: ${(0.5 + 3.5 * t).toFixed(2)}px; stroke-opacity: ${(0.2 + 0.7 * t).toFixed(2)}"
        ></line>`;
      },
    )}`;
  }

  private renderNode(node: GraphNode, box: NodePlacement, model: LoraModel, neuron: boolean): SVGTemplateResult {
    const selected = this.selected === node.id;
    const active = this.highlight?.active === node.id;
    const visited = !active && (this.highlight?.visited?.includes(node.id) ?? false);
    const marks = `${active ? ' node-active' : ''}${visited ? ' node-visited' : ''}`;
    const parts = `node node-${node.role}${selected ? ' node-selected' : ''}${marks}`;
    const describedBy = this.cardNodeId() === node.id ? CARD_ID : nothing;
    const body = neuron ? this.neuronBody(node.role) : this.componentBody(node, box, model);
    const ring = neuron
      ? svg`<circle class="ring" data-export="omit" cx=${NEURON_RADIUS} cy=${NEURON_RADIUS} r=${NEURON_RADIUS + 4}></circle>`
      : svg`<rect class="ring" data-export="omit" x="-4" y="-4" width=${box.width + 8} height=${box.height + 8}
          rx=${node.role === 'activation' ? box.height / 2 + 4 : 12}></rect>`;
    return svg`<g
      part=${parts}
      class=${`node${neuron ? ' neuron' : ''}${active ? ' active' : ''}${visited ? ' visited' : ''}`}
      data-node-id=${node.id}
      data-role=${node.role}
      role="button"
      tabindex=${this.tabStop === node.id ? 0 : -1}
      aria-label=${nodeAccessibleName(node, neuron ? undefined : nodeSubtitle(node, model))}
      aria-pressed=${selected ? 'true' : 'false'}
      aria-describedby=${describedBy}
      transform="translate(${box.x} ${box.y})"
      style="transform: translate(${box.x}px, ${box.y}px)"
    >${body}${ring}</g>`;
  }

  private componentBody(node: GraphNode, box: NodePlacement, model: LoraModel): SVGTemplateResult {
    const { width: w, height: h } = box;
    const rx = node.role === 'activation' ? h / 2 : 8;
    const textX = 36;
    const room = w - textX - 10;
    const font = this.font ?? 'sans-serif';
    const title = node.label;
    const subtitle = nodeSubtitle(node, model);
    // Long labels (large layers, saved copies) are squeezed to fit rather than overflow the box.
    const squeeze = (text: string, weight: number, size: number) =>
      textWidth(text, `${weight} ${size}px ${font}`) > room ? room : nothing;
    return svg`
      <rect class="plate" width=${w} height=${h} rx=${rx}></rect>
      <rect class="tint" width=${w} height=${h} rx=${rx}></rect>
      ${node.role === 'effective' ? svg`<rect class="inner" x="3.5" y="3.5" width=${w - 7} height=${h - 7} rx=${rx - 3}></rect>` : nothing}
      <rect class="outline" width=${w} height=${h} rx=${rx}></rect>
      <g class="glyph" transform="translate(13 ${h / 2 - 8})">${ROLE_GLYPHS[node.role]}</g>
      <text class="title" x=${textX} y=${h / 2 - 3} textLength=${squeeze(title, 600, 13)} lengthAdjust="spacingAndGlyphs">${title}</text>
      <text class="sub" x=${textX} y=${h / 2 + 13} textLength=${squeeze(subtitle, 400, 11.5)} lengthAdjust="spacingAndGlyphs">${subtitle}</text>`;
  }

  private neuronBody(role: GraphNodeRole): SVGTemplateResult {
    const r = NEURON_RADIUS;
    if (role === 'input') {
      return svg`<rect class="plate" width=${2 * r} height=${2 * r} rx="3"></rect>
        <rect class="tint" width=${2 * r} height=${2 * r} rx="3"></rect>
        <rect class="outline" width=${2 * r} height=${2 * r} rx="3"></rect>`;
    }
    return svg`<circle class="plate" cx=${r} cy=${r} r=${r}></circle>
      <circle class="tint" cx=${r} cy=${r} r=${r}></circle>
      <circle class="outline" cx=${r} cy=${r} r=${r}></circle>
      ${role === 'output' ? svg`<circle class="inner" cx=${r} cy=${r} r=${r - 3.5}></circle>` : nothing}`;
  }

  private renderLegend(shown: Shown): TemplateResult {
    const present = new Set(shown.graph.nodes.map((n) => n.role));
    const roles = ROLE_ORDER.filter((role) => present.has(role));
    const neuron = shown.graph.level === 'neuron';
    const hasLora = shown.graph.adapter !== null;
    return html`<ul part="legend" class="legend" aria-label="Legend">
      ${roles.map(
        (role) =>
          html`<li title=${ROLE_LEGEND[role].meaning}>
            ${neuron ? this.renderNeuronSwatch(role) : this.renderSwatch(role)}<span
              ><strong>${ROLE_LEGEND[role].name}</strong>
              <span class="cue">(${neuron ? NEURON_LEGEND[role].cue : ROLE_LEGEND[role].cue})</span></span
            >
          </li>`,
      )}
      ${
        neuron
          ? html`<li>${this.renderLineSwatch('pos')}<span>positive weight</span></li>
              <li>${this.renderLineSwatch('neg')}<span>negative weight</span></li>
              <li><span class="cue">line width = |weight|</span></li>`
          : nothing
      }
      ${hasLora ? html`<li>${this.renderLineSwatch('lora')}<span>LoRA path (dashed)</span></li>` : nothing}
    </ul>`;
  }

  private renderNeuronSwatch(role: GraphNodeRole): TemplateResult {
    return html`<svg class="swatch" viewBox="-7 -2 30 20" aria-hidden="true">
      <g class="node neuron" data-role=${role} style="animation: none">${this.neuronBody(role)}</g>
    </svg>`;
  }

  private renderSwatch(role: GraphNodeRole): TemplateResult {
    const rx = role === 'activation' ? 9 : 4;
    return html`<svg class="swatch" viewBox="0 0 30 20" aria-hidden="true">
      <g class="node" data-role=${role} style="animation: none">
        <rect class="plate" x="1" y="1" width="28" height="18" rx=${rx}></rect>
        <rect class="tint" x="1" y="1" width="28" height="18" rx=${rx}></rect>
        ${role === 'effective' ? svg`<rect class="inner" x="3.5" y="3.5" width="23" height="13" rx="2"></rect>` : nothing}
        <rect class="outline" x="1" y="1" width="28" height="18" rx=${rx}></rect>
        <g class="glyph" transform="translate(8.6 3.6) scale(0.8)">${ROLE_GLYPHS[role]}</g>
      </g>
    </svg>`;
  }

  private renderLineSwatch(kind: 'pos' | 'neg' | 'lora'): TemplateResult {
    const cls = kind === 'lora' ? 'edge lora' : `wire ${kind}`;
    return html`<svg class="swatch" viewBox="0 0 30 20" aria-hidden="true">
      <line class=${cls} x1="2" y1="10" x2="28" y2="10" style="stroke-width: 2.5px; animation: none"></line>
    </svg>`;
  }

  // ------------------------------------------------------------------ card

  private cardNodeId(): string | null {
    if (this.cardDismissed) return null;
    const id = this.hovered ?? this.focused;
    return id !== null && this.shown?.layout.nodes.has(id) ? id : null;
  }

  private renderCard(shown: Shown): TemplateResult | typeof nothing {
    const id = this.cardNodeId();
    const node = id === null ? undefined : shown.graph.nodes.find((n) => n.id === id);
    const box = id === null ? undefined : shown.layout.nodes.get(id);
    if (!node || !box) return nothing;
    const { model, graph } = shown;
    const values = this.valuesOf(node, shown);
    const formula = node.layer === null || graph.adapter === null ? null : scalingFormula(model, node.layer);
    const count = parameterCount(node);
    const place = this.cardPlacement(box);
    return html`<div
      part="card"
      class="card"
      id=${CARD_ID}
      role="tooltip"
      style="left: ${place.left}px; top: ${place.top}px"
      @pointerenter=${this.keepCard}
      @pointerleave=${() => this.scheduleHide()}
    >
      <h3>${node.label}</h3>
      <dl>
        <dt>Role</dt>
        <dd>
          <span class="role"
            ><svg
              class="swatch"
              viewBox="0 0 16 16"
              style="width: 1rem; height: 1rem; color: var(--_${node.role})"
              aria-hidden="true"
            >
              ${ROLE_GLYPHS[node.role]}</svg
            >${
              node.index === undefined
                ? `${ROLE_LEGEND[node.role].name}: ${ROLE_LEGEND[node.role].meaning}`
                : NEURON_LEGEND[node.role].name
            }</span
          >
        </dd>
        <dt>Shape</dt>
        <dd>${formatShape(node.shape).replaceAll('×', ' × ')}</dd>
        <dt>Parameters</dt>
        <dd>${neuronParameters(node, shown) ?? (count > 0 ? formatCount(count) : 'none stored')}</dd>
        ${
          node.layer === null
            ? nothing
            : html`<dt>Layer</dt>
                <dd>${node.layer}</dd>`
        }
      </dl>
      <p>${trainingNote(node, graph)}</p>
      ${
        formula
          ? html`<p class="formula">
              <code>${formula.general}</code>
              <code>${formula.substituted}</code>
              <span class="scaling">${formula.scaling}</span>
            </p>`
          : nothing
      }
      ${values.map ? this.renderHeatmap(values.map, values.caption) : nothing}
    </div>`;
  }

  private renderHeatmap(map: Heatmap, caption: string): TemplateResult {
    const range = heatmapRange(map);
    const cell = heatmapCellSize(map);
    const label =
      `${caption}: ${map.rows} × ${map.cols} values from ${formatNumber(range.min)} to ${formatNumber(range.max)}, ` +
      'coloured on a scale centred at 0';
    return html`<figure class="heatmap">
      <canvas
        part="heatmap"
        role="img"
        aria-label=${label}
        style="width: ${map.cols * cell}px; height: ${map.rows * cell}px"
      ></canvas>
      <figcaption>
        ${caption}
        <span class="scale">
          <span>${formatNumber(-range.extent)}</span><span class="ramp"></span
          ><span>${formatNumber(range.extent)}</span>
        </span>
      </figcaption>
    </figure>`;
  }

  /** Where the card goes: beside the node (right, else left), inside the viewport. */
  private cardPlacement(box: NodePlacement): { left: number; top: number } {
    const { width, height } = this.viewportSize;
    const at = toViewport(this.view, box);
    const cardWidth = Math.min(304, width - 16);
    let left = at.x + at.width + 12;
    if (left + cardWidth > width - 8) left = at.x - 12 - cardWidth;
    left = Math.max(8, Math.min(left, width - 8 - cardWidth));
    const top = Math.max(8, Math.min(at.y, height - 8 - 160));
    return { left, top };
  }

  /** Values shown in the card's heatmap, read once per node and model revision. */
  private valuesOf(node: GraphNode, shown: Shown): CardValues {
    const key = `${shown.model.revision}|${shown.graph.level}|${node.id}`;
    if (this.cardValues?.key === key) return this.cardValues;
    let read: { map: Heatmap | null; caption: string };
    try {
      read = this.readValues(node, shown);
    } catch {
      // A parameter that vanished between the graph and the read (another adapter became active):
      // show no heatmap rather than fail the render; the next model change redraws the card.
      read = { map: null, caption: '' };
    }
    this.cardValues = { key, ...read };
    return this.cardValues;
  }

  private readValues(node: GraphNode, shown: Shown): { map: Heatmap | null; caption: string } {
    const { model, graph } = shown;
    if (graph.level === 'neuron') {
      // A neuron's own numbers are its incoming weights: a row of W_eff, or for a bottleneck node a row of A.
      const kind = node.kind === 'lora-a' ? 'lora-a' : 'weight';
      const row = graph.edges.filter((e) => e.target === node.id && e.kind === kind).map((e) => e.value ?? 0);
      if (row.length === 0) return { map: null, caption: '' };
      const name = kind === 'lora-a' ? `A[${node.index}, :]` : `W_eff[${node.index}, :]`;
      return { map: heatmapFromRows([row]), caption: `${name}: the ${row.length} weights into this node` };
    }
    if (node.paramId !== undefined) {
      const { shape, values } = model.read(node.paramId);
      const rows = shape.length === 2 ? shape[0]! : 1;
      const cols = shape.length === 2 ? shape[1]! : (shape[0] ?? 1);
      return { map: { rows, cols, values }, caption: `${node.paramId} (${formatShape(shape)})` };
    }
    if (node.layer !== null && (node.kind === 'delta' || node.kind === 'sum')) {
      const layer = describeLayer(model, node.layer);
      if (node.kind === 'delta' && layer.lora) {
        return { map: heatmapFromRows(layer.lora.delta), caption: `ΔW = s·B·A (${layer.out}×${layer.in})` };
      }
      if (node.kind === 'sum') {
        return {
          map: heatmapFromRows(layer.effective),
          caption: `W_eff, the weight this sum applies (${layer.out}×${layer.in})`,
        };
      }
    }
    return { map: null, caption: '' };
  }

  protected override updated(): void {
    this.drawCardHeatmap();
    this.placeCardVertically();
    if (this.refocus) {
      this.refocus = false;
      if (this.tabStop !== null) this.nodeElement(this.tabStop)?.focus();
    }
    const layout = this.layoutToAnnounce;
    if (layout !== undefined && this.shown?.layout === layout) {
      this.layoutToAnnounce = undefined;
      this.dispatchEvent(
        new CustomEvent<LoraGraphLayoutDetail>('lora-graph-layout', {
          detail: { level: this.shown.graph.level, nodes: layout.nodes.size, layoutCount: this.layoutsRun },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  private drawCardHeatmap(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part~="heatmap"]');
    const values = this.cardValues;
    if (!canvas || !values?.map) return;
    if (this.drawnHeatmap?.canvas === canvas && this.drawnHeatmap.key === values.key) return;
    const style = getComputedStyle(this);
    const color = (name: string, fallback: Rgb) => parseColor(style.getPropertyValue(name), fallback);
    drawHeatmap(canvas, values.map, {
      negative: color('--_negative', [232, 113, 10]),
      zero: color('--_zero', [243, 244, 246]),
      positive: color('--_positive', [42, 120, 200]),
    });
    this.drawnHeatmap = { canvas, key: values.key };
  }

  /** Moves the card up when it would run past the bottom of the viewport (its height is known only now). */
  private placeCardVertically(): void {
    const card = this.renderRoot.querySelector<HTMLElement>('[part~="card"]');
    if (!card) return;
    const top = parseFloat(card.style.top);
    const limit = this.viewportSize.height - 8 - card.offsetHeight;
    if (top > limit) card.style.top = `${Math.max(8, limit)}px`;
  }

  private async download(format: 'svg' | 'png'): Promise<void> {
    const name = `lora-graph-${this.shown?.graph.level ?? 'component'}.${format}`;
    try {
      const blob = format === 'svg' ? new Blob([this.toSvg()], { type: 'image/svg+xml' }) : await this.toPng();
      downloadBlob(blob, name);
    } catch (error) {
      this.announcement = `Could not export the graph: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lora-graph': LoraGraph;
  }
}
