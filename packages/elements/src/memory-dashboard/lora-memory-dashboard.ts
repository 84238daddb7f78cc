import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  ALL_LINEAR,
  GPUS,
  InvalidOptionError,
  MEMORY_OPTIMIZERS,
  MODEL_IDS,
  MODEL_PRESETS,
  TASKS,
  TRAINING_METHODS,
  describeModel,
  describeToy,
  groupDigits,
  readHfConfig,
  type MemoryEstimate,
  type ModelDescription,
  type TaskName,
  type TrainingMethod,
} from '@lora-viz/core';
import { numberOr, textOr } from '../shared/attribute-converters.js';
import type { AttributeProblem } from '../shared/model-attributes.js';
import { renderProblems } from '../shared/render-problems.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { UNIT_CHOICES, formatInUnit, resolveUnit, unitName, type DashboardUnit } from './byte-scale.js';
import { formulaId, keyOf, sameKey, type CellKey, type RowKey } from './cell-key.js';
import { COMPONENTS, METHOD_LABELS, bytesOf, renderPatternDefs, shownComponents } from './components.js';
import { computeDashboard, type DashboardView } from './compute-dashboard.js';
import {
  CONFIG_MODEL,
  PRECISION_CHOICES,
  TOY_MODEL,
  attributeOf,
  numberInputMessage,
  settingProblems,
  splitTargets,
  typedChoices,
  type MemoryDashboardSettings,
  type NumberField,
  type RawSettings,
} from './dashboard-settings.js';
import { renderGpuVerdict } from './gpu-verdict.js';
import { formulaText, renderFormulaDescriptions, renderMemoryTable } from './memory-table.js';
import { renderRankCurve } from './rank-curve-chart.js';
import { configErrorMessage, readConfigText } from './read-config-text.js';
import { renderScaleUpLens } from './scale-up-lens.js';
import { moveInBars, moveInTable } from './navigate-cells.js';
import { drawnSegments, renderStackedBars } from './stacked-bars.js';
import { styles } from './lora-memory-dashboard.styles.js';

/** What a user typed into a number input that is not a valid value, and why. */
interface Draft {
  readonly text: string;
  readonly message: string;
}

/** The settings in use and everything computed from them. */
interface Shown {
  readonly settings: MemoryDashboardSettings;
  readonly view: DashboardView;
}

/** The config given as `.config` (or read from the text box), read by core, or why it could not be. */
type ConfigState =
  { readonly ok: true; readonly description: ModelDescription } | { readonly ok: false; readonly message: string };

const optionalNumber = {
  fromAttribute: (text: string | null): number | undefined => (text === null ? undefined : Number(text)),
};
const optionalText = { fromAttribute: (text: string | null): string | undefined => text ?? undefined };
/** A boolean attribute that defaults to true: absent or any text but `false` is true. */
const onUnlessFalse = { fromAttribute: (text: string | null): boolean => text === null || text.trim() !== 'false' };

