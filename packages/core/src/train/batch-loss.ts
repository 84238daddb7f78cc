import * as tf from '@tensorflow/tfjs-core';
import type { ClassExample, Example, PairExample, RegressionExample } from '../data/types.js';
import type { ForwardOptions, LoraModel } from '../model/lora-model.js';

// Floor of an embedding's norm, as in `cosineSimilarityLoss`: keeps cos and its gradient finite for
// an all-zero embedding. Applied to the squared norm so that tfjs's sqrt never sees 0.
const NORM_FLOOR_SQUARED = 1e-24;

function rows(values: readonly (readonly number[])[], width: number): tf.Tensor2D {
  const flat = new Float32Array(values.length * width);
  values.forEach((row, i) => flat.set(row, i * width));
  return tf.tensor2d(flat, [values.length, width]);
}

/**
 * The task loss of a batch as a tfjs scalar (TASK_LOSS, written with tfjs ops), averaged over the
 * batch: cross-entropy of softmax(logits) for sentiment and classification, the mean over outputs of
 * the squared error for regression, (cos(u, v) − score)² for similarity pairs with both texts through
 * the same model (first every first text, then every second text, so dropout draws in that order).
 * Run it inside `tf.tidy` or an optimizer's `minimize`; the examples must already be checked.
 */
export function batchLoss(model: LoraModel, examples: readonly Example[], forward: ForwardOptions = {}): tf.Scalar {
  return tf.tidy((): tf.Scalar => {
    const { task, inputDim, outputDim } = model.spec;
    const y = model.forward(
      rows(
        examples.map((e) => e.input),
        inputDim,
      ),
      forward,
    );
    if (task === 'sentiment' || task === 'classification') {
      const labels = tf.tensor1d(
        (examples as readonly ClassExample[]).map((e) => e.label),
        'int32',
      );
      const logProbs = tf.sub(y, tf.logSumExp(y, 1, true));
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, outputDim), logProbs), 1))) as tf.Scalar;
    }
    if (task === 'regression') {
      const targets = rows(
        (examples as readonly RegressionExample[]).map((e) => e.target),
        outputDim,
      );
      return tf.mean(tf.square(tf.sub(y, targets))) as tf.Scalar;
    }
    const pairs = examples as readonly PairExample[];
    const v = model.forward(
      rows(
        pairs.map((e) => e.pair),
        inputDim,
      ),
      forward,
    );
    const norm = (t: tf.Tensor2D) => tf.sqrt(tf.maximum(tf.sum(tf.square(t), 1), NORM_FLOOR_SQUARED));
    const cos = tf.div(tf.sum(tf.mul(y, v), 1), tf.mul(norm(y), norm(v)));
    const scores = tf.tensor1d(pairs.map((e) => e.score));
    return tf.mean(tf.square(tf.sub(cos, scores))) as tf.Scalar;
  });
}
