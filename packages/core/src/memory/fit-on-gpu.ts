import { InvalidOptionError } from '../model/errors.js';
import { estimateMemory, MAX_BATCH, type MemoryEstimate, type MemoryOptions } from './estimate-memory.js';
import { GPUS, type GpuSpec } from './gpus.js';
import type { ModelDescription } from './types.js';

/** Whether a training setup fits on a GPU, and the largest batch that does. */
export interface GpuFit {
  /** The GPU. */
  readonly gpu: GpuSpec;
  /** Whether the estimate at the requested batch fits in the GPU's memory. */
  readonly fits: boolean;
  /** The estimate's total, bytes. */
  readonly required: number;
  /** GPU bytes minus required bytes (negative when it does not fit). */
  readonly headroom: number;
  /** Largest batch (1 to 65,536) whose estimate fits, with every other option unchanged; 0 when not even 1 fits. */
  readonly largestBatch: number;
  /** The estimate at the requested batch. */
  readonly estimate: MemoryEstimate;
}

function findGpu(gpu: GpuSpec | string): GpuSpec {
  if (typeof gpu !== 'string') {
    if (gpu === null || typeof gpu !== 'object' || !Number.isSafeInteger(gpu.bytes) || gpu.bytes <= 0) {
      throw new InvalidOptionError(
        'gpu',
        'a GPU id or a { bytes: a positive whole number } spec',
        `got ${String(gpu)}`,
      );
    }
    return gpu;
  }
  const found = GPUS.find((g) => g.id === gpu);
  if (!found) throw new InvalidOptionError('gpu', `one of ${GPUS.map((g) => g.id).join(', ')}`, `unknown GPU "${gpu}"`);
  return found;
}

/**
 * Says whether fine-tuning `description` with `options` fits on `gpu` (an id from {@link GPUS} or a
 * spec), with the headroom and the largest batch that fits, found by bisection since memory grows
 * with the batch.
 *
 * @throws InvalidOptionError for an unknown GPU or a bad option.
 * @example
 * fitOnGpu(describeModel('llama-2-7b'), { method: 'qlora', seq: 512 }, 't4').largestBatch;
 */
export function fitOnGpu(description: ModelDescription, options: MemoryOptions, gpu: GpuSpec | string): GpuFit {
  const spec = findGpu(gpu);
  const estimate = estimateMemory(description, options);
  const fitsAt = (batch: number): boolean =>
    estimateMemory(description, { ...options, batch }).bytes.total <= spec.bytes;
  let largestBatch = 0;
  if (fitsAt(1)) {
    let low = 1;
    let high = MAX_BATCH;
    if (fitsAt(high)) {
      low = high;
    } else {
      // Invariant: fitsAt(low) and not fitsAt(high).
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (fitsAt(mid)) low = mid;
        else high = mid;
      }
    }
    largestBatch = low;
  }
  const required = estimate.bytes.total;
  return Object.freeze({
    gpu: spec,
    fits: required <= spec.bytes,
    required,
    headroom: spec.bytes - required,
    largestBatch,
    estimate,
  });
}
