import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  DEFAULT_EVAL_TEXT,
  DEFAULT_TRAINING_TEXT,
  FEATURES,
  SCENARIOS,
  TASKS,
  TASK_CLASSES,
  evaluate,
  featurize,
  fineTune,
  interpretOutput,
  isTaskName,
  parseLines,
  resolveMlpOptions,
  type EpochProgress,
  type Example,
  type FineTuneMethod,
  type FineTuneResult,
  type FineTuneStatus,
  type LoraModel,
  type LoraOptions,
  type NamedFeature,
  type ParsedLines,
  type RankSweepPoint,
  type TaskMetrics,
  type TaskName,
} from '@lora-viz/core';
import { textOr } from '../shared/attribute-converters.js';
import { LineChart } from '../shared/line-chart.js';
import { renderProblems } from '../shared/render-problems.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { lineChartStyles } from '../shared/line-chart.styles.js';
import { BaseModels, generalExamples } from './base-models.js';
import {
  DEFAULT_SETTINGS,
  SETTINGS_LABELS,
  checkSettings,
  type SettingsCheck,
  type SettingsDraft,
  type SettingsField,
} from './check-settings.js';
import { CompareController, SWEEP_RANKS, type CompareKind, type CompareRequest } from './compare-controller.js';
import { formatNumber, formatUnit, shownText } from './format.js';
import { ANNOUNCE_INTERVAL_MS, epochMessage, resultMessage } from './narration.js';
import { readLayers } from './read-layers.js';
import { renderFeatures } from './render-features.js';
import { renderCosine, renderLayers, renderMetrics, renderSet, revealOrder } from './render-results.js';
import { renderSettings } from './render-settings.js';
import type { RaceRow } from './run-race.js';
import { parseStoredState, serializeStoredState, type TaskTexts } from './stored-state.js';
import { summarizeRun, type RunSummary } from './summarize-run.js';
import { nextClass, writeLabel, type LineLabel } from './write-label.js';
import { styles } from './lora-trainer.styles.js';

/** Payload of `lora-train-start`. */
export interface LoraTrainStartDetail {
  /** The task. */
  readonly task: TaskName;
  /** The method. */
  readonly method: FineTuneMethod;
  /** Epochs planned. */
  readonly epochs: number;
  /** Training lines. */
  readonly examples: number;
}

/** Payload of `lora-train-end`. */
export interface LoraTrainEndDetail {
  /** How the run ended: core's status, or `failed` when it could not run at all. */
  readonly status: FineTuneStatus | 'failed';
  /** Why it did not complete, when it did not. */
  readonly reason?: string;
  /** The task. */
  readonly task: TaskName;
  /** The method. */
  readonly method: FineTuneMethod;
  /** Mean training loss of each completed epoch. */
  readonly losses: readonly number[];
  /** Task metrics before and after, per set (`eval` only with held-out lines; none when `failed`). */
  readonly metrics: {
    readonly train?: { readonly before: TaskMetrics; readonly after: TaskMetrics };
    readonly eval?: { readonly before: TaskMetrics; readonly after: TaskMetrics };
    readonly general?: { readonly before: TaskMetrics; readonly after: TaskMetrics };
  };
}

/** Payload of `lora-task-change`. */
export interface LoraTaskChangeDetail {
  /** The task the user picked. */
  readonly task: TaskName;
}

/** Payload of `lora-input-change`. */
export interface LoraInputChangeDetail {
  /** The task whose lines or settings were edited. */
  readonly task: TaskName;
  /** What was edited: the `training` or `eval` lines, or a field of the settings form (`epochs`, `lr` …). */
  readonly field: 'training' | 'eval' | SettingsField;
}

/** Which editor a line belongs to. */
type Which = 'training' | 'eval';

/** The line whose label editor is open (regression and similarity). */
interface Editing {
  readonly which: Which;
  readonly line: number;
  readonly error: string;
}

/** What the run in progress is doing. */
type Phase = 'idle' | 'waiting' | 'training';

/**
 * The buttons, by part, that take the focus when a run starts or ends under the focused button and
 * disables it: a disabled button cannot keep the focus, which would otherwise fall back to the page.
 */
const FOCUS_HANDOVER: Readonly<Record<string, readonly string[]>> = {
  'fine-tune': ['cancel'],
  cancel: ['fine-tune'],
  race: ['compare-cancel'],
  sweep: ['compare-cancel'],
  'compare-cancel': ['race', 'sweep'],
};

interface Progress {
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number | null;
}

/** The outcome line under the buttons. */
interface Outcome {
  readonly kind: 'completed' | 'cancelled' | 'diverged' | 'failed';
  readonly text: string;
}

const REGRESSION_NAMES: readonly string[] = (() => {
  const interpretation = interpretOutput('regression', [0, 0, 0, 0]);
  return interpretation.kind === 'regression' ? interpretation.values.map((v) => v.name) : ['v1', 'v2', 'v3', 'v4'];
})();

/** Debounce of localStorage writes while typing, in milliseconds. */
const SAVE_DELAY_MS = 300;

const TASK_TITLES: Readonly<Record<TaskName, string>> = Object.freeze({
  sentiment: 'Sentiment (negative / positive)',
  classification: 'Text classification (news / review / question / comment)',
  similarity: 'Text similarity (pairs with a score)',
  regression: 'Regression (four values per text)',
});

const LINE_FORMATS: Readonly<Record<TaskName, string>> = Object.freeze({
  sentiment: 'text, or text⇥label with label negative or positive',
  classification: 'text, or text⇥label with label news, review, question or comment',
  similarity: 'text⇥text2, or text⇥text2⇥score with a score from 0 to 1',
  regression: 'text, or text⇥v1,v2,v3,v4 (positivity, intensity, formality, length)',
});

function emptyTexts(): Record<TaskName, TaskTexts> {
  return Object.fromEntries(TASKS.map((task) => [task, { training: null, eval: null }])) as Record<TaskName, TaskTexts>;
}