const PRECISION_LABELS: Readonly<Record<string, string>> = {
  auto: 'Model default (fp32 for the toy, bf16 for real models)',
  fp32: 'fp32 (4 bytes)',
  fp16: 'fp16 (2 bytes)',
  bf16: 'bf16 (2 bytes)',
};
const OPTIMIZER_LABELS: Readonly<Record<string, string>> = {
  adamw: 'AdamW (8 bytes of state per parameter)',
  'adamw-8bit': '8-bit AdamW (2 bytes)',
  sgd: 'SGD (no state)',
  'sgd-momentum': 'SGD with momentum (4 bytes)',
};
const ROWS_AFTER_COMPONENTS: readonly RowKey[] = ['total', 'ratio'];
const SCALING = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/**
 * Where fine-tuning memory goes, for the toy MLP or a real model: full fine-tuning, LoRA and QLoRA as
 * stacked bars by component (weights, quantization constants, adapters, gradients, optimizer states,
 * activations, and an assumed framework overhead when asked for) with a table of the same numbers
 * beside them, totals and ratios to full fine-tuning; a GPU verdict per method with the largest batch
 * that fits; the rank curve (trainable parameters and total bytes for r = 1 … 256, with the break-even
 * rank); and a scale-up lens that puts the same LoRA settings on the toy and on a real model side by
 * side. Every number comes from core's `estimateMemory`, and hovering or focusing it shows its formula
 * and source. Everything is recomputed synchronously on each change (a few milliseconds).
 *
 * Simple settings are attributes; a parsed Hugging Face `config.json` can be given as `.config` (used
 * when `model="config"`), or pasted into the text box, whose problems (invalid JSON, a missing field)
 * are shown as text. Unusable attribute values show an alert naming the attribute; nothing is thrown.
 *
 * **Keyboard**: every control is a native input. The chart and the table are one tab stop each; arrow
 * keys move between bar segments (← → between methods, ↑ ↓ within a bar) or table cells, and the
 * formula of the focused number is shown below them (and is its accessible description).
 *
 * @tagname lora-memory-dashboard
 * @summary Memory of full fine-tuning, LoRA and QLoRA by component, for the toy and real models.
 *
 * @event lora-memory-change - The user changed a setting. `detail` is the settings with defaults filled
 *   in ({@link MemoryDashboardSettings}). Bubbles and is composed. Never fired when the page sets an
 *   attribute or property.
 *
 * @csspart controls - The form of every control.
 * @csspart model - The model `<select>`; also `task` (the toy's task), `config` (the config.json text box), `config-read` (its button).
 * @csspart config-error - The message naming what is wrong with the pasted config.json.
 * @csspart method - The radio group of the method in focus.
 * @csspart rank - The rank input; also `alpha`, `batch`, `seq` (number inputs).
 * @csspart scaling - The scaling s = α/r shown next to alpha.
 * @csspart targets - The fieldset of target modules; each checkbox is `target` (and `target-<name>`, `target-all-linear`).
 * @csspart precision - The precision `<select>`; also `optimizer`, `gpu`.
 * @csspart master-weights - The master-weights checkbox; also `double-quant`, `checkpointing`, `overhead`.
 * @csspart units - The radio group of units.
 * @csspart input-error - An inline message naming a field whose typed value is not valid.
 * @csspart error - An alert for unusable attributes or settings core refuses.
 * @csspart notice - The message shown while there is no model to show (no config.json yet).
 * @csspart summary - The model line above the chart; `peft-line` is PEFT's trainable-parameters line in it.
 * @csspart bars - The stacked-bar `<svg>`; `bar` (also `bar-<method>`, `bar-focus`), `segment` (also `segment-<method>`, `segment-<component>`), `bar-total`, `bar-label`, `tick`, `tick-label`, `axis-title` inside it.
 * @csspart legend - The legend of fills.
 * @csspart table - The memory table; `cell` (also `cell-<method>`, `cell-<component>`, `cell-total`, `cell-ratio`, `cell-focus`), `row` (also `row-<component>`), `method-heading`, `ratio`, `table-unit` inside it.
 * @csspart explain - The panel with the formula of the hovered or focused number; `explain-title` and `formula` inside it.
 * @csspart warnings - Core's remarks on the settings.
 * @csspart gpu-verdict - The GPU table; `verdict` (also `verdict-<method>`) and `largest-batch` (also `largest-batch-<method>`) inside it.
 * @csspart rank-curve - The rank-curve figure; `break-even`, `chosen-rank`, `curve-trainable`, `curve-total`, `curve-tick-label` inside it.
 * @csspart curve-data - The `<details>` with the rank curve as a table.
 * @csspart lens - The scale-up lens; `lens-select`, `lens-side` (also `lens-toy`, `lens-real`), `lens-peft`, `lens-dominant`, `lens-adapter-share`, `lens-doubling`, `lens-summary` inside it.
 *
 * @cssproperty [--lora-memory-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-memory-muted-color=#59636e] - Secondary text and grid lines (dark scheme: #9198a1).
 * @cssproperty [--lora-memory-background=#ffffff] - Background (dark scheme: #0d1117).
 * @cssproperty [--lora-memory-surface-color=#f6f8fa] - Fieldsets, table headers and the formula panel (dark scheme: #151b23).
 * @cssproperty [--lora-memory-border-color=#d1d9e0] - Borders (dark scheme: #3d444d).
 * @cssproperty [--lora-memory-focus-color=#0969da] - Focus rings, the focused bar's frame and selected numbers (dark scheme: #4493f8).
 * @cssproperty [--lora-memory-error-color=#cf222e] - Alerts and messages (dark scheme: #ff7b72).
 * @cssproperty [--lora-memory-warning-color=#9a6700] - Warnings (dark scheme: #d29922).
 * @cssproperty [--lora-memory-weights-color=#8c959f] - Weights, frozen gray (dark scheme: #6e7681).
 * @cssproperty [--lora-memory-quant-constants-color=#bf8700] - Quantization constants (dark scheme: #d29922).
 * @cssproperty [--lora-memory-adapters-color=#0969da] - Adapters, trainable blue (dark scheme: #4493f8).
 * @cssproperty [--lora-memory-gradients-color=#4ac26b] - Gradients, receiving-gradient lime (dark scheme: #3fb950).
 * @cssproperty [--lora-memory-optimizer-color=#8250df] - Optimizer states (dark scheme: #a371f7).
 * @cssproperty [--lora-memory-activations-color=#e16f24] - Activations, activation orange (dark scheme: #f0883e).
 * @cssproperty [--lora-memory-overhead-color=#d1d9e0] - Framework overhead (dark scheme: #3d444d).
 * @cssproperty [--lora-memory-pattern-color=rgb(255 255 255 / 0.75)] - Lines and dots of the fill patterns (dark scheme: rgb(1 4 9 / 0.7)).
 * @cssproperty [--lora-memory-font-family=system-ui, sans-serif] - Font of text.
 * @cssproperty [--lora-memory-mono-font-family=ui-monospace, monospace] - Font of numbers and formulas.
 *
 * @example
 * <lora-memory-dashboard model="llama-2-7b" rank="8" targets="q_proj,v_proj" gpu="t4"></lora-memory-dashboard>
 */
