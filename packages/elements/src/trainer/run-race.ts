import {
  FINE_TUNE_METHODS,
  PRIMARY_METRIC,
  fineTune,
  type EpochProgress,
  type Example,
  type FineTuneMethod,
  type FineTuneResult,
  type FineTuneStatus,
  type LoraModel,
  type LoraOptions,
  type OptimizerName,
} from '@lora-viz/core';

/** How one method of a race ended: core's status, or `not run` when the race stopped before it. */
export type RaceStatus = FineTuneStatus | 'not run';

/** One method of a race, as plain data (its model is disposed once read). */
export interface RaceRow {
  /** `full`, `lora` or `qlora`. */
  readonly method: FineTuneMethod;
  /** How the run ended. */
  readonly status: RaceStatus;
  /** Core's reason when the run was cancelled or diverged. */
  readonly reason?: string;
  /** Epochs completed. */
  readonly epochs: number;
  /** Epochs planned. */
  readonly plannedEpochs: number;
  /** Mean training loss of each completed epoch. */
  readonly losses: readonly number[];
  /** Parameters the optimizer updated; `null` when the method did not run. */
  readonly trainableParams: number | null;
  /** Wall time of the run (core's `elapsedMs`), in milliseconds; `null` when the method did not run. */
  readonly elapsedMs: number | null;
  /** Mean training loss of the last epoch of a completed run, else `null`. */
  readonly finalLoss: number | null;
  /**
   * The task's primary metric after a completed run, on the held-out lines when there are any, else on
   * the training lines; `null` for a run that did not complete (its parameters were restored).
   */
  readonly metric: { readonly name: string; readonly set: 'eval' | 'train'; readonly value: number } | null;
  /** Whether the base layers' weights are bit-identical after a completed run (core's check), else `null`. */
  readonly frozenUnchanged: boolean | null;
}

/** Options of {@link runRace}: the settings every method shares, and the hooks the element draws from. */
export interface RaceOptions {
  /** LoRA options of the `lora` and `qlora` runs (ignored by `full`, as in core). */
  readonly lora: LoraOptions;
  /** Optimizer. */
  readonly optimizer: OptimizerName;
  /** Learning rate. */
  readonly lr: number;
  /** Epochs of each run. */
  readonly epochs: number;
  /** Lines per optimizer step. */
  readonly batchSize: number;
  /** Seed of the shuffle and dropout, the same for every run. */
  readonly seed: number;
  /** Held-out lines (scored, never trained on); may be empty. */
  readonly eval: readonly Example[];
  /** Aborting it cancels the run under way and skips the ones after it. */
  readonly signal: AbortSignal;
  /** Called when a method starts. */
  readonly onStart?: (method: FineTuneMethod) => void;
  /** Called after each epoch of each run. */
  readonly onEpoch?: (method: FineTuneMethod, progress: EpochProgress) => void;
  /** Called when a run ends, with its row. */
  readonly onEnd?: (row: RaceRow) => void;
}

/** The row of a method that has not run (yet, or at all). */
export function pendingRow(method: FineTuneMethod, plannedEpochs: number): RaceRow {
  return Object.freeze({
    method,
    status: 'not run',
    epochs: 0,
    plannedEpochs,
    losses: Object.freeze([]),
    trainableParams: null,
    elapsedMs: null,
    finalLoss: null,
    metric: null,
    frozenUnchanged: null,
  });
}

function rowOf(result: FineTuneResult): RaceRow {
  const completed = result.status === 'completed';
  const name = PRIMARY_METRIC[result.task];
  const set = result.eval ? 'eval' : 'train';
  const value = (result.eval?.after.metrics ?? result.trainMetrics.after)[name];
  return Object.freeze({
    method: result.method,
    status: result.status,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
    epochs: result.epochs,
    plannedEpochs: result.settings.epochs,
    losses: result.losses,
    trainableParams: result.trainableParams,
    elapsedMs: result.elapsedMs,
    finalLoss: completed ? (result.losses.at(-1) ?? null) : null,
    metric: completed && value !== undefined ? Object.freeze({ name, set, value }) : null,
    frozenUnchanged: completed ? result.frozenUnchanged : null,
  });
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Fine-tunes `full`, `lora` and `qlora` one after the other on the same base, lines, settings and
 * seed with core's `fineTune` (which yields to the page as it trains), disposing each trained model as
 * soon as its row is read. A diverged run does not stop the race (another method may cope with the
 * same learning rate); a cancel stops the run under way, and the methods after it are `not run`.
 *
 * @param base - The pretrained base model (never modified).
 * @param examples - The training lines.
 * @param options - Shared settings, the signal and progress hooks.
 * @returns One row per method, in the order of core's `FINE_TUNE_METHODS`.
 * @throws InvalidOptionError from core when an option or a line does not fit.
 */
export async function runRace(base: LoraModel, examples: readonly Example[], options: RaceOptions): Promise<RaceRow[]> {
  const rows: RaceRow[] = [];
  for (const method of FINE_TUNE_METHODS) {
    if (options.signal.aborted) {
      rows.push(pendingRow(method, options.epochs));
      continue;
    }
    options.onStart?.(method);
    const result = await fineTune(base, examples, {
      method,
      ...(method === 'full' ? {} : { lora: options.lora }),
      optimizer: options.optimizer,
      lr: options.lr,
      epochs: options.epochs,
      batchSize: options.batchSize,
      seed: options.seed,
      eval: options.eval,
      signal: options.signal,
      onEpoch: (progress) => options.onEpoch?.(method, progress),
    });
    let row: RaceRow;
    try {
      row = rowOf(result);
    } finally {
      result.model.dispose();
    }
    rows.push(row);
    options.onEnd?.(row);
    // The last epoch's evaluation and this row's drawing ran in this task: let the page breathe.
    await nextTask();
  }
  return rows;
}
