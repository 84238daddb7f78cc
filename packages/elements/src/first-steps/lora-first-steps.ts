import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { InitLoraWeights, LoraModel, TraceSample } from '@lora-viz/core';
import { OwnModelController } from '../controllers/own-model-controller.js';
import { numberOr, textOr } from '../shared/attribute-converters.js';
import type { AttributeProblem } from '../shared/model-attributes.js';
import { renderProblems } from '../shared/render-problems.js';
import { defaultSample } from '../pass/timeline.js';
import { FIRST_STEPS_DIGITS, explainFirstSteps } from './explain-first-steps.js';
import { INIT_ACCEPTED, INIT_CHOICES, initValue, parseInit } from './init-choices.js';
import { measureFirstSteps, type FirstSteps, type FirstStepsLayer, type StepNorms } from './measure-first-steps.js';
import { formatValue } from '../matrix/format.js';
import { styles } from './lora-first-steps.styles.js';

/** Payload of `lora-first-steps-change`. */
export interface LoraFirstStepsChangeDetail {
  /** The initialisation the user picked. */
  readonly init: InitLoraWeights;
}

interface Shown {
  readonly key: string;
  readonly model: LoraModel;
  readonly result: FirstSteps;
  readonly sentences: readonly string[];
}

/** The four columns, in order: which norm, its heading, and which bar scale it shares. */
const COLUMNS = [
  { key: 'gradA', part: 'grad-a', heading: '‖∂L/∂A‖', kind: 'grad' },
  { key: 'gradB', part: 'grad-b', heading: '‖∂L/∂B‖', kind: 'grad' },
  { key: 'changeA', part: 'change-a', heading: '‖change of A‖', kind: 'change' },
  { key: 'changeB', part: 'change-b', heading: '‖change of B‖', kind: 'change' },
] as const satisfies readonly { key: keyof StepNorms; part: string; heading: string; kind: 'grad' | 'change' }[];

const format = (x: number) => formatValue(x, FIRST_STEPS_DIGITS);

const optionalText = { fromAttribute: (text: string | null): string | undefined => text ?? undefined };

