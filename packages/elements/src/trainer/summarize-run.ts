import type { EvalReport, FineTuneResult, Prediction, TaskMetrics, TaskName } from '@lora-viz/core';
import type { LayerChange } from './read-layers.js';

/** The prediction for one line before and after the run, and whether the model changed its answer. */
export interface PredictionChange {
  /** Before the run (the pretrained base). */
  readonly before: Prediction;
  /** After the run. */
  readonly after: Prediction;
  /** Whether the answer changed, by the rules of {@link CHANGE_RULES}. */
  readonly changed: boolean;
}

/** The lines of one set (training, held-out or general corpus) with their metrics before and after. */
export interface SetComparison {
  /** `train`, `eval` or `general`. */
  readonly key: 'train' | 'eval' | 'general';
  /** Heading for people, e.g. `Held-out lines`. */
  readonly title: string;
  /** Task metrics before and after (core's `evaluate`). */
  readonly metrics: { readonly before: TaskMetrics; readonly after: TaskMetrics };
  /** One entry per line, in order. */
  readonly rows: readonly PredictionChange[];
}

/** Cosine similarities between the distinct texts of the similarity training pairs, before and after. */
export interface CosineMatrices {
  /** The distinct texts, in order of first appearance. */
  readonly texts: readonly string[];
  /** cos(uᵢ, uⱼ) of the base model's embeddings, −1 to 1. */
  readonly before: readonly (readonly number[])[];
  /** cos(uᵢ, uⱼ) after the run, −1 to 1. */
  readonly after: readonly (readonly number[])[];
}

/** Everything `<lora-trainer>` shows about a finished run, as plain data (no model, no tensor). */
export interface RunSummary {
  /** The task. */
  readonly task: TaskName;
  /** Core's result without the model (which is disposed once read). */
  readonly result: Omit<FineTuneResult, 'model'>;
  /** Training, held-out (when there are lines) and general-corpus comparisons. */
  readonly sets: readonly SetComparison[];
  /** Similarity only: the cosine-similarity matrices of the training texts. */
  readonly cosine?: CosineMatrices;
  /** What each layer learned: A, B and ΔW of adapted layers, or ΔW of each layer in a full fine-tune. */
  readonly layers: readonly LayerChange[];
}

/**
 * When a line counts as changed: a class task when the top class differs; regression when a value
 * moved by at least 0.05 (the targets run from 0 to 1); similarity when the cosine moved by at least
 * 0.1 (it runs from −1 to 1).
 */
export const CHANGE_RULES = Object.freeze({ regression: 0.05, similarity: 0.1 });

/** Cosine similarity of two vectors, 0 when either is all zeros. */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 || nb === 0) return 0;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
}

/** Whether the model's answer for a line changed between two predictions. */
export function predictionChanged(before: Prediction, after: Prediction): boolean {
  if (typeof before.predicted === 'string') return before.predicted !== after.predicted;
  if (typeof before.predicted === 'number') {
    return Math.abs((after.predicted as number) - before.predicted) >= CHANGE_RULES.similarity;
  }
  const a = after.predicted as readonly number[];
  return before.predicted.some((value, i) => Math.abs(a[i]! - value) >= CHANGE_RULES.regression);
}

function compare(
  key: SetComparison['key'],
  title: string,
  before: { metrics: TaskMetrics; predictions: readonly Prediction[] },
  after: { metrics: TaskMetrics; predictions: readonly Prediction[] },
): SetComparison {
  return {
    key,
    title,
    metrics: { before: before.metrics, after: after.metrics },
    rows: before.predictions.map((b, i) => {
      const a = after.predictions[i]!;
      return { before: b, after: a, changed: predictionChanged(b, a) };
    }),
  };
}

function cosineMatrices(before: readonly Prediction[], after: readonly Prediction[]): CosineMatrices {
  const texts: string[] = [];
  const embeddings = { before: new Map<string, readonly number[]>(), after: new Map<string, readonly number[]>() };
  const note = (text: string, b: readonly number[] | undefined, a: readonly number[] | undefined) => {
    if (b === undefined || a === undefined || embeddings.before.has(text)) return;
    texts.push(text);
    embeddings.before.set(text, b);
    embeddings.after.set(text, a);
  };
  before.forEach((p, i) => {
    note(p.text, p.output, after[i]?.output);
    if (p.text2 !== undefined) note(p.text2, p.output2, after[i]?.output2);
  });
  const matrix = (by: Map<string, readonly number[]>) =>
    texts.map((s) => texts.map((t) => cosineSimilarity(by.get(s)!, by.get(t)!)));
  return { texts, before: matrix(embeddings.before), after: matrix(embeddings.after) };
}

/**
 * Puts a run's result, the general-corpus evaluations and the layer changes together as the plain
 * data the results view shows.
 *
 * @param result - Core's `fineTune` result (its model is not read).
 * @param general - Core's `evaluate` of the general corpus on the base and on the trained model.
 * @param layers - What each layer learned (see `readLayers`).
 */
export function summarizeRun(
  result: FineTuneResult,
  general: { readonly before: EvalReport; readonly after: EvalReport },
  layers: readonly LayerChange[],
): RunSummary {
  const { model: _model, ...plain } = result;
  const sets: SetComparison[] = [
    compare(
      'train',
      'Training lines',
      { metrics: result.trainMetrics.before, predictions: result.train.before },
      { metrics: result.trainMetrics.after, predictions: result.train.after },
    ),
  ];
  if (result.eval) sets.push(compare('eval', 'Held-out lines', result.eval.before, result.eval.after));
  sets.push(compare('general', 'General corpus (what the base knew)', general.before, general.after));
  return {
    task: result.task,
    result: plain,
    sets,
    ...(result.task === 'similarity' ? { cosine: cosineMatrices(result.train.before, result.train.after) } : {}),
    layers,
  };
}