export class LoraMemoryDashboard extends LitElement {
  static override styles = [styles, visuallyHidden];

  /** The model: `toy` (default), a preset id from core's `MODEL_IDS` (`llama-2-7b` …), or `config` for `.config`. */
  @property({ converter: textOr(TOY_MODEL) }) model = TOY_MODEL;

  /** A parsed Hugging Face `config.json` (Llama, Mistral or GPT-2), used when `model` is `config`. */
  @property({ attribute: false }) config?: Readonly<Record<string, unknown>>;

  /** Task of the toy MLP, which fixes its output size: sentiment, classification, similarity or regression. */
  @property({ converter: textOr('sentiment') }) task = 'sentiment';

  /** The method in focus (`full`, `lora` or `qlora`): highlighted, swept by the rank curve (LoRA for `full`) and used by the lens. */
  @property({ converter: textOr('lora') }) method = 'lora';

  /** LoRA rank r, a whole number from 1 to 65,536; unset: core's default (4 for the toy, 8 for real models). */
  @property({ converter: optionalNumber }) rank: number | undefined;

  /** LoRA alpha (scaling α/r); it sets no byte. */
  @property({ converter: numberOr(8) }) alpha = 8;

  /** Comma-separated `target_modules` (`q_proj,v_proj`), or `all-linear`; unset: the model's default (PEFT's). */
  @property({ converter: optionalText }) targets: string | undefined;

  /** Storage of unquantized weights and activations: `auto` (default: fp32 for the toy, bf16 for real models), `fp32`, `fp16`, `bf16`. */
  @property({ converter: textOr('auto') }) precision = 'auto';

  /** Optimizer: `adamw` (default), `adamw-8bit`, `sgd`, `sgd-momentum`. */
  @property({ converter: textOr('adamw') }) optimizer = 'adamw';

  /** Keep an fp32 master copy of 16-bit trainable weights (mixed precision, ZeRO's 16 bytes per parameter). */
  @property({ attribute: 'master-weights', type: Boolean }) masterWeights = false;

  /** Double-quantize QLoRA's NF4 constants (default on; `double-quant="false"` turns it off). */
  @property({ attribute: 'double-quant', converter: onUnlessFalse }) doubleQuant = true;

  /** Sequences per step, 1 to 65,536. */
  @property({ converter: numberOr(1) }) batch = 1;

  /** Tokens per sequence, 1 to 1,048,576 (real models only; the toy reads one vector per sample). */
  @property({ converter: numberOr(512) }) seq = 512;

  /** Full gradient checkpointing (real models only). */
  @property({ type: Boolean }) checkpointing = false;

  /** Add the assumed framework overhead line (512 MiB plus 10 %; a rule of thumb, not a measurement). */
  @property({ type: Boolean }) overhead = false;

  /** GPU id from core's `GPUS` (default `t4`). */
  @property({ converter: textOr('t4') }) gpu = 't4';

  /** Unit of the table, bars and axes: `auto` (default), `B`, `MB`, `GiB` or any of core's byte units. */
  @property({ converter: textOr('auto') }) units = 'auto';

  /** The real model of the scale-up lens (a preset id); unset: the dashboard's model if it is a preset, else `llama-2-7b`. */
  @property({ converter: optionalText }) lens: string | undefined;

  @state() private drafts: Readonly<Partial<Record<NumberField, Draft>>> = {};
  @state() private targetsDraft: readonly string[] | null = null;
  @state() private configText = '';
  @state() private configMessage = '';
  @state() private hovered: CellKey | null = null;
  @state() private selected: CellKey | null = null;

  private problems: readonly AttributeProblem[] = [];
  private estimateError = '';
  private configState: ConfigState | null = null;
  /** The config object last read from the text box, so that its text is not replaced by a pretty-printed copy. */
  private configFromText: unknown = undefined;
  private description: ModelDescription | undefined;
  private shown: Shown | undefined;
  /** Bumped whenever the config in use changes, so that the view is recomputed. */
  private configVersion = 0;
  /** The `.config` object that `configState` was read from. */
  private configRead: unknown = undefined;
  private computedKey = '';

  /** The settings in use, with defaults filled in, or `undefined` while some setting is unusable. */
  get settings(): MemoryDashboardSettings | undefined {
    return this.shown?.settings;
  }

  /** The estimates shown, one per method (plain data from core), or `undefined` while nothing is shown. */
  get estimates(): Readonly<Record<TrainingMethod, MemoryEstimate>> | undefined {
    return this.shown?.view.estimates;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A value set from outside replaces whatever invalid text the user had left in its input.
    const fields: NumberField[] = ['rank', 'alpha', 'batch', 'seq'];
    if (fields.some((f) => changed.has(f) && this.drafts[f] !== undefined)) {
      this.drafts = Object.fromEntries(Object.entries(this.drafts).filter(([f]) => !changed.has(f as NumberField)));
    }
    if (changed.has('targets') || changed.has('model')) this.targetsDraft = null;
    if (changed.has('config') && this.config !== this.configRead) this.readConfig();
    this.compute();
  }

