import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { countParameters, type LayerLedger, type LoraModel, type ParameterLedger } from '@lora-viz/core';
import { OwnModelController } from '../controllers/own-model-controller.js';
import { renderProblems } from '../shared/render-problems.js';
import { describeBreakEven, formatCount } from './format.js';
import { styles } from './lora-param-table.styles.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { numberOr, textOr } from '../shared/attribute-converters.js';

interface Shown {
  readonly model: LoraModel;
  readonly ledger: ParameterLedger;
  readonly warnings: readonly string[];
}

function count(value: number): TemplateResult {
  return html`<data value=${value}>${formatCount(value)}</data>`;
}

// A padlock drawn inline: an emoji would depend on the reader's fonts. currentColor keeps it
// visible in forced-colors mode.
const LOCK = html`<svg class="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
  <path d="M5 7.5V5a3 3 0 0 1 6 0v2.5" fill="none" stroke="currentColor" stroke-width="1.6" />
  <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
</svg>`;

const NONE = html`<span aria-hidden="true">—</span><span class="visually-hidden">none</span>`;

/**
 * The parameter ledger of a LoRA model as an accessible table: per layer the weight shape, frozen,
 * LoRA, saved-copy and trainable parameters, with totals, PEFT's `print_trainable_parameters` line
 * verbatim, and each adapted layer's rank against its break-even rank r* = in·out/(in+out).
 *
 * Without a `.model` it shows its own toy model built from its attributes `task`, `lora`, `rank`,
 * `alpha` and `targets` (and disposes that model when removed); while `.model` is set those attributes
 * are ignored, and the page's model is followed live and never disposed by the element. Unusable
 * attribute values show an alert naming the attribute and what it accepts; nothing is thrown.
 *
 * @tagname lora-param-table
 * @summary Parameter ledger (frozen, LoRA, trainable, total) with PEFT's trainable-parameters line.
 *
 * @csspart table - The `<table>`.
 * @csspart row - Every body row and the totals row.
 * @csspart row-fc1 - The row of layer fc1 (likewise `row-fc2`, `row-fc3`).
 * @csspart row-total - The totals row in the table footer.
 * @csspart row-frozen - A row whose base weights are frozen.
 * @csspart row-lora - A row whose layer carries a LoRA adapter.
 * @csspart peft-line - PEFT's line, e.g. `trainable params: 224 || all params: 708 || trainable%: 31.6384`.
 * @csspart break-even - The list comparing each adapted layer's rank with its break-even rank.
 * @csspart warnings - The list of the adapter's warnings (e.g. a rank above min(in, out)).
 * @csspart error - The alert shown for unusable attribute values.
 * @csspart notice - The message shown when the page's model has been disposed.
 *
 * @cssproperty [--lora-param-table-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-param-table-background=#ffffff] - Background (dark scheme: #0d1117).
 * @cssproperty [--lora-param-table-border-color=#d0d7de] - Cell borders (dark scheme: #3d444d).
 * @cssproperty [--lora-param-table-header-background=#f6f8fa] - Header and totals rows (dark scheme: #161b22).
 * @cssproperty [--lora-param-table-frozen-color=#57606a] - Frozen-parameter cues (dark scheme: #9198a1).
 * @cssproperty [--lora-param-table-lora-color=#0969da] - LoRA-parameter cues (dark scheme: #58a6ff).
 * @cssproperty [--lora-param-table-warning-color=#9a6700] - Warnings (dark scheme: #d29922).
 * @cssproperty [--lora-param-table-error-color=#cf222e] - The attribute error box (dark scheme: #ff7b72).
 * @cssproperty [--lora-param-table-font-family=inherit] - Font of the table and text.
 * @cssproperty [--lora-param-table-mono-font-family=ui-monospace, monospace] - Font of PEFT's line.
 *
 * @example
 * <lora-param-table lora rank="4" task="classification"></lora-param-table>
 */
export class LoraParamTable extends LitElement {
  static override styles = [styles, visuallyHidden];

  /** The model to show, followed live; when unset, the element builds its own from its attributes. */
  @property({ attribute: false }) model?: LoraModel;

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

  @state() private announcement = '';

  private shown: Shown | undefined;
  private lastPeftLine: string | undefined;

