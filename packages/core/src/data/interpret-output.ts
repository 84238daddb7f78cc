import { InvalidOptionError } from '../model/errors.js';
import { isTaskName, TASK_CLASSES, TASK_OUTPUT_SIZE, TASKS, type TaskName } from '../model/tasks.js';
import { softmax } from '../train/losses.js';
import { REGRESSION_TARGETS } from './regression-targets.js';

/** The probability the model gives one class. */
export interface ClassProbability {
  /** Class name. */
  readonly className: string;
  /** Probability from 0 to 1 (softmax of the logits). */
  readonly probability: number;
}

/** A classification output read as class probabilities (sentiment, classification). */
export interface ClassesInterpretation {
  /** Tags an output read as class probabilities. */
  readonly kind: 'classes';
  /** The task. */
  readonly task: TaskName;
  /** One entry per class, in output order; probabilities sum to 1. */
  readonly probabilities: readonly ClassProbability[];
  /** The most probable class (the first one on a tie). */
  readonly predicted: string;
  /** Index of {@link ClassesInterpretation.predicted}. */
  readonly predictedIndex: number;
}

/** A regression output read as named values. */
export interface RegressionInterpretation {
  /** Tags an output read as regression values. */
  readonly kind: 'regression';
  /** The task. */
  readonly task: TaskName;
  /** One named value per target, in output order (the targets are trained on a 0 to 1 scale). */
  readonly values: readonly {
    /** The target's name, from {@link REGRESSION_TARGETS}. */
    readonly name: string;
    /** The model's raw output for it (0 to 1 when the model fits its training data). */
    readonly value: number;
  }[];
}

/** A similarity output: the text's embedding, to compare with another by cosine. */
export interface EmbeddingInterpretation {
  /** Tags an output read as an embedding. */
  readonly kind: 'embedding';
  /** The task. */
  readonly task: TaskName;
  /** The 8-d embedding as output by the model. */
  readonly embedding: readonly number[];
  /** Its Euclidean norm. */
  readonly norm: number;
}

/** What a model output means for its task, as plain data. */
export type OutputInterpretation = ClassesInterpretation | RegressionInterpretation | EmbeddingInterpretation;

/**
 * Reads a raw model output (fc3) for a task: class probabilities and the predicted class for sentiment
 * and classification, named values for regression, the embedding for similarity (compare two with `cosine`).
 *
 * @throws InvalidOptionError for an unknown task or an output that is not the task's size in finite numbers.
 */
export function interpretOutput(task: TaskName, output: readonly number[]): OutputInterpretation {
  if (!isTaskName(task)) throw new InvalidOptionError('task', TASKS.join(', '), `unknown task "${String(task)}"`);
  const size = TASK_OUTPUT_SIZE[task];
  if (
    !Array.isArray(output) ||
    output.length !== size ||
    output.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  ) {
    throw new InvalidOptionError('output', `${size} finite numbers for ${task}`, `got ${JSON.stringify(output)}`);
  }
  const classes = TASK_CLASSES[task];
  if (classes) {
    const p = softmax(output);
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    return {
      kind: 'classes',
      task,
      probabilities: classes.map((className, i) => ({ className, probability: p[i]! })),
      predicted: classes[best]!,
      predictedIndex: best,
    };
  }
  if (task === 'regression') {
    return {
      kind: 'regression',
      task,
      values: REGRESSION_TARGETS.map((t, i) => ({ name: t.name, value: output[i]! })),
    };
  }
  return { kind: 'embedding', task, embedding: [...output], norm: Math.hypot(...output) };
}
