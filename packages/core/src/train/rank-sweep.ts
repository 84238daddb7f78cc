import type { Example } from '../data/types.js';
import { InvalidOptionError } from '../model/errors.js';
import { MAX_RANK } from '../model/lora-config.js';
import type { LoraModel } from '../model/lora-model.js';
import { fineTune, type FineTuneOptions, type FineTuneStatus } from './fine-tune.js';
import { PRIMARY_METRIC } from './metrics.js';
import { checkBase } from './prepare-model.js';

/** Options of {@link rankSweep}: the ranks to try plus every fine-tuning option (method `lora` or `qlora`). */
export interface RankSweepOptions extends FineTuneOptions {
  /** Ranks to train, in order: positive integers (default [1, 2, 4, 8]). */
  ranks?: readonly number[];
}

/** The outcome of one rank of a sweep. */
export interface RankSweepPoint {
  /** The LoRA rank r (alpha stays as configured, so the scaling α/r changes with r, as in PEFT). */
  readonly rank: number;
  /** Parameters trained at this rank. */
  readonly trainableParams: number;
  /** Mean training loss of the last completed epoch (NaN when no epoch completed). */
  readonly finalLoss: number;
  /** The task's primary metric after training, on the held-out examples when given, else the training ones. */
  readonly metric: {
    /** The metric's name, from {@link PRIMARY_METRIC} (`accuracy`, `spearman` or `r2`). */
    readonly name: string;
    /** Its value (accuracy from 0 to 1; Spearman's ρ from −1 to 1; R² at most 1). */
    readonly value: number;
  };
  /** How the run ended. */
  readonly status: FineTuneStatus;
}

/**
 * Fine-tunes one LoRA adapter per rank on the same base, data and seed, and reports trainable
 * parameters against final loss and metric (each working model is disposed). Stops after a run that
 * was cancelled or diverged, returning the points so far.
 *
 * @throws InvalidOptionError for a bad rank, the method `full`, or any fine-tuning option.
 * @example
 * const points = await rankSweep(base, examples, { ranks: [1, 2, 4, 8], epochs: 40 });
 */
export async function rankSweep(
  base: LoraModel,
  examples: readonly Example[],
  options: RankSweepOptions = {},
): Promise<RankSweepPoint[]> {
  checkBase(base);
  const { ranks = [1, 2, 4, 8], ...fineTuneOptions } = options ?? {};
  if (!Array.isArray(ranks) || ranks.length === 0) {
    throw new InvalidOptionError('ranks', `a non-empty list of integers from 1 to ${MAX_RANK}`, `got ${String(ranks)}`);
  }
  for (const r of ranks) {
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > MAX_RANK) {
      throw new InvalidOptionError('ranks', `integers from 1 to ${MAX_RANK}`, `got ${String(r)}`);
    }
  }
  if (fineTuneOptions.method === 'full') {
    throw new InvalidOptionError(
      'method',
      'lora, qlora',
      'a rank sweep needs an adapter; full fine-tuning has no rank',
    );
  }
  const metricName = PRIMARY_METRIC[base.spec.task];
  const points: RankSweepPoint[] = [];
  for (const rank of ranks) {
    const result = await fineTune(base, examples, {
      ...fineTuneOptions,
      lora: { ...fineTuneOptions.lora, r: rank },
    });
    result.model.dispose();
    const after = result.eval?.after.metrics ?? result.trainMetrics.after;
    points.push(
      Object.freeze({
        rank,
        trainableParams: result.trainableParams,
        finalLoss: result.losses.at(-1) ?? Number.NaN,
        metric: Object.freeze({ name: metricName, value: after[metricName] ?? Number.NaN }),
        status: result.status,
      }),
    );
    if (result.status !== 'completed') break;
  }
  return points;
}
