import { html, nothing, type TemplateResult } from 'lit';
import { TASK_CLASSES, type Prediction, type TaskName } from '@lora-viz/core';
import { METRIC_NAMES, formatNumber, formatUnit, metricKeys, shownText } from './format.js';
import type { CosineMatrices, PredictionChange, RunSummary, SetComparison } from './summarize-run.js';

/** Names of the four regression outputs, as the results label them (given by the element). */
export type RegressionNames = readonly string[];

/** A piece of the results drawn in a task of its own (see {@link revealOrder}). */
export type ResultPiece = 'train' | 'eval' | 'cosine-before' | 'cosine-after' | `layer-${string}`;

/**
 * The order in which the results appear, one piece per main-thread task: each piece costs the page
 * 5 to 30 ms to lay out, all of them together more than the 50 ms that make a long task. The
 * metrics come first with the training lines; the general corpus is drawn only when opened.
 */
export function revealOrder(summary: RunSummary): ResultPiece[] {
  const pieces: ResultPiece[] = ['train'];
  if (summary.sets.some((set) => set.key === 'eval')) pieces.push('eval');
  if (summary.cosine) pieces.push('cosine-before', 'cosine-after');
  for (const layer of summary.layers) pieces.push(`layer-${layer.layer}`);
  return pieces;
}

// Inline glyphs (emoji depend on the reader's fonts); the words beside them carry the meaning.
const CHANGED_ICON = html`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
  <path d="M2 5h10l-3-3M14 11H4l3 3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
</svg>`;

