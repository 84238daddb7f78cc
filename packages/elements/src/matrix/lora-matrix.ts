import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { paintCells, type DivergingScale, type Rgb } from './color-scale.js';
import { formatShape, formatValue } from './format.js';
import { styles } from './lora-matrix.styles.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { summarizeMatrix, type MatrixSummary } from './summarize.js';

/** A cell of the matrix, 0-based (the texts shown to people count from 1). */
interface Cell {
  readonly row: number;
  readonly column: number;
}

/** The properties whose change alters the canvas's pixels. */
const DRAWN_PROPERTIES = ['values', 'scale', 'cellSize', 'maxSize'] as const;

/** Rows moved by PageUp / PageDown. */
const PAGE_ROWS = 10;

/** Below this many device pixels per cell, grid lines would hide the colours they separate. */
const GRID_MIN_CELL_PIXELS = 6;

/** Defaults of the colour tokens, used when a page sets a token to something a canvas cannot paint. */
const FALLBACK: Record<'negative' | 'zero' | 'positive' | 'grid', Rgb> = {
  negative: [213, 94, 0],
  zero: [242, 242, 242],
  positive: [0, 114, 178],
  grid: [255, 255, 255],
};

let colorContext: CanvasRenderingContext2D | null | undefined;
const colorCache = new Map<string, Rgb>();

/**
 * Resolves any CSS colour a canvas understands (hex, rgb(), hsl(), names, oklch() …) to RGB by
 * painting one pixel: the custom properties come back as the author wrote them, not as rgb().
 */
function toRgb(text: string, fallback: Rgb): Rgb {
  const key = text.trim();
  const cached = colorCache.get(key);
  if (cached) return cached;
  colorContext ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!colorContext || key === '') return fallback;
  const sentinel = `rgb(${fallback.join(', ')})`;
  colorContext.fillStyle = sentinel;
  // An unparsable colour leaves fillStyle unchanged, so the fallback is painted.
  colorContext.fillStyle = key;
  colorContext.clearRect(0, 0, 1, 1);
  colorContext.fillRect(0, 0, 1, 1);
  const [r, g, b] = colorContext.getImageData(0, 0, 1, 1).data;
  const rgb: Rgb = [r!, g!, b!];
  colorCache.set(key, rgb);
  return rgb;
}

/** `scale` attribute: a number, or unset (`undefined`) for the matrix's own largest |value|. */
const optionalNumber = {
  fromAttribute: (text: string | null): number | undefined => (text === null ? undefined : Number(text)),
};

/** A positive number from an attribute, or the default when the attribute is removed or unusable. */
function positiveOr(fallback: number) {
  return {
    fromAttribute: (text: string | null): number => {
      const value = text === null ? NaN : Number(text);
      return Number.isFinite(value) && value > 0 ? value : fallback;
    },
  };
}

// Role glyphs drawn inline (an emoji would depend on the reader's fonts); currentColor keeps them
// visible in forced-colors mode. The word next to each glyph carries the meaning.
const ICONS: Record<string, TemplateResult> = {
  frozen: html`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
    <path d="M5 7.5V5a3 3 0 0 1 6 0v2.5" fill="none" stroke="currentColor" stroke-width="1.6" />
    <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
  </svg>`,
  trainable: html`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
    <path d="M2 14l1-4 8-8 3 3-8 8z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
    <path d="M9 4l3 3" stroke="currentColor" stroke-width="1.6" />
  </svg>`,
  effective: html`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
    <path d="M12.5 2.5h-9l5 5.5-5 5.5h9" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
  </svg>`,
};