  private readConfig(): void {
    const config = this.config;
    this.configRead = config;
    this.configVersion++;
    if (config === undefined || config === null) {
      this.configState = null;
    } else {
      try {
        this.configState = { ok: true, description: readHfConfig(config) };
      } catch (error) {
        this.configState = { ok: false, message: configErrorMessage(error) };
      }
    }
    if (config !== this.configFromText) {
      try {
        this.configText = config === undefined || config === null ? '' : JSON.stringify(config, null, 2);
      } catch {
        this.configText = '';
      }
      this.configMessage = '';
    }
  }

  private raw(): RawSettings {
    return {
      model: this.model,
      task: this.task,
      method: this.method,
      rank: this.rank,
      alpha: this.alpha,
      precision: this.precision,
      optimizer: this.optimizer,
      batch: this.batch,
      seq: this.seq,
      gpu: this.gpu,
      units: this.units,
      lens: this.lens,
    };
  }

  private describe(): ModelDescription | undefined {
    if (this.model === TOY_MODEL) return describeToy({ task: this.task as TaskName });
    if (this.model === CONFIG_MODEL) return this.configState?.ok ? this.configState.description : undefined;
    return describeModel(this.model);
  }

  /** Everything the computed view depends on, to skip recomputing for hover, focus and typing. */
  private inputsKey(): string {
    const flags = [this.masterWeights, this.doubleQuant, this.checkpointing, this.overhead];
    return JSON.stringify([this.raw(), this.targets ?? null, flags, this.configVersion]);
  }

  private compute(): void {
    const key = this.inputsKey();
    if (key === this.computedKey) return;
    this.computedKey = key;
    this.problems = settingProblems(this.raw(), (a) => this.getAttribute(a));
    this.estimateError = '';
    this.description = undefined;
    if (this.problems.length > 0) {
      this.shown = undefined;
      return;
    }
    const description = this.describe();
    this.description = description;
    if (description === undefined) {
      this.shown = undefined;
      if (this.configState?.ok === false) this.estimateError = this.configState.message;
      return;
    }
    const toy = description.family === 'mlp';
    const choices = typedChoices(this.raw());
    const listed = this.targets === undefined ? [...description.defaultTargets] : splitTargets(this.targets);
    const targets = listed.length === 1 && listed[0]!.toLowerCase() === ALL_LINEAR ? [ALL_LINEAR] : listed;
    const settings: MemoryDashboardSettings = Object.freeze({
      model: this.model,
      task: choices.task,
      config: this.model === CONFIG_MODEL ? (this.config ?? null) : null,
      method: choices.method,
      rank: this.rank ?? (toy ? 4 : 8),
      alpha: this.alpha,
      targets: Object.freeze(targets),
      precision: choices.precision,
      optimizer: choices.optimizer,
      masterWeights: this.masterWeights,
      doubleQuant: this.doubleQuant,
      batch: this.batch,
      seq: this.seq,
      checkpointing: this.checkpointing,
      overhead: this.overhead,
      gpu: this.gpu,
      units: choices.units,
      lens: this.lens ?? ((MODEL_IDS as readonly string[]).includes(this.model) ? this.model : 'llama-2-7b'),
    });
    try {
      this.shown = { settings, view: computeDashboard(description, settings) };
    } catch (error) {
      this.shown = undefined;
      if (!(error instanceof InvalidOptionError)) throw error;
      // Core names its option (`targets`, `batch` …); say it with the attribute's name.
      this.estimateError = `${attributeOf(error.field)}: ${error.message.slice(error.field.length + 2)}`;
    }
  }

  private emitChange(): void {
    // Property changes render in a microtask; the settings must describe them now.
    this.compute();
    const detail = this.shown?.settings;
    if (detail === undefined) return;
    this.dispatchEvent(new CustomEvent('lora-memory-change', { detail, bubbles: true, composed: true }));
  }

  // ——— Control handlers: each applies a user's change, then tells the page. ———

  private readonly onModelChange = (event: Event): void => {
    this.model = (event.target as HTMLSelectElement).value;
    // Module names differ between models; all-linear means the same thing everywhere.
    if (this.targets?.trim().toLowerCase() !== ALL_LINEAR) this.targets = undefined;
    this.emitChange();
  };

  private readonly onTaskChange = (event: Event): void => {
    this.task = (event.target as HTMLSelectElement).value;
    this.emitChange();
  };

  private readonly onMethodChange = (event: Event): void => {
    this.method = (event.target as HTMLInputElement).value;
    this.emitChange();
  };

