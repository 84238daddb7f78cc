import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  MAX_RANK,
  attachLora,
  resolveLoraOptions,
  resolveMlpOptions,
  type AdapterSpec,
  type InitLoraWeights,
  type LayerName,
  type LayerShape,
  type LoraModel,
  type LoraOptions,
} from '@lora-viz/core';
import { ModelController } from '../controllers/model-controller.js';
import {
  DEFAULT_DRAFT,
  alphaKeepingScaling,
  checkDraft,
  draftFromSpec,
  inLayerOrder,
  readAlpha,
  type ControlsDraft,
  type DraftCheck,
} from './draft.js';
import { styles } from './lora-controls.styles.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { numberOr, textOr } from '../shared/attribute-converters.js';

/** What `<lora-controls>` configures: whether LoRA is on, and the options of its adapter. */
export interface LoraControlsConfig {
  /** Whether the model gets a LoRA adapter; `false` means full fine-tuning. */
  readonly lora: boolean;
  /** The adapter's options; kept while LoRA is off, for when it is switched back on. */
  readonly options: LoraOptions;
}

/** What the rank slider keeps fixed: `alpha` (s follows r) or `scaling` (α follows r). */
export type RankCoupling = 'alpha' | 'scaling';

/** Payload of `lora-keep-change`. */
export interface LoraKeepChangeDetail {
  /** What a new rank now keeps fixed (the element's `keep`). */
  readonly keep: RankCoupling;
}

/** The adapter the controls create and replace: PEFT's default adapter name. */
const ADAPTER_NAME = 'default';
const DEFAULT_RANK_MAX = 8;
const DEFAULT_LAYERS: readonly LayerShape[] = resolveMlpOptions().layers;

/** One choice of `initLoraWeights`, as the select offers it. */
interface InitChoice {
  readonly value: 'true' | 'gaussian' | 'false';
  readonly init: InitLoraWeights;
  readonly label: string;
  readonly hint: string;
}

const INIT_CHOICES: readonly InitChoice[] = [
  {
    value: 'true',
    init: true,
    label: 'Kaiming-uniform A, B = 0 (default)',
    hint: 'B starts at zero, so ΔW = s·B·A = 0: the adapted model starts exactly as the base model.',
  },
  {
    value: 'gaussian',
    init: 'gaussian',
    label: 'Gaussian A (σ = 1/r), B = 0',
    hint: 'A is drawn from N(0, 1/r²) and B starts at zero, so the adapter starts as a no-op too.',
  },
  {
    value: 'false',
    init: false,
    label: 'Random A and B (not a no-op)',
    hint: 'A and B are both random, so ΔW ≠ 0: attaching the adapter already changes the outputs.',
  },
];

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: false });

/** One attribute the element cannot use, for the alert that names it. */
interface AttributeProblem {
  readonly attribute: string;
  readonly value: string;
  readonly accepted: string;
}