/** The metrics of every set before → after, as a table. */
export function renderMetrics(summary: RunSummary): TemplateResult {
  const keys = metricKeys(summary.sets[0]!.metrics.after);
  return html`<div class="table-scroller">
    <table part="metrics" class="metrics">
      <caption>
        Metrics before → after fine-tuning
      </caption>
      <thead>
        <tr>
          <th scope="col">Set</th>
          ${keys.map((key) => html`<th scope="col">${METRIC_NAMES[key] ?? key}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${summary.sets.map(
          (set) =>
            html`<tr part="metrics-row metrics-${set.key}">
              <th scope="row">${set.title}</th>
              ${keys.map((key) => {
                const before = set.metrics.before[key];
                const after = set.metrics.after[key];
                return html`<td class="num">
                  ${before === undefined ? '—' : formatNumber(before)} →
                  <strong>${after === undefined ? '—' : formatNumber(after)}</strong>
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** One class distribution: a bar and a probability per class, the top class marked in words. */
function renderDistribution(task: TaskName, prediction: Prediction, when: 'before' | 'after'): TemplateResult {
  const classes = TASK_CLASSES[task] ?? [];
  const kind = task === 'sentiment' ? 'prob-bars' : 'class-bars';
  return html`<div part="${kind} ${when}" class="distribution">
    <span class="when">${when}</span>
    ${classes.map((name, i) => {
      const p = prediction.output[i] ?? 0;
      const top = prediction.predicted === name;
      return html`<span class="bar-row ${top ? 'top' : ''}">
        <span class="bar-label">${name}</span>
        <span class="bar" aria-hidden="true"><span class="fill" style="width: ${(100 * p).toFixed(1)}%"></span></span>
        <span class="num">${formatUnit(p)}</span>
        ${top ? html`<span class="top-mark">top</span>` : nothing}
      </span>`;
    })}
  </div>`;
}

/** The four regression values before and after next to the targets. */
function renderRegression(row: PredictionChange, names: RegressionNames): TemplateResult {
  const before = row.before.predicted as readonly number[];
  const after = row.after.predicted as readonly number[];
  const target = row.before.label as readonly number[];
  return html`<table part="regression-values" class="regression-values">
    <thead>
      <tr>
        <th scope="col">value</th>
        <th scope="col">before</th>
        <th scope="col">after</th>
        <th scope="col">target</th>
      </tr>
    </thead>
    <tbody>
      ${names.map(
        (name, i) =>
          html`<tr>
            <th scope="row">${name}</th>
            <td class="num" part="before">${formatNumber(before[i]!)}</td>
            <td class="num" part="after">${formatNumber(after[i]!)}</td>
            <td class="num">${formatNumber(target[i]!)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A similarity pair: predicted cosine before and after next to the target score. */
function renderPair(row: PredictionChange): TemplateResult {
  return html`<span part="pair-scores" class="pair-scores">
    <span>target <span class="num">${formatUnit(row.before.label as number)}</span></span>
    <span part="before">cos before <span class="num">${formatUnit(row.before.predicted as number)}</span></span>
    <span part="after">cos after <span class="num">${formatUnit(row.after.predicted as number)}</span></span>
  </span>`;
}

function renderRow(task: TaskName, row: PredictionChange, names: RegressionNames): TemplateResult {
  const { before } = row;
  const classTask = TASK_CLASSES[task] !== undefined;
  const verdict = (p: Prediction) => (p.predicted === p.label ? '✓ right' : '✗ wrong');
  return html`<li part="result-row${row.changed ? ' result-row-changed' : ''}" class="result-row">
    <div class="result-text">
      <span class="text">${shownText(before.text)}</span>
      ${
        before.text2 === undefined
          ? nothing
          : html`<span class="pair-sep" aria-label="paired with">↔</span
              ><span class="text">${shownText(before.text2)}</span>`
      }
      ${
        classTask
          ? html`<span class="expected"
              >label <strong>${String(before.label)}</strong>; ${verdict(row.before)} before, ${verdict(row.after)}
              after</span
            >`
          : nothing
      }
      ${
        row.changed
          ? html`<span part="changed" class="changed">${CHANGED_ICON} changed</span>`
          : html`<span class="unchanged">unchanged</span>`
      }
    </div>
    ${
      classTask
        ? html`<div class="before-after">
            ${renderDistribution(task, row.before, 'before')} ${renderDistribution(task, row.after, 'after')}
          </div>`
        : task === 'regression'
          ? renderRegression(row, names)
          : renderPair(row)
    }
  </li>`;
}

/**
 * One set of lines (training, held-out or general corpus) with each line before and after.
 *
 * @param open - Whether the `<details>` starts open.
 * @param rows - Whether to draw the lines (a closed set need not be drawn).
 * @param onToggle - Called when the reader opens or closes the set.
 */
export function renderSet(
  task: TaskName,
  set: SetComparison,
  names: RegressionNames,
  open: boolean,
  rows: boolean,
  onToggle?: (event: Event) => void,
): TemplateResult {
  const changed = set.rows.filter((row) => row.changed).length;
  return html`<details part="set set-${set.key}" class="set" ?open=${open} @toggle=${onToggle}>
    <summary>${set.title}: ${set.rows.length} line${set.rows.length === 1 ? '' : 's'}, ${changed} changed</summary>
    ${
      rows
        ? html`<ol class="result-rows">
            ${set.rows.map((row) => renderRow(task, row, names))}
          </ol>`
        : nothing
    }
  </details>`;
}

function cosineStyle(value: number): string {
  const strength = Math.min(1, Math.abs(value));
  return `--_cos: ${(70 * strength).toFixed(1)}%`;
}

function renderCosineTable(matrices: CosineMatrices, when: 'before' | 'after'): TemplateResult {
  const values = matrices[when];
  return html`<div class="table-scroller">
    <table part="cosine-matrix cosine-${when}" class="cosine">
      <caption>
        cos(u<sub>i</sub>, u<sub>j</sub>) ${when} fine-tuning
      </caption>
      <thead>
        <tr>
          <td></td>
          ${matrices.texts.map((_, j) => html`<th scope="col">${j + 1}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${values.map(
          (row, i) =>
            html`<tr>
              <th scope="row">${i + 1}</th>
              ${row.map(
                (v, j) =>
                  html`<td
                    class="num ${v < 0 ? 'negative' : 'positive'}"
                    style=${cosineStyle(v)}
                    aria-label=${`text ${i + 1} and text ${j + 1}: ${formatUnit(v)}`}
                  >
                    ${formatUnit(v)}
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The cosine-similarity matrices of the training texts (those in `shown`), with the numbered texts. */
export function renderCosine(matrices: CosineMatrices, shown: readonly ('before' | 'after')[]): TemplateResult {
  return html`<section part="cosine" class="cosine-section">
    <h4>Cosine similarity of the training texts' embeddings</h4>
    <ol class="cosine-texts">
      ${matrices.texts.map((text) => html`<li>${shownText(text)}</li>`)}
    </ol>
    <div class="cosine-pair">${shown.map((when) => renderCosineTable(matrices, when))}</div>
    <p class="hint">Colour and number agree: blue for similar (up to 1), orange for opposite (down to −1).</p>
  </section>`;
}

/** A, B and ΔW of each adapted layer (or ΔW of each layer after a full fine-tune) in `shown`, as heatmaps. */
export function renderLayers(summary: RunSummary, shown: ReadonlySet<string>): TemplateResult | typeof nothing {
  const layers = summary.layers.filter((layer) => shown.has(layer.layer));
  if (layers.length === 0) return nothing;
  const full = summary.result.method === 'full';
  return html`<section part="matrices" class="matrices">
    <h4>${full ? 'How much each weight matrix moved (ΔW = W after − W before)' : 'What the adapter learned'}</h4>
    ${layers.map(
      (layer) =>
        html`<div class="layer" part="layer layer-${layer.layer}">
          <h5>
            ${layer.layer}${
              layer.rank === undefined
                ? nothing
                : html` <span class="detail">r = ${layer.rank}, s = ${formatNumber(layer.scaling ?? 0)}</span>`
            }
          </h5>
          <div class="layer-matrices">
            ${
              layer.A
                ? html`<lora-matrix
                    part="matrix matrix-a"
                    label=${`A of ${layer.layer}`}
                    matrix-role="trainable"
                    .values=${layer.A}
                    cell-size="12"
                  ></lora-matrix>`
                : nothing
            }
            ${
              layer.B
                ? html`<lora-matrix
                    part="matrix matrix-b"
                    label=${`B of ${layer.layer}`}
                    matrix-role="trainable"
                    .values=${layer.B}
                    cell-size="12"
                  ></lora-matrix>`
                : nothing
            }
            <lora-matrix
              part="matrix matrix-delta"
              label=${full ? `ΔW of ${layer.layer}` : `ΔW = s·B·A of ${layer.layer}`}
              matrix-role="trainable"
              .values=${layer.delta}
              cell-size="12"
            ></lora-matrix>
          </div>
        </div>`,
    )}
  </section>`;
}
