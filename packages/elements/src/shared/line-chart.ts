import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { createRef, ref, type Ref } from 'lit/directives/ref.js';
import type uPlot from 'uplot';

/** One line of a {@link LineChart}: its name and how it is drawn. */
export interface LineChartSeries {
  /** Name shown in the legend and the data table, e.g. `LoRA`. */
  readonly label: string;
  /** CSS custom property on the host that holds the line colour, e.g. `--_loss-color`. */
  readonly colorProperty: string;
  /** Dash pattern in CSS pixels (`[6, 3]`), so that lines differ by more than colour; solid when absent. */
  readonly dash?: readonly number[];
}

/** Options of a {@link LineChart}. */
export interface LineChartOptions {
  /** Short name of the chart, used in its accessible name and summary, e.g. `Training loss`. */
  readonly title: string;
  /** Name of the x axis, e.g. `epoch`. */
  readonly xLabel: string;
  /** Name of the y axis, e.g. `loss`. */
  readonly yLabel: string;
  /** The lines, in the order of the value arrays given to {@link LineChart.setData}. */
  readonly series: readonly LineChartSeries[];
  /** Height of the plot in CSS pixels (default 220). */
  readonly height?: number;
  /** Formats a value for the summary and the data table (default: 4 significant digits). */
  readonly format?: (value: number) => string;
  /** The x axis: `linear` (default), or `log2` for values that double from point to point (positive x only). */
  readonly xScale?: 'linear' | 'log2';
}

/** The uPlot module, loaded once for every chart on the page. */
let uPlotModule: Promise<typeof uPlot> | undefined;

function loadUPlot(): Promise<typeof uPlot> {
  // Loaded on first use only, so that pages which never draw a chart do not download it.
  uPlotModule ??= import('uplot').then((module) => module.default);
  return uPlotModule;
}

const DEFAULT_HEIGHT = 220;

function defaultFormat(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(4)).toString() : String(value);
}

/**
 * A line chart drawn by uPlot inside a Lit element's shadow root, as a reactive controller: several
 * series over one x axis, a legend, and a text alternative (a visually hidden summary of each series
 * plus a data table in a `<details>`). uPlot is imported on first use; data given before it has loaded
 * is drawn once it has. `setData` redraws at once (batch updates yourself: one call per epoch, say).
 * Colours come from CSS custom properties on the host, read again when the colour scheme changes.
 * The host renders {@link LineChart.render} where the chart should appear and adopts
 * `lineChartStyles`.
 *
 * @example
 * private readonly chart = new LineChart(this, {
 *   title: 'Training loss', xLabel: 'epoch', yLabel: 'loss',
 *   series: [{ label: 'loss', colorProperty: '--_loss-color' }],
 * });
 * // in render(): ${this.chart.render()}; after each epoch: this.chart.setData(epochs, [losses]);
 */