  private onNumber(field: NumberField, event: Event, commit: boolean): void {
    const input = event.target as HTMLInputElement;
    const message = numberInputMessage(field, input.value, input.validity.badInput);
    if (message !== null) {
      this.drafts = { ...this.drafts, [field]: { text: input.value, message } };
      return;
    }
    if (this.drafts[field] !== undefined) {
      this.drafts = Object.fromEntries(Object.entries(this.drafts).filter(([f]) => f !== field));
    }
    this[field] = Number(input.value);
    if (commit) this.emitChange();
  }

  private readonly onAllLinear = (event: Event): void => {
    this.targets = (event.target as HTMLInputElement).checked ? ALL_LINEAR : undefined;
    this.targetsDraft = null;
    this.emitChange();
  };

  private readonly onTarget = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const current = this.targetsDraft ?? this.shown?.settings.targets ?? [];
    const names = new Set(current.filter((t) => t !== ALL_LINEAR));
    if (input.checked) names.add(input.value);
    else names.delete(input.value);
    const order = this.linearNames();
    const list = [...names].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (list.length === 0) {
      this.targetsDraft = [];
      return;
    }
    this.targetsDraft = null;
    this.targets = list.join(',');
    this.emitChange();
  };

  private readonly onSelect = (field: 'precision' | 'optimizer' | 'gpu' | 'lens', event: Event): void => {
    this[field] = (event.target as HTMLSelectElement).value;
    this.emitChange();
  };

  private readonly onToggle = (
    field: 'masterWeights' | 'doubleQuant' | 'checkpointing' | 'overhead',
    event: Event,
  ): void => {
    this[field] = (event.target as HTMLInputElement).checked;
    this.emitChange();
  };

  private readonly onUnits = (event: Event): void => {
    this.units = (event.target as HTMLInputElement).value;
    this.emitChange();
  };

  private readonly onLensChange = (event: Event): void => this.onSelect('lens', event);

  private readonly onConfigInput = (event: Event): void => {
    // Kept as typed, so that nothing the user pasted is ever lost, valid or not.
    this.configText = (event.target as HTMLTextAreaElement).value;
  };

  private readonly onConfigRead = (): void => {
    const reading = readConfigText(this.configText);
    if (!reading.ok) {
      this.configMessage = reading.message;
      return;
    }
    this.configMessage = '';
    this.configFromText = reading.config;
    this.config = reading.config;
    this.readConfig();
    this.model = CONFIG_MODEL;
    if (this.targets?.trim().toLowerCase() !== ALL_LINEAR) this.targets = undefined;
    this.emitChange();
  };

  private readonly onConfigChange = (event: Event): void => {
    this.onConfigInput(event);
    this.onConfigRead();
  };

  // ——— Explaining numbers: hover and focus select one; arrow keys move focus. ———

  private readonly onFocusIn = (event: FocusEvent): void => {
    const key = keyOf(event.target as Element);
    if (key !== null) this.selected = key;
  };

  private readonly onPointerOver = (event: PointerEvent): void => {
    const key = keyOf(event.target as Element);
    if (key !== null && !sameKey(key, this.hovered)) this.hovered = key;
  };

  private readonly onPointerLeave = (): void => {
    this.hovered = null;
  };

  private focusKey(scope: string, key: CellKey): void {
    this.renderRoot
      .querySelector<HTMLElement | SVGElement>(`${scope} [data-method="${key.method}"][data-row="${key.row}"]`)
      ?.focus();
  }

  private readonly onTableKey = (event: KeyboardEvent): void => {
    const from = keyOf(event.target as Element);
    const view = this.shown?.view;
    if (from === null || view === undefined) return;
    const to = moveInTable(from, event.key, this.rowsOf(view));
    if (to === null) return;
    event.preventDefault();
    this.focusKey('.memory-table', to);
  };

  private readonly onBarsKey = (event: KeyboardEvent): void => {
    const from = keyOf(event.target as Element);
    const view = this.shown?.view;
    if (from === null || view === undefined) return;
    const components = shownComponents(Object.values(view.estimates));
    const to = moveInBars(from, event.key, (m) => drawnSegments(view.estimates[m], components).map((c) => c.key));
    if (to === null) return;
    event.preventDefault();
    this.focusKey('.bars', to);
  };

  /** The table's rows, top to bottom. */
  private rowsOf(view: DashboardView): RowKey[] {
    return [...shownComponents(Object.values(view.estimates)).map((c) => c.key), ...ROWS_AFTER_COMPONENTS];
  }

  // ——— Rendering ———

  private linearNames(): string[] {
    const description = this.description;
    if (description === undefined) return [];
    const names = description.modules.filter((m) => m.kind === 'linear' || m.kind === 'conv1d').map((m) => m.name);
    return [...new Set(names)];
  }

  protected override render(): TemplateResult {
    return html`<div class="base">
      <svg class="defs" width="0" height="0" aria-hidden="true" focusable="false">${renderPatternDefs()}</svg>
      ${renderProblems('Cannot show the memory dashboard', this.problems)}
      <form part="controls" class="controls" @submit=${(event: Event) => event.preventDefault()}>
        ${this.renderModelControls()} ${this.renderLoraControls()} ${this.renderPrecisionControls()}
        ${this.renderStepControls()} ${this.renderOutputControls()}
      </form>
      ${
        this.estimateError === ''
          ? nothing
          : html`<div part="error" class="error" role="alert"><p>Cannot estimate: ${this.estimateError}</p></div>`
      }
      ${
        this.model === CONFIG_MODEL && this.configState === null && this.problems.length === 0
          ? html`<p part="notice" class="notice">Paste a config.json above and read it to see its memory.</p>`
          : nothing
      }
      ${this.shown === undefined ? nothing : this.renderResults(this.shown)}
    </div>`;
  }

  private numberField(
    field: NumberField,
    label: string,
    value: number,
    extra: Partial<{ min: number; max: number; step: string; disabled: boolean; hint: string }> = {},
  ): TemplateResult {
    const draft = this.drafts[field];
    const described = [draft ? `${field}-error` : '', extra.hint ? `${field}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        part=${field}
        type="number"
        inputmode=${field === 'alpha' ? 'decimal' : 'numeric'}
        min=${extra.min ?? nothing}
        max=${extra.max ?? nothing}
        step=${extra.step ?? '1'}
        .value=${live(draft?.text ?? String(value))}
        ?disabled=${extra.disabled ?? false}
        aria-invalid=${draft ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(event: Event) => this.onNumber(field, event, false)}
        @change=${(event: Event) => this.onNumber(field, event, true)}
      />
      ${extra.hint ? html`<span id="${field}-hint" class="hint">${extra.hint}</span>` : nothing}
      ${draft ? html`<span id="${field}-error" part="input-error" class="input-error" role="alert">${draft.message}</span>` : nothing}
    </div>`;
  }

  private renderModelControls(): TemplateResult {
    const model = this.model;
    const current = this.configState?.ok ? this.configState.description : undefined;
    return html`<fieldset class="group">
      <legend>Model</legend>
      <div class="field">
        <label for="model">Model</label>
        <select id="model" part="model" @change=${this.onModelChange}>
          <option value=${TOY_MODEL} ?selected=${model === TOY_MODEL}>Toy MLP (this library's model)</option>
          ${MODEL_PRESETS.map((p) => html`<option value=${p.id} ?selected=${model === p.id}>${p.label}</option>`)}
          <option value=${CONFIG_MODEL} ?selected=${model === CONFIG_MODEL}>
            ${current ? `Pasted config.json: ${current.label}` : 'Paste a config.json…'}
          </option>
        </select>
      </div>
      ${
        model === TOY_MODEL
          ? html`<div class="field">
              <label for="task">Toy task (sets the output size)</label>
              <select id="task" part="task" @change=${this.onTaskChange}>
                ${TASKS.map((t) => html`<option value=${t} ?selected=${this.task === t}>${t}</option>`)}
              </select>
            </div>`
          : nothing
      }
      ${
        model === CONFIG_MODEL
          ? html`<div class="field config">
              <label for="config-text">config.json (Llama, Mistral or GPT-2, from the model's Hugging Face page)</label>
              <textarea
                id="config-text"
                part="config"
                rows="6"
                spellcheck="false"
                autocomplete="off"
                .value=${live(this.configText)}
                aria-invalid=${this.configMessage ? 'true' : 'false'}
                aria-describedby=${this.configMessage ? 'config-error' : nothing}
                @input=${this.onConfigInput}
                @change=${this.onConfigChange}
              ></textarea>
              <button type="button" part="config-read" @click=${this.onConfigRead}>Read config.json</button>
              ${
                this.configMessage
                  ? html`<p id="config-error" part="config-error input-error" class="input-error" role="alert">
                      ${this.configMessage}${current ? ` Still showing ${current.label}.` : ''}
                    </p>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </fieldset>`;
  }

  private renderLoraControls(): TemplateResult {
    const settings = this.shown?.settings;
    const rank = settings?.rank ?? this.rank ?? 8;
    const targets = this.targetsDraft ?? settings?.targets ?? [];
    const allLinear = targets.length === 1 && targets[0] === ALL_LINEAR;
    const coveredByAll = new Set(
      (this.description?.modules ?? [])
        .filter((m) => (m.kind === 'linear' || m.kind === 'conv1d') && !m.outputHead)
        .map((m) => m.name),
    );
    const scaling = Number.isFinite(this.alpha) ? SCALING.format(this.alpha / rank) : '—';
    return html`<fieldset class="group">
      <legend>LoRA</legend>
      <fieldset part="method" class="radios">
        <legend>Method in focus</legend>
        ${TRAINING_METHODS.map(
          (m) =>
            html`<label class="choice">
              <input
                type="radio"
                name="method"
                .value=${m}
                .checked=${live(this.method === m)}
                @change=${this.onMethodChange}
              />
              ${METHOD_LABELS[m]}
            </label>`,
        )}
      </fieldset>
      ${this.numberField('rank', 'Rank r', rank, { min: 1, max: 65536 })}
      ${this.numberField('alpha', 'Alpha α', this.alpha, { step: 'any' })}
      <p class="hint">Scaling <span part="scaling" class="num">s = α / r = ${scaling}</span> (it sets no byte).</p>
      <fieldset
        part="targets"
        class="targets"
        aria-describedby=${this.targetsDraft?.length === 0 ? 'targets-error' : nothing}
      >
        <legend>Target modules</legend>
        <label class="choice">
          <input
            type="checkbox"
            part="target target-all-linear"
            .checked=${live(allLinear)}
            @change=${this.onAllLinear}
          />
          <code>all-linear</code> <span class="hint">(every linear layer but the output head)</span>
        </label>
        ${this.linearNames().map(
          (name) =>
            html`<label class="choice">
              <input
                type="checkbox"
                part="target target-${name}"
                .value=${name}
                .checked=${live(allLinear ? coveredByAll.has(name) : targets.includes(name))}
                ?disabled=${allLinear}
                @change=${this.onTarget}
              />
              <code>${name}</code>
            </label>`,
        )}
        ${
          this.targetsDraft?.length === 0
            ? html`<span id="targets-error" part="input-error" class="input-error" role="alert"
                >Target modules: choose at least one module, or all-linear.</span
              >`
            : nothing
        }
      </fieldset>
    </fieldset>`;
  }

  private renderPrecisionControls(): TemplateResult {
    return html`<fieldset class="group">
      <legend>Precision and optimizer</legend>
      <div class="field">
        <label for="precision">Weights and activations</label>
        <select id="precision" part="precision" @change=${(e: Event) => this.onSelect('precision', e)}>
          ${PRECISION_CHOICES.map((p) => html`<option value=${p} ?selected=${this.precision === p}>${PRECISION_LABELS[p]}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="optimizer">Optimizer</label>
        <select id="optimizer" part="optimizer" @change=${(e: Event) => this.onSelect('optimizer', e)}>
          ${MEMORY_OPTIMIZERS.map((o) => html`<option value=${o} ?selected=${this.optimizer === o}>${OPTIMIZER_LABELS[o]}</option>`)}
        </select>
      </div>
      ${this.checkbox('masterWeights', 'master-weights', 'fp32 master copy of 16-bit trainable weights', this.masterWeights)}
      ${this.checkbox('doubleQuant', 'double-quant', 'Double quantization of QLoRA constants', this.doubleQuant)}
    </fieldset>`;
  }

  private checkbox(
    field: 'masterWeights' | 'doubleQuant' | 'checkpointing' | 'overhead',
    part: string,
    label: string,
    checked: boolean,
    options: { disabled?: boolean; hint?: string } = {},
  ): TemplateResult {
    return html`<label class="choice">
      <input
        type="checkbox"
        part=${part}
        .checked=${live(checked)}
        ?disabled=${options.disabled ?? false}
        @change=${(e: Event) => this.onToggle(field, e)}
      />
      ${label} ${options.hint ? html`<span class="hint">${options.hint}</span>` : nothing}
    </label>`;
  }

  private renderStepControls(): TemplateResult {
    const toy = this.description?.family === 'mlp' || (this.description === undefined && this.model === TOY_MODEL);
    const toyHint = 'no effect on the toy, which reads one vector per sample';
    return html`<fieldset class="group">
      <legend>Training step</legend>
      ${this.numberField('batch', 'Batch (sequences per step)', this.batch, { min: 1, max: 65536 })}
      ${this.numberField('seq', 'Sequence length (tokens)', this.seq, {
        min: 1,
        max: 1048576,
        disabled: toy,
        ...(toy ? { hint: toyHint } : {}),
      })}
      ${this.checkbox('checkpointing', 'checkpointing', 'Gradient checkpointing', this.checkpointing, {
        disabled: toy,
        ...(toy ? { hint: `(${toyHint})` } : {}),
      })}
      ${this.checkbox('overhead', 'overhead', 'Framework overhead (assumed: 512 MiB + 10 %)', this.overhead)}
    </fieldset>`;
  }

  private renderOutputControls(): TemplateResult {
    const units = UNIT_CHOICES.some((u) => u.value === this.units)
      ? UNIT_CHOICES
      : [...UNIT_CHOICES, { value: this.units as DashboardUnit, label: this.units }];
    return html`<fieldset class="group">
      <legend>GPU and units</legend>
      <div class="field">
        <label for="gpu">GPU</label>
        <select id="gpu" part="gpu" @change=${(e: Event) => this.onSelect('gpu', e)}>
          ${GPUS.map((g) => html`<option value=${g.id} ?selected=${this.gpu === g.id}>${g.name}</option>`)}
        </select>
      </div>
      <fieldset part="units" class="radios">
        <legend>Units</legend>
        ${units.map(
          (u) =>
            html`<label class="choice">
              <input
                type="radio"
                name="units"
                .value=${u.value}
                .checked=${live(this.units === u.value)}
                @change=${this.onUnits}
              />
              ${u.label}
            </label>`,
        )}
      </fieldset>
    </fieldset>`;
  }

  private renderResults({ settings, view }: Shown): TemplateResult {
    const estimates = view.estimates;
    const all = TRAINING_METHODS.map((m) => estimates[m]);
    const components = shownComponents(all);
    const unit = resolveUnit(settings.units, Math.max(...all.map((e) => e.bytes.total)));
    const focus = settings.method;
    // A remembered number whose row is gone (the overhead line switched off) is forgotten.
    const rows = this.rowsOf(view);
    const known = (key: CellKey | null) => (key !== null && rows.includes(key.row) ? key : null);
    const selected = known(this.hovered) ?? known(this.selected);
    const tableStop = known(this.selected) ?? { method: focus, row: 'weights' };
    // A segment exists only for a component with bytes; otherwise Tab lands on the focused method's weights.
    const picked = known(this.selected);
    const drawn =
      picked !== null && drawnSegments(estimates[picked.method], components).some((c) => c.key === picked.row);
    const barStop: CellKey = drawn ? picked : { method: focus, row: 'weights' };
    const warnings = [...new Set(all.flatMap((e) => e.warnings))];
    const adapter = estimates.lora;
    const curveUnit = resolveUnit(settings.units, Math.max(...view.curve.curve.points.map((p) => p.totalBytes)));
    return html`<section class="results" aria-label="Memory estimates">
      <p part="summary" class="summary">
        <strong>${view.description.label}</strong>: ${groupDigits(view.description.totalParams)} parameters. With LoRA r
        = ${settings.rank} on <code>${settings.targets.join(', ')}</code>:
        <code part="peft-line" class="peft">${adapter.peft}</code>
      </p>
      <div
        class="side-by-side"
        @focusin=${this.onFocusIn}
        @pointerover=${this.onPointerOver}
        @pointerleave=${this.onPointerLeave}
      >
        <div class="chart" @keydown=${this.onBarsKey}>
          ${renderStackedBars({ estimates, components, unit, focus, selected, tabStop: barStop })}
          <ul part="legend" class="legend">
            ${components.map(
              (c) =>
                html`<li>
                  <svg class="swatch" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
                    <rect class="fill-${c.slug}" width="18" height="12" fill="url(#memory-fill-${c.slug})"></rect>
                  </svg>
                  ${c.label} <span class="hint">(${c.pattern})</span>
                </li>`,
            )}
          </ul>
        </div>
        <div class="table-wrap" @keydown=${this.onTableKey}>
          ${renderMemoryTable({ estimates, components, unit, focus, selected, tabStop: tableStop })}
        </div>
      </div>
      ${this.renderExplain(view, selected, unit)} ${renderFormulaDescriptions(estimates, components)}
      ${
        warnings.length === 0
          ? nothing
          : html`<ul part="warnings" class="warnings">
              ${warnings.map((w) => html`<li>${w}</li>`)}
            </ul>`
      }
      <h3>Does it fit?</h3>
      ${renderGpuVerdict(view.fits, resolveUnit(settings.units, view.fits.full.gpu.bytes))}
      <h3>Rank curve</h3>
      <p class="hint">
        ${METHOD_LABELS[view.curve.method]}${focus === 'full' ? ' (full fine-tuning has no rank)' : ''} on
        ${view.description.label}, every other setting as above. Past the break-even rank r*, the adapter has more
        parameters than the weights it adapts.
      </p>
      ${renderRankCurve({
        curve: view.curve.curve,
        method: view.curve.method,
        unit: curveUnit,
        rank: settings.rank,
        model: view.description.label,
      })}
      <h3>Scale-up lens</h3>
      ${renderScaleUpLens({ lens: view.lens, units: settings.units, onLensChange: this.onLensChange })}
    </section>`;
  }

  private renderExplain(
    view: DashboardView,
    key: CellKey | null,
    unit: ReturnType<typeof resolveUnit>,
  ): TemplateResult {
    if (key === null) {
      return html`<div part="explain" class="explain">
        <p class="hint">
          Hover over a bar segment or a number, or Tab into the chart or the table and use the arrow keys, to see how it
          is computed and where the formula comes from.
        </p>
      </div>`;
    }
    const estimate = view.estimates[key.method];
    const component = COMPONENTS.find((c) => c.key === key.row);
    const name = component?.label ?? (key.row === 'total' ? 'Total' : 'Ratio to full fine-tuning');
    const value =
      key.row === 'ratio'
        ? ''
        : ` — ${formatInUnit(bytesOf(estimate.bytes, key.row), unit)} ${unitName(unit)} (${groupDigits(bytesOf(estimate.bytes, key.row))} bytes)`;
    return html`<div part="explain" class="explain filled" data-for=${formulaId(key)}>
      <p part="explain-title" class="explain-title">${METHOD_LABELS[key.method]} · ${name}${value}</p>
      <p part="formula" class="formula">${formulaText(view.estimates, key)}</p>
    </div>`;
  }
}
