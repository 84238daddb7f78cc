import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  FINE_TUNE_METHODS,
  PRIMARY_METRIC,
  rankSweep,
  type Example,
  type FineTuneMethod,
  type LoraModel,
  type RankSweepPoint,
  type TaskName,
} from '@lora-viz/core';
import { LineChart, type LineChartSeries } from '../shared/line-chart.js';
import type { TrainerSettings } from './check-settings.js';
import { METRIC_NAMES, formatNumber } from './format.js';
import { raceMessage, sweepMessage } from './narration.js';
import {
  METHOD_TITLES,
  metricHeading,
  renderRaceTable,
  renderSweepTable,
  type CompareCursor,
} from './render-compare.js';
import { pendingRow, runRace, type RaceRow } from './run-race.js';

/** Which comparison: the method race or the rank sweep. */
export type CompareKind = 'race' | 'sweep';

/** The task's primary metric and the lines it is measured on. */
export interface CompareMetric {
  /** Core's metric key, e.g. `accuracy`. */
  readonly name: string;
  /** `eval` when there are held-out lines, else `train`. */
  readonly set: 'eval' | 'train';
}

/** How a comparison ended, in words. */
export interface CompareOutcome {
  /** `completed`, `cancelled` (some runs skipped or stopped) or `failed` (it could not run). */
  readonly kind: 'completed' | 'cancelled' | 'failed';
  /** The message shown and announced. */
  readonly text: string;
}

/** What a race or a sweep trains on. */
export interface CompareRequest {
  /** The task. */
  readonly task: TaskName;
  /** The training lines. */
  readonly examples: readonly Example[];
  /** The held-out lines; may be empty. */
  readonly eval: readonly Example[];
  /** The checked settings (method LoRA; `lora` set). */
  readonly settings: TrainerSettings;
  /** Gets the pretrained base of the task and seed, which the element owns and keeps. */
  readonly base: () => Promise<LoraModel>;
}

/** Options of a {@link CompareController}. */
export interface CompareControllerOptions {
  /** Says a start or an end in the element's live region (the element spaces them a second apart). */
  readonly announce: (text: string) => void;
  /** Called when the base model a comparison waited for is ready. */
  readonly onBaseReady?: () => void;
}

/** The ranks the sweep trains, smallest first (the issue's r = 1, 2, 4, 8). */
export const SWEEP_RANKS: readonly number[] = Object.freeze([1, 2, 4, 8]);

/** The race's curves in `FINE_TUNE_METHODS` order: solid, dashed and dotted, so they differ by more than colour. */
const RACE_SERIES: readonly LineChartSeries[] = Object.freeze([
  { label: 'full fine-tuning', colorProperty: '--_race-full' },
  { label: 'LoRA', colorProperty: '--_race-lora', dash: [8, 4] },
  { label: 'QLoRA', colorProperty: '--_race-qlora', dash: [2, 3] },
]);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Runs `<lora-trainer>`'s comparisons, one at a time: the race of full fine-tuning, LoRA and QLoRA
 * (see `runRace`) and core's `rankSweep`, and draws their progress, charts and tables. Each run's
 * model is disposed as soon as it is read; the base belongs to the element. Disconnecting the host
 * aborts the comparison under way, so that it starts no further run on a base the element frees.
 */