/** Which adapter state of a model the controls last showed; a different one means "changed elsewhere". */
interface Seen {
  readonly model: LoraModel;
  readonly active: string | null;
  readonly spec: AdapterSpec | undefined;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function freezeConfig(lora: boolean, options: LoraOptions): LoraControlsConfig {
  return Object.freeze({ lora, options: Object.freeze({ ...options }) });
}

function sameConfig(a: LoraControlsConfig, b: LoraControlsConfig): boolean {
  // Options are always built with the same keys in the same order, so their JSON compares them.
  return a.lora === b.lora && JSON.stringify(a.options) === JSON.stringify(b.options);
}

/**
 * The LoRA settings of one model, as native form controls: LoRA on or off (full fine-tuning), rank r,
 * alpha α with the resulting scaling s shown live, whether a new r keeps α or keeps s, rsLoRA, the
 * target layers, the modules to save and the initialisation of A and B.
 *
 * Given a `.model`, the controls apply every committed change to it (the adapter named `default` is
 * deleted and attached again with the new options, or deleted for full fine-tuning; adapters with
 * other names are left alone) and follow changes the page makes to the model, showing its active
 * adapter. Without a model they only fire
 * `lora-config-change`. Invalid input (no target layer, an alpha that is not a number) is explained
 * next to its control and applies nothing; what was typed stays. Nothing is ever thrown.
 *
 * @tagname lora-controls
 * @summary LoRA on/off, rank, alpha, rsLoRA, targets, modules to save and init for a shared model.
 *
 * @event lora-config-change - The user committed a change (`change`, not each `input`); `detail` is
 *   `{ lora, options }` ({@link LoraControlsConfig}). Never fired when the page sets a property.
 * @event {CustomEvent<LoraKeepChangeDetail>} lora-keep-change - The user chose what a new rank keeps fixed
 *   (the "When r changes" radios); `detail` is `{ keep }`. Bubbles, composed; never fired when the page
 *   sets `keep`.
 *
 * @csspart base - The wrapper of every control.
 * @csspart field - A control with its label and hint; also `field-lora`, `field-rank`, `field-alpha`,
 *   `field-rslora`, `field-init` (with `rank-coupling`, `targets` and `modules-to-save`, every setting has a
 *   whole-control part: `::part(field-rank) { display: none }` takes the rank out of view and of the Tab order).
 * @csspart switch - The LoRA on/off switch (`<input type="checkbox" role="switch">`).
 * @csspart settings - The fieldset of the adapter settings, disabled while LoRA is off.
 * @csspart rank - The rank slider (`<input type="range">`).
 * @csspart rank-value - The rank shown next to the slider.
 * @csspart alpha - The alpha input (`<input type="number">`).
 * @csspart rank-coupling - The radio group choosing what a new rank keeps fixed (α, or s).
 * @csspart scaling - The live scaling s = α/r (or α/√r).
 * @csspart rslora - The rsLoRA checkbox.
 * @csspart targets - The fieldset of target layers.
 * @csspart target - Each target-layer checkbox; also `target-fc1`, `target-fc2`, `target-fc3`.
 * @csspart modules-to-save - The fieldset of modules to save.
 * @csspart save - Each module-to-save checkbox; also `save-fc1`, `save-fc2`, `save-fc3`.
 * @csspart init - The initialisation `<select>`.
 * @csspart error - Each inline validation message.
 * @csspart warnings - Core's warnings on the chosen options (e.g. a rank above min(in, out)).
 * @csspart problems - The alert naming unusable attribute values.
 * @csspart notice - The message shown when the model has been disposed.
 *
 * @cssproperty [--lora-controls-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-controls-background=transparent] - Background of the element.
 * @cssproperty [--lora-controls-muted-color=#57606a] - Hints and scales (dark scheme: #9198a1).
 * @cssproperty [--lora-controls-border-color=#d0d7de] - Input borders and separators (dark scheme: #3d444d).
 * @cssproperty [--lora-controls-input-background=#ffffff] - Inputs and the switch knob (dark scheme: #0d1117).
 * @cssproperty [--lora-controls-accent-color=#0969da] - The switch when on, slider, checkboxes (dark scheme: #58a6ff).
 * @cssproperty [--lora-controls-on-accent-color=#ffffff] - The switch knob when on (dark scheme: #0d1117).
 * @cssproperty [--lora-controls-value-background=#ddf4ff] - Behind the rank and s values (dark scheme: #0c2d6b).
 * @cssproperty [--lora-controls-error-color=#cf222e] - Validation messages (dark scheme: #ff7b72).
 * @cssproperty [--lora-controls-warning-color=#9a6700] - Warnings (dark scheme: #d29922).
 * @cssproperty [--lora-controls-focus-color=#0969da] - The focus ring (dark scheme: #58a6ff).
 * @cssproperty [--lora-controls-font-family=inherit] - Font of labels and inputs.
 * @cssproperty [--lora-controls-mono-font-family=ui-monospace, monospace] - Font of numbers and layer names.
 * @cssproperty [--lora-controls-gap=1rem] - Space between groups of controls.
 *
 * @example
 * <lora-controls rank-max="16"></lora-controls>
 * <script type="module">
 *   document.querySelector('lora-controls').model = sharedModel; // every panel follows it
 * </script>
 */
export class LoraControls extends LitElement {
  static override styles = [styles, visuallyHidden];

  /** The model to configure and follow; without one the controls only fire events. Never disposed here. */
  @property({ attribute: false }) model?: LoraModel;

  /** Largest rank the slider offers: a positive integer up to core's `MAX_RANK` (default 8). */
  @property({ attribute: 'rank-max', converter: numberOr(DEFAULT_RANK_MAX) }) rankMax = DEFAULT_RANK_MAX;

