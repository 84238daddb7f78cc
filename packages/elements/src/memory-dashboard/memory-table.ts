import { html, svg, type TemplateResult } from 'lit';
import { TRAINING_METHODS, groupDigits, type ByteUnit, type MemoryEstimate, type TrainingMethod } from '@lora-viz/core';
import { formatInUnit, unitName } from './byte-scale.js';
import { METHOD_LABELS, METHOD_SHORT, bytesOf, patternId, type ComponentStyle } from './components.js';
import { formulaId, rowSlug, sameKey, type CellKey, type RowKey } from './cell-key.js';

/** What the memory table shows. */
export interface MemoryTableInput {
  /** One estimate per method; the bars read the same objects. */
  readonly estimates: Readonly<Record<TrainingMethod, MemoryEstimate>>;
  /** The component rows, in stacking order. */
  readonly components: readonly ComponentStyle[];
  /** Unit of every number. */
  readonly unit: ByteUnit;
  /** The method in focus, whose column is marked. */
  readonly focus: TrainingMethod;
  /** The number being explained, marked. */
  readonly selected: CellKey | null;
  /** The cell reached with Tab (roving focus: one tab stop for the table). */
  readonly tabStop: CellKey;
}

/** A ratio to full fine-tuning: two decimals (`0.15`), or two significant digits below 0.1 (`0.062`). */
export function formatRatio(ratio: number): string {
  return ratio >= 0.1 || ratio === 0 ? ratio.toFixed(2) : ratio.toPrecision(2);
}

/** The ratio of a method's total to full fine-tuning's. */
export function ratioToFull(
  estimates: Readonly<Record<TrainingMethod, MemoryEstimate>>,
  method: TrainingMethod,
): number {
  return estimates[method].bytes.total / estimates.full.bytes.total;
}

/** The text that explains a number: the estimate's formula, or for a ratio how it is divided. */
export function formulaText(estimates: Readonly<Record<TrainingMethod, MemoryEstimate>>, key: CellKey): string {
  const estimate = estimates[key.method];
  if (key.row !== 'ratio') return estimate.formulae[key.row] ?? '';
  const own = estimate.bytes.total;
  const full = estimates.full.bytes.total;
  return `${METHOD_LABELS[key.method]} total / full fine-tuning total = ${groupDigits(own)} / ${groupDigits(full)} bytes = ${formatRatio(own / full)}×`;
}

/**
 * The formulas of every number, one hidden paragraph each, for the `aria-describedby` of the table
 * cells and bar segments (a hidden element still gives its text to the description).
 */
export function renderFormulaDescriptions(
  estimates: Readonly<Record<TrainingMethod, MemoryEstimate>>,
  components: readonly ComponentStyle[],
): TemplateResult {
  const rows: RowKey[] = [...components.map((c) => c.key), 'total', 'ratio'];
  return html`<div class="descriptions" hidden>
    ${TRAINING_METHODS.flatMap((method) =>
      rows.map((row) => html`<p id=${formulaId({ method, row })}>${formulaText(estimates, { method, row })}</p>`),
    )}
  </div>`;
}

function swatch(slug: string): TemplateResult {
  return html`<svg class="swatch" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
    ${svg`<rect class="fill-${slug}" width="18" height="12" fill="url(#${patternId(slug)})"></rect>`}
  </svg>`;
}

/**
 * The memory table: one row per component, one column per method, then totals and the ratio of each
 * total to full fine-tuning, every number in the chosen unit with its exact byte count in `<data>`.
 * Each number cell is focusable (one tab stop, arrow keys move; see the element) and described by its
 * formula.
 */
export function renderMemoryTable(input: MemoryTableInput): TemplateResult {
  const { estimates, components, unit, focus, selected, tabStop } = input;
  const cell = (method: TrainingMethod, row: RowKey, content: TemplateResult): TemplateResult => {
    const key: CellKey = { method, row };
    const classes = ['num', method === focus ? 'focus' : '', sameKey(selected, key) ? 'selected' : '']
      .filter(Boolean)
      .join(' ');
    return html`<td
      part="cell cell-${method} cell-${rowSlug(row)}${method === focus ? ' cell-focus' : ''}"
      class=${classes}
      data-method=${method}
      data-row=${row}
      tabindex=${sameKey(tabStop, key) ? 0 : -1}
      aria-describedby=${formulaId(key)}
    >
      ${content}
    </td>`;
  };
  const amount = (bytes: number) => html`<data value=${bytes}>${formatInUnit(bytes, unit)}</data>`;
  return html`<table part="table" class="memory-table">
    <caption>
      Memory by component, in
      <span part="table-unit">${unitName(unit)}</span>
    </caption>
    <thead>
      <tr>
        <th scope="col">Component</th>
        ${TRAINING_METHODS.map(
          (m) =>
            html`<th scope="col" part="method-heading method-heading-${m}" class=${m === focus ? 'num focus' : 'num'}>
              ${METHOD_SHORT[m]}${m === focus ? html`<span class="focus-mark"> (in focus)</span>` : ''}
            </th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${components.map(
        (c) =>
          html`<tr part="row row-${c.slug}">
            <th scope="row">${swatch(c.slug)} ${c.label}</th>
            ${TRAINING_METHODS.map((m) => cell(m, c.key, amount(bytesOf(estimates[m].bytes, c.key))))}
          </tr>`,
      )}
    </tbody>
    <tfoot>
      <tr part="row row-total">
        <th scope="row">Total</th>
        ${TRAINING_METHODS.map((m) => cell(m, 'total', amount(estimates[m].bytes.total)))}
      </tr>
      <tr part="row row-ratio">
        <th scope="row">Ratio to full</th>
        ${TRAINING_METHODS.map((m) =>
          cell(m, 'ratio', html`<span part="ratio ratio-${m}">${formatRatio(ratioToFull(estimates, m))}× full</span>`),
        )}
      </tr>
    </tfoot>
  </table>`;
}
