import type { TaskName } from '../model/tasks.js';

/** The loss a task trains with. */
export type LossName = 'cross-entropy' | 'cosine-similarity' | 'mean-squared-error';

/** The loss of each task (ARCHITECTURE §3.5). */
export const TASK_LOSS: Readonly<Record<TaskName, LossName>> = Object.freeze({
  sentiment: 'cross-entropy',
  classification: 'cross-entropy',
  similarity: 'cosine-similarity',
  regression: 'mean-squared-error',
});

/** A loss value with its gradient with respect to each model output it depends on. */
export interface LossResult {
  /** The loss. */
  readonly value: number;
  /** dL/dy for the (first) output. */
  readonly grad: readonly number[];
  /** dL/dy for the second output of a pair (similarity only). */
  readonly gradPair?: readonly number[];
  /** Softmax probabilities (cross-entropy only). */
  readonly probabilities?: readonly number[];
  /** Cosine similarity of the pair (similarity only). */
  readonly cosine?: number;
}

/** Softmax of logits, computed stably (shifted by the maximum). */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * Cross-entropy of softmax(logits) against a class index: L = −log p[label]; dL/dz = p − onehot(label).
 */
export function crossEntropy(logits: readonly number[], label: number): LossResult {
  const p = softmax(logits);
  const max = Math.max(...logits);
  const logSum = Math.log(logits.reduce((sum, z) => sum + Math.exp(z - max), 0)) + max;
  return {
    value: logSum - logits[label]!,
    grad: p.map((pi, i) => pi - (i === label ? 1 : 0)),
    probabilities: p,
  };
}

/** Mean squared error over the outputs: L = (1/n)·Σ (y − t)²; dL/dy = (2/n)·(y − t). */
export function meanSquaredError(output: readonly number[], target: readonly number[]): LossResult {
  const n = output.length;
  let value = 0;
  for (let i = 0; i < n; i++) value += (output[i]! - target[i]!) ** 2 / n;
  return { value, grad: output.map((y, i) => (2 / n) * (y - target[i]!)) };
}

/**
 * Similarity loss of a pair of embeddings against a score in [0, 1]: L = (cos(u, v) − score)².
 * Both embeddings come from the same model, so both receive a gradient:
 * d cos/du = v/(|u||v|) − cos·u/|u|², and symmetrically for v.
 */
export function cosineSimilarityLoss(u: readonly number[], v: readonly number[], score: number): LossResult {
  const dot = u.reduce((sum, x, i) => sum + x * v[i]!, 0);
  // A small floor keeps the gradient finite for an all-zero embedding (ReLU networks can produce one).
  const nu = Math.max(Math.hypot(...u), 1e-12);
  const nv = Math.max(Math.hypot(...v), 1e-12);
  const cosine = dot / (nu * nv);
  const diff = cosine - score;
  const scale = 2 * diff;
  return {
    value: diff * diff,
    grad: u.map((x, i) => scale * (v[i]! / (nu * nv) - (cosine * x) / (nu * nu))),
    gradPair: v.map((x, i) => scale * (u[i]! / (nu * nv) - (cosine * x) / (nv * nv))),
    cosine,
  };
}
