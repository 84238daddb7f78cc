import { PRIMARY_METRIC, type EpochProgress } from '@lora-viz/core';
import { METRIC_NAMES, formatNumber } from './format.js';
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