export class LineChart implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: LineChartOptions;
  private readonly container: Ref<HTMLDivElement> = createRef();
  private plot: uPlot | undefined;
  private mounted: HTMLDivElement | undefined;
  private loading = false;
  private x: readonly number[] = [];
  private ys: readonly (readonly (number | null)[])[] = [];
  private resizeObserver: ResizeObserver | undefined;
  private scheme: MediaQueryList | undefined;
  /** Whether the reader opened the data table; its rows are only drawn then (it may hold thousands). */
  private tableOpen = false;

  /**
   * @param host - The element that shows the chart.
   * @param options - Title, axes and series.
   */
  constructor(host: ReactiveControllerHost & HTMLElement, options: LineChartOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Number of x values now plotted. */
  get points(): number {
    return this.x.length;
  }

  /** Whether uPlot has drawn the chart into the page (false until it has loaded). */
  get drawn(): boolean {
    return this.plot !== undefined;
  }

  /**
   * Replaces the data and redraws: `x` ascending, one array per series with a value (or `null` for a
   * gap) per x. The arrays are copied.
   */
  setData(x: readonly number[], ys: readonly (readonly (number | null)[])[]): void {
    this.x = [...x];
    this.ys = ys.map((values) => [...values]);
    this.plot?.setData(this.alignedData());
    this.host.requestUpdate();
  }

  /** Removes every point. */
  clear(): void {
    this.setData(
      [],
      this.options.series.map(() => []),
    );
  }

  /** Asks for an update after a reconnect, so that the chart is mounted again. */
  hostConnected(): void {
    if (this.plot === undefined) this.host.requestUpdate();
  }

  /** Mounts uPlot once the container is in the shadow root. */
  hostUpdated(): void {
    const container = this.container.value;
    if (container && container !== this.mounted) void this.mount(container);
    // The host stopped rendering the chart: free uPlot until it renders it again.
    else if (!container && this.mounted) this.destroy();
  }

  /** Frees uPlot and its listeners; the chart is mounted again on reconnect. */
  hostDisconnected(): void {
    this.destroy();
  }

  /** The chart's markup: the plot, its legend and its text alternative. */
  render(): TemplateResult {
    const { title, xLabel, series } = this.options;
    const format = this.options.format ?? defaultFormat;
    return html`<figure part="chart" class="line-chart">
      <div
        class="plot"
        role="img"
        aria-label=${`${title}: line chart of ${series.map((s) => s.label).join(', ')} by ${xLabel}`}
        ${ref(this.container)}
        style="height: ${this.options.height ?? DEFAULT_HEIGHT}px"
      ></div>
      <figcaption part="chart-legend" class="chart-legend">
        ${series.map(
          (s) =>
            html`<span class="legend-item"
              ><svg width="24" height="10" aria-hidden="true" focusable="false">
                <line
                  x1="1"
                  y1="5"
                  x2="23"
                  y2="5"
                  style="stroke: var(${s.colorProperty})"
                  stroke-width="2"
                  stroke-dasharray=${s.dash ? s.dash.join(' ') : nothing}
                /></svg
              >${s.label}</span
            >`,
        )}
      </figcaption>
      <p part="chart-summary" class="visually-hidden">${this.summary(format)}</p>
      ${this.x.length === 0 ? nothing : this.renderTable(format)}
    </figure>`;
  }

  private summary(format: (value: number) => string): string {
    const { title, xLabel, series } = this.options;
    if (this.x.length === 0) return `${title}: no data yet.`;
    const parts = series.map((s, k) => {
      const points = this.x
        .map((x, i) => ({ x, y: this.ys[k]?.[i] ?? null }))
        .filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y));
      if (points.length === 0) return `${s.label}: no values`;
      const first = points[0]!;
      const last = points.at(-1)!;
      const lowest = points.reduce((best, p) => (p.y < best.y ? p : best), first);
      return (
        `${s.label} from ${format(first.y)} at ${xLabel} ${first.x} to ${format(last.y)} at ${xLabel} ${last.x}, ` +
        `lowest ${format(lowest.y)} at ${xLabel} ${lowest.x}`
      );
    });
    return `${title}, ${this.x.length} ${xLabel}${this.x.length === 1 ? '' : 's'}: ${parts.join('; ')}.`;
  }

  private renderTable(format: (value: number) => string): TemplateResult {
    const { title } = this.options;
    return html`<details part="chart-data" class="chart-data" ?open=${this.tableOpen} @toggle=${this.onToggle}>
      <summary>${title}: data table</summary>
      ${this.tableOpen ? this.renderRows(format) : nothing}
    </details>`;
  }

  private readonly onToggle = (event: Event): void => {
    const open = (event.target as HTMLDetailsElement).open;
    if (open === this.tableOpen) return;
    this.tableOpen = open;
    this.host.requestUpdate();
  };

  private renderRows(format: (value: number) => string): TemplateResult {
    const { xLabel, series } = this.options;
    return html`<div class="table-scroller">
      <table>
        <thead>
          <tr>
            <th scope="col">${xLabel}</th>
            ${series.map((s) => html`<th scope="col">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.x.map(
            (x, i) =>
              html`<tr>
                <th scope="row">${x}</th>
                ${series.map((_, k) => {
                  const y = this.ys[k]?.[i] ?? null;
                  return html`<td>${y === null ? '—' : format(y)}</td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private alignedData(): uPlot.AlignedData {
    return [this.x as number[], ...this.options.series.map((_, k) => (this.ys[k] ?? []) as (number | null)[])];
  }

  private async mount(container: HTMLDivElement): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    let UPlot: typeof uPlot;
    try {
      UPlot = await loadUPlot();
    } finally {
      this.loading = false;
    }
    // The host may have been removed, or re-rendered another container, while uPlot loaded.
    if (!this.host.isConnected || this.container.value !== container) {
      if (this.host.isConnected) this.host.requestUpdate();
      return;
    }
    this.destroy();
    this.mounted = container;
    this.plot = new UPlot(this.plotOptions(container), this.alignedData(), container);
    this.resizeObserver = new ResizeObserver(() => {
      const width = Math.floor(container.clientWidth);
      if (this.plot && width > 0 && width !== this.plot.width) {
        this.plot.setSize({ width, height: this.plot.height });
      }
    });
    this.resizeObserver.observe(container);
    this.scheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.scheme.addEventListener('change', this.onSchemeChange);
  }

  private readonly onSchemeChange = (): void => {
    const container = this.mounted;
    if (!container) return;
    this.destroy();
    void this.mount(container);
  };

  private plotOptions(container: HTMLDivElement): uPlot.Options {
    const style = getComputedStyle(this.host);
    const color = (property: string, fallback: string) => style.getPropertyValue(property).trim() || fallback;
    const axisColor = color('--_chart-axis-color', '#59636e');
    const gridColor = color('--_chart-grid-color', 'rgba(128, 128, 128, 0.25)');
    const format = this.options.format ?? defaultFormat;
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
      font: '11px system-ui, sans-serif',
      labelFont: '12px system-ui, sans-serif',
    });
    return {
      width: Math.max(120, Math.floor(container.clientWidth) || 480),
      height: this.options.height ?? DEFAULT_HEIGHT,
      // Not a time series: without `time: false` the x axis shows dates.
      scales: { x: { time: false, ...(this.options.xScale === 'log2' ? { distr: 3, log: 2 } : {}) } },
      legend: { show: false },
      cursor: { show: false },
      axes: [axis(this.options.xLabel), { ...axis(this.options.yLabel), values: (_, ticks) => ticks.map(format) }],
      series: [
        { label: this.options.xLabel },
        ...this.options.series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: color(s.colorProperty, '#0969da'),
          width: 2,
          ...(s.dash ? { dash: [...s.dash] } : {}),
        })),
      ],
    };
  }

  private destroy(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.scheme?.removeEventListener('change', this.onSchemeChange);
    this.scheme = undefined;
    this.plot?.destroy();
    this.plot = undefined;
    this.mounted = undefined;
  }
}
