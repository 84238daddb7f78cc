import * as tf from '@tensorflow/tfjs-core';
import type { Example } from '../data/types.js';
import { InvalidOptionError } from '../model/errors.js';
import { countParameters } from '../model/ledger.js';
import type { LoraOptions } from '../model/lora-config.js';
import type { LoraModel } from '../model/lora-model.js';
import type { TaskName } from '../model/tasks.js';
import { createRng, MAX_SEED, type Rng } from '../util/prng.js';
import { batchLoss } from './batch-loss.js';
import { checkExamples } from './check-examples.js';
import { evaluate, type EvalReport, type Prediction } from './evaluate.js';
import { frozenChecksum } from './frozen-checksum.js';
import type { TaskMetrics } from './metrics.js';
import { checkBase, checkMethod, prepareModel, type FineTuneMethod, type QuantizationReport } from './prepare-model.js';
import { createYielder, now } from './yield-to-host.js';

/** The optimizers a run can use. */
export type OptimizerName = 'adam' | 'sgd';

/**
 * Defaults of {@link fineTune}, chosen so that LoRA (r 4, α 8) on a 16-line set converges on the toy
 * model: Adam at 0.01 (PyTorch's β and ε) and 4 examples per batch, i.e. 4 updates per epoch over
 * 60 epochs (240 updates, well under a second in Node).
 */
export const FINE_TUNE_DEFAULTS = Object.freeze({
  /** LoRA on the default adapter (r 4, α 8, fc1 and fc2). */
  method: 'lora' as FineTuneMethod,
  /** Adam with PyTorch's β₁ 0.9, β₂ 0.999 and ε 1e-8. */
  optimizer: 'adam' as OptimizerName,
  /** Learning rate. */
  lr: 0.01,
  /** Passes over the training examples. */
  epochs: 60,
  /** Examples per update. */
  batchSize: 4,
  /** Seed of the shuffle order and the dropout masks. */
  seed: 0,
  /** QLoRA quantizes its absmax constants too. */
  doubleQuant: true,
});

/**
 * A run counts as diverged when a batch loss is not finite, or exceeds this many times the training
 * loss before the run (or this many units when that loss is below 1).
 */
export const DIVERGENCE_FACTOR = 1e6;

/** What a run reports after each epoch. */
export interface EpochProgress {
  /** The epoch just finished, from 1. */
  readonly epoch: number;
  /** Epochs planned. */
  readonly epochs: number;
  /** Mean training loss over the epoch's examples, each taken before the update of its batch. */
  readonly loss: number;
  /** Metrics on the training examples after the epoch (eval mode). */
  readonly metrics: TaskMetrics;
  /** Metrics on the held-out examples after the epoch, when there are any. */
  readonly evalMetrics?: TaskMetrics;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
}

/** Options of {@link fineTune}; every one has a default (see {@link FINE_TUNE_DEFAULTS}). */
export interface FineTuneOptions {
  /** `full`, `lora` (default) or `qlora`. */
  method?: FineTuneMethod;
  /** The adapter's LoRA options (default r 4, α 8, fc1 and fc2); ignored by `full`. */
  lora?: LoraOptions;
  /** `adam` (default; β₁ 0.9, β₂ 0.999, ε 1e-8) or `sgd`. */
  optimizer?: OptimizerName;
  /** Learning rate: a positive finite number (default 0.01). */
  lr?: number;
  /** Passes over the training examples: a positive integer (default 60). */
  epochs?: number;
  /** Examples per update: a positive integer (default 4); a larger value makes one batch of all. */
  batchSize?: number;
  /** Seed of the shuffle order and the LoRA dropout masks: an unsigned 32-bit integer (default 0). */
  seed?: number;
  /** QLoRA: quantize the absmax constants too (default true). */
  doubleQuant?: boolean;
  /** Held-out examples scored before, after and at each epoch; an empty list counts as none. */
  eval?: readonly Example[];
  /** Aborting it stops the run at the next batch, with the parameters put back as they were. */
  signal?: AbortSignal;
  /** Called after each epoch; a returned promise is awaited before the next epoch. */
  onEpoch?: (progress: EpochProgress) => void | Promise<void>;
}

/** How a run ended. */
export type FineTuneStatus = 'completed' | 'cancelled' | 'diverged';

