import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  LAYER_NAMES,
  countParameters,
  describeLayer,
  isLayerName,
  type InitLoraWeights,
  type LayerLedger,
  type LayerMatrices,
  type LayerName,
  type LoraModel,
} from '@lora-viz/core';
import { OwnModelController } from '../controllers/own-model-controller.js';
import { formatValue } from '../matrix/format.js';
import { summarizeMatrix } from '../matrix/summarize.js';
import { describeBreakEven, formatCount, formatRank } from '../param-table/format.js';
import type { AttributeProblem } from '../shared/model-attributes.js';
import { renderProblems } from '../shared/render-problems.js';
import { describeRankBound, describeScaling, describeZeroDelta, zeroSingularValues } from './format.js';
import { styles } from './lora-injection.styles.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { numberOr, textOr } from '../shared/attribute-converters.js';
import { renderSingularValueChart } from './singular-value-chart.js';

/** How the five heatmaps share colours. */
export type ScaleMode = 'shared' | 'independent';

/** Detail of the `lora-layer-change` event. */
export interface LayerChangeDetail {
  /** The layer the user picked. */
  readonly layer: LayerName;
}

/** Largest side of a cell, in CSS pixels (the toy's 16-wide layers then fit side by side). */
const MAX_CELL = 20;
/**
 * Smallest cell drawn by the panel, in CSS pixels. Wide layers get sub-pixel cells (the heatmap then
 * blends neighbours) so the row still fits and A and B keep their true, thin proportions.
 */
const MIN_CELL = 0.25;
/** Room taken in the row by everything that is not a cell: operators, gaps, frames, B's legend. */
const ROW_OVERHEAD = 300;
/** Tallest the A-over-ΔW column may grow, in CSS pixels of cells. */
const MAX_COLUMN_HEIGHT = 440;

interface Shown {
  readonly model: LoraModel;
  readonly layer: LayerName;
  readonly matrices: LayerMatrices;
  readonly ledger: LayerLedger;
  readonly layers: readonly LayerLedger[];
  /** Whether the optimizer updates W itself (no active adapter: full fine-tuning). */
  readonly weightTrainable: boolean;
  /** The adapter's configured scaling on this layer, before any `setScale`. */
  readonly configuredScaling: number | null;
  /** Whether this layer is in the active adapter's `modulesToSave`. */
  readonly saved: boolean;
  readonly hasAdapter: boolean;
  /** Largest |entry| of every matrix shown: the shared colour bound. */
  readonly sharedBound: number;
  readonly deltaMaxAbs: number;
  readonly baseMaxAbs: number;
}

const optionalText = { fromAttribute: (text: string | null): string | undefined => text ?? undefined };

/** PEFT's `init_lora_weights` from its attribute text, or `undefined` when it is not one of the three. */
function parseInit(text: string): InitLoraWeights | undefined {
  if (text === 'true' || text === '') return true;
  if (text === 'false') return false;
  if (text === 'gaussian') return 'gaussian';
  return undefined;
}