  /**
   * What a new rank keeps fixed: `alpha` (default; s = α/r changes, as when only `r` is edited in
   * PEFT's `LoraConfig`) or `scaling` (α follows r so that s stays). The radio group sets it too.
   */
  @property({ converter: textOr('alpha') }) keep: string = 'alpha';

  @state() private draft: ControlsDraft = DEFAULT_DRAFT;
  @state() private applyError = '';

  private committed: LoraControlsConfig = freezeConfig(
    DEFAULT_DRAFT.lora,
    checkDraft(DEFAULT_DRAFT, DEFAULT_LAYERS, 0).options!,
  );
  private seen: Seen | undefined;
  /** α and r from which `keep="scaling"` derives α for a new r (see `alphaKeepingScaling`). */
  private anchor: { alpha: number; r: number } | null = { alpha: 8, r: 4 };
  private check: DraftCheck = checkDraft(DEFAULT_DRAFT, DEFAULT_LAYERS, 0);
  private problems: readonly AttributeProblem[] = [];

  // Re-renders on every change of the model; willUpdate then decides whether it changed elsewhere.
  private readonly tracked = new ModelController(this, () => this.model);

  /** The configuration last applied (or, without a model, last committed), or read from the model. */
  get config(): LoraControlsConfig {
    return this.committed;
  }

  protected override willUpdate(): void {
    this.syncWithModel();
    this.problems = this.attributeProblems();
    this.check = this.checkNow();
  }

  private get layers(): readonly LayerShape[] {
    const model = this.model;
    return model !== undefined && !model.disposed ? model.spec.layers : DEFAULT_LAYERS;
  }

  private get coupling(): RankCoupling {
    return this.keep === 'scaling' ? 'scaling' : 'alpha';
  }

  private get usableRankMax(): number {
    const max = this.rankMax;
    return Number.isInteger(max) && max >= 1 && max <= MAX_RANK ? max : DEFAULT_RANK_MAX;
  }

  private checkNow(): DraftCheck {
    return checkDraft(this.draft, this.layers, this.model?.disposed === false ? this.model.spec.seed : 0);
  }

  private attributeProblems(): AttributeProblem[] {
    const problems: AttributeProblem[] = [];
    if (this.usableRankMax !== this.rankMax) {
      problems.push({
        attribute: 'rank-max',
        value: this.getAttribute('rank-max') ?? String(this.rankMax),
        accepted: `a positive integer up to ${MAX_RANK}; using ${DEFAULT_RANK_MAX}`,
      });
    }
    if (this.keep !== 'alpha' && this.keep !== 'scaling') {
      problems.push({ attribute: 'keep', value: this.keep, accepted: '"alpha" or "scaling"; using "alpha"' });
    }
    return problems;
  }

  /**
   * Shows the model's adapter when it differs from what the controls last applied or showed: a new
   * model, or a change the page made. Adapter specs are immutable and new per attach, so identity
   * tells a change apart from weight updates (training), which must not reset what the user typed.
   */
  private syncWithModel(): void {
    const model = this.model;
    if (model === undefined || model.disposed) {
      this.seen = undefined;
      return;
    }
    const active = model.activeAdapter;
    const spec = model.adapterSpec();
    const seen = this.seen;
    if (seen !== undefined && seen.model === model && seen.active === active && seen.spec === spec) return;
    this.seen = { model, active, spec };
    this.draft = draftFromSpec(spec, this.draft, model.spec.seed);
    this.applyError = '';
    this.resetAnchor();
    const check = checkDraft(this.draft, model.spec.layers, model.spec.seed);
    this.committed = freezeConfig(this.draft.lora, check.options ?? this.committed.options);
  }

  private resetAnchor(): void {
    const alpha = readAlpha(this.draft.alphaText, this.draft.alphaUnreadable);
    this.anchor = 'value' in alpha ? { alpha: alpha.value, r: this.draft.r } : null;
  }

