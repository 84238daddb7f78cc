import { PRIMARY_METRIC, type EpochProgress, type RankSweepPoint } from '@lora-viz/core';
import { METRIC_NAMES, formatNumber } from './format.js';
import { METHOD_TITLES, formatCount, statusText } from './render-compare.js';
import type { RaceRow } from './run-race.js';
import type { RunSummary } from './summarize-run.js';

/** Shortest time between two epoch announcements in the live region, in milliseconds. */
export const ANNOUNCE_INTERVAL_MS = 1000;

/** `Epoch 3 of 40: loss 0.412`. */
export function epochMessage(progress: EpochProgress): string {
  return `Epoch ${progress.epoch} of ${progress.epochs}: loss ${formatNumber(progress.loss)}`;
}

/** The final announcement of a run: how it ended, the loss, and the task's main metric before → after. */
export function resultMessage(summary: RunSummary): string {
  const { result } = summary;
  if (result.status !== 'completed') {
    return `Fine-tuning ${result.status === 'cancelled' ? 'cancelled' : 'diverged'}. ${result.reason ?? ''}`.trim();
  }
  const metric = PRIMARY_METRIC[summary.task];
  const name = METRIC_NAMES[metric] ?? metric;
  const sets = summary.sets
    .filter((set) => set.key !== 'general')
    .map((set) => {
      const before = set.metrics.before[metric];
      const after = set.metrics.after[metric];
      const where = set.key === 'train' ? 'training' : 'held-out';
      return before === undefined || after === undefined
        ? ''
        : `${where} ${name} ${formatNumber(before)} → ${formatNumber(after)}`;
    })
    .filter((text) => text !== '');
  const losses = result.losses;
  const loss = losses.length > 0 ? `loss ${formatNumber(losses[0]!)} → ${formatNumber(losses.at(-1)!)}` : '';
  return `Fine-tuning finished after ${result.epochs} epochs: ${[loss, ...sets].filter(Boolean).join('; ')}.`;
}

/** `Race cancelled: Full fine-tuning finished (loss 0.1234, accuracy 0.9, 812 ms); LoRA cancelled after 3 of 60 epochs; QLoRA not run.` */
export function raceMessage(rows: readonly RaceRow[]): string {
  // A race stops only when cancelled: a method left unrun means it was.
  const cancelled = rows.some((row) => row.status === 'cancelled' || row.status === 'not run');
  if (rows.every((row) => row.status === 'not run'))
    return 'Race cancelled before any run started; nothing was trained.';
  const parts = rows.map((row) => {
    const title = METHOD_TITLES[row.method];
    if (row.status !== 'completed') return `${title} ${statusText(row.status, row.epochs, row.plannedEpochs)}`;
    const numbers = [
      row.finalLoss === null ? '' : `loss ${formatNumber(row.finalLoss, 4)}`,
      row.metric === null
        ? ''
        : `${METRIC_NAMES[row.metric.name] ?? row.metric.name} ${formatNumber(row.metric.value)}`,
      row.elapsedMs === null ? '' : `${Math.round(row.elapsedMs)} ms`,
    ].filter(Boolean);
    return `${title} finished (${numbers.join(', ')})`;
  });
  return `Race ${cancelled ? 'cancelled' : 'finished'}: ${parts.join('; ')}.`;
}

/** `Rank sweep finished: r 1 (56 parameters) loss 0.3101, accuracy 0.833; r 2 …`. */
export function sweepMessage(points: readonly RankSweepPoint[], cancelled: boolean): string {
  const parts = points.map((point) => {
    const head = `r ${point.rank} (${formatCount(point.trainableParams)} parameters)`;
    if (point.status !== 'completed') return `${head} ${point.status}`;
    const name = METRIC_NAMES[point.metric.name] ?? point.metric.name;
    return `${head} loss ${formatNumber(point.finalLoss, 4)}, ${name} ${formatNumber(point.metric.value)}`;
  });
  const verb = cancelled ? 'cancelled' : 'finished';
  return parts.length === 0 ? `Rank sweep ${verb} before any rank ran.` : `Rank sweep ${verb}: ${parts.join('; ')}.`;
}