/**
 * How LoRA is injected into one layer, with the layer's real numbers: the frozen W, the trainable A
 * (r × in) and B (out × r), their product ΔW = s·B·A and the weight the layer applies,
 * W_eff = W + ΔW, as heatmaps laid out like the product itself (A above ΔW, B to its left), with the
 * equation and the live value of s. Below them, ΔW's singular values (at most min(r, in, out) can be
 * non-zero) and the layer's break-even rank r* = in·out/(in+out) against the chosen r.
 *
 * Numbers come from core (`describeLayer`, `countParameters`); the element computes no LoRA maths.
 * It follows its model live, so it redraws on every training step, merge or re-attach.
 *
 * Without a `.model` it shows its own toy model with a LoRA adapter, built from its attributes `task`,
 * `rank`, `alpha`, `targets` and `init-lora-weights` (and disposes that model when removed); while
 * `.model` is set those attributes are ignored and the page's model is never disposed by the element.
 * Unusable attribute values show an alert naming the attribute and what it accepts; nothing is thrown.
 *
 * Keyboard: the layer selector and the colour-scale radios are native controls; each heatmap is one
 * tab stop whose arrow keys read its cells aloud (see `<lora-matrix>`).
 *
 * @tagname lora-injection
 * @summary LoRA injection panel: W + s·B·A = W_eff as heatmaps, ΔW's singular values, break-even rank.
 *
 * @event {CustomEvent<LayerChangeDetail>} lora-layer-change - The user picked another layer in the
 *   selector; `detail.layer` names it. Bubbles, composed. Not fired when the page sets `layer`.
 *
 * @csspart toolbar - The row holding the layer selector and the colour-scale toggle.
 * @csspart layer-select - The native `<select>` of layers.
 * @csspart scale-toggle - The `<fieldset>` with the "shared" and "independent" colour-scale radios.
 * @csspart legend - The one colour bar of the shared scale (each heatmap shows its own when independent).
 * @csspart equation - The equation W + s · B · A = W_eff (or what holds while disabled or merged).
 * @csspart scaling - The value of s and its formula, e.g. `s = α / r = 8 / 4 = 2`.
 * @csspart matrices - The row of heatmaps and operators.
 * @csspart delta-group - The frame around B, A and ΔW = s·B·A.
 * @csspart matrix - Every `<lora-matrix>`; also `matrix-w`, `matrix-a`, `matrix-b`, `matrix-delta`, `matrix-effective`.
 * @csspart caption - The caption under each heatmap.
 * @csspart zero-note - The remark shown while ΔW is all zeros.
 * @csspart magnitude - How large ΔW is next to W.
 * @csspart status - What holds while the adapter is disabled or merged.
 * @csspart no-adapter - The remark shown for a layer without an adapter.
 * @csspart singular-values - The singular-value section: chart and rank bound.
 * @csspart sv-bar - Each bar of the chart; also `sv-bar-zero` (a zero value) and `sv-bar-impossible` (past min(in, out)).
 * @csspart rank-bound - The sentence on how many singular values can be non-zero.
 * @csspart break-even - The break-even section: r*, the parameter bars and the sentence.
 * @csspart break-even-text - The sentence comparing r with r*.
 * @csspart error - The alert shown for unusable attribute values.
 * @csspart notice - The message shown when the page's model has been disposed.
 *
 * @cssproperty [--lora-injection-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-injection-background=transparent] - Background of the panel.
 * @cssproperty [--lora-injection-muted-color=#59636e] - Captions and secondary text (dark scheme: #9198a1).
 * @cssproperty [--lora-injection-border-color=#d0d7de] - Frames and rules (dark scheme: #3d444d).
 * @cssproperty [--lora-injection-accent-color=#0969da] - Bars of the charts (dark scheme: #58a6ff).
 * @cssproperty [--lora-injection-frozen-color=#6e7781] - The W bar of the break-even chart (dark scheme: #9198a1).
 * @cssproperty [--lora-injection-warning-color=#9a6700] - Remarks that need attention (dark scheme: #d29922).
 * @cssproperty [--lora-injection-error-color=#cf222e] - The attribute error box (dark scheme: #ff7b72).
 * @cssproperty [--lora-injection-font-family=inherit] - Font of the panel.
 * @cssproperty [--lora-injection-mono-font-family=ui-monospace, monospace] - Font of formulas and numbers.
 *
 * The heatmaps' `--lora-matrix-*` properties (colours of the scale and more) can be set on the panel:
 * custom properties inherit into the heatmaps, and the shared legend reads the same ones.
 *
 * @example
 * <lora-injection rank="4" init-lora-weights="false"></lora-injection>
 */
export class LoraInjection extends LitElement {
  static override styles = [styles, visuallyHidden];

  /** The model to show, followed live; when unset, the element builds its own from its attributes. */
  @property({ attribute: false }) model?: LoraModel;