/**
 * The knowledge-change simulator: pick a task, write (or keep) training and held-out lines, see the
 * label each line gets (inferred by the task's rules, or typed after a TAB) and the eight features the
 * model reads, then fine-tune the task's pretrained base model with full fine-tuning, LoRA or QLoRA and
 * watch the loss fall. Afterwards it shows, before vs after, every training and held-out line and the
 * general corpus the base was pretrained on (what was forgotten), the task's metrics, and for LoRA the
 * A, B and ΔW of each adapted layer with the PEFT parameter line and the frozen-weight checksum.
 *
 * Below the results, **Compare** (a collapsible section) holds two more actions. **Race** trains full
 * fine-tuning, LoRA and QLoRA one after the other on the same training and held-out lines, settings and
 * seed (LoRA and QLoRA at the form's rank, whatever the form's method), drawing their three loss curves
 * on one chart as epochs arrive (solid, dashed and dotted, with a legend) and a table of trainable
 * parameters, time (core's `elapsedMs`), final loss, the task's primary metric on the held-out lines
 * (the training lines when there are none) and whether the frozen weights stayed bit-identical.
 * **Rank sweep** runs core's `rankSweep` with LoRA at r = 1, 2, 4 and 8 and the form's other settings,
 * then plots trainable parameters (log₂ axis) against final loss and against the primary metric, with
 * a table of the same numbers. Cancel comparison stops the run under way and skips the rest; the table
 * says which runs finished. A fine-tune, a race and a sweep each disable the other two. Their results
 * are plain data on {@link LoraTrainer.lastRace} and {@link LoraTrainer.lastSweep}.
 *
 * Race and sweep fire no events: they are comparisons shown inside the element that leave no trained
 * model behind and change nothing the page shows elsewhere, so `lora-train-start` and `lora-train-end`
 * keep meaning one Fine-tune run (a page that listens to them is not handed three or four extra runs).
 *
 * The element owns every model it makes: a base model per task and seed (pretrained with core's
 * `pretrainBaseAsync` on the task's general corpus, in steps that leave the page responsive) and the
 * trained copy of each run, which is read into plain data and disposed at once. Removing the element
 * cancels a run and disposes them all.
 *
 * The textarea is the source of truth: label chips and editors only ever write `text⇥label` into it;
 * lines it cannot read are listed with their line numbers and kept. Text is always shown as text.
 *
 * **Keyboard**: every control is a native one. Label chips are buttons (Enter or Space cycles the
 * class, or opens the value editor for similarity and regression, where Escape closes it). Focusing a
 * chip, like hovering its line, shows the line's features. Progress is announced in a polite live
 * region at most once a second ("Epoch 3 of 40: loss 0.412"), then the result. A race or a sweep
 * announces its start and its end there, a second apart at least (an end that comes sooner waits).
 *
 * @tagname lora-trainer
 * @summary Fine-tune a pretrained toy model on your own lines and see what it learned and forgot.
 *
 * @event {CustomEvent<LoraTrainStartDetail>} lora-train-start - A fine-tuning run started (the base is
 *   ready). `detail: { task, method, epochs, examples }`. Bubbles, composed.
 * @event {CustomEvent<LoraTrainEndDetail>} lora-train-end - A run ended. `detail: { status, reason?,
 *   task, method, losses, metrics: { train, eval?, general } }` with status `completed`, `cancelled`,
 *   `diverged` or `failed`. Bubbles, composed.
 * @event {CustomEvent<LoraTaskChangeDetail>} lora-task-change - The user picked another task. Bubbles,
 *   composed; not fired when the page sets `task`.
 * @event {CustomEvent<LoraInputChangeDetail>} lora-input-change - The user edited the training or held-out
 *   lines (typing, a label chip, a value editor) or a setting; `detail: { task, field }`. Fired on every
 *   keystroke (a page that saves should debounce). Bubbles, composed; not fired when the page sets
 *   `trainingText`, `evalText` or `settings`.
 *
 * @csspart task-select - The task `<select>`.
 * @csspart field - A setting with its label, hint and message: `field-task` (the task picker) and
 *   `field-method`, `field-rank`, `field-alpha`, `field-epochs`, `field-lr`, `field-batchSize`,
 *   `field-optimizer`, `field-seed`; `::part(field-lr) { display: none }` takes one out of view and of the
 *   Tab order.
 * @csspart scenario - The default scenario of the task, in words.
 * @csspart base-status - What the base model is doing (pretraining, ready).
 * @csspart training-text - The training `<textarea>`.
 * @csspart eval-editor - The collapsible held-out editor (`<details>`).
 * @csspart eval-text - The held-out `<textarea>`.
 * @csspart line-problems - The list of lines that cannot be read, with their numbers.
 * @csspart lines - A list of parsed lines (also `lines-training`, `lines-eval`).
 * @csspart line - One parsed line; also `line-inspected` for the one the inspector shows.
 * @csspart chip - A label chip (a button); also `chip-inferred` or `chip-explicit`.
 * @csspart label-editor - The inline editor of a similarity score or regression values.
 * @csspart inspector - The feature inspector.
 * @csspart feature - One feature row of the inspector.
 * @csspart settings - The settings `<fieldset>`.
 * @csspart setting-error - A validation message under a setting, naming the field.
 * @csspart fine-tune - The Fine-tune button.
 * @csspart cancel - The Cancel button.
 * @csspart blocked - Why Fine-tune is disabled.
 * @csspart progress - The progress bar and its text.
 * @csspart chart - The loss curve (with `chart-legend`, `chart-summary`, `chart-data`).
 * @csspart outcome - How the last run ended.
 * @csspart results - Everything shown after a run.
 * @csspart metrics - The metrics table (rows `metrics-train`, `metrics-eval`, `metrics-general`).
 * @csspart set - A set of result lines (also `set-train`, `set-eval`, `set-general`).
 * @csspart result-row - One line before and after (also `result-row-changed`).
 * @csspart changed - The "changed" marker of a line whose prediction changed.
 * @csspart prob-bars - Sentiment probabilities (with `before` or `after`).
 * @csspart class-bars - Classification probabilities (with `before` or `after`).
 * @csspart pair-scores - A similarity pair's target and cosines.
 * @csspart regression-values - A regression line's values before, after and target.
 * @csspart cosine-matrix - A cosine-similarity table (also `cosine-before`, `cosine-after`).
 * @csspart matrices - The A, B and ΔW heatmaps (each `<lora-matrix>` has `matrix`, `matrix-a|b|delta`).
 * @csspart peft-line - PEFT's trainable-parameter line.
 * @csspart frozen-check - Whether the frozen weights are unchanged, with the checksum.
 * @csspart compare - The collapsible Compare section (`<details>`).
 * @csspart race - The Race button.
 * @csspart sweep - The Sweep LoRA rank button.
 * @csspart compare-cancel - The Cancel comparison button.
 * @csspart compare-blocked - Why Race or Sweep is disabled.
 * @csspart compare-progress - The progress bar and text of the race or sweep under way.
 * @csspart compare-outcome - How the last race or sweep ended (also `compare-outcome-completed`,
 *   `compare-outcome-cancelled`, `compare-outcome-failed`).
 * @csspart race-results - The race's chart and table.
 * @csspart race-chart - The race's loss chart (a `chart` with `chart-legend`, `chart-summary`, `chart-data`).
 * @csspart race-table - The race table.
 * @csspart race-row - One method of the race table (also `race-row-full`, `race-row-lora`, `race-row-qlora`).
 * @csspart sweep-results - The sweep's charts and table.
 * @csspart sweep-charts - The two sweep charts: final loss and primary metric by trainable parameters.
 * @csspart sweep-table - The rank sweep table.
 * @csspart sweep-row - One rank of the sweep table.
 * @csspart announcer - The polite live region.
 *
 * @cssproperty [--lora-trainer-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-trainer-muted-color=#59636e] - Secondary text (dark scheme: #9198a1).
 * @cssproperty [--lora-trainer-background=#ffffff] - Background (dark scheme: #0d1117).
 * @cssproperty [--lora-trainer-surface-color=#f6f8fa] - Panels and table headers (dark scheme: #151b23).
 * @cssproperty [--lora-trainer-border-color=#d1d9e0] - Borders (dark scheme: #3d444d).
 * @cssproperty [--lora-trainer-focus-color=#0969da] - Focus rings and accents (dark scheme: #4493f8).
 * @cssproperty [--lora-trainer-loss-color=#0969da] - The loss curve (dark scheme: #4493f8).
 * @cssproperty [--lora-trainer-bar-color=#0969da] - Probability and feature bars (dark scheme: #4493f8).
 * @cssproperty [--lora-trainer-changed-color=#9a6700] - The "changed" marker (dark scheme: #d29922).
 * @cssproperty [--lora-trainer-error-color=#cf222e] - Problems and validation messages (dark scheme: #ff7b72).
 * @cssproperty [--lora-trainer-ok-color=#1a7f37] - The frozen-weights check (dark scheme: #3fb950).
 * @cssproperty [--lora-trainer-race-full-color=#bc4c00] - Full fine-tuning's race curve, solid (dark scheme: #f0883e).
 * @cssproperty [--lora-trainer-race-lora-color=#0969da] - LoRA's race curve, dashed, and the sweep's metric curve
 *   (dark scheme: #4493f8).
 * @cssproperty [--lora-trainer-race-qlora-color=#8250df] - QLoRA's race curve, dotted (dark scheme: #ab7df8).
 * @cssproperty [--lora-trainer-font-family=system-ui, sans-serif] - Font of text.
 * @cssproperty [--lora-trainer-mono-font-family=ui-monospace, monospace] - Font of lines and numbers.
 *
 * @example
 * <lora-trainer task="sentiment" storage-key="my-course-trainer"></lora-trainer>
 */