/**
 * "Step 0 vs step 1": why LoRA's A gets no gradient on the first step. For the chosen
 * initialisation of A and B it replays the first two training steps of the model's active adapter on
 * a private copy (the model's base weights, the adapter added again with the same options and seed
 * but `initLoraWeights` replaced, so A is the same draw), with core's `recordSteps`, and shows per
 * adapted layer a table of ‖∂L/∂A‖, ‖∂L/∂B‖, ‖change of A‖ and ‖change of B‖ for steps 0 and 1 (each
 * number with a bar beside it). With B = 0 at start (`true`, `gaussian`) ∂L/∂A = s·Bᵀ(∂L/∂h)·xᵀ is
 * exactly 0 on step 0 and only B moves; after that update B ≠ 0 and A starts to move. With `false`
 * both start random: A moves from the first step and the adapter already changes the output. Above
 * the tables, the largest |output with adapter − output without| before any step and ‖ΔW‖ = ‖s·B·A‖
 * per layer show whether the adapter starts as a no-op; beneath them an explanation is written from
 * the measured numbers. The page's model is never changed; its changes (adapters, scale, weights)
 * recompute the view.
 *
 * Without a `.model` it uses its own toy model with LoRA built from `task`, `rank`, `alpha` and
 * `targets` (disposed when removed). Without a `.sample` it uses the same fixed sample as the pass
 * elements. A model without an active adapter (full fine-tuning) shows a notice instead.
 *
 * **Keyboard**: the initialisation is a native radio group (`Tab` into it, arrow keys choose). The
 * explanation is a polite `aria-live` region, so a new choice is read out.
 *
 * @tagname lora-first-steps
 * @summary Step 0 vs step 1: with B = 0, ∂L/∂A = 0 at first; after one update A starts to move.
 *
 * @event lora-first-steps-change - The user picked an initialisation in the radio group. `detail: { init }`
 *   with `init` `true`, `'gaussian'` or `false`. Bubbles and is composed. Never fired when the page sets `init`.
 *
 * @csspart init-choices - The radio group (a `<fieldset>`) of initialisations.
 * @csspart init-choice - One radio with its label (also `init-choice-true`, `init-choice-gaussian`, `init-choice-false`).
 * @csspart radio - A radio `<input>`.
 * @csspart noop - The line on the start: largest output difference against the base model.
 * @csspart noop-value - The largest |output with adapter − output without| before any step.
 * @csspart tables - The container of the per-layer tables.
 * @csspart table - One layer's table (also `table-fc1`, `table-fc2`, `table-fc3`).
 * @csspart delta-w - ‖ΔW‖ = ‖s·B·A‖ of a layer before any step, in its table's caption.
 * @csspart row - A step's row (also `row-step-0`, `row-step-1`).
 * @csspart cell - A number with its bar (also `cell-grad-a`, `cell-grad-b`, `cell-change-a`, `cell-change-b`).
 * @csspart bar - The bar of a cell; gradient norms share one scale, changes another.
 * @csspart value - The number of a cell (also `value-grad-a`, `value-grad-b`, `value-change-a`, `value-change-b`).
 * @csspart scale-note - The sentence saying what a full bar stands for.
 * @csspart explanation - The `aria-live` region with the explanation, one `<p>` per sentence.
 * @csspart notice - The message shown for a model without an adapter, or a disposed model.
 * @csspart error - The alert shown for unusable attributes or steps that cannot be recorded.
 *
 * @cssproperty [--lora-first-steps-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-first-steps-muted-color=#59636e] - Secondary text (dark scheme: #9198a1).
 * @cssproperty [--lora-first-steps-background=#ffffff] - Background (dark scheme: #0d1117).
 * @cssproperty [--lora-first-steps-surface-color=#f6f8fa] - Radio group, table headers and explanation (dark scheme: #151b23).
 * @cssproperty [--lora-first-steps-border-color=#d1d9e0] - Borders (dark scheme: #3d444d).
 * @cssproperty [--lora-first-steps-focus-color=#0969da] - Focus rings, radios and the explanation's rule (dark scheme: #4493f8).
 * @cssproperty [--lora-first-steps-grad-color=#1a7f37] - Bars of gradient norms (dark scheme: #3fb950).
 * @cssproperty [--lora-first-steps-change-color=#0969da] - Bars of change norms (dark scheme: #4493f8).
 * @cssproperty [--lora-first-steps-error-color=#cf222e] - The error box (dark scheme: #ff7b72).
 * @cssproperty [--lora-first-steps-font-family=system-ui, sans-serif] - Font of text.
 * @cssproperty [--lora-first-steps-mono-font-family=ui-monospace, monospace] - Font of numbers.
 *
 * @example
 * <lora-first-steps rank="4" init="gaussian" lr="0.1" optimizer="sgd"></lora-first-steps>
 */
export class LoraFirstSteps extends LitElement {
  static override styles = styles;

  /** The model whose active adapter is replayed, followed live; when unset, the element builds its own toy model with LoRA. */
  @property({ attribute: false }) model?: LoraModel;

  /** The sample to train on, as core's `TraceSample`; when unset, the fixed sample of the pass elements. */
  @property({ attribute: false }) sample?: TraceSample;

  /**
   * How A and B start: `true` (A random, B = 0), `gaussian` (A ~ N(0, 1/r), B = 0) or `false` (both
   * random). Unset: the initialisation of the model's active adapter. Reflected.
   */
  @property({ converter: optionalText, reflect: true }) init: string | undefined;

  /** Learning rate of the two steps: a positive finite number. */
  @property({ converter: numberOr(0.1) }) lr = 0.1;

  /** Optimizer of the two steps: `sgd` or `adam`. */
  @property({ converter: textOr('sgd') }) optimizer = 'sgd';

  /** Task of the element's own model: sentiment, classification, similarity or regression. */
  @property({ converter: textOr('sentiment') }) task = 'sentiment';