/** The settings a run used, every default filled in. */
export interface FineTuneSettings {
  /** Optimizer. */
  readonly optimizer: OptimizerName;
  /** Learning rate. */
  readonly lr: number;
  /** Epochs planned. */
  readonly epochs: number;
  /** Examples per update. */
  readonly batchSize: number;
  /** Seed of the shuffle and dropout. */
  readonly seed: number;
}

/** What a fine-tuning run did, as plain data, plus the trained model. */
export interface FineTuneResult {
  /**
   * `completed`; `cancelled` (signal aborted); `diverged` (a non-finite loss or output, or a loss
   * above {@link DIVERGENCE_FACTOR} times its value before the run).
   */
  readonly status: FineTuneStatus;
  /** Why a run did not complete, in one or two sentences. */
  readonly reason?: string;
  /** The task of the model. */
  readonly task: TaskName;
  /** The method used. */
  readonly method: FineTuneMethod;
  /** The settings used. */
  readonly settings: FineTuneSettings;
  /** Epochs completed (fewer than planned when cancelled or diverged). */
  readonly epochs: number;
  /** Mean training loss of each completed epoch. */
  readonly losses: readonly number[];
  /** The progress report of each completed epoch. */
  readonly history: readonly EpochProgress[];
  /** Parameters the optimizer updated. */
  readonly trainableParams: number;
  /** Every parameter of the working model (PEFT's "all params"). */
  readonly allParams: number;
  /** PEFT's `print_trainable_parameters` line for the working model. */
  readonly peft: string;
  /** Predictions on every training example before and after the run. */
  readonly train: {
    /** Predictions of the working model before any update. */
    readonly before: readonly Prediction[];
    /** Predictions of the trained model. */
    readonly after: readonly Prediction[];
  };
  /** Task metrics on the training examples before and after the run. */
  readonly trainMetrics: {
    /** Metrics before any update. */
    readonly before: TaskMetrics;
    /** Metrics of the trained model. */
    readonly after: TaskMetrics;
  };
  /** Predictions and metrics on the held-out examples, when given. */
  readonly eval?: {
    /** Held-out predictions and metrics before any update. */
    readonly before: EvalReport;
    /** Held-out predictions and metrics of the trained model. */
    readonly after: EvalReport;
  };
  /**
   * Whether the base layers' weights and biases (`fc*.weight`, `fc*.bias`) are byte-identical after
   * the run. Under `lora` and `qlora` they are the frozen parameters, so this proves they stayed
   * frozen; under `full` they are what is trained, so it is false after any update that changed a
   * value (and true only when nothing changed, e.g. a run cancelled and restored).
   */
  readonly frozenUnchanged: boolean;
  /** FNV-1a (hex) over the float32 bytes of those parameters, before and after the run. */
  readonly frozenChecksum: {
    /** Checksum before the run: 8 lowercase hex digits. */
    readonly before: string;
    /** Checksum after the run; equal to `before` when the frozen weights are untouched. */
    readonly after: string;
  };
  /** The NF4 quantization of the base (`qlora` only). */
  readonly quantization?: QuantizationReport;
  /** Wall time of the whole call, in milliseconds. */
  readonly elapsedMs: number;
  /** The working model, trained (or restored); the caller owns it and must dispose it. */
  readonly model: LoraModel;
}

function checkPositiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidOptionError(field, 'a positive integer', `got ${String(value)}`);
  }
  return value;
}

interface Resolved extends FineTuneSettings {
  readonly method: FineTuneMethod;
  readonly lora: LoraOptions;
  readonly doubleQuant: boolean;
  readonly eval: readonly Example[];
  readonly signal?: AbortSignal;
  readonly onEpoch?: (progress: EpochProgress) => void | Promise<void>;
}

