import type { ClassExample, Example, PairExample, RegressionExample } from '../data/types.js';
import type { LoraModel } from '../model/lora-model.js';
import { TASK_CLASSES } from '../model/tasks.js';
import { cosineSimilarityLoss, crossEntropy, meanSquaredError, softmax } from './losses.js';
import {
  accuracy,
  confusionMatrix,
  macroF1,
  meanSquaredErrorMetric,
  pearson,
  r2Score,
  spearman,
  type TaskMetrics,
} from './metrics.js';

/** What the model makes of one example, as plain data. */
export interface Prediction {
  /** The example's text. */
  readonly text: string;
  /** The second text of a similarity pair. */
  readonly text2?: string;
  /** The expected answer: a class name, the regression targets, or the similarity score (0 to 1). */
  readonly label: string | readonly number[] | number;
  /**
   * The model's output: softmax probabilities (0 to 1, one per class) for classification tasks, the
   * four raw values for regression, the 8-d embedding of `text` for similarity.
   */
  readonly output: readonly number[];
  /** The embedding of `text2` (similarity only). */
  readonly output2?: readonly number[];
  /** The answer read from the output: the top class's name, the regression values, or cos(u, v) (−1 to 1). */
  readonly predicted: string | readonly number[] | number;
}

/** Predictions on a set of examples and the task's metrics over them. */
export interface EvalReport {
  /**
   * `loss` (the task loss, mean per example, eval mode) plus `accuracy` and `macroF1` (0 to 1) for
   * classification tasks, `spearman` and `pearson` (−1 to 1, cosine vs score) for similarity, `mse`
   * and `r2` for regression.
   */
  readonly metrics: TaskMetrics;
  /** One prediction per example, in order. */
  readonly predictions: readonly Prediction[];
  /** Classification tasks: counts `confusion[true][predicted]`. */
  readonly confusion?: readonly (readonly number[])[];
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * Runs the model in eval mode (no dropout) on checked examples and scores the outputs with the task's
 * metrics, in float64 from the float32 outputs. An empty list gives zero metrics and no predictions.
 */
export function evaluate(model: LoraModel, examples: readonly Example[]): EvalReport {
  const { task } = model.spec;
  if (examples.length === 0) return Object.freeze({ metrics: Object.freeze({}), predictions: Object.freeze([]) });
  const outputs = model.predict(examples.map((e) => [...e.input]));
  const freeze = <T extends object>(o: T): T => Object.freeze(o);
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const classes = TASK_CLASSES[task];
  if (classes) {
    const items = examples as readonly ClassExample[];
    const labels = items.map((e) => e.label);
    const predicted = outputs.map(argmax);
    const predictions = items.map((e, i) =>
      freeze({
        text: e.text,
        label: classes[e.label]!,
        output: freeze(softmax(outputs[i]!)),
        predicted: classes[predicted[i]!]!,
      }),
    );
    const metrics = {
      loss: mean(items.map((e, i) => crossEntropy(outputs[i]!, e.label).value)),
      accuracy: accuracy(labels, predicted),
      macroF1: macroF1(labels, predicted, classes.length),
    };
    const confusion = confusionMatrix(labels, predicted, classes.length).map((row) => freeze(row));
    return freeze({ metrics: freeze(metrics), predictions: freeze(predictions), confusion: freeze(confusion) });
  }
  if (task === 'regression') {
    const items = examples as readonly RegressionExample[];
    const targets = items.map((e) => e.target);
    const predictions = items.map((e, i) =>
      freeze({
        text: e.text,
        label: freeze([...e.target]),
        output: freeze(outputs[i]!),
        predicted: freeze([...outputs[i]!]),
      }),
    );
    const metrics = {
      loss: mean(items.map((e, i) => meanSquaredError(outputs[i]!, e.target).value)),
      mse: meanSquaredErrorMetric(targets, outputs),
      r2: r2Score(targets, outputs),
    };
    return freeze({ metrics: freeze(metrics), predictions: freeze(predictions) });
  }
  const items = examples as readonly PairExample[];
  const seconds = model.predict(items.map((e) => [...e.pair]));
  const losses = items.map((e, i) => cosineSimilarityLoss(outputs[i]!, seconds[i]!, e.score));
  const cosines = losses.map((l) => l.cosine!);
  const scores = items.map((e) => e.score);
  const predictions = items.map((e, i) =>
    freeze({
      text: e.text,
      text2: e.text2,
      label: e.score,
      output: freeze(outputs[i]!),
      output2: freeze(seconds[i]!),
      predicted: cosines[i]!,
    }),
  );
  const metrics = {
    loss: mean(losses.map((l) => l.value)),
    spearman: spearman(cosines, scores),
    pearson: pearson(cosines, scores),
  };
  return freeze({ metrics: freeze(metrics), predictions: freeze(predictions) });
}