  /** LoRA rank r of the element's own model: a positive integer. */
  @property({ converter: numberOr(4) }) rank = 4;

  /** LoRA alpha of the element's own model (scaling s = alpha / r): a finite number. */
  @property({ converter: numberOr(8) }) alpha = 8;

  /** Comma-separated layers of the element's own model that get A and B, from fc1, fc2, fc3. */
  @property({ converter: textOr('fc1,fc2') }) targets = 'fc1,fc2';

  @state() private recordError: string | null = null;

  private problems: readonly AttributeProblem[] = [];
  private shown: Shown | undefined;

  private readonly own = new OwnModelController(this, {
    pageModel: () => this.model,
    values: () => ({ task: this.task, lora: true, rank: this.rank, alpha: this.alpha, targets: this.targets }),
    properties: ['task', 'rank', 'alpha', 'targets'],
    fallbackAttribute: 'rank',
  });

  /** The measured steps shown (plain data), or `undefined` while nothing can be shown. */
  get measurement(): FirstSteps | undefined {
    return this.shown?.result;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The own model is disposed on disconnect; drop what refers to it.
    this.shown = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.own.update(changed);
    this.problems = [...this.own.problems, ...this.settingProblems()];
    this.compute();
  }

  private settingProblems(): AttributeProblem[] {
    const problems: AttributeProblem[] = [];
    if (this.init !== undefined && parseInit(this.init) === undefined) {
      problems.push({ attribute: 'init', value: this.init, accepted: INIT_ACCEPTED });
    }
    if (!(Number.isFinite(this.lr) && this.lr > 0)) {
      problems.push({
        attribute: 'lr',
        value: this.getAttribute('lr') ?? String(this.lr),
        accepted: 'a positive finite number',
      });
    }
    if (this.optimizer !== 'sgd' && this.optimizer !== 'adam') {
      problems.push({ attribute: 'optimizer', value: this.optimizer, accepted: 'sgd, adam' });
    }
    return problems;
  }

  /** The initialisation replayed: the `init` attribute, else the active adapter's own. */
  private chosenInit(model: LoraModel | undefined): InitLoraWeights | undefined {
    if (this.init !== undefined) return parseInit(this.init);
    return model?.adapterSpec()?.initLoraWeights;
  }

  private compute(): void {
    const model = this.own.model;
    const init = this.chosenInit(model);
    if (
      this.problems.length > 0 ||
      !this.isConnected ||
      model === undefined ||
      model.disposed ||
      model.activeAdapter === null ||
      init === undefined
    ) {
      this.shown = undefined;
      this.recordError = null;
      return;
    }
    const sample = this.sample ?? defaultSample(model.spec.task, model.spec.inputDim);
    const optimizer = this.optimizer as 'sgd' | 'adam';
    const key = `${model.revision}|${String(init)}|${this.lr}|${optimizer}|${JSON.stringify(sample)}`;
    if (this.shown?.model === model && this.shown.key === key) return;
    try {
      const result = measureFirstSteps(model, sample, { init, lr: this.lr, optimizer });
      this.shown = { key, model, result, sentences: explainFirstSteps(result) };
      this.recordError = null;
    } catch (error) {
      this.shown = undefined;
      this.recordError = error instanceof Error ? error.message : String(error);
    }
  }

  private readonly onInitChange = (event: Event): void => {
    const choice = INIT_CHOICES.find((c) => c.value === (event.target as HTMLInputElement).value);
    if (choice === undefined) return;
    this.init = choice.value;
    const detail: LoraFirstStepsChangeDetail = { init: choice.init };
    this.dispatchEvent(new CustomEvent('lora-first-steps-change', { bubbles: true, composed: true, detail }));
  };