export class CompareController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: CompareControllerOptions;
  private readonly raceChart: LineChart;
  private readonly sweepLossChart: LineChart;
  /** One chart per metric heading (its series is named after the metric), made when first needed. */
  private readonly sweepMetricCharts = new Map<string, LineChart>();
  private raceLosses: Record<FineTuneMethod, number[]> = { full: [], lora: [], qlora: [] };
  private controller: AbortController | null = null;
  private id = 0;
  private kindNow: CompareKind | null = null;
  private waiting = false;
  private cursor: CompareCursor | null = null;
  private done = 0;
  private total = 0;
  private race: { readonly rows: readonly RaceRow[]; readonly metric: CompareMetric } | null = null;
  private sweep: { readonly points: readonly RankSweepPoint[]; readonly metric: CompareMetric } | null = null;
  private outcome: CompareOutcome | null = null;

  /**
   * @param host - The element that shows the comparisons.
   * @param options - Where to announce, and what to tell when the base is ready.
   */
  constructor(host: ReactiveControllerHost & HTMLElement, options: CompareControllerOptions) {
    this.host = host;
    this.options = options;
    this.raceChart = new LineChart(host, {
      title: 'Race: training loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: RACE_SERIES,
      height: 200,
      format: (value) => formatNumber(value, 4),
    });
    this.sweepLossChart = new LineChart(host, {
      title: 'Final loss by trainable parameters',
      xLabel: 'trainable parameters',
      yLabel: 'final loss',
      series: [{ label: 'final loss', colorProperty: '--_loss' }],
      height: 160,
      format: (value) => formatNumber(value, 4),
      xScale: 'log2',
    });
    host.addController(this);
  }

  /** The comparison under way, or `null`. */
  get kind(): CompareKind | null {
    return this.kindNow;
  }

  /** The rows of the race under way or the last race; `null` before any. */
  get raceRows(): readonly RaceRow[] | null {
    return this.race?.rows ?? null;
  }

  /** The points of the last finished sweep; `null` before any, or while one runs. */
  get sweepPoints(): readonly RankSweepPoint[] | null {
    return this.sweep?.points ?? null;
  }

  /** Stops the comparison under way when the host leaves the page. */
  hostDisconnected(): void {
    this.stop();
  }

  /** Cancels the comparison under way: its run stops at the next batch and the rest are skipped. */
  cancel(): void {
    this.controller?.abort();
  }

  /** Abandons the comparison under way and forgets every result (the task changed). */
  reset(): void {
    this.stop();
    this.race = null;
    this.sweep = null;
    this.outcome = null;
    this.raceChart.clear();
    this.sweepLossChart.clear();
  }

  /** Races full fine-tuning, LoRA and QLoRA on the request's lines, settings and seed. */
  async runRace(request: CompareRequest): Promise<void> {
    if (this.kindNow !== null) return;
    const { settings, examples } = request;
    const epochs = settings.epochs;
    const id = this.begin('race', FINE_TUNE_METHODS.length * epochs);
    const signal = this.controller!.signal;
    const metric = metricOf(request);
    let rows: readonly RaceRow[] = FINE_TUNE_METHODS.map((method) => pendingRow(method, epochs));
    this.race = { rows, metric };
    this.raceLosses = { full: [], lora: [], qlora: [] };
    this.drawRace();
    this.options.announce(
      `Race started: full fine-tuning, then LoRA, then QLoRA, ${plural(epochs, 'epoch')} each ` +
        `on ${plural(examples.length, 'training line')}.`,
    );

    const base = await this.baseFor(id, request, 'race');
    if (base === null) return;
    let done = 0;
    try {
      rows = await runRace(base, examples, {
        lora: settings.lora ?? {},
        optimizer: settings.optimizer,
        lr: settings.lr,
        epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        eval: request.eval,
        signal,
        onStart: (method) => {
          if (id !== this.id) return;
          this.cursor = { key: method, epoch: 0, epochs };
          this.host.requestUpdate();
        },
        onEpoch: (method, progress) => {
          if (id !== this.id) return;
          this.raceLosses[method].push(progress.loss);
          this.drawRace();
          this.cursor = { key: method, epoch: progress.epoch, epochs: progress.epochs };
          this.done = done + progress.epoch;
        },
        onEnd: (row) => {
          if (id !== this.id) return;
          // A run that stopped early leaves the bar where the next run starts.
          done += row.plannedEpochs;
          this.done = done;
          this.cursor = null;
          rows = rows.map((r) => (r.method === row.method ? row : r));
          this.race = { rows, metric };
          this.host.requestUpdate();
        },
      });
    } catch (error) {
      if (id === this.id) this.end({ kind: 'failed', text: `The race could not run: ${messageOf(error)}` });
      return;
    }
    if (id !== this.id) return;
    this.race = { rows, metric };
    const stopped = rows.some((row) => row.status === 'cancelled' || row.status === 'not run');
    this.end({ kind: stopped ? 'cancelled' : 'completed', text: raceMessage(rows) });
  }

  /** Runs core's `rankSweep` at r = 1, 2, 4, 8 (method LoRA) with the request's lines and settings. */
  async runSweep(request: CompareRequest): Promise<void> {
    if (this.kindNow !== null) return;
    const { settings } = request;
    const epochs = settings.epochs;
    const id = this.begin('sweep', SWEEP_RANKS.length * epochs);
    const signal = this.controller!.signal;
    const metric = metricOf(request);
    this.sweep = null;
    this.sweepLossChart.clear();
    this.options.announce(
      `Rank sweep started: LoRA at r = ${SWEEP_RANKS.join(', ')}, ${plural(epochs, 'epoch')} each.`,
    );

    const base = await this.baseFor(id, request, 'rank sweep');
    if (base === null) return;
    let index = -1;
    let points: RankSweepPoint[];
    try {
      points = await rankSweep(base, request.examples, {
        ranks: SWEEP_RANKS,
        method: 'lora',
        lora: settings.lora ?? {},
        optimizer: settings.optimizer,
        lr: settings.lr,
        epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        eval: request.eval,
        signal,
        onEpoch: (progress) => {
          if (id !== this.id) return;
          // rankSweep runs the ranks in order, each from epoch 1.
          if (progress.epoch === 1) index++;
          this.cursor = { key: String(SWEEP_RANKS[index]), epoch: progress.epoch, epochs: progress.epochs };
          this.done = index * epochs + progress.epoch;
          this.host.requestUpdate();
        },
      });
    } catch (error) {
      if (id === this.id) this.end({ kind: 'failed', text: `The rank sweep could not run: ${messageOf(error)}` });
      return;
    }
    if (id !== this.id) return;
    const cancelled = signal.aborted || points.some((point) => point.status === 'cancelled');
    this.sweep = { points, metric };
    this.drawSweep(points, metric);
    this.end({ kind: cancelled ? 'cancelled' : 'completed', text: sweepMessage(points, cancelled) });
  }

  /** The progress of the comparison under way, how the last one ended, and the race's and sweep's results. */
  render(): TemplateResult {
    const o = this.outcome;
    return html`${this.renderProgress()}
    ${o ? html`<p part="compare-outcome compare-outcome-${o.kind}" class="outcome ${o.kind}">${o.text}</p>` : nothing}
    ${
      this.race
        ? html`<section part="race-results" class="compare-results" aria-label="Race">
            <h4>Race</h4>
            <div part="race-chart">${this.raceChart.render()}</div>
            ${renderRaceTable(this.race.rows, this.race.metric, this.kindNow === 'race' ? this.cursor : null)}
          </section>`
        : nothing
    }
    ${
      this.sweep
        ? html`<section part="sweep-results" class="compare-results" aria-label="Rank sweep">
            <h4>Rank sweep</h4>
            <div part="sweep-charts" class="sweep-charts">
              ${this.sweepLossChart.render()} ${this.sweepMetricChart(this.sweep.metric).render()}
            </div>
            ${renderSweepTable(this.sweep.points, this.sweep.metric)}
          </section>`
        : nothing
    }`;
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const kind = this.kindNow;
    if (kind === null) return nothing;
    const cursor = this.cursor;
    let text: string;
    if (this.waiting) {
      text = 'Waiting for the base model to finish pretraining…';
    } else if (kind === 'race') {
      const index = cursor ? FINE_TUNE_METHODS.indexOf(cursor.key as FineTuneMethod) : -1;
      text =
        index < 0
          ? 'Race: between runs…'
          : `Race: ${METHOD_TITLES[FINE_TUNE_METHODS[index]!]} (${index + 1} of ${FINE_TUNE_METHODS.length}), ` +
            `epoch ${cursor!.epoch} of ${cursor!.epochs}`;
    } else {
      const index = cursor ? SWEEP_RANKS.indexOf(Number(cursor.key)) : -1;
      text =
        index < 0
          ? 'Rank sweep: starting…'
          : `Rank sweep: r ${cursor!.key} (${index + 1} of ${SWEEP_RANKS.length}), ` +
            `epoch ${cursor!.epoch} of ${cursor!.epochs}`;
    }
    return html`<div part="compare-progress" class="progress">
      <progress
        max=${Math.max(1, this.total)}
        .value=${this.done}
        aria-label=${kind === 'race' ? 'Race progress' : 'Rank sweep progress'}
      ></progress>
      <span class="progress-text">${text}</span>
    </div>`;
  }

  /** Starts a comparison's bookkeeping; returns its id. */
  private begin(kind: CompareKind, total: number): number {
    this.controller = new AbortController();
    this.kindNow = kind;
    this.waiting = true;
    this.cursor = null;
    this.done = 0;
    this.total = total;
    this.outcome = null;
    this.host.requestUpdate();
    return ++this.id;
  }

  /** Abandons the comparison under way: its run stops at the next batch and frees its model. */
  private stop(): void {
    this.controller?.abort();
    this.controller = null;
    this.id++;
    this.kindNow = null;
    this.waiting = false;
    this.cursor = null;
    this.host.requestUpdate();
  }

  private end(outcome: CompareOutcome): void {
    this.controller = null;
    this.kindNow = null;
    this.waiting = false;
    this.cursor = null;
    this.outcome = outcome;
    this.host.requestUpdate();
    this.options.announce(outcome.text);
  }

  /** The base model, or `null` when the comparison was cancelled, superseded or failed (then reported). */
  private async baseFor(id: number, request: CompareRequest, what: string): Promise<LoraModel | null> {
    let base: LoraModel;
    try {
      base = await request.base();
    } catch (error) {
      if (id === this.id) this.end({ kind: 'failed', text: `The ${what} could not start: ${messageOf(error)}` });
      return null;
    }
    if (id !== this.id) return null;
    this.options.onBaseReady?.();
    this.waiting = false;
    this.host.requestUpdate();
    if (this.controller?.signal.aborted) {
      this.end({ kind: 'cancelled', text: `The ${what} was cancelled before it started; nothing was trained.` });
      return null;
    }
    return base;
  }

  /** The race's curves so far, one point per finished epoch of each method (gaps where none yet). */
  private drawRace(): void {
    const length = Math.max(...FINE_TUNE_METHODS.map((method) => this.raceLosses[method].length));
    const x = Array.from({ length }, (_, i) => i + 1);
    this.raceChart.setData(
      x,
      FINE_TUNE_METHODS.map((method) => x.map((_, i) => this.raceLosses[method][i] ?? null)),
    );
  }

  private sweepMetricChart(metric: CompareMetric): LineChart {
    const heading = metricHeading(metric.name, metric.set);
    let chart = this.sweepMetricCharts.get(heading);
    if (!chart) {
      const name = METRIC_NAMES[metric.name] ?? metric.name;
      chart = new LineChart(this.host, {
        title: `${name[0]!.toUpperCase()}${name.slice(1)} by trainable parameters`,
        xLabel: 'trainable parameters',
        yLabel: name,
        series: [{ label: heading, colorProperty: '--_race-lora', dash: [8, 4] }],
        height: 160,
        xScale: 'log2',
      });
      this.sweepMetricCharts.set(heading, chart);
    }
    return chart;
  }

  /** Plots the completed ranks (a cancelled or diverged one was restored, so it has no result to plot). */
  private drawSweep(points: readonly RankSweepPoint[], metric: CompareMetric): void {
    const completed = points.filter((point) => point.status === 'completed');
    const x = completed.map((point) => point.trainableParams);
    this.sweepLossChart.setData(x, [completed.map((point) => point.finalLoss)]);
    this.sweepMetricChart(metric).setData(x, [completed.map((point) => point.metric.value)]);
  }
}

function metricOf(request: CompareRequest): CompareMetric {
  return { name: PRIMARY_METRIC[request.task], set: request.eval.length > 0 ? 'eval' : 'train' };
}
