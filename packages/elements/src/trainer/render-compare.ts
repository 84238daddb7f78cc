import { html, nothing, type TemplateResult } from 'lit';
import type { FineTuneMethod, RankSweepPoint } from '@lora-viz/core';
import { METRIC_NAMES, formatNumber } from './format.js';
import type { RaceRow } from './run-race.js';

/** How people read each method's name in the race. */
export const METHOD_TITLES: Readonly<Record<FineTuneMethod, string>> = Object.freeze({
  full: 'Full fine-tuning',
  lora: 'LoRA',
  qlora: 'QLoRA',
});

/** The run a race or sweep is on: which one, and the epoch it last finished. */
export interface CompareCursor {
  /** The method racing, or the rank being swept, as a key of the table's rows. */
  readonly key: string;
  /** The epoch last finished (0 before the first). */
  readonly epoch: number;
  /** Epochs planned. */
  readonly epochs: number;
}

/** A parameter count as people read it, e.g. `1,234`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Where the primary metric of a comparison is measured, in words. */
export function metricHeading(name: string, set: 'eval' | 'train'): string {
  return `${METRIC_NAMES[name] ?? name} (${set === 'eval' ? 'held-out' : 'training'} lines)`;
}

/** A row's status in words, e.g. `cancelled after 12 of 60 epochs`. */
export function statusText(status: RaceRow['status'], epochs: number, planned: number): string {
  if (status === 'completed' || status === 'not run') return status;
  return `${status} after ${epochs} of ${planned} epoch${planned === 1 ? '' : 's'}`;
}

const dash = '—';

/** Green for ✓; red for ✗ only where the weights had to stay frozen (full fine-tuning trains them). */
function frozenClass(row: RaceRow): string {
  if (row.frozenUnchanged === null) return '';
  if (row.frozenUnchanged) return 'ok';
  return row.method === 'full' ? '' : 'bad';
}

/**
 * The race table: per method the trainable parameters, the run's time, the final loss, the task's
 * primary metric and whether the frozen weights stayed bit-identical (✓/✗, in words too), plus the
 * status, which says which runs finished when the race was cancelled.
 *
 * @param rows - One row per method, in race order.
 * @param metric - The primary metric's name and where it is measured.
 * @param running - The run under way, if any.
 */
export function renderRaceTable(
  rows: readonly RaceRow[],
  metric: { readonly name: string; readonly set: 'eval' | 'train' },
  running: CompareCursor | null,
): TemplateResult {
  return html`<div class="table-scroller">
      <table part="race-table" class="metrics compare-table">
        <caption>
          Full fine-tuning vs LoRA vs QLoRA, same lines, settings and seed
        </caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Trainable parameters</th>
            <th scope="col">Time (ms)</th>
            <th scope="col">Final loss</th>
            <th scope="col">${metricHeading(metric.name, metric.set)}</th>
            <th scope="col">Frozen weights unchanged</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => {
            const live = running?.key === row.method ? running : null;
            const status = live
              ? `running: epoch ${live.epoch} of ${live.epochs}`
              : statusText(row.status, row.epochs, row.plannedEpochs);
            const frozen = row.frozenUnchanged === null ? dash : row.frozenUnchanged ? '✓ unchanged' : '✗ changed';
            return html`<tr part="race-row race-row-${row.method}">
              <th scope="row">${METHOD_TITLES[row.method]}</th>
              <td class="num">${row.trainableParams === null ? dash : formatCount(row.trainableParams)}</td>
              <td class="num">${row.elapsedMs === null ? dash : String(Math.round(row.elapsedMs))}</td>
              <td class="num">${row.finalLoss === null ? dash : formatNumber(row.finalLoss, 4)}</td>
              <td class="num">${row.metric === null ? dash : formatNumber(row.metric.value)}</td>
              <td class=${frozenClass(row)}>${frozen}</td>
              <td>${status}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${
      rows.some((row) => row.method === 'full' && row.frozenUnchanged === false)
        ? html`<p class="hint">
            Full fine-tuning has no frozen weights: it trains the base layers this column checks, so ✗ is what it should
            show. LoRA and QLoRA must show ✓.
          </p>`
        : nothing
    }`;
}

/**
 * The rank sweep table: per rank the trainable parameters, the final loss, the primary metric and the
 * status (a cancelled or diverged rank ends the sweep; its loss and metric are not shown because its
 * parameters were restored).
 *
 * @param points - Core's `rankSweep` points, in rank order.
 * @param metric - The primary metric's name and where it is measured.
 */
export function renderSweepTable(
  points: readonly RankSweepPoint[],
  metric: { readonly name: string; readonly set: 'eval' | 'train' },
): TemplateResult {
  return html`<div class="table-scroller">
    <table part="sweep-table" class="metrics compare-table">
      <caption>
        LoRA rank sweep: trainable parameters against final loss and ${METRIC_NAMES[metric.name] ?? metric.name}
      </caption>
      <thead>
        <tr>
          <th scope="col">Rank r</th>
          <th scope="col">Trainable parameters</th>
          <th scope="col">Final loss</th>
          <th scope="col">${metricHeading(metric.name, metric.set)}</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${points.map((point) => {
          const completed = point.status === 'completed';
          return html`<tr part="sweep-row">
            <th scope="row">${point.rank}</th>
            <td class="num">${formatCount(point.trainableParams)}</td>
            <td class="num">${completed ? formatNumber(point.finalLoss, 4) : dash}</td>
            <td class="num">${completed ? formatNumber(point.metric.value) : dash}</td>
            <td>${point.status}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