  /** Applies the draft when it is valid and differs from the committed configuration, then tells the page. */
  private commit(): void {
    const check = this.checkNow();
    // Switching LoRA off needs no valid adapter options: it keeps the last good ones for later.
    const options = check.options ?? (this.draft.lora ? null : this.committed.options);
    if (options === null) return;
    const config = freezeConfig(this.draft.lora, options);
    if (sameConfig(config, this.committed)) return;
    const failure = this.applyToModel(config);
    this.applyError = failure ?? '';
    if (failure !== null) return;
    this.committed = config;
    this.dispatchEvent(new CustomEvent('lora-config-change', { detail: config, bubbles: true, composed: true }));
  }

  /** Replaces the model's `default` adapter; returns a message when that was impossible. */
  private applyToModel(config: LoraControlsConfig): string | null {
    const model = this.model;
    if (model === undefined) return null;
    if (model.disposed) return 'The model has been disposed; nothing was applied.';
    try {
      // Validate before deleting anything, so that a refused option never leaves the model bare.
      if (config.lora) resolveLoraOptions(config.options, model.spec.layers, model.spec.seed);
      if (model.adapterNames.includes(ADAPTER_NAME)) model.deleteAdapter(ADAPTER_NAME);
      if (config.lora) attachLora(model, config.options, ADAPTER_NAME);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    this.seen = { model, active: model.activeAdapter, spec: model.adapterSpec() };
    return null;
  }

  private patch(changes: Partial<ControlsDraft>): void {
    this.draft = { ...this.draft, ...changes };
  }

  private readonly onSwitch = (event: Event): void => {
    this.patch({ lora: (event.target as HTMLInputElement).checked });
    this.commit();
  };

  private readonly onRankInput = (event: Event): void => {
    const r = (event.target as HTMLInputElement).valueAsNumber;
    if (!Number.isInteger(r) || r < 1) return;
    const anchor = this.anchor;
    if (this.coupling === 'scaling' && anchor !== null) {
      const alpha = alphaKeepingScaling(anchor, r, this.draft.useRslora);
      this.patch({ r, alphaText: String(alpha), alphaUnreadable: false });
    } else {
      this.patch({ r });
    }
  };

  private readonly onRankChange = (event: Event): void => {
    this.onRankInput(event);
    this.commit();
  };

  private readonly onAlphaInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this.patch({ alphaText: input.value, alphaUnreadable: input.validity.badInput });
  };

  private readonly onAlphaChange = (event: Event): void => {
    this.onAlphaInput(event);
    this.resetAnchor();
    this.commit();
  };

  private readonly onCouplingChange = (event: Event): void => {
    this.keep = (event.target as HTMLInputElement).value;
    this.resetAnchor();
    const detail: LoraKeepChangeDetail = { keep: this.coupling };
    this.dispatchEvent(new CustomEvent('lora-keep-change', { detail, bubbles: true, composed: true }));
  };

  private readonly onRsloraChange = (event: Event): void => {
    this.patch({ useRslora: (event.target as HTMLInputElement).checked });
    this.resetAnchor();
    this.commit();
  };

  private readonly onLayerChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const layer = input.value as LayerName;
    const key = input.name === 'target' ? 'targetModules' : 'modulesToSave';
    const names = new Set(this.draft[key]);
    if (input.checked) names.add(layer);
    else names.delete(layer);
    this.patch({ [key]: inLayerOrder(names) });
    this.commit();
  };