/**
 * A heatmap of one matrix on a `<canvas>`: a diverging colour scale centred at zero (orange negative,
 * light zero, blue positive: a pair that colour-blind readers tell apart), the shape, a colour-bar
 * legend with the scale's bounds, and every value on hover and from the keyboard, so that colour is
 * never the only way to read a number. A 1024 × 1024 matrix draws in one pass at one pixel per cell,
 * scaled up crisply for the screen's device-pixel ratio.
 *
 * Keyboard: the grid is one tab stop. Arrow keys move the active cell, Home / End go to the first /
 * last column of the row, Ctrl+Home / Ctrl+End to the first / last cell, PageUp / PageDown move ten
 * rows, Escape hides the tooltip. Each move is announced in a polite live region as
 * "row 3, column 5: −0.0123" (rows and columns count from 1; values have 4 significant digits).
 *
 * Colours are re-read whenever the tokens' computed values change (a class on the page, the colour
 * scheme, forced colours), so the canvas follows the page's theme without a call.
 *
 * @tagname lora-matrix
 * @summary Heatmap of a matrix with a diverging colour scale, legend, tooltip and keyboard reading.
 *
 * @slot label - Rich text for the visible label (e.g. `W<sub>eff</sub>`); the `label` attribute
 *   still names the matrix for assistive technology.
 *
 * @csspart label - The header: the label, the shape and the role cue.
 * @csspart shape - The shape, e.g. `16 × 8` (rows × columns).
 * @csspart role - The role cue: an icon and the role's name.
 * @csspart frame - The border around the canvas; its pattern follows `matrix-role`.
 * @csspart canvas - The `<canvas>`, which is also the keyboard-focusable grid (`role="img"`).
 * @csspart cursor - The outline around the hovered or active cell.
 * @csspart tooltip - The value of the hovered or active cell: row, column and value.
 * @csspart legend - The colour bar with the scale's −bound, 0 and +bound.
 * @csspart note - A remark about the scale (clipping, an unusable `scale` value).
 * @csspart error - The alert shown when `values` is not rectangular.
 *
 * @cssproperty [--lora-matrix-negative-color=#d55e00] - Colour of −bound (dark scheme: #f0883e).
 * @cssproperty [--lora-matrix-zero-color=#f2f2f2] - Colour of 0 (dark scheme: #262c36).
 * @cssproperty [--lora-matrix-positive-color=#0072b2] - Colour of +bound (dark scheme: #4aa3f0).
 * @cssproperty [--lora-matrix-grid-color=#ffffff] - Lines between cells of 6 device pixels or more (dark scheme: #0d1117).
 * @cssproperty [--lora-matrix-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-matrix-muted-color=#59636e] - Shape, legend and notes (dark scheme: #9198a1).
 * @cssproperty [--lora-matrix-frozen-color=#6e7781] - Dashed frame of a frozen matrix (dark scheme: #9198a1).
 * @cssproperty [--lora-matrix-trainable-color=#0969da] - Solid frame of a trainable matrix (dark scheme: #58a6ff).
 * @cssproperty [--lora-matrix-effective-color=#9a6700] - Double frame of an effective matrix (dark scheme: #d29922).
 * @cssproperty [--lora-matrix-focus-color=#0969da] - Focus ring of the grid (dark scheme: #58a6ff).
 * @cssproperty [--lora-matrix-tooltip-background=#1f2328] - Tooltip background (dark scheme: #f0f6fc).
 * @cssproperty [--lora-matrix-tooltip-color=#ffffff] - Tooltip text (dark scheme: #0d1117).
 * @cssproperty [--lora-matrix-font-family=inherit] - Font of the label.
 * @cssproperty [--lora-matrix-mono-font-family=ui-monospace, monospace] - Font of numbers.
 *
 * @example
 * <lora-matrix label="ΔW₁" matrix-role="trainable"></lora-matrix>
 * <script type="module">
 *   document.querySelector('lora-matrix').values = describeLayer(model, 'fc1').lora.delta;
 * </script>
 */
export class LoraMatrix extends LitElement {
  static override styles = [styles, visuallyHidden];

  /**
   * The matrix as rows of numbers, every row the same length; shown as given, never copied. Assign a
   * new array to redraw: changes made inside the same array are not observed.
   */
  @property({ attribute: false }) values: readonly (readonly number[])[] = [];

  /** Name of the matrix, e.g. `ΔW₁`: shown above it and used in its accessible name. */
  @property() label = '';

  /**
   * The symmetric colour-scale bound: values at ±scale get the full end colours, beyond it they are
   * clamped. Unset: the matrix's own largest |value|. Give several matrices the same scale to compare them.
   */
  @property({ converter: optionalNumber }) scale: number | undefined;

  /**
   * The matrix's part in training, as the graph's node roles: `frozen` (dashed frame, lock),
   * `trainable` (solid frame, pencil) or `effective` (double frame, sum sign); empty for none.
   * Named `matrix-role` rather than `role`, which belongs to ARIA.
   */
  @property({ attribute: 'matrix-role', reflect: true }) matrixRole = '';

  /** Largest side of a cell, in CSS pixels. */
  @property({ attribute: 'cell-size', converter: positiveOr(16) }) cellSize = 16;

  /** Largest side of the drawing, in CSS pixels: big matrices get smaller cells to fit. */
  @property({ attribute: 'max-size', converter: positiveOr(480) }) maxSize = 480;