  // Builds the own model from the attributes while the page gives none, and follows whichever model is
  // shown: a change of the model re-renders the ledger.
  private readonly own = new OwnModelController(this, {
    pageModel: () => this.model,
    values: () => ({ task: this.task, lora: this.lora, rank: this.rank, alpha: this.alpha, targets: this.targets }),
    properties: ['task', 'lora', 'rank', 'alpha', 'targets'],
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.own.update(changed);
    this.shown = this.computeShown(this.own.model);
    const line = this.shown?.ledger.peftLine;
    if (line !== undefined) {
      if (this.lastPeftLine !== undefined && line !== this.lastPeftLine) {
        const { trainable, all, trainablePercent } = this.shown!.ledger;
        this.announcement = `${formatCount(trainable)} trainable parameters of ${formatCount(all)} (${trainablePercent.toFixed(1)}%).`;
      }
      this.lastPeftLine = line;
    }
  }

  private computeShown(model: LoraModel | undefined): Shown | undefined {
    if (model === undefined || model.disposed) return undefined;
    return { model, ledger: countParameters(model), warnings: model.adapterSpec()?.warnings ?? [] };
  }

  protected override render(): TemplateResult {
    return html`
      ${renderProblems('Cannot build the model', this.own.problems)} ${this.renderLedger()}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    `;
  }

  private renderLedger(): TemplateResult | typeof nothing {
    const shown = this.shown;
    if (shown === undefined) {
      if (this.model?.disposed) {
        return html`<p part="notice">This model has been disposed; give the element a new one.</p>`;
      }
      return nothing;
    }
    const { model, ledger, warnings } = shown;
    const layers = ledger.layers;
    const inactive = (l: LayerLedger) => l.total - l.base - l.lora - l.saved;
    const hasSaved = layers.some((l) => l.saved > 0);
    const hasInactive = layers.some((l) => inactive(l) > 0);
    const sum = (pick: (l: LayerLedger) => number) => layers.reduce((total, l) => total + pick(l), 0);
    const breakEven = layers.map(describeBreakEven).filter((b) => b !== null);

    return html`
      <div class="scroller">
        <table part="table">
          <caption>
            ${this.caption(model, ledger)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Shape (W out × in + b)</th>
              <th scope="col" class="num">Frozen</th>
              <th scope="col" class="num">LoRA</th>
              ${hasSaved ? html`<th scope="col" class="num">Saved copy</th>` : nothing}
              ${hasInactive ? html`<th scope="col" class="num">Other adapters</th>` : nothing}
              <th scope="col" class="num">Trainable</th>
              <th scope="col" class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            ${layers.map(
              (l) =>
                html`<tr part=${this.rowParts(l)}>
                  <th scope="row">
                    ${l.name}
                    ${
                      l.frozen > 0
                        ? html`<span class="status frozen">${LOCK} frozen</span>`
                        : html`<span class="status">trainable</span>`
                    }
                  </th>
                  <td>${l.out} × ${l.in} + ${l.out}</td>
                  <td class="num frozen">${count(l.frozen)}</td>
                  ${
                    l.rank === null
                      ? html`<td class="num">${NONE}</td>`
                      : html`<td class="num lora">
                          ${count(l.lora)}
                          <span class="detail">r = ${l.rank}: A ${l.rank} × ${l.in}, B ${l.out} × ${l.rank}</span>
                        </td>`
                  }
                  ${hasSaved ? html`<td class="num">${l.saved > 0 ? count(l.saved) : NONE}</td>` : nothing}
                  ${hasInactive ? html`<td class="num">${inactive(l) > 0 ? count(inactive(l)) : NONE}</td>` : nothing}
                  <td class="num">${count(l.trainable)}</td>
                  <td class="num">${count(l.total)}</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr part="row row-total">
              <th scope="row">Total</th>
              <td></td>
              <td class="num">${count(sum((l) => l.frozen))}</td>
              <td class="num">${count(sum((l) => l.lora))}</td>
              ${hasSaved ? html`<td class="num">${count(sum((l) => l.saved))}</td>` : nothing}
              ${hasInactive ? html`<td class="num">${count(sum(inactive))}</td>` : nothing}
              <td class="num">${count(ledger.trainable)}</td>
              <td class="num">${count(ledger.all)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="peft">PEFT prints: <code part="peft-line">${ledger.peftLine}</code></p>
      ${
        breakEven.length > 0
          ? html`<p>Break-even rank r* = in·out / (in + out): above it the adapter outgrows the weight it adapts.</p>
              <ul part="break-even">
                ${breakEven.map((b) => html`<li>${b.text}</li>`)}
              </ul>`
          : nothing
      }
      ${
        warnings.length > 0
          ? html`<ul part="warnings" class="warnings">
              ${warnings.map((w) => html`<li><span aria-hidden="true">⚠</span> Warning: ${w}</li>`)}
            </ul>`
          : nothing
      }
    `;
  }

  private rowParts(l: LayerLedger): string {
    const parts = ['row', `row-${l.name}`];
    if (l.frozen > 0) parts.push('row-frozen');
    if (l.rank !== null) parts.push('row-lora');
    return parts.join(' ');
  }

  private caption(model: LoraModel, ledger: ParameterLedger): string {
    const { task, inputDim, hidden, outputDim } = model.spec;
    const sizes = `${inputDim} → ${hidden} → ${hidden} → ${outputDim}`;
    const mode =
      ledger.adapter === null
        ? 'full fine-tuning, every parameter trainable'
        : `LoRA adapter "${ledger.adapter}" on ${ledger.layers
            .filter((l) => l.rank !== null)
            .map((l) => l.name)
            .join(', ')}, base weights frozen`;
    return `Parameters of the ${task} model (${sizes}): ${mode}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lora-param-table': LoraParamTable;
  }
}
