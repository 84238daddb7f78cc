import * as tf from '@tensorflow/tfjs-core';
import type { Example } from '../data/types.js';
import { InvalidOptionError } from '../model/errors.js';
import { createMlp, type LoraModel } from '../model/lora-model.js';
import { isTaskName, TASKS, type TaskName } from '../model/tasks.js';
import { MAX_SEED } from '../util/prng.js';
import { batchLoss } from './batch-loss.js';
import { checkExamples } from './check-examples.js';
import { createYielder, nextMacrotask } from './yield-to-host.js';

/** Options of {@link pretrainBase}. */
export interface PretrainOptions {
  /** Seed of the initial weights: an unsigned 32-bit integer (default 0). */
  seed?: number;
  /** Full-batch Adam steps: a positive integer (default 100). */
  epochs?: number;
  /** Adam's learning rate: a positive finite number (default 0.02). */
  lr?: number;
  /** Hidden width of fc1 and fc2 (default 16). */
  hidden?: number;
}

/**
 * The recipe of {@link pretrainBase}: full-batch Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) on the task loss,
 * every parameter trained, no adapter, no dropout, no shuffling (a full batch needs none).
 */
export const PRETRAIN_DEFAULTS = Object.freeze({
  /** Seed of the initial weights. */
  seed: 0,
  /** Full-batch Adam steps. */
  epochs: 100,
  /** Adam's learning rate. */
  lr: 0.02,
  /** Hidden width of fc1 and fc2 (neurons). */
  hidden: 16,
});

/** Runs the ops of a training step once on one example without applying anything, yielding in between. */
async function warmUp(model: LoraModel, example: Example, yieldToHost: () => Promise<void>): Promise<void> {
  tf.tidy(() => {
    batchLoss(model, [example], { training: true });
  });
  await nextMacrotask();
  const variables = [...model.trainableVariables().values()];
  tf.tidy(() => {
    tf.variableGrads(() => batchLoss(model, [example], { training: true }), variables);
  });
  await yieldToHost();
}

interface Pretraining {
  readonly model: LoraModel;
  readonly epochs: number;
  /** One full-batch Adam step. */
  step(): void;
  /** Frees the optimizer and hands the trained model over. */
  finish(): LoraModel;
  /** Frees the optimizer and the model (after an error or a cancellation). */
  abort(): void;
}

/** Validates the arguments and sets up the model and optimizer of one pretraining run. */
function startPretraining(task: TaskName, examples: readonly Example[], options: PretrainOptions): Pretraining {
  if (!isTaskName(task)) throw new InvalidOptionError('task', TASKS.join(', '), `got ${String(task)}`);
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', 'an object of pretraining options', `got ${String(options)}`);
  }
  const d = PRETRAIN_DEFAULTS;
  const seed = options.seed ?? d.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new InvalidOptionError('seed', 'an integer from 0 to 4294967295', `got ${String(seed)}`);
  }
  const epochs = options.epochs ?? d.epochs;
  if (typeof epochs !== 'number' || !Number.isSafeInteger(epochs) || epochs < 1) {
    throw new InvalidOptionError('epochs', 'a positive integer', `got ${String(epochs)}`);
  }
  const lr = options.lr ?? d.lr;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new InvalidOptionError('lr', 'a positive finite number', `got ${String(lr)}`);
  }
  if (!Array.isArray(examples) || examples.length === 0) {
    throw new InvalidOptionError(
      'examples',
      'at least one example',
      `got ${Array.isArray(examples) ? 'none' : String(examples)}`,
    );
  }
  const first = (examples[0] as { input?: unknown }).input;
  const inputDim = Array.isArray(first) ? first.length : 8;
  const model = createMlp({ task, seed, inputDim, hidden: options.hidden ?? d.hidden });
  try {
    checkExamples(model.spec, examples, 'examples');
  } catch (error) {
    model.dispose();
    throw error;
  }
  const optimizer = tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const variables = [...model.trainableVariables().values()];
  return {
    model,
    epochs,
    step: () => optimizer.minimize(() => batchLoss(model, examples, { training: true }), false, variables),
    finish: () => {
      optimizer.dispose();
      model.notifyWeightsChanged();
      return model;
    },
    abort: () => {
      optimizer.dispose();
      model.dispose();
    },
  };
}

/**
 * Trains a task's base model on a general corpus so that fine-tuning later changes knowledge the
 * model has rather than noise: `createMlp({ task, seed })` (input size from the examples), then
 * `epochs` full-batch Adam steps on the task loss with every parameter trainable (see
 * {@link PRETRAIN_DEFAULTS}). Synchronous and deterministic: the same examples and options give the
 * same weights, bit for bit; about 0.1 s in Node for 50 examples. In a page, prefer
 * {@link pretrainBaseAsync}, which gives the same weights without holding the main thread.
 *
 * @returns a new model without adapters; the caller disposes it.
 * @throws InvalidOptionError naming a bad option or the line of an example that does not fit the task.
 * @example
 * const base = pretrainBase('sentiment', generalCorpus, { seed: 0 });
 */
export function pretrainBase(task: TaskName, examples: readonly Example[], options: PretrainOptions = {}): LoraModel {
  const run = startPretraining(task, examples, options);
  try {
    for (let step = 0; step < run.epochs; step++) run.step();
    return run.finish();
  } catch (error) {
    run.abort();
    throw error;
  }
}

/**
 * {@link pretrainBase} for pages: the same steps and the same weights, bit for bit, but it lets the
 * host run (paint, handle input) every few milliseconds, and stops when `signal` aborts.
 *
 * @returns a new model without adapters; the caller disposes it.
 * @throws InvalidOptionError as {@link pretrainBase}; the signal's reason (an `AbortError`) when aborted,
 *   after freeing everything it made.
 */
export async function pretrainBaseAsync(
  task: TaskName,
  examples: readonly Example[],
  options: PretrainOptions & { signal?: AbortSignal } = {},
): Promise<LoraModel> {
  const run = startPretraining(task, examples, options);
  const yieldToHost = createYielder();
  try {
    // The first use of each tfjs kernel in a page costs far more than later ones; paying it in two
    // small pieces (a forward pass, then gradients, on one example, neither applied) with a yield
    // between them keeps any single task short. Nothing here changes a weight or draws a number.
    await warmUp(run.model, examples[0]!, yieldToHost);
    for (let step = 0; step < run.epochs; step++) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('pretraining aborted');
      run.step();
      await yieldToHost();
    }
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('pretraining aborted');
    return run.finish();
  } catch (error) {
    run.abort();
    throw error;
  }
}