function resolveOptions(base: LoraModel, options: FineTuneOptions): Resolved {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', 'an object of fine-tuning options', `got ${String(options)}`);
  }
  const d = FINE_TUNE_DEFAULTS;
  const method = checkMethod(options.method ?? d.method);
  const optimizer = options.optimizer ?? d.optimizer;
  if (optimizer !== 'adam' && optimizer !== 'sgd') {
    throw new InvalidOptionError('optimizer', 'adam, sgd', `got ${String(optimizer)}`);
  }
  const lr = options.lr ?? d.lr;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new InvalidOptionError('lr', 'a positive finite number', `got ${String(lr)}`);
  }
  const epochs = checkPositiveInteger('epochs', options.epochs ?? d.epochs);
  const batchSize = checkPositiveInteger('batchSize', options.batchSize ?? d.batchSize);
  const seed = options.seed ?? d.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new InvalidOptionError('seed', 'an integer from 0 to 4294967295', `got ${String(seed)}`);
  }
  const doubleQuant = options.doubleQuant ?? d.doubleQuant;
  if (typeof doubleQuant !== 'boolean') {
    throw new InvalidOptionError('doubleQuant', 'true or false', `got ${String(doubleQuant)}`);
  }
  const { signal, onEpoch } = options;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean')) {
    throw new InvalidOptionError('signal', 'an AbortSignal', `got ${String(signal)}`);
  }
  if (onEpoch !== undefined && typeof onEpoch !== 'function') {
    throw new InvalidOptionError('onEpoch', 'a function', `got ${String(onEpoch)}`);
  }
  const evalSet = options.eval === undefined ? [] : checkExamples(base.spec, options.eval, 'eval');
  return {
    method,
    lora: options.lora ?? {},
    optimizer,
    lr,
    epochs,
    batchSize,
    seed,
    doubleQuant,
    eval: evalSet,
    ...(signal ? { signal } : {}),
    ...(onEpoch ? { onEpoch } : {}),
  };
}

