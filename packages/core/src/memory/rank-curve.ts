import { InvalidOptionError } from '../model/errors.js';
import { estimateMemory, type MemoryOptions } from './estimate-memory.js';
import { loraParameters } from './lora-parameters.js';
import type { ModelDescription } from './types.js';

/** One point of a rank curve. */
export interface RankPoint {
  /** The rank r. */
  readonly rank: number;
  /** Trainable (adapter) parameters at this rank. */
  readonly trainable: number;
  /** Estimated total bytes at this rank, every other option unchanged. */
  readonly totalBytes: number;
}

/** Trainable parameters and memory against LoRA rank, with the break-even rank marked. */
export interface RankCurve {
  /** Points at r = 1, 2, 4, … up to the largest power of two not above `maxRank`. */
  readonly points: readonly RankPoint[];
  /**
   * The rank at which the adapter has as many parameters as the weights it adapts,
   * Σ in·out / Σ (in + out) over the targeted modules (the per-layer r* = in·out/(in + out) of core's
   * `breakEvenRank` when one layer is targeted).
   */
  readonly breakEvenRank: number;
  /** Weight parameters of the targeted modules, which full fine-tuning of just those layers would train. */
  readonly targetedWeights: number;
}

/**
 * Sweeps the LoRA rank over powers of two for a LoRA or QLoRA setup: trainable parameters and total
 * bytes at each rank, and the break-even rank where the adapter outgrows the layers it adapts.
 *
 * `rankPattern` is ignored: the sweep puts one rank on every targeted module.
 *
 * @param maxRank last rank considered (default: the first power of two at or above the break-even rank).
 * @throws InvalidOptionError for `method: 'full'` (there is no rank) or a bad option.
 */
export function rankCurve(description: ModelDescription, options: MemoryOptions = {}, maxRank?: number): RankCurve {
  if ((options.method ?? 'lora') === 'full') {
    throw new InvalidOptionError('method', 'lora or qlora', 'full fine-tuning has no rank to sweep');
  }
  const at1 = loraParameters(description, { ...options, rank: 1, rankPattern: undefined });
  const breakEven = at1.breakEvenRank;
  const last = maxRank ?? 2 ** Math.ceil(Math.log2(Math.max(1, breakEven)));
  if (!Number.isInteger(last) || last < 1 || last > 65_536) {
    throw new InvalidOptionError('maxRank', 'an integer from 1 to 65,536', `got ${String(last)}`);
  }
  const points: RankPoint[] = [];
  for (let rank = 1; rank <= last; rank *= 2) {
    const estimate = estimateMemory(description, { ...options, rank, rankPattern: undefined });
    points.push(Object.freeze({ rank, trainable: estimate.params.trainable, totalBytes: estimate.bytes.total }));
  }
  return Object.freeze({
    points: Object.freeze(points),
    breakEvenRank: breakEven,
    targetedWeights: at1.modules.reduce((sum, m) => sum + m.count * m.in * m.out, 0),
  });
}