  /** Layer shown: fc1, fc2 or fc3. Unset: the first layer the active adapter targets (else fc1). */
  @property({ converter: optionalText }) layer: string | undefined;

  /** `shared`: one colour scale for all five heatmaps, so sizes compare; `independent`: one each. */
  @property({ attribute: 'scale-mode', reflect: true }) scaleMode: ScaleMode = 'shared';

  /** Task of the element's own model: sentiment, classification, similarity or regression. */
  @property({ converter: textOr('sentiment') }) task = 'sentiment';

  /** LoRA rank r of the element's own model: a positive integer. */
  @property({ converter: numberOr(4) }) rank = 4;

  /** LoRA alpha of the element's own model (scaling s = alpha / r): a finite number. */
  @property({ converter: numberOr(8) }) alpha = 8;

  /** Comma-separated layers of the element's own model that get A and B, from fc1, fc2, fc3. */
  @property({ converter: textOr('fc1,fc2') }) targets = 'fc1,fc2';

  /** PEFT's `init_lora_weights` for the own model: `true` (B = 0), `gaussian` (B = 0) or `false` (both random). */
  @property({ attribute: 'init-lora-weights', converter: textOr('true') }) initLoraWeights = 'true';

  @state() private problems: readonly AttributeProblem[] = [];
  @state() private available = 0;

  private shown: Shown | undefined;

  // Builds the own model (always with LoRA) from the attributes while the page gives none, and follows
  // whichever model is shown: any change (weights, adapters, merge) redraws the panel.
  private readonly own = new OwnModelController(this, {
    pageModel: () => this.model,
    values: () => ({ task: this.task, lora: true, rank: this.rank, alpha: this.alpha, targets: this.targets }),
    properties: ['task', 'rank', 'alpha', 'targets', 'initLoraWeights'],
    extra: () => {
      const init = parseInit(this.initLoraWeights);
      if (init !== undefined) return { problems: [], lora: { initLoraWeights: init } };
      const accepted = 'true, gaussian, false';
      return { problems: [{ attribute: 'init-lora-weights', value: this.initLoraWeights, accepted }] };
    },
    fallbackAttribute: 'rank',
  });