export class LoraTrainer extends LitElement {
  static override styles = [styles, lineChartStyles, visuallyHidden];

  /** The task: sentiment, classification, similarity or regression. The task picker sets it too. */
  @property({ reflect: true, converter: textOr('sentiment') }) task = 'sentiment';

  /**
   * When set, the training and held-out text of each task and the settings are saved to localStorage
   * under this key and restored when the element connects (unreadable stored data is ignored).
   */
  @property({ attribute: 'storage-key' }) storageKey: string | null = null;

  /**
   * The page's shared LoRA options (e.g. from `<lora-controls>`): used for LoRA and QLoRA runs under
   * the form's rank and alpha, which it sets when it has `r` or `alpha`.
   */
  @property({ attribute: false }) loraOptions?: LoraOptions;

  @state() private texts: Record<TaskName, TaskTexts> = emptyTexts();
  @state() private draft: SettingsDraft = DEFAULT_SETTINGS;
  @state() private phase: Phase = 'idle';
  @state() private progress: Progress | null = null;
  @state() private summary: RunSummary | null = null;
  @state() private outcome: Outcome | null = null;
  @state() private inspected: { which: Which; line: number } | null = null;
  @state() private editing: Editing | null = null;
  @state() private announcement = '';
  @state() private baseError = '';
  @state() private baseReady = false;
  /** How many pieces of {@link revealOrder} are drawn. */
  @state() private revealed = 0;
  @state() private generalOpen = false;
  @state() private evalOpen = false;
  @state() private compareOpen = false;

  private readonly bases = new BaseModels();
  private readonly lossChart = new LineChart(this, {
    title: 'Training loss',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [{ label: 'mean training loss', colorProperty: '--_loss' }],
    height: 200,
    format: (value) => formatNumber(value, 4),
  });
  private runLosses: number[] = [];
  private controller: AbortController | null = null;
  private runId = 0;
  private lastAnnounced = -Infinity;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly compare = new CompareController(this, {
    announce: (text) => this.announceSoon(text),
    onBaseReady: () => (this.baseReady = true),
  });
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private restoredFrom: string | null = null;
  private parseCache = new Map<string, ParsedLines>();
  private featureCache: { key: string; features: NamedFeature[] } | undefined;
  private eagerKey = '';

  /**
   * The training lines of the current task as the textarea holds them: the task's default lines until
   * edited, `''` while `task` names no task. Setting it replaces them (ignored while `task` names no
   * task) with no `lora-input-change` and no save under `storage-key`: the page's text is not the user's edit.
   */
  get trainingText(): string {
    const task = this.taskName;
    return task === null ? '' : this.textOf(task, 'training');
  }

  set trainingText(text: string) {
    this.setTextFromPage('training', text);
  }

  /** The held-out lines of the current task, read and written like {@link LoraTrainer.trainingText}. */
  get evalText(): string {
    const task = this.taskName;
    return task === null ? '' : this.textOf(task, 'eval');
  }

  set evalText(text: string) {
    this.setTextFromPage('eval', text);
  }

  /**
   * The settings form as typed, one text per field: `method`, `rank`, `alpha`, `epochs`, `lr`,
   * `batchSize`, `optimizer`, `seed`. Setting it replaces the fields it names (text of up to 64 characters;
   * anything else is ignored) and keeps the others; invalid text shows its message, as if typed. No
   * `lora-input-change`, no save under `storage-key`.
   */
  get settings(): SettingsDraft {
    return Object.freeze({ ...this.draft });
  }

  set settings(value: Partial<SettingsDraft>) {
    const next: Record<string, string> = { ...this.draft };
    for (const field of Object.keys(DEFAULT_SETTINGS)) {
      const text: unknown = (value as Record<string, unknown>)[field];
      // The same bound as stored settings: a form field never needs more.
      if (typeof text === 'string' && text.length <= 64) next[field] = text;
    }
    this.draft = next as unknown as SettingsDraft;
  }

  /** The mean training loss of each epoch of the run in progress or the last run (the loss curve's points). */
  get losses(): readonly number[] {
    return this.runLosses;
  }

  /** What the last finished run showed, as plain data; `null` before any run or after a task change. */
  get lastRun(): RunSummary | null {
    return this.summary;
  }

  /** Whether a fine-tune is under way (including waiting for the base model). */
  get training(): boolean {
    return this.phase !== 'idle';
  }

  /** Whether a race or a rank sweep is under way (including waiting for the base model). */
  get comparing(): boolean {
    return this.compare.kind !== null;
  }

  /** The rows of the race under way or the last race (one per method, as plain data); `null` before any. */
  get lastRace(): readonly RaceRow[] | null {
    return this.compare.raceRows;
  }

  /** Core's `rankSweep` points of the last finished sweep; `null` before any, or while one runs. */
  get lastSweep(): readonly RankSweepPoint[] | null {
    return this.compare.sweepPoints;
  }

