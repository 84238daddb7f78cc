import { InvalidOptionError } from '../model/errors.js';
import { TASK_OUTPUT_SIZE, TASKS, isTaskName, type TaskName } from '../model/tasks.js';
import { moduleOf } from './module-of.js';
import type { MlpDescription } from './types.js';

/** Sizes of the toy MLP to describe; the same names and defaults as `createMlp`'s options. */
export interface ToyOptions {
  /** Task that fixes the output size (default sentiment: 2 outputs). */
  task?: TaskName;
  /** Input features, an integer from 1 to 4096 (default 8). */
  inputDim?: number;
  /** Hidden width of fc1 and fc2, an integer from 1 to 4096 (default 16). */
  hidden?: number;
}

function size(field: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4096) {
    throw new InvalidOptionError(field, 'an integer from 1 to 4096', `got ${String(v)}`);
  }
  return v;
}

/**
 * Describes the toy MLP (`fc1`, `fc2`, `fc3` with biases) as plain data, so that the memory maths
 * treats it exactly like a real model; its counts equal `countParameters` of the same model.
 *
 * @throws InvalidOptionError naming `task`, `inputDim` or `hidden`, as `createMlp` does.
 * @example
 * describeToy({ task: 'classification' }).totalParams; // 484 = (8·16+16) + (16·16+16) + (16·4+4)
 */
export function describeToy(options: ToyOptions = {}): MlpDescription {
  const task = options.task ?? 'sentiment';
  if (!isTaskName(task)) throw new InvalidOptionError('task', TASKS.join(', '), `unknown task "${String(task)}"`);
  const inputDim = size('inputDim', options.inputDim, 8);
  const hidden = size('hidden', options.hidden, 16);
  const outputDim = TASK_OUTPUT_SIZE[task];
  const modules = Object.freeze(
    [
      { path: 'fc1', kind: 'linear' as const, in: inputDim, out: hidden, bias: true },
      { path: 'fc2', kind: 'linear' as const, in: hidden, out: hidden, bias: true },
      // fc3 produces the raw output: the head that `all-linear` leaves out.
      { path: 'fc3', kind: 'linear' as const, in: hidden, out: outputDim, bias: true, outputHead: true },
    ].map((input) => moduleOf(input, 1)),
  );
  return Object.freeze({
    id: 'toy',
    label: `toy MLP ${inputDim}→${hidden}→${hidden}→${outputDim} (${task})`,
    family: 'mlp',
    sizes: Object.freeze({ task, inputDim, hidden, outputDim }),
    modules,
    totalParams: modules.reduce((sum, m) => sum + m.params, 0),
    defaultTargets: Object.freeze(['fc1', 'fc2']),
    source: '@lora-viz/core toy MLP (ARCHITECTURE §3.1)',
  });
}