/** Fisher–Yates shuffle of 0..n−1 from the seeded generator. */
function shuffled(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function baseLayerValues(model: LoraModel): Float32Array[] {
  return model
    .parameters()
    .filter((p) => p.kind === 'weight' || p.kind === 'bias')
    .map((p) => model.read(p.id).values);
}

function sameBytes(a: readonly Float32Array[], b: readonly Float32Array[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((values, k) => {
    const other = b[k]!;
    if (values.length !== other.length) return false;
    // Compare bit patterns, so that −0 ≠ 0 and NaN = NaN as bytes are.
    const x = new Uint32Array(values.buffer, values.byteOffset, values.length);
    const y = new Uint32Array(other.buffer, other.byteOffset, other.length);
    return x.every((v, i) => v === y[i]);
  });
}

function finiteOutputs(report: EvalReport): boolean {
  return report.predictions.every(
    (p) => p.output.every(Number.isFinite) && (p.output2 === undefined || p.output2.every(Number.isFinite)),
  );
}

/**
 * Fine-tunes a copy of `base` on examples with tfjs (full, LoRA or QLoRA; Adam or SGD), reporting
 * each epoch, and returns predictions and metrics before and after, the frozen-weight checksum and the
 * trained working model. `base` is never modified.
 *
 * Each epoch shuffles the examples (seeded) and takes one optimizer step per batch on the task loss
 * (`TASK_LOSS`) averaged over the batch, with LoRA dropout drawn from a seeded generator: the same
 * seed gives a bit-identical loss curve. The call yields to the host (a macrotask) whenever 8 ms have
 * passed, so a page stays responsive, and checks `signal` before every batch. A cancelled run, or one
 * that diverges (a loss or output that is not finite, or a loss over {@link DIVERGENCE_FACTOR} times
 * its starting value), stops and puts every parameter back to its value before the run.
 *
 * @throws InvalidOptionError naming the option, or the line of the first example that does not fit
 *   the task.
 * @example
 * const result = await fineTune(base, examples, { method: 'lora', epochs: 40, onEpoch: (p) => draw(p.loss) });
 * console.log(result.losses, result.frozenUnchanged);
 * result.model.dispose();
 */
export async function fineTune(
  base: LoraModel,
  examples: readonly Example[],
  options: FineTuneOptions = {},
): Promise<FineTuneResult> {
  const start = now();
  checkBase(base);
  const o = resolveOptions(base, options);
  const train = checkExamples(base.spec, examples, 'examples');
  if (train.length === 0) throw new InvalidOptionError('examples', 'at least one example', 'got none');
  const { model, quantization } = prepareModel(base, o.method, o.lora, { doubleQuant: o.doubleQuant });
  let optimizer: tf.Optimizer | null = null;
  try {
    const ledger = countParameters(model);
    const frozenBefore = baseLayerValues(model);
    const snapshot = model.snapshot();
    const trainBefore = evaluate(model, train);
    const evalBefore = o.eval.length > 0 ? evaluate(model, o.eval) : undefined;
    optimizer = o.optimizer === 'adam' ? tf.train.adam(o.lr, 0.9, 0.999, 1e-8) : tf.train.sgd(o.lr);
    const variables = [...model.trainableVariables().values()];
    const shuffleRng = createRng(o.seed, 'fine-tune:shuffle');
    const dropoutRng = createRng(o.seed, 'fine-tune:dropout');
    const pause = createYielder();
    // A loss this far above where it started means the run blew up even if it stays finite (ReLUs
    // killed by a huge step can pin it at 1e25 for ever); the floor of 1 covers a near-zero start.
    const startLoss = trainBefore.metrics.loss ?? 1;
    const lossLimit = DIVERGENCE_FACTOR * Math.max(1, startLoss);
    const losses: number[] = [];
    const history: EpochProgress[] = [];
    let status: FineTuneStatus = 'completed';
    let reason: string | undefined;
    const diverge = (where: string, what: string) => {
      status = 'diverged';
      reason =
        `Training diverged at ${where}: ${what} with learning rate ${o.lr} (${o.optimizer}). ` +
        `The parameters were restored to their values before the run; try a smaller learning rate, ` +
        `such as ${o.lr / 10}.`;
    };

    run: for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const order = shuffled(train.length, shuffleRng);
      let sum = 0;
      for (let b = 0, batchIndex = 1; b < order.length; b += o.batchSize, batchIndex++) {
        if (o.signal?.aborted) {
          status = 'cancelled';
          reason = `Cancelled during epoch ${epoch} of ${o.epochs}; the parameters were restored to their values before the run.`;
          break run;
        }
        const batch = order.slice(b, b + o.batchSize).map((i) => train[i]!);
        const cost = optimizer.minimize(
          () => batchLoss(model, batch, { training: true, rng: dropoutRng }),
          true,
          variables,
        );
        const loss = cost!.dataSync()[0]!;
        cost!.dispose();
        if (!Number.isFinite(loss) || loss > lossLimit) {
          const what = Number.isFinite(loss)
            ? `the loss reached ${loss.toPrecision(3)} (it was ${startLoss.toPrecision(3)} before the run)`
            : `the loss became ${loss}`;
          diverge(`epoch ${epoch}, batch ${batchIndex}`, what);
          break run;
        }
        sum += loss * batch.length;
        await pause();
      }
      const report = evaluate(model, train);
      const evalReport = o.eval.length > 0 ? evaluate(model, o.eval) : undefined;
      if (!finiteOutputs(report) || (evalReport && !finiteOutputs(evalReport))) {
        diverge(`the end of epoch ${epoch}`, 'the model produced non-finite outputs');
        break;
      }
      const progress: EpochProgress = Object.freeze({
        epoch,
        epochs: o.epochs,
        loss: sum / train.length,
        metrics: report.metrics,
        ...(evalReport ? { evalMetrics: evalReport.metrics } : {}),
        elapsedMs: now() - start,
      });
      losses.push(progress.loss);
      history.push(progress);
      model.notifyWeightsChanged();
      if (o.onEpoch) await o.onEpoch(progress);
    }

    if (status !== 'completed') model.restore(snapshot);
    const frozenAfter = baseLayerValues(model);
    const trainAfter = evaluate(model, train);
    const evalAfter = evalBefore ? evaluate(model, o.eval) : undefined;
    return Object.freeze({
      status,
      ...(reason !== undefined ? { reason } : {}),
      task: model.spec.task,
      method: o.method,
      settings: Object.freeze({
        optimizer: o.optimizer,
        lr: o.lr,
        epochs: o.epochs,
        batchSize: o.batchSize,
        seed: o.seed,
      }),
      epochs: losses.length,
      losses: Object.freeze(losses),
      history: Object.freeze(history),
      trainableParams: ledger.trainable,
      allParams: ledger.all,
      peft: ledger.peftLine,
      train: Object.freeze({ before: trainBefore.predictions, after: trainAfter.predictions }),
      trainMetrics: Object.freeze({ before: trainBefore.metrics, after: trainAfter.metrics }),
      ...(evalBefore && evalAfter ? { eval: Object.freeze({ before: evalBefore, after: evalAfter }) } : {}),
      frozenUnchanged: sameBytes(frozenBefore, frozenAfter),
      frozenChecksum: Object.freeze({ before: frozenChecksum(frozenBefore), after: frozenChecksum(frozenAfter) }),
      ...(quantization ? { quantization } : {}),
      elapsedMs: now() - start,
      model,
    });
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer?.dispose();
  }
}