  private readonly onInitChange = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    const choice = INIT_CHOICES.find((c) => c.value === value);
    if (choice === undefined) return;
    this.patch({ initLoraWeights: choice.init });
    this.commit();
  };

  protected override render(): TemplateResult {
    const disposed = this.model?.disposed === true;
    const { lora } = this.draft;
    return html`<div part="base" class="base">
      ${this.renderProblems()}
      ${
        disposed
          ? html`<p part="notice" class="notice">This model has been disposed; give the controls a new one.</p>`
          : nothing
      }
      <div part="field field-lora" class="field">
        <label class="switch" for="lora">
          <span class="label">LoRA adapters</span>
          <span class="switch-state" aria-hidden="true">${lora ? 'On' : 'Off'}</span>
          <input
            id="lora"
            part="switch"
            type="checkbox"
            role="switch"
            .checked=${live(lora)}
            ?disabled=${disposed}
            aria-describedby="lora-hint"
            @change=${this.onSwitch}
          />
        </label>
        <p id="lora-hint" class="hint">
          ${
            lora
              ? 'Base weights frozen; only the adapters (and any saved modules) train.'
              : 'Full fine-tuning: every weight and bias trains. The adapter settings wait until LoRA is on again.'
          }
        </p>
        ${this.applyError === '' ? nothing : html`<p part="error" class="error" role="alert">${this.applyError}</p>`}
      </div>
      <fieldset
        part="settings"
        class="settings"
        ?disabled=${!lora || disposed}
        aria-describedby=${lora ? nothing : 'lora-hint'}
      >
        <legend class="visually-hidden">Adapter settings</legend>
        ${this.renderRank()} ${this.renderAlpha()} ${this.renderLayers('target')} ${this.renderLayers('save')}
        ${this.renderInit()}
        ${
          this.check.errors.options === undefined
            ? nothing
            : html`<p part="error" class="error" role="alert">${this.check.errors.options}</p>`
        }
      </fieldset>
    </div>`;
  }

  private renderProblems(): TemplateResult | typeof nothing {
    if (this.problems.length === 0) return nothing;
    return html`<div part="problems" class="problems" role="alert">
      ${this.problems.map(
        (p) => html`<p><code>${p.attribute}="${p.value}"</code> is not valid: expected ${p.accepted}.</p>`,
      )}
    </div>`;
  }

  private renderRank(): TemplateResult {
    const { r } = this.draft;
    // Never clamp a rank the page chose above rank-max: the slider would silently show a lie.
    const max = Math.max(this.usableRankMax, r);
    const warnings = this.check.warnings;
    const describedBy = warnings.length > 0 ? 'rank-hint rank-warnings' : 'rank-hint';
    return html`<div part="field field-rank" class="field">
      <div class="row">
        <label class="label" for="rank">Rank <var>r</var></label>
        <output part="rank-value" class="value" for="rank">${r}</output>
      </div>
      <input
        id="rank"
        part="rank"
        class="range"
        type="range"
        min="1"
        max=${max}
        step="1"
        .value=${live(String(r))}
        aria-describedby=${describedBy}
        @input=${this.onRankInput}
        @change=${this.onRankChange}
      />
      <div class="scale" aria-hidden="true"><span>1</span><span>${max}</span></div>
      <p id="rank-hint" class="hint">Inner width of the adapter: A is r × in, B is out × r.</p>
      ${
        warnings.length === 0
          ? nothing
          : html`<ul id="rank-warnings" part="warnings" class="warnings">
              ${warnings.map((w) => html`<li><span aria-hidden="true">⚠</span> ${w}</li>`)}
            </ul>`
      }
    </div>`;
  }

  private renderAlpha(): TemplateResult {
    const error = this.check.errors.alpha;
    const { useRslora, r } = this.draft;
    const root = useRslora ? '√r' : 'r';
    const scaling = this.check.scaling;
    const alpha = readAlpha(this.draft.alphaText, this.draft.alphaUnreadable);
    const shownAlpha = 'value' in alpha ? NUMBER.format(alpha.value) : '?';
    const formula = `s = α / ${root} = ${shownAlpha} / ${useRslora ? `√${r}` : r}`;
    const coupling = this.coupling;
    return html`<div part="field field-alpha" class="field">
        <label class="label" for="alpha">Alpha <var>α</var></label>
        <input
          id="alpha"
          part="alpha"
          class="number"
          type="number"
          step="any"
          inputmode="decimal"
          .value=${live(this.draft.alphaText)}
          aria-invalid=${error === undefined ? 'false' : 'true'}
          aria-describedby=${error === undefined ? 'scaling' : 'alpha-error scaling'}
          @input=${this.onAlphaInput}
          @change=${this.onAlphaChange}
        />
        ${error === undefined ? nothing : html`<p id="alpha-error" part="error" class="error">${error}</p>`}
        <p class="scaling-line">
          <output id="scaling" part="scaling" class="scaling" for="alpha rank">
            ${formula} = <strong>${scaling === null ? '?' : NUMBER.format(scaling)}</strong>
          </output>
        </p>
      </div>
      <fieldset part="rank-coupling" class="group">
        <legend class="label">When r changes</legend>
        <label class="choice">
          <input
            type="radio"
            name="keep"
            value="alpha"
            .checked=${live(coupling === 'alpha')}
            @change=${this.onCouplingChange}
          />
          Keep α fixed <span class="aside">(s changes)</span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="keep"
            value="scaling"
            .checked=${live(coupling === 'scaling')}
            @change=${this.onCouplingChange}
          />
          Keep α/${root} fixed <span class="aside">(α follows r)</span>
        </label>
      </fieldset>
      <div part="field field-rslora" class="field">
        <label class="choice">
          <input
            id="rslora"
            part="rslora"
            type="checkbox"
            .checked=${live(useRslora)}
            aria-describedby="rslora-hint"
            @change=${this.onRsloraChange}
          />
          rsLoRA
        </label>
        <p id="rslora-hint" class="hint">Rank-stabilised scaling s = α / √r instead of α / r.</p>
      </div>`;
  }

  private renderLayers(kind: 'target' | 'save'): TemplateResult {
    const targets = this.draft.targetModules;
    const saved = this.draft.modulesToSave;
    const chosen = kind === 'target' ? targets : saved;
    const blockers = kind === 'target' ? saved : targets;
    const error = kind === 'target' ? this.check.errors.targetModules : undefined;
    const id = kind === 'target' ? 'targets' : 'saved';
    const blocked =
      blockers.length === 0
        ? ''
        : kind === 'target'
          ? `${listOf(blockers)} ${blockers.length === 1 ? 'is' : 'are'} saved whole, so ${blockers.length === 1 ? 'it' : 'they'} cannot also get an adapter.`
          : `${listOf(blockers)} ${blockers.length === 1 ? 'gets an adapter' : 'get adapters'}, so ${blockers.length === 1 ? 'it' : 'they'} cannot also be saved: a layer is adapted or trained whole, not both.`;
    const described = [error === undefined ? '' : `${id}-error`, `${id}-hint`].filter((s) => s !== '').join(' ');
    return html`<fieldset
      part=${kind === 'target' ? 'targets' : 'modules-to-save'}
      class="group"
      aria-describedby=${described}
    >
      <legend class="label">${kind === 'target' ? 'Target layers' : 'Modules to save'}</legend>
      <div class="choices">
        ${this.layers.map((layer) => {
          const name = layer.name;
          const isBlocked = blockers.includes(name);
          return html`<label class="choice layer">
            <input
              type="checkbox"
              part="${kind} ${kind}-${name}"
              name=${kind}
              value=${name}
              .checked=${live(chosen.includes(name))}
              ?disabled=${isBlocked}
              aria-invalid=${error === undefined ? 'false' : 'true'}
              aria-describedby=${isBlocked ? `${id}-blocked` : nothing}
              @change=${this.onLayerChange}
            />
            <span class="layer-name">${name}</span>
            <span class="dims" aria-hidden="true">${layer.in}→${layer.out}</span>
            <span class="visually-hidden">(${layer.in} in, ${layer.out} out)</span>
          </label>`;
        })}
      </div>
      ${error === undefined ? nothing : html`<p id="${id}-error" part="error" class="error">${error}</p>`}
      <p id="${id}-hint" class="hint">
        ${
          kind === 'target'
            ? 'These layers get A and B; their weights stay frozen.'
            : 'Trained whole, as a copy next to the frozen original.'
        }
      </p>
      ${blocked === '' ? nothing : html`<p id="${id}-blocked" class="hint blocked">${blocked}</p>`}
    </fieldset>`;
  }

  private renderInit(): TemplateResult {
    const current = INIT_CHOICES.find((c) => c.init === this.draft.initLoraWeights) ?? INIT_CHOICES[0]!;
    const [kaiming, gaussian, random] = INIT_CHOICES as [InitChoice, InitChoice, InitChoice];
    // The options are static so that they exist before .value is set, on the first render too.
    return html`<div part="field field-init" class="field">
      <label class="label" for="init">Initialisation of A and B</label>
      <select
        id="init"
        part="init"
        class="select"
        .value=${live(current.value)}
        aria-describedby="init-hint"
        @change=${this.onInitChange}
      >
        <option value="true">${kaiming.label}</option>
        <option value="gaussian">${gaussian.label}</option>
        <option value="false">${random.label}</option>
      </select>
      <p id="init-hint" class="hint">${current.hint}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lora-controls': LoraControls;
  }
  interface HTMLElementEventMap {
    'lora-config-change': CustomEvent<LoraControlsConfig>;
    'lora-keep-change': CustomEvent<LoraKeepChangeDetail>;
  }
}