  /** A fine-tune, race or sweep is under way: each disables the others. */
  private get busy(): boolean {
    return this.phase !== 'idle' || this.compare.kind !== null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A run in progress notices the abort before its next batch and disposes its model (see fineTune).
    this.controller?.abort();
    this.controller = null;
    this.runId++;
    this.phase = 'idle';
    this.progress = null;
    // super's call has stopped the comparison under way (the controller's hostDisconnected) before the
    // bases are freed, so that a race never starts its next run on a disposed base.
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.bases.clear();
    this.baseReady = false;
    this.eagerKey = '';
    this.flushSave();
  }

  protected override update(changed: PropertyValues<this>): void {
    const focused = this.shadowRoot?.activeElement;
    super.update(changed);
    if (focused instanceof HTMLButtonElement && focused.disabled) this.handOverFocus(focused);
  }

  private handOverFocus(from: HTMLButtonElement): void {
    const next = (FOCUS_HANDOVER[from.getAttribute('part') ?? ''] ?? [])
      .map((name) => this.renderRoot.querySelector<HTMLButtonElement>(`button[part~="${name}"]`))
      .find((button) => button !== null && !button.disabled);
    next?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('storageKey') && this.isConnected) this.restore();
    if (changed.has('loraOptions') && this.loraOptions) {
      const { r, alpha } = this.loraOptions;
      this.draft = {
        ...this.draft,
        ...(r !== undefined ? { rank: String(r) } : {}),
        ...(alpha !== undefined ? { alpha: String(alpha) } : {}),
      };
    }
    if (changed.has('task') && changed.get('task') !== undefined) {
      // A run of the previous task ends as cancelled; its results would no longer match the page.
      this.controller?.abort();
      this.summary = null;
      this.outcome = null;
      this.progress = null;
      this.runLosses = [];
      this.lossChart.clear();
      this.inspected = null;
      this.editing = null;
      this.compare.reset();
    }
    this.ensureBase();
  }

  // ---- data ----

  private get taskName(): TaskName | null {
    return isTaskName(this.task) ? this.task : null;
  }

  private textOf(task: TaskName, which: Which): string {
    const typed = this.texts[task][which];
    if (typed !== null) return typed;
    return which === 'training' ? DEFAULT_TRAINING_TEXT[task] : DEFAULT_EVAL_TEXT[task];
  }

  private parsed(task: TaskName, which: Which): ParsedLines {
    const text = this.textOf(task, which);
    const key = `${task}\u0000${which}`;
    const cached = this.parseCache.get(key) as (ParsedLines & { source?: string }) | undefined;
    if (cached && cached.source === text) return cached;
    const result = Object.assign(parseLines(task, text), { source: text });
    this.parseCache.set(key, result);
    return result;
  }

  private settingsCheck(task: TaskName): SettingsCheck {
    return checkSettings(this.draft, resolveMlpOptions({ task }).layers, this.loraOptions ?? {});
  }

  private seedForBase(): number {
    const seed = Number(this.draft.seed);
    return Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff ? seed : 0;
  }

  /** Starts pretraining the current task's base when the element connects or the task changes. */
  private ensureBase(): void {
    const task = this.taskName;
    if (!this.isConnected || task === null) return;
    const seed = this.seedForBase();
    this.baseReady = this.bases.peek(task, seed) !== undefined;
    const key = `${task}|${seed}`;
    if (this.eagerKey.startsWith(`${task}|`)) return;
    this.eagerKey = key;
    this.baseError = '';
    this.bases.get(task, seed).then(
      () => this.requestUpdate(),
      (error: unknown) => {
        if (isAbort(error)) return;
        this.baseError = error instanceof Error ? error.message : String(error);
      },
    );
  }

  // ---- persistence ----

  private restore(): void {
    const key = this.storageKey;
    if (key === null || key === this.restoredFrom) return;
    this.restoredFrom = key;
    let stored;
    try {
      stored = parseStoredState(localStorage.getItem(key));
    } catch {
      // Storage may be blocked (sandboxed frames, privacy modes): the element works without it.
      stored = null;
    }
    if (!stored) return;
    const texts = emptyTexts();
    for (const task of TASKS) texts[task] = stored.texts[task] ?? texts[task];
    this.texts = texts;
    this.draft = stored.settings;
  }

  private scheduleSave(): void {
    if (this.storageKey === null) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), SAVE_DELAY_MS);
  }

  private flushSave(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const key = this.storageKey;
    if (key === null) return;
    const texts: Partial<Record<TaskName, TaskTexts>> = {};
    for (const task of TASKS) {
      const entry = this.texts[task];
      if (entry.training !== null || entry.eval !== null) texts[task] = entry;
    }
    try {
      localStorage.setItem(key, serializeStoredState({ texts, settings: this.draft }));
    } catch {
      // Quota exceeded or storage blocked: the text stays in the textarea, only persistence is lost.
    }
  }

  // ---- user actions ----

  private setText(task: TaskName, which: Which, text: string): void {
    this.texts = { ...this.texts, [task]: { ...this.texts[task], [which]: text } };
    this.scheduleSave();
    this.dispatchInputChange(task, which);
  }

  private setTextFromPage(which: Which, text: string): void {
    const task = this.taskName;
    if (task === null || typeof text !== 'string') return;
    this.editing = null;
    this.texts = { ...this.texts, [task]: { ...this.texts[task], [which]: text } };
  }

  private dispatchInputChange(task: TaskName, field: LoraInputChangeDetail['field']): void {
    const detail: LoraInputChangeDetail = { task, field };
    this.dispatch('lora-input-change', detail);
  }

  private readonly onTaskSelect = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    if (!isTaskName(value) || value === this.task) return;
    this.task = value;
    const detail: LoraTaskChangeDetail = { task: value };
    this.dispatchEvent(new CustomEvent('lora-task-change', { bubbles: true, composed: true, detail }));
  };

  private onTextInput(which: Which, event: Event): void {
    const task = this.taskName;
    if (task === null) return;
    this.editing = null;
    this.setText(task, which, (event.target as HTMLTextAreaElement).value);
  }

  private readonly onSetting = (field: SettingsField, event: Event): void => {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.draft = { ...this.draft, [field]: value };
    this.scheduleSave();
    const task = this.taskName;
    if (task !== null) this.dispatchInputChange(task, field);
  };

  private onChip(which: Which, example: Example): void {
    const task = this.taskName;
    if (task === null) return;
    if ('label' in example) {
      const current = TASK_CLASSES[task]?.[example.label] ?? '';
      this.writeLine(task, which, example, nextClass(task, current));
      return;
    }
    const open = this.editing?.which === which && this.editing.line === example.line;
    this.editing = open ? null : { which, line: example.line, error: '' };
    if (!open) {
      void this.updateComplete.then(() => {
        this.renderRoot.querySelector<HTMLInputElement>('[part~="label-editor"] input')?.focus();
      });
    }
  }

  private writeLine(task: TaskName, which: Which, example: Example, label: LineLabel): void {
    this.setText(task, which, writeLabel(this.textOf(task, which), example, label));
  }

  private onEditorSubmit(which: Which, example: Example, event: Event): void {
    event.preventDefault();
    const task = this.taskName;
    if (task === null) return;
    const inputs = [...(event.currentTarget as HTMLFormElement).querySelectorAll('input')];
    const values = inputs.map((input) => Number(input.value.trim() === '' ? NaN : input.value));
    const names = 'text2' in example ? ['score'] : REGRESSION_NAMES;
    const bad = values.findIndex((v) => !Number.isFinite(v) || ('text2' in example && (v < 0 || v > 1)));
    if (bad >= 0) {
      const accepted = 'text2' in example ? 'a number from 0 to 1' : 'a number';
      this.editing = { which, line: example.line, error: `${names[bad]}: enter ${accepted}.` };
      inputs[bad]?.focus();
      return;
    }
    this.editing = null;
    this.writeLine(task, which, example, 'text2' in example ? values[0]! : values);
    void this.updateComplete.then(() => this.focusChip(which, example.line));
  }

  private closeEditor(which: Which, line: number): void {
    this.editing = null;
    void this.updateComplete.then(() => this.focusChip(which, line));
  }

  private focusChip(which: Which, line: number): void {
    this.renderRoot
      .querySelector<HTMLButtonElement>(`[part~="lines-${which}"] [data-line="${line}"] [part~="chip"]`)
      ?.focus();
  }

  private announce(text: string, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastAnnounced < ANNOUNCE_INTERVAL_MS) return;
    this.lastAnnounced = now;
    this.announcement = text;
  }

  /**
   * Announces a comparison's start or end: at once when the last announcement is a second old, else
   * when it will be (a later message replaces one still waiting), so that none is dropped.
   */
  private announceSoon(text: string): void {
    clearTimeout(this.announceTimer);
    const wait = this.lastAnnounced + ANNOUNCE_INTERVAL_MS - performance.now();
    const say = () => {
      this.announceTimer = undefined;
      this.lastAnnounced = performance.now();
      this.announcement = text;
    };
    if (wait <= 0) say();
    else this.announceTimer = setTimeout(say, wait);
  }

  private dispatch<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  private readonly onEvalToggle = (event: Event): void => {
    this.evalOpen = (event.target as HTMLDetailsElement).open;
  };

  private readonly onGeneralToggle = (event: Event): void => {
    this.generalOpen = (event.target as HTMLDetailsElement).open;
  };

  private readonly onCancel = (): void => {
    this.controller?.abort();
  };

  private readonly onFineTune = (): void => {
    void this.run();
  };

  private readonly onCompareToggle = (event: Event): void => {
    this.compareOpen = (event.target as HTMLDetailsElement).open;
  };

  private readonly onRace = (): void => {
    const request = this.compareRequest('race');
    if (request) void this.compare.runRace(request);
  };

  private readonly onSweep = (): void => {
    const request = this.compareRequest('sweep');
    if (request) void this.compare.runSweep(request);
  };

  private readonly onCompareCancel = (): void => {
    this.compare.cancel();
  };

  /** The settings a race (LoRA and QLoRA at the form's rank) or a sweep (rank set by the sweep) runs with. */
  private compareCheck(task: TaskName, kind: CompareKind): SettingsCheck {
    const draft: SettingsDraft = {
      ...this.draft,
      method: 'lora',
      ...(kind === 'sweep' ? { rank: String(SWEEP_RANKS[0]) } : {}),
    };
    return checkSettings(draft, resolveMlpOptions({ task }).layers, this.loraOptions ?? {});
  }

  /** What a race or sweep would train on now, or `null` when something blocks it. */
  private compareRequest(kind: CompareKind): CompareRequest | null {
    const task = this.taskName;
    if (task === null || this.busy) return null;
    const train = this.parsed(task, 'training');
    const held = this.parsed(task, 'eval');
    const check = this.compareCheck(task, kind);
    const { settings } = check;
    if (!settings || this.blockers(train, held, check).length > 0) return null;
    return {
      task,
      examples: train.examples,
      eval: held.examples,
      settings,
      base: () => this.bases.get(task, settings.seed),
    };
  }

  /** Runs one fine-tune of the current lines with the current settings. */
  private async run(): Promise<void> {
    const task = this.taskName;
    if (task === null || this.busy) return;
    const train = this.parsed(task, 'training');
    const held = this.parsed(task, 'eval');
    const { settings } = this.settingsCheck(task);
    if (!settings || train.problems.length > 0 || held.problems.length > 0 || train.examples.length === 0) return;

    const id = ++this.runId;
    const controller = new AbortController();
    this.controller = controller;
    this.phase = 'waiting';
    this.summary = null;
    this.outcome = null;
    this.runLosses = [];
    this.lossChart.clear();
    this.lastAnnounced = -Infinity;
    this.progress = { epoch: 0, epochs: settings.epochs, loss: null };

    let base: LoraModel;
    try {
      base = await this.bases.get(task, settings.seed);
    } catch (error) {
      if (id !== this.runId) return;
      this.finishWithout(isAbort(error) ? null : `Could not pretrain the base model: ${messageOf(error)}`);
      return;
    }
    if (id !== this.runId) return;
    this.baseReady = true;
    if (controller.signal.aborted) {
      this.finishWithout(null, 'Cancelled before fine-tuning started; nothing was trained.');
      return;
    }

    const method = settings.method;
    this.phase = 'training';
    const generalLines = generalExamples(task);
    const generalBefore = evaluate(base, generalLines);
    const start: LoraTrainStartDetail = { task, method, epochs: settings.epochs, examples: train.examples.length };
    this.dispatch('lora-train-start', start);

    let result: FineTuneResult;
    try {
      result = await fineTune(base, train.examples, {
        method,
        ...(settings.lora ? { lora: settings.lora } : {}),
        optimizer: settings.optimizer,
        lr: settings.lr,
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        seed: settings.seed,
        eval: held.examples,
        signal: controller.signal,
        onEpoch: (progress) => this.onEpoch(id, progress),
      });
    } catch (error) {
      if (id !== this.runId) return;
      const reason = `Fine-tuning could not run: ${messageOf(error)}`;
      this.finishWithout(reason);
      const detail: LoraTrainEndDetail = { status: 'failed', reason, task, method, losses: [], metrics: {} };
      this.dispatch('lora-train-end', detail);
      return;
    }

    // The last epoch's evaluation ran in this task; let the page paint before the summary work.
    await nextTask();
    let summary: RunSummary;
    try {
      // Removed or superseded while the last epoch ran: only the model needs freeing.
      if (id !== this.runId || base.disposed) return;
      const generalAfter = evaluate(result.model, generalLines);
      const layers = result.status === 'completed' ? readLayers(base, result.model) : [];
      summary = summarizeRun(result, { before: generalBefore, after: generalAfter }, layers);
    } finally {
      result.model.dispose();
    }

    this.controller = null;
    this.phase = 'idle';
    // The task changed during the run (which cancelled it): report the end, show nothing of it.
    const current = this.task === task;
    if (current) {
      this.summary = summary;
      this.revealed = 0;
      this.generalOpen = false;
      this.runLosses = [...result.losses];
      this.outcome = outcomeOf(summary);
      this.announce(resultMessage(summary), true);
    } else {
      this.progress = null;
    }
    const general = summary.sets.find((s) => s.key === 'general')!;
    const detail: LoraTrainEndDetail = {
      status: result.status,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
      task,
      method,
      losses: result.losses,
      metrics: {
        train: result.trainMetrics,
        ...(result.eval ? { eval: { before: result.eval.before.metrics, after: result.eval.after.metrics } } : {}),
        general: general.metrics,
      },
    };
    this.dispatch('lora-train-end', detail);
    if (current) void this.reveal(id, summary);
  }

  /** Draws the results piece by piece, one main-thread task each, so that none takes 50 ms. */
  private async reveal(id: number, summary: RunSummary): Promise<void> {
    const pieces = revealOrder(summary);
    for (let count = 1; count <= pieces.length; count++) {
      if (id !== this.runId || this.summary !== summary) return;
      this.revealed = count;
      await this.updateComplete;
      await nextTask();
    }
  }

  private onEpoch(id: number, progress: EpochProgress): void {
    if (id !== this.runId) return;
    this.runLosses = [...this.runLosses, progress.loss];
    this.lossChart.setData(
      this.runLosses.map((_, i) => i + 1),
      [this.runLosses],
    );
    this.progress = { epoch: progress.epoch, epochs: progress.epochs, loss: progress.loss };
    this.announce(epochMessage(progress));
  }

  /** Ends a run that never produced a result: an error, or a cancel before training started. */
  private finishWithout(error: string | null, cancelled?: string): void {
    this.controller = null;
    this.phase = 'idle';
    this.progress = null;
    if (error !== null) {
      this.outcome = { kind: 'failed', text: error };
      this.announce(error, true);
    } else if (cancelled !== undefined) {
      this.outcome = { kind: 'cancelled', text: cancelled };
      this.announce(cancelled, true);
    }
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const task = this.taskName;
    if (task === null) {
      return html`${renderProblems('Cannot show the trainer', [
        { attribute: 'task', value: this.task, accepted: TASKS.join(', ') },
      ])}
      ${this.renderTaskPicker(null)}`;
    }
    const train = this.parsed(task, 'training');
    const held = this.parsed(task, 'eval');
    const check = this.settingsCheck(task);
    return html`
      <header class="header">${this.renderTaskPicker(task)} ${this.renderScenario(task)}</header>
      <section class="data" aria-label="Training data">
        <div class="editors">
          ${this.renderEditor(task, 'training', train)}
          <details
            part="eval-editor"
            class="eval-editor"
            ?open=${this.evalOpen || held.problems.length > 0}
            @toggle=${this.onEvalToggle}
          >
            <summary>
              Held-out lines
              (${held.examples.length}${held.problems.length > 0 ? `, ${held.problems.length} to fix` : ''})
            </summary>
            ${this.renderEditor(task, 'eval', held)} ${this.renderLines(task, 'eval', held)}
          </details>
        </div>
        <div class="parsed">${this.renderLines(task, 'training', train)} ${this.renderInspector(task)}</div>
      </section>
      ${renderSettings(this.draft, check, this.busy, this.onSetting)} ${this.renderActions(task, train, held, check)}
      ${this.renderProgress()}
      ${this.progress !== null || this.runLosses.length > 0 ? this.lossChart.render() : nothing} ${this.renderOutcome()}
      ${this.summary ? this.renderResults(this.summary) : nothing} ${this.renderCompare(task, train, held)}
      <p class="visually-hidden" aria-live="polite" part="announcer">${this.announcement}</p>
    `;
  }

  private renderTaskPicker(task: TaskName | null): TemplateResult {
    return html`<label part="field field-task" class="task-picker">
      <span class="label-text">Task</span>
      <select part="task-select" ?disabled=${this.busy} @change=${this.onTaskSelect}>
        ${task === null ? html`<option value="" selected disabled>choose a task</option>` : nothing}
        ${TASKS.map((name) => html`<option value=${name} ?selected=${name === task}>${TASK_TITLES[name]}</option>`)}
      </select>
    </label>`;
  }

  private renderScenario(task: TaskName): TemplateResult {
    const scenario = SCENARIOS[task];
    const count = generalExamples(task).length;
    const status = this.baseError
      ? html`<span class="error-text">The base model could not be pretrained: ${this.baseError}</span>`
      : this.baseReady
        ? html`Base model ready: pretrained on ${count} general lines.`
        : html`Pretraining the base model on ${count} general lines…`;
    return html`<div part="scenario" class="scenario"><strong>${scenario.title}.</strong> ${scenario.description}</div>
      <p part="base-status" class="base-status" role="status">${status}</p>`;
  }

  private renderEditor(task: TaskName, which: Which, parsed: ParsedLines): TemplateResult {
    const id = `${which}-text`;
    const title = which === 'training' ? 'Training lines' : 'Held-out lines (scored, never trained on)';
    const problemsId = `${which}-problems`;
    return html`<div class="editor">
      <label for=${id} class="editor-label">${title}</label>
      <p class="hint" id="${which}-hint">
        One line per example: ${LINE_FORMATS[task]} (⇥ is a TAB). Lines without a label get one from the task's rules;
        the label buttons write explicit labels for you.
      </p>
      <textarea
        id=${id}
        part="${which}-text"
        spellcheck="false"
        rows=${which === 'training' ? 12 : 8}
        aria-describedby="${which}-hint ${parsed.problems.length > 0 ? problemsId : ''}"
        aria-invalid=${parsed.problems.length > 0 ? 'true' : 'false'}
        .value=${live(this.textOf(task, which))}
        @input=${(event: Event) => this.onTextInput(which, event)}
      ></textarea>
      ${
        parsed.problems.length === 0
          ? nothing
          : html`<div part="line-problems" class="line-problems" id=${problemsId} role="status">
              <p>
                ${parsed.problems.length} line${parsed.problems.length === 1 ? '' : 's'} cannot be read (kept as typed):
              </p>
              <ul>
                ${parsed.problems.slice(0, 50).map((p) => html`<li>${shownText(p.message)}</li>`)}
              </ul>
              ${parsed.problems.length > 50 ? html`<p>… and ${parsed.problems.length - 50} more.</p>` : nothing}
            </div>`
      }
    </div>`;
  }

  private renderLines(task: TaskName, which: Which, parsed: ParsedLines): TemplateResult {
    const heading = which === 'training' ? 'Training lines as the model sees them' : 'Held-out lines as parsed';
    return html`<section class="lines-section" aria-label=${heading}>
      ${which === 'training' ? html`<h3>${heading} (${parsed.examples.length})</h3>` : nothing}
      ${
        parsed.examples.length === 0
          ? html`<p class="hint">No lines yet: type some in the box.</p>`
          : html`<ol part="lines lines-${which}" class="lines">
              ${repeat(
                parsed.examples,
                (example) => example.line,
                (example) => this.renderLine(task, which, example),
              )}
            </ol>`
      }
    </section>`;
  }

  private renderLine(task: TaskName, which: Which, example: Example): TemplateResult {
    const inspected = this.inspected?.which === which && this.inspected.line === example.line;
    const editing = this.editing?.which === which && this.editing.line === example.line ? this.editing : null;
    const inspect = () => {
      if (!inspected) this.inspected = { which, line: example.line };
    };
    return html`<li
      part="line${inspected ? ' line-inspected' : ''}"
      class="line"
      data-line=${example.line}
      @mouseenter=${inspect}
      @focusin=${inspect}
    >
      <span class="line-number" aria-label="line ${example.line}">${example.line}</span>
      <span class="line-text"
        >${shownText(example.text)}${
          'text2' in example
            ? html` <span class="pair-sep" aria-label="paired with">↔</span> ${shownText(example.text2)}`
            : nothing
        }</span
      >
      ${this.renderChip(task, which, example, editing !== null)}
      ${editing ? this.renderEditorForm(which, example, editing) : nothing}
    </li>`;
  }

  private renderChip(task: TaskName, which: Which, example: Example, open: boolean): TemplateResult {
    const source = example.source;
    let shown: string;
    let action: string;
    if ('label' in example) {
      shown = TASK_CLASSES[task]?.[example.label] ?? String(example.label);
      action = `change to ${nextClass(task, shown)}`;
    } else if ('score' in example) {
      shown = `score ${formatUnit(example.score)}`;
      action = open ? 'close the score editor' : 'edit the score';
    } else {
      shown = example.target.map((v) => formatUnit(v)).join(' · ');
      action = open ? 'close the value editor' : 'edit the values';
    }
    return html`<button
      type="button"
      part="chip chip-${source}"
      class="chip ${source}"
      aria-label="Line ${example.line} label: ${shown}, ${source}. Press to ${action}."
      aria-expanded=${'label' in example ? nothing : open ? 'true' : 'false'}
      @click=${() => this.onChip(which, example)}
    >
      <span class="chip-value">${shown}</span>
      <span class="chip-source">${source === 'inferred' ? 'inferred' : 'explicit'}</span>
    </button>`;
  }

  private renderEditorForm(which: Which, example: Example, editing: Editing): TemplateResult {
    const pair = 'text2' in example;
    const names = pair ? ['score'] : REGRESSION_NAMES;
    const values = pair ? [example.score] : (example as { target: readonly number[] }).target;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      this.closeEditor(which, example.line);
    };
    return html`<form
      part="label-editor"
      class="label-editor"
      @submit=${(event: Event) => this.onEditorSubmit(which, example, event)}
      @keydown=${onKeyDown}
    >
      <fieldset>
        <legend>${pair ? 'Similarity score' : 'Target values'} of line ${example.line}</legend>
        ${names.map(
          (name, i) =>
            html`<label class="editor-field"
              ><span>${name}</span
              ><input type="text" inputmode="decimal" name=${name} .value=${String(Number(values[i]!.toFixed(3)))}
            /></label>`,
        )}
        <button type="submit">Set</button>
        <button type="button" @click=${() => this.closeEditor(which, example.line)}>Cancel</button>
      </fieldset>
      ${editing.error ? html`<p class="error-text" role="alert">${editing.error}</p>` : nothing}
    </form>`;
  }

  private features(task: TaskName, text: string): NamedFeature[] {
    const key = `${task}\u0000${text}`;
    if (this.featureCache?.key !== key) this.featureCache = { key, features: featurize(task, text) };
    return this.featureCache.features;
  }

  private renderInspector(task: TaskName): TemplateResult {
    const target = this.inspected;
    const parsed = target ? this.parsed(task, target.which) : this.parsed(task, 'training');
    const example = target ? parsed.examples.find((e) => e.line === target.line) : parsed.examples[0];
    if (!example) {
      return html`<aside part="inspector" class="inspector" aria-label="Features">
        <p class="hint">Hover or focus a line to see the eight features the model reads.</p>
      </aside>`;
    }
    const texts = 'text2' in example ? [example.text, example.text2] : [example.text];
    const where = target?.which === 'eval' ? 'held-out line' : 'line';
    return html`<aside part="inspector" class="inspector" aria-label="Features of ${where} ${example.line}">
      <h3>Features of ${where} ${example.line}</h3>
      ${texts.map((text, k) =>
        renderFeatures(
          FEATURES[task],
          this.features(task, text),
          texts.length > 1 ? `${k === 0 ? 'text' : 'text2'}: ${shownText(text)}` : '',
        ),
      )}
    </aside>`;
  }

  /** Why Fine-tune cannot start now, or `''` when it can. */
  private blockedReason(train: ParsedLines, held: ParsedLines, check: SettingsCheck): string {
    const reasons = this.blockers(train, held, check);
    return reasons.length === 0 ? '' : `To fine-tune, ${reasons.join('; ')}.`;
  }

  /** What must be fixed before a run with these lines and settings can start, as clauses. */
  private blockers(train: ParsedLines, held: ParsedLines, check: SettingsCheck): string[] {
    const reasons: string[] = [];
    if (train.examples.length === 0 && train.problems.length === 0) reasons.push('add at least one training line');
    if (train.problems.length > 0) {
      reasons.push(
        `fix the ${train.problems.length === 1 ? 'training line' : `${train.problems.length} training lines`} listed above`,
      );
    }
    if (held.problems.length > 0) {
      reasons.push(
        `fix the ${held.problems.length === 1 ? 'held-out line' : `${held.problems.length} held-out lines`} listed above`,
      );
    }
    const fields = (Object.keys(SETTINGS_LABELS) as SettingsField[]).filter((f) => check.errors[f] !== undefined);
    if (fields.length > 0) reasons.push(`correct ${fields.map((f) => SETTINGS_LABELS[f]).join(', ')}`);
    if (check.optionsError) reasons.push("fix the page's LoRA options");
    return reasons;
  }

  private renderActions(task: TaskName, train: ParsedLines, held: ParsedLines, check: SettingsCheck): TemplateResult {
    const blocked = this.blockedReason(train, held, check);
    const busy = this.phase !== 'idle';
    return html`<div class="actions">
      <button
        type="button"
        part="fine-tune"
        class="primary"
        ?disabled=${this.busy || blocked !== ''}
        aria-describedby=${blocked ? 'blocked' : nothing}
        @click=${this.onFineTune}
      >
        Fine-tune ${task === 'similarity' ? 'on the pairs' : 'on the lines'}
      </button>
      <button type="button" part="cancel" ?disabled=${!busy} @click=${this.onCancel}>Cancel</button>
      ${blocked ? html`<p part="blocked" id="blocked" class="blocked">${blocked}</p>` : nothing}
    </div>`;
  }

  private renderProgress(): TemplateResult | typeof nothing {
    const p = this.progress;
    if (!p) return nothing;
    const waiting = this.phase === 'waiting';
    const text = waiting
      ? 'Waiting for the base model to finish pretraining…'
      : `Epoch ${p.epoch} of ${p.epochs}${p.loss === null ? '' : `: loss ${formatNumber(p.loss, 4)}`}`;
    return html`<div part="progress" class="progress">
      <progress max=${p.epochs} .value=${p.epoch} aria-label="Fine-tuning progress"></progress>
      <span class="progress-text">${text}</span>
    </div>`;
  }

  private renderOutcome(): TemplateResult | typeof nothing {
    const o = this.outcome;
    if (!o) return nothing;
    return html`<p
      part="outcome outcome-${o.kind}"
      class="outcome ${o.kind}"
      role=${o.kind === 'completed' ? 'status' : 'alert'}
    >
      ${o.text}
    </p>`;
  }

  private renderResults(summary: RunSummary): TemplateResult {
    const { result } = summary;
    if (result.status !== 'completed') return html``;
    const pieces = revealOrder(summary);
    const shown = new Set<string>(pieces.slice(0, this.revealed));
    const frozen =
      result.method === 'full'
        ? html`<p part="frozen-check" class="frozen-check">
            Full fine-tuning trains every weight: checksum ${result.frozenChecksum.before} →
            ${result.frozenChecksum.after}${result.frozenUnchanged ? ' (unchanged)' : ' (changed)'}.
          </p>`
        : html`<p part="frozen-check" class="frozen-check ${result.frozenUnchanged ? 'ok' : 'bad'}">
            ${
              result.frozenUnchanged
                ? html`Frozen weights unchanged ✓ (checksum ${result.frozenChecksum.after})`
                : html`Frozen weights changed ✗ (checksum ${result.frozenChecksum.before} →
                  ${result.frozenChecksum.after})`
            }
          </p>`;
    return html`<section part="results" class="results" aria-label="Results">
      <h3>Before vs after</h3>
      <p part="peft-line" class="peft-line"><code>${result.peft}</code></p>
      ${frozen}
      ${
        result.quantization
          ? html`<p class="hint">
              QLoRA: the frozen base went through NF4 (${formatNumber(result.quantization.bitsPerParameter)} bits per
              weight; mean |error| ${formatNumber(result.quantization.meanAbsError)}).
            </p>`
          : nothing
      }
      ${renderMetrics(summary)}
      ${
        summary.cosine && shown.has('cosine-before')
          ? renderCosine(
              summary.cosine,
              (['before', 'after'] as const).filter((when) => shown.has(`cosine-${when}`)),
            )
          : nothing
      }
      ${summary.sets.map((set) =>
        set.key === 'general'
          ? renderSet(summary.task, set, REGRESSION_NAMES, this.generalOpen, this.generalOpen, this.onGeneralToggle)
          : shown.has(set.key)
            ? renderSet(summary.task, set, REGRESSION_NAMES, true, true)
            : nothing,
      )}
      ${renderLayers(summary, new Set(summary.layers.filter((l) => shown.has(`layer-${l.layer}`)).map((l) => l.layer)))}
      ${this.revealed < pieces.length ? html`<p class="hint">Drawing the results…</p>` : nothing}
    </section>`;
  }

  private renderCompare(task: TaskName, train: ParsedLines, held: ParsedLines): TemplateResult {
    return html`<details part="compare" class="compare" ?open=${this.compareOpen} @toggle=${this.onCompareToggle}>
      <summary>Compare: full vs LoRA vs QLoRA, and LoRA rank</summary>
      ${this.compareOpen ? this.renderCompareBody(task, train, held) : nothing}
    </details>`;
  }

  private renderCompareBody(task: TaskName, train: ParsedLines, held: ParsedLines): TemplateResult {
    const raceReasons = this.blockers(train, held, this.compareCheck(task, 'race'));
    const sweepReasons = this.blockers(train, held, this.compareCheck(task, 'sweep'));
    const blocked = compareBlockedText(raceReasons, sweepReasons);
    const describedBy = blocked ? 'compare-blocked' : nothing;
    return html`<p class="hint">
        <strong>Race</strong> trains full fine-tuning, LoRA and QLoRA one after the other on the same lines, settings
        and seed (LoRA and QLoRA at rank r ${this.draft.rank}). <strong>Rank sweep</strong> trains LoRA at r =
        ${SWEEP_RANKS.join(', ')} with the same settings; α stays ${this.draft.alpha}, so the scaling α/r falls as r
        grows, as in PEFT.
      </p>
      <div class="actions">
        <button
          type="button"
          part="race"
          ?disabled=${this.busy || raceReasons.length > 0}
          aria-describedby=${describedBy}
          @click=${this.onRace}
        >
          Race full, LoRA and QLoRA
        </button>
        <button
          type="button"
          part="sweep"
          ?disabled=${this.busy || sweepReasons.length > 0}
          aria-describedby=${describedBy}
          @click=${this.onSweep}
        >
          Sweep LoRA rank
        </button>
        <button
          type="button"
          part="compare-cancel"
          ?disabled=${this.compare.kind === null}
          @click=${this.onCompareCancel}
        >
          Cancel comparison
        </button>
        ${blocked ? html`<p part="compare-blocked" id="compare-blocked" class="blocked">${blocked}</p>` : nothing}
      </div>
      ${this.compare.render()}`;
  }
}