  protected override render(): TemplateResult {
    const model = this.own.model;
    const shown = this.shown;
    return html`
      ${renderProblems('Cannot show the first steps', this.problems)}
      ${
        this.recordError === null
          ? nothing
          : html`<div part="error" class="error" role="alert">
              <p>Cannot record the steps: ${this.recordError}</p>
            </div>`
      }
      ${this.renderBody(model, shown)}
      <div part="explanation" class=${shown ? 'explanation filled' : 'explanation'} aria-live="polite">
        ${shown?.sentences.map((sentence) => html`<p>${sentence}</p>`) ?? nothing}
      </div>
    `;
  }

  private renderBody(model: LoraModel | undefined, shown: Shown | undefined): TemplateResult | typeof nothing {
    if (model === undefined) return nothing;
    if (model.disposed) {
      return html`<p part="notice" class="notice">This model has been disposed; give the element a new one.</p>`;
    }
    if (model.activeAdapter === null) {
      return html`<p part="notice" class="notice" role="status">
        This view needs a LoRA adapter: the model is set up for full fine-tuning, where every weight and bias gets a
        gradient from the first step. Attach an adapter to compare step 0 and step 1.
      </p>`;
    }
    return html`${this.renderChoices(this.chosenInit(model))}${shown ? this.renderResult(shown.result) : nothing}`;
  }

  private renderChoices(current: InitLoraWeights | undefined): TemplateResult {
    const checked = current === undefined ? undefined : initValue(current);
    return html`<fieldset part="init-choices">
      <legend>Initialisation of A and B (<code>init_lora_weights</code>)</legend>
      ${INIT_CHOICES.map(
        (choice) =>
          html`<label part="init-choice init-choice-${choice.value}" class="choice">
            <input
              part="radio"
              type="radio"
              name="init"
              .value=${choice.value}
              .checked=${live(checked === choice.value)}
              @change=${this.onInitChange}
            />
            <span><code>${choice.value}</code> — <span class="hint">${choice.hint}</span></span>
          </label>`,
      )}
    </fieldset>`;
  }

  private renderResult(result: FirstSteps): TemplateResult {
    const all = result.layers.flatMap((layer) => layer.steps);
    const largest = {
      grad: Math.max(0, ...all.flatMap((s) => [s.gradA, s.gradB])),
      change: Math.max(0, ...all.flatMap((s) => [s.changeA, s.changeB])),
    };
    return html`<p part="noop" class="noop">
        Before any step, the largest |output with adapter − base output| on this sample is
        <span part="noop-value" class="num">${format(result.noopDifference)}</span>.
      </p>
      <div part="tables" class="tables">${result.layers.map((layer) => this.renderTable(layer, largest))}</div>
      <p part="scale-note" class="scale-note">
        Bars: a full bar is the largest gradient norm (${format(largest.grad)}) or the largest change
        (${format(largest.change)}) above, with ${result.optimizer === 'adam' ? 'Adam' : 'SGD'} at learning rate
        ${format(result.lr)}.
      </p>`;
  }

  private renderTable(layer: FirstStepsLayer, largest: { grad: number; change: number }): TemplateResult {
    return html`<div class="scroller">
      <table part="table table-${layer.name}">
        <caption>
          ${layer.name}
          <span class="detail"
            >r = ${layer.r}, s = ${format(layer.scaling)}; at start ‖ΔW‖ = ‖s·B·A‖ =
            <span part="delta-w" class="num">${format(layer.deltaWNorm)}</span></span
          >
        </caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            ${COLUMNS.map((column) => html`<th scope="col">${column.heading}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${layer.steps.map(
            (norms, step) =>
              html`<tr part="row row-step-${step}">
                <th scope="row">step ${step}</th>
                ${COLUMNS.map((column) => {
                  const value = norms[column.key];
                  const scale = largest[column.kind];
                  const fill = scale > 0 ? (100 * value) / scale : 0;
                  return html`<td>
                    <span part="cell cell-${column.part}" class="cell ${column.kind}">
                      <span part="bar" class="bar" aria-hidden="true"
                        ><span class="fill" style="--_fill: ${fill.toFixed(2)}%"></span
                      ></span>
                      <span part="value value-${column.part}" class="num">${format(value)}</span>
                    </span>
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