  @state() private active: Cell | null = null;
  @state() private hovered: Cell | null = null;
  @state() private focused = false;
  @state() private tooltipDismissed = false;
  @state() private announcement = '';

  @query('canvas') private canvas!: HTMLCanvasElement | null;

  private summary: MatrixSummary = summarizeMatrix([]);
  private source: HTMLCanvasElement | undefined;
  /** What the source image was painted from; a change of any of them repaints it. */
  private painted: { values: unknown; bound: number; colors: string } | undefined;
  private observed: HTMLCanvasElement | null = null;
  private readonly resizeObserver =
    typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.draw());

  /** The bound of the colour scale now in use: `scale` when usable, else the largest |value|. */
  get bound(): number {
    return this.scaleUsable ? this.scale! : this.summary.maxAbs;
  }

  private get scaleUsable(): boolean {
    return this.scale !== undefined && Number.isFinite(this.scale) && this.scale > 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-observe after a move in the page (disconnect dropped the observation).
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.observed = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('values')) {
      this.summary = summarizeMatrix(this.values ?? []);
      const { rows, columns } = this.summary;
      if (this.active) {
        this.active =
          rows === 0 || columns === 0
            ? null
            : { row: Math.min(this.active.row, rows - 1), column: Math.min(this.active.column, columns - 1) };
      }
      if (this.hovered && (this.hovered.row >= rows || this.hovered.column >= columns)) this.hovered = null;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const canvas = this.canvas;
    const replaced = canvas !== this.observed;
    if (replaced) {
      this.resizeObserver?.disconnect();
      if (canvas) this.resizeObserver?.observe(canvas);
      this.observed = canvas;
    }
    // Hover and focus only move DOM overlays; the canvas is repainted for what changes its pixels.
    if (replaced || DRAWN_PROPERTIES.some((name) => changed.has(name))) this.draw();
  }

  protected override render(): TemplateResult {
    const { rows, columns, raggedRow } = this.summary;
    const header = html`<div part="label">
      <span class="name"><slot name="label">${this.label}</slot></span>
      <span part="shape">${formatShape(rows, columns)}</span>
      ${this.renderRole()}
    </div>`;
    if (raggedRow >= 0) {
      return html`${header}
        <p part="error" role="alert">
          Cannot draw ${this.label || 'the matrix'}: every row needs ${columns} values, but row ${raggedRow + 1} has
          ${this.values[raggedRow]!.length}.
        </p>`;
    }
    if (rows === 0 || columns === 0) {
      return html`${header}
        <p class="note" part="note">This matrix is empty.</p>`;
    }
    return html`${header}
      <div part="frame">
        <canvas
          part="canvas"
          role="img"
          tabindex="0"
          aria-roledescription="heatmap"
          aria-label=${this.accessibleName()}
          aria-describedby="keys"
          style=${styleMap(this.canvasSize())}
          @keydown=${this.onKeyDown}
          @focus=${this.onFocus}
          @blur=${this.onBlur}
          @pointermove=${this.onPointerMove}
          @pointerleave=${this.onPointerLeave}
          @pointerdown=${this.onPointerDown}
        ></canvas>
        ${this.renderCursor()}
      </div>
      ${this.renderLegend()}
      <span class="visually-hidden" id="keys">
        Arrow keys read the cells; Home and End go to the ends of a row, Ctrl+Home and Ctrl+End to the corners.
      </span>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
      <span class="probe" aria-hidden="true" @transitionrun=${this.onTokensChanged}></span>`;
  }

  private renderRole(): TemplateResult | typeof nothing {
    const role = this.matrixRole;
    if (!role) return nothing;
    return html`<span class="badge" part="role">${ICONS[role] ?? nothing} ${role}</span>`;
  }

  /** CSS size of the canvas: square cells of at most `cell-size`, the whole within `max-size`. */
  private canvasSize(): Record<string, string> {
    const { rows, columns } = this.summary;
    const cell = Math.min(this.cellSize, this.maxSize / Math.max(rows, columns));
    // The width may shrink to the container (max-width: 100%); aspect-ratio keeps the cells square.
    return { width: `${columns * cell}px`, 'aspect-ratio': `${columns} / ${rows}` };
  }

  private accessibleName(): string {
    const { rows, columns, min, max, allZero } = this.summary;
    const name = this.label || 'Matrix';
    const role = this.matrixRole ? `, ${this.matrixRole}` : '';
    const range = `min ${formatValue(min)}, max ${formatValue(max)}`;
    return `${name}${role}: ${rows} by ${columns} matrix, ${range}${allZero ? ' (all zeros)' : ''}`;
  }

  /** The cell the tooltip shows: the hovered one, else the active one while the grid has focus. */
  private shownCell(): Cell | null {
    if (this.hovered) return this.hovered;
    return this.focused && !this.tooltipDismissed ? this.active : null;
  }

  private renderCursor(): TemplateResult | typeof nothing {
    const cell = this.hovered ?? (this.focused ? this.active : null);
    if (!cell) return nothing;
    const { rows, columns } = this.summary;
    const cursor = html`<div
      part="cursor"
      style=${styleMap({
        left: `${(100 * cell.column) / columns}%`,
        top: `${(100 * cell.row) / rows}%`,
        width: `${100 / columns}%`,
        height: `${100 / rows}%`,
      })}
    ></div>`;
    const shown = this.shownCell();
    if (!shown) return cursor;
    const across = (shown.column + 0.5) / columns;
    // Keep the tooltip over the matrix near its left and right edges instead of centring it off-side.
    const shiftX = across < 0.25 ? '-10%' : across > 0.75 ? '-90%' : '-50%';
    const below = shown.row / rows < 0.15;
    const tooltip = html`<div
      part="tooltip"
      aria-hidden="true"
      style=${styleMap({
        left: `${100 * across}%`,
        top: `${(100 * (below ? shown.row + 1 : shown.row)) / rows}%`,
        transform: `translate(${shiftX}, ${below ? '6px' : 'calc(-100% - 6px)'})`,
      })}
    >
      ${this.describeCell(shown)}
    </div>`;
    return html`${cursor}${tooltip}`;
  }

  private renderLegend(): TemplateResult {
    const bound = this.bound;
    const { maxAbs, allZero } = this.summary;
    const low = formatValue(-bound, 3);
    const high = formatValue(bound, 3);
    const notes: string[] = [];
    if (this.scale !== undefined && !this.scaleUsable) {
      notes.push(
        `scale="${String(this.scale)}" is not a positive number: using the largest |value|, ${formatValue(maxAbs, 3)}.`,
      );
    }
    if (maxAbs > bound && bound > 0) notes.push(`Values beyond ±${high} are drawn at full colour.`);
    return html`<div part="legend">
        ${
          bound > 0
            ? html`<span aria-hidden="true">${low}</span><span class="bar" aria-hidden="true"></span
                ><span aria-hidden="true">${high}</span><span class="zero-tick" aria-hidden="true">0</span>
                <span class="visually-hidden">Colour scale from ${low} through 0 to ${high}.</span>`
            : html`<span></span><span class="bar" aria-hidden="true"></span><span></span>
                <span class="zero-tick">${allZero ? 'all entries are 0' : 'scale 0'}</span>`
        }
      </div>
      ${notes.map((text) => html`<p class="note" part="note">${text}</p>`)}`;
  }

  /** `row 3, column 5: −0.0123`: 1-based, 4 significant digits. */
  private describeCell(cell: Cell): string {
    const value = this.values[cell.row]?.[cell.column] ?? NaN;
    return `row ${cell.row + 1}, column ${cell.column + 1}: ${formatValue(value)}`;
  }

  private moveTo(cell: Cell): void {
    const { rows, columns } = this.summary;
    const next = {
      row: Math.max(0, Math.min(rows - 1, cell.row)),
      column: Math.max(0, Math.min(columns - 1, cell.column)),
    };
    this.active = next;
    this.tooltipDismissed = false;
    // The live region speaks only on a change of its text; a key that cannot move (an edge) repeats
    // the cell, so a zero-width space toggles to make the repetition audible.
    const text = this.describeCell(next);
    this.announcement = this.announcement === text ? `${text}\u200b` : text;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const { rows, columns } = this.summary;
    const at = this.active ?? { row: 0, column: 0 };
    const corner = event.ctrlKey || event.metaKey;
    let next: Cell;
    switch (event.key) {
      case 'ArrowRight':
        next = { row: at.row, column: at.column + 1 };
        break;
      case 'ArrowLeft':
        next = { row: at.row, column: at.column - 1 };
        break;
      case 'ArrowDown':
        next = { row: at.row + 1, column: at.column };
        break;
      case 'ArrowUp':
        next = { row: at.row - 1, column: at.column };
        break;
      case 'Home':
        next = { row: corner ? 0 : at.row, column: 0 };
        break;
      case 'End':
        next = { row: corner ? rows - 1 : at.row, column: columns - 1 };
        break;
      case 'PageDown':
        next = { row: at.row + PAGE_ROWS, column: at.column };
        break;
      case 'PageUp':
        next = { row: at.row - PAGE_ROWS, column: at.column };
        break;
      case 'Escape':
        if (!this.tooltipDismissed) {
          this.tooltipDismissed = true;
          this.hovered = null;
          event.preventDefault();
        }
        return;
      default:
        return;
    }
    // Arrow keys and paging would otherwise scroll the page.
    event.preventDefault();
    this.moveTo(next);
  };

  private readonly onFocus = (): void => {
    this.focused = true;
    if (this.active === null) this.moveTo({ row: 0, column: 0 });
  };

  private readonly onBlur = (): void => {
    this.focused = false;
  };

  private cellAt(event: PointerEvent): Cell | null {
    const canvas = this.canvas;
    if (!canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const { rows, columns } = this.summary;
    const x = (event.clientX - rect.left) / rect.width;
    const y = (event.clientY - rect.top) / rect.height;
    if (!(x >= 0 && x < 1 && y >= 0 && y < 1)) return null;
    return { row: Math.min(rows - 1, Math.floor(y * rows)), column: Math.min(columns - 1, Math.floor(x * columns)) };
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const cell = this.cellAt(event);
    if (cell?.row !== this.hovered?.row || cell?.column !== this.hovered?.column) {
      this.hovered = cell;
      this.tooltipDismissed = false;
    }
  };

  private readonly onPointerLeave = (): void => {
    this.hovered = null;
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    const cell = this.cellAt(event);
    // Clicking a cell makes it the keyboard's starting point too.
    if (cell) this.moveTo(cell);
  };

  private readonly onTokensChanged = (): void => {
    this.draw();
  };

  private readColors(): DivergingScale & { readonly grid: Rgb; readonly key: string } {
    const style = getComputedStyle(this);
    const token = (name: string) => style.getPropertyValue(name).trim();
    const texts = [token('--_negative'), token('--_zero'), token('--_positive'), token('--_grid')] as const;
    return {
      negative: toRgb(texts[0], FALLBACK.negative),
      zero: toRgb(texts[1], FALLBACK.zero),
      positive: toRgb(texts[2], FALLBACK.positive),
      grid: toRgb(texts[3], FALLBACK.grid),
      bound: this.bound,
      key: texts.join('|'),
    };
  }

  /** Paints the canvas at its current size: one source pixel per cell, scaled to device pixels. */
  private draw(): void {
    const canvas = this.canvas;
    const { rows, columns, raggedRow } = this.summary;
    if (!canvas || rows === 0 || columns === 0 || raggedRow >= 0) return;
    const rect = canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width * ratio));
    const height = Math.max(1, Math.round(rect.height * ratio));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return;

    const colors = this.readColors();
    const painted = this.painted;
    if (
      !this.source ||
      !painted ||
      painted.values !== this.values ||
      painted.bound !== colors.bound ||
      painted.colors !== colors.key
    ) {
      this.source ??= document.createElement('canvas');
      this.source.width = columns;
      this.source.height = rows;
      const image = new ImageData(columns, rows);
      paintCells(this.values, columns, colors, image.data);
      this.source.getContext('2d')!.putImageData(image, 0, 0);
      this.painted = { values: this.values, bound: colors.bound, colors: colors.key };
    }

    // Scaling up, nearest-neighbour keeps cell edges sharp; scaling down (more cells than device
    // pixels), smoothing blends the cells that share a pixel instead of dropping all but one.
    context.imageSmoothingEnabled = width < columns || height < rows;
    context.clearRect(0, 0, width, height);
    context.drawImage(this.source, 0, 0, width, height);

    const cellWidth = width / columns;
    const cellHeight = height / rows;
    if (Math.min(cellWidth, cellHeight) >= GRID_MIN_CELL_PIXELS) {
      const line = Math.max(1, Math.floor(ratio));
      context.fillStyle = `rgb(${colors.grid.join(', ')})`;
      // Each line covers the first pixels of a cell, never its centre.
      for (let j = 1; j < columns; j++) context.fillRect(Math.round(j * cellWidth), 0, line, height);
      for (let i = 1; i < rows; i++) context.fillRect(0, Math.round(i * cellHeight), width, line);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lora-matrix': LoraMatrix;
  }
}