  private readonly resizeObserver =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver((entries) => {
          const width = entries[entries.length - 1]!.contentRect.width;
          // Whole pixels: sub-pixel jitter must not re-render the five heatmaps.
          if (Math.round(width) !== this.available) this.available = Math.round(width);
        });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.own.update(changed);
    const problems: AttributeProblem[] = [...this.own.problems];
    if (this.layer !== undefined && !isLayerName(this.layer)) {
      problems.push({ attribute: 'layer', value: this.layer, accepted: LAYER_NAMES.join(', ') });
    }
    const mode: string = this.scaleMode;
    if (mode !== 'shared' && mode !== 'independent') {
      problems.push({ attribute: 'scale-mode', value: mode, accepted: 'shared, independent' });
    }
    this.problems = problems;
    if (this.available === 0 && this.isConnected) this.available = Math.round(this.clientWidth) || 800;
    this.shown = problems.length > 0 ? undefined : this.computeShown(this.own.model);
  }

  private computeShown(model: LoraModel | undefined): Shown | undefined {
    if (model === undefined || model.disposed) return undefined;
    const spec = model.adapterSpec();
    const layer: LayerName =
      this.layer !== undefined && isLayerName(this.layer) ? this.layer : (spec?.layers[0]?.name ?? LAYER_NAMES[0]);
    const matrices = describeLayer(model, layer);
    const ledger = countParameters(model);
    const weightId = `${layer}.weight`;
    const weightTrainable = model.parameters().find((p) => p.id === weightId)?.trainable ?? false;
    const lora = matrices.lora;
    const maxAbs = (rows: number[][]) => summarizeMatrix(rows).maxAbs;
    const baseMaxAbs = maxAbs(matrices.base);
    const deltaMaxAbs = lora ? maxAbs(lora.delta) : 0;
    const sharedBound = lora
      ? Math.max(baseMaxAbs, maxAbs(lora.A), maxAbs(lora.B), deltaMaxAbs, maxAbs(matrices.effective))
      : baseMaxAbs;
    return {
      model,
      layer,
      matrices,
      ledger: ledger.layers.find((l) => l.name === layer)!,
      layers: ledger.layers,
      weightTrainable,
      configuredScaling: spec?.layers.find((l) => l.name === layer)?.scaling ?? null,
      saved: spec?.modulesToSave.includes(layer) ?? false,
      hasAdapter: spec !== undefined,
      sharedBound,
      deltaMaxAbs,
      baseMaxAbs,
    };
  }

  protected override render(): TemplateResult {
    return html`${renderProblems('Cannot show the injection', this.problems)} ${this.renderPanel()}`;
  }

  private renderPanel(): TemplateResult | typeof nothing {
    const shown = this.shown;
    if (shown === undefined) {
      if (this.model?.disposed) {
        return html`<p part="notice">This model has been disposed; give the element a new one.</p>`;
      }
      return nothing;
    }
    const lora = shown.matrices.lora;
    return html`
      <div part="toolbar" class="toolbar">
        <label class="field">
          <span>Layer</span>
          <select part="layer-select" @change=${this.onLayerSelect}>
            ${shown.layers.map(
              (l) =>
                html`<option value=${l.name} ?selected=${l.name === shown.layer}>
                  ${l.name} · ${l.in} → ${l.out} · ${l.rank === null ? 'no adapter' : `r = ${l.rank}`}
                </option>`,
            )}
          </select>
        </label>
        ${lora ? this.renderScaleToggle() : nothing} ${lora ? this.renderSharedLegend(shown) : nothing}
      </div>
      ${lora ? this.renderInjection(shown) : this.renderNoAdapter(shown)}
    `;
  }

  private renderScaleToggle(): TemplateResult {
    const shared = this.scaleMode !== 'independent';
    return html`<fieldset part="scale-toggle" class="toggle">
      <legend>Colour scale</legend>
      <label
        ><input type="radio" name="scale" value="shared" .checked=${shared} @change=${this.onScaleSelect} />
        shared</label
      >
      <label
        ><input type="radio" name="scale" value="independent" .checked=${!shared} @change=${this.onScaleSelect} />
        independent</label
      >
    </fieldset>`;
  }

  private renderSharedLegend(shown: Shown): TemplateResult | typeof nothing {
    if (this.scaleMode === 'independent' || shown.sharedBound === 0) return nothing;
    const low = formatValue(-shown.sharedBound, 3);
    const high = formatValue(shown.sharedBound, 3);
    return html`<div part="legend" class="legend">
      <span class="legend-title" aria-hidden="true">one scale for all</span>
      <span aria-hidden="true">${low}</span><span class="bar" aria-hidden="true"></span
      ><span aria-hidden="true">${high}</span>
      <span class="visually-hidden">All five heatmaps share one colour scale, from ${low} through 0 to ${high}.</span>
    </div>`;
  }

  /** Cell size shared by all heatmaps, so that their shapes compare at a glance. */
  private cellSize(m: LayerMatrices): number {
    const r = m.lora?.rank ?? 0;
    const columns = m.lora ? 3 * m.in + r : m.in;
    const byWidth = (this.available - ROW_OVERHEAD) / columns;
    const byHeight = MAX_COLUMN_HEIGHT / (m.out + r);
    const cell = Math.max(MIN_CELL, Math.min(MAX_CELL, byWidth, byHeight));
    // Whole CSS pixels keep cell edges on the pixel grid at the usual device-pixel ratios.
    return cell >= 2 ? Math.floor(cell) : cell;
  }

  private renderInjection(shown: Shown): TemplateResult {
    const m = shown.matrices;
    const lora = m.lora!;
    const cell = this.cellSize(m);
    const shared = this.scaleMode !== 'independent';
    const scale = shared && shown.sharedBound > 0 ? shown.sharedBound : undefined;
    const layer = shown.layer;
    const zeroNote = describeZeroDelta(lora);
    const bZero = lora.B.every((row) => row.every((v) => v === 0));
    const matrix = (key: string, label: string, values: number[][], role: string, slotted: TemplateResult | string) =>
      html`<lora-matrix
        part="matrix matrix-${key}"
        label="${label} of ${layer}"
        matrix-role=${role}
        .values=${values}
        .scale=${scale}
        cell-size=${cell}
        .maxSize=${Infinity}
        ><span slot="label">${slotted}</span></lora-matrix
      >`;
    const caption = (text: string) => html`<figcaption part="caption">${text}</figcaption>`;

    return html`
      <p part="equation" class="equation">${this.renderEquation(shown)}</p>
      <div part="matrices" class="matrices ${shared ? 'shared' : 'independent'}">
        <figure class="w">
          ${matrix('w', 'W', m.base, shown.weightTrainable ? 'trainable' : 'frozen', 'W')} ${caption('base weight')}
        </figure>
        <span class="operator" aria-hidden="true">+</span>
        <div part="delta-group" class="delta-group" role="group" aria-label="ΔW = s · B · A">
          <div class="corner">
            <span class="formula">ΔW = s · B · A</span>
            <span class="formula">s = ${formatValue(lora.scaling)}</span>
          </div>
          <figure class="a">${matrix('a', 'A', lora.A, 'trainable', 'A')} ${caption(`down-projection, r × in`)}</figure>
          <figure class="b">
            ${matrix('b', 'B', lora.B, 'trainable', 'B')}
            ${caption(bZero ? 'up-projection, out × r: starts at 0' : 'up-projection, out × r')}
          </figure>
          <figure class="d">
            ${matrix('delta', 'ΔW', lora.delta, 'trainable', 'ΔW')}
            ${caption(`the update, rank ≤ ${Math.min(lora.rank, m.in, m.out)}`)}
          </figure>
        </div>
        <span class="operator" aria-hidden="true">=</span>
        <figure class="eff">
          ${matrix('effective', 'W_eff', m.effective, 'effective', html`W<sub>eff</sub>`)}
          ${caption('what the layer applies')}
        </figure>
      </div>
      ${zeroNote ? html`<p part="zero-note" class="note">${zeroNote}</p>` : this.renderMagnitude(shown)}
      ${this.renderStatus(shown)}
      <div class="facts">${this.renderSingularValues(shown)} ${this.renderBreakEven(shown)}</div>
    `;
  }

  private renderEquation(shown: Shown): TemplateResult {
    const lora = shown.matrices.lora!;
    const scaling = html`<span part="scaling" class="scaling"
      >${describeScaling(lora, shown.configuredScaling ?? lora.scaling)}</span
    >`;
    if (!shown.model.adaptersEnabled) {
      return html`<span class="formula">W<sub>eff</sub> = W</span>
        <span>(adapters disabled: A and B are kept but unused)</span>`;
    }
    return html`<span class="formula">W + s · B · A = W<sub>eff</sub></span> <span>with</span> ${scaling}`;
  }

  private renderMagnitude(shown: Shown): TemplateResult | typeof nothing {
    if (shown.baseMaxAbs === 0) return nothing;
    const percent = (100 * shown.deltaMaxAbs) / shown.baseMaxAbs;
    const shared = this.scaleMode !== 'independent';
    const hint =
      shared && percent < 10
        ? ' On the shared scale ΔW looks faint: switch to independent scales to see its pattern.'
        : '';
    return html`<p part="magnitude" class="note">
      Largest |ΔW| = ${formatValue(shown.deltaMaxAbs, 3)}: ${formatValue(percent, 3)}% of the largest |W|
      (${formatValue(shown.baseMaxAbs, 3)}).${hint}
    </p>`;
  }

  private renderStatus(shown: Shown): TemplateResult | typeof nothing {
    const { model } = shown;
    if (model.isMerged) {
      return html`<p part="status" class="note">
        Merged: the stored weight already holds W + s · B · A; W is shown as the stored weight minus ΔW.
      </p>`;
    }
    if (!model.adaptersEnabled) {
      return html`<p part="status" class="note">Adapters are disabled: the layer applies W alone.</p>`;
    }
    return nothing;
  }

  private renderNoAdapter(shown: Shown): TemplateResult {
    const m = shown.matrices;
    const text = !shown.hasAdapter
      ? 'This model has no LoRA adapter: every weight, W included, is trained directly (full fine-tuning).'
      : shown.saved
        ? `${shown.layer} has no A and B: it is in modules_to_save, so the adapter trains a full copy of W.`
        : `${shown.layer} has no LoRA adapter (it is not a target module): W stays frozen and is applied unchanged.`;
    const role = shown.weightTrainable ? 'trainable' : 'frozen';
    return html`<p part="no-adapter" class="note no-adapter">${text}</p>
      <div part="matrices" class="matrices">
        <figure class="w">
          <lora-matrix
            part="matrix matrix-w"
            label="W of ${shown.layer}"
            matrix-role=${role}
            .values=${m.base}
            cell-size=${this.cellSize(m)}
            .maxSize=${Infinity}
            ><span slot="label">W</span></lora-matrix
          >
          <figcaption part="caption">base weight</figcaption>
        </figure>
      </div>`;
  }

  private renderSingularValues(shown: Shown): TemplateResult {
    const m = shown.matrices;
    const lora = m.lora!;
    const values = lora.singularValues;
    const nonZero = zeroSingularValues(values).filter((z) => !z).length;
    const now =
      nonZero === 0
        ? 'Now all of them are 0 (ΔW = 0).'
        : `Now ${nonZero} of them ${nonZero === 1 ? 'is' : 'are'} non-zero.`;
    return html`<div part="singular-values" class="fact" role="group" aria-labelledby="sv-title">
      <p class="fact-title" id="sv-title">Singular values of ΔW</p>
      ${renderSingularValueChart({ values, reachable: Math.min(m.in, m.out) })}
      <p part="rank-bound">${describeRankBound(lora.rank, m.in, m.out)}</p>
      <p class="note">${now}</p>
    </div>`;
  }

  private renderBreakEven(shown: Shown): TemplateResult {
    const l = shown.ledger;
    const sentence = describeBreakEven(l);
    const weight = l.in * l.out;
    const largest = Math.max(weight, l.lora, 1);
    const bar = (label: TemplateResult | string, count: number, kind: string) =>
      html`<span class="bar-label">${label}</span>
        <span class="track" aria-hidden="true"
          ><span class="fill ${kind}" style="width: ${(100 * count) / largest}%"></span
        ></span>
        <data value=${count}>${formatCount(count)}</data>`;
    return html`<div part="break-even" class="fact" role="group" aria-labelledby="be-title">
      <p class="fact-title" id="be-title">Break-even rank</p>
      <p class="formula">
        r* = in · out / (in + out) = ${l.in} · ${l.out} / ${l.in + l.out} = ${formatRank(l.breakEvenRank)}
      </p>
      <div class="bars">
        ${bar(html`A + B: r · (in + out)`, l.lora, 'adapter')} ${bar(html`W: out · in`, weight, 'weight')}
      </div>
      ${sentence ? html`<p part="break-even-text">${sentence.text}</p>` : nothing}
    </div>`;
  }

  private readonly onLayerSelect = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    if (!isLayerName(value)) return;
    this.layer = value;
    this.dispatchEvent(
      new CustomEvent<LayerChangeDetail>('lora-layer-change', {
        detail: { layer: value },
        bubbles: true,
        composed: true,
      }),
    );
  };

  private readonly onScaleSelect = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    if (value === 'shared' || value === 'independent') this.scaleMode = value;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'lora-injection': LoraInjection;
  }
  interface HTMLElementEventMap {
    'lora-layer-change': CustomEvent<LayerChangeDetail>;
  }
}