/** The clauses of two blocker lists as one message: `To compare, …` when they agree, else one per action. */
function compareBlockedText(race: readonly string[], sweep: readonly string[]): string {
  if (race.length === 0 && sweep.length === 0) return '';
  if (race.join('\n') === sweep.join('\n')) return `To compare, ${race.join('; ')}.`;
  return [
    race.length > 0 ? `To race, ${race.join('; ')}.` : '',
    sweep.length > 0 ? `To sweep the rank, ${sweep.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Resolves on a new main-thread task, so the page can paint and handle input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function outcomeOf(summary: RunSummary): Outcome {
  const { result } = summary;
  if (result.status === 'completed') {
    return { kind: 'completed', text: resultMessage(summary) };
  }
  if (result.status === 'cancelled') {
    return {
      kind: 'cancelled',
      text: `Cancelled after ${result.epochs} of ${result.settings.epochs} epochs. ${result.reason ?? ''}`.trim(),
    };
  }
  const adapter =
    result.method === 'full'
      ? ''
      : ' The adapter is back to its state before the run, so the model answers as the base did.';
  return { kind: 'diverged', text: `Training diverged. ${result.reason ?? ''}${adapter}` };
}

declare global {
  interface HTMLElementTagNameMap {
    'lora-trainer': LoraTrainer;
  }
}
