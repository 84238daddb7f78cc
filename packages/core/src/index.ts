/**
 * @lora-viz/core: the toy MLP, LoRA adapters with Hugging Face PEFT's semantics, and the parameter
 * ledger. Headless: runs in Node and in browsers, touches no DOM.
 *
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core ships without gradient functions; training needs them registered once.
import '@tensorflow/tfjs-core/dist/register_all_gradients';

// In Node, tfjs prints a banner recommending tfjs-node on first use; core deliberately runs on the
// CPU backend everywhere (same numbers in Node and browsers), so the advice does not apply.
const host = globalThis as { process?: { versions?: { node?: string } } };
if (typeof host.process?.versions?.node === 'string') {
  tf.env().set('PROD', true);
}

/**
 * The `@tensorflow/tfjs-core` namespace that core computes with (CPU backend, gradients registered), re-exported so
 * that callers create and read tensors with the same tfjs instance as core; see https://js.tensorflow.org/api/4.22.0/.
 */
export { tf };
export { createRng, hashString, MAX_SEED, type Rng } from './util/prng.js';
export { InvalidOptionError } from './model/errors.js';
export { TASKS, TASK_CLASSES, TASK_OUTPUT_SIZE, isTaskName, type TaskName } from './model/tasks.js';
export { LAYER_NAMES, breakEvenRank, isLayerName, type LayerName, type LayerShape } from './model/layers.js';
export {
  MAX_RANK,
  resolveLoraOptions,
  type AdapterLayerSpec,
  type AdapterSpec,
  type InitLoraWeights,
  type LoraOptions,
} from './model/lora-config.js';
export {
  LoraModel,
  attachLora,
  createMlp,
  resolveMlpOptions,
  type ForwardOptions,
  type MlpOptions,
  type ModelChange,
  type ModelSpec,
  type ParameterInfo,
  type ParameterKind,
  type ParameterValues,
} from './model/lora-model.js';
export {
  countParameters,
  formatFixed4,
  formatTrainableParameters,
  type LayerLedger,
  type ParameterLedger,
} from './model/ledger.js';
export { describeLayer, type LayerAdapterMatrices, type LayerMatrices } from './model/describe-layer.js';
export { describeGraph, type DescribeGraphOptions } from './graph/describe-graph.js';
export type {
  GraphEdge,
  GraphEdgeKind,
  GraphLevel,
  GraphNode,
  GraphNodeKind,
  GraphNodeRole,
  ModelGraph,
} from './graph/types.js';
export { lowRankSingularValues, singularValues, type Matrix } from './util/linalg.js';
export {
  TASK_LOSS,
  cosineSimilarityLoss,
  crossEntropy,
  meanSquaredError,
  softmax,
  type LossName,
  type LossResult,
} from './train/losses.js';
export { recordStep, recordSteps, type RecordStepOptions, type TraceSample } from './trace/record-step.js';
export { MAX_SUMMARY_VALUES, summarize } from './trace/summary.js';
export {
  TRACE_EVENT_KINDS,
  type BackwardEvent,
  type ForwardEvent,
  type LossEvent,
  type ParamGradEvent,
  type ParamUpdateEvent,
  type StepEndEvent,
  type StepStartEvent,
  type TraceEvent,
  type ValueSummary,
} from './trace/types.js';
export {
  NF4_CODE,
  NF4_DOUBLE_QUANT_BLOCK,
  nearestNf4Code,
  nf4BitsPerParameter,
  quantizeNf4,
  type Nf4DoubleQuant,
  type Nf4Options,
  type Nf4Quantization,
} from './quant/nf4.js';
export {
  PRIMARY_METRIC,
  accuracy,
  averageRanks,
  confusionMatrix,
  macroF1,
  meanSquaredErrorMetric,
  pearson,
  r2Score,
  spearman,
  type TaskMetrics,
} from './train/metrics.js';
export { evaluate, type EvalReport, type Prediction } from './train/evaluate.js';
export {
  FINE_TUNE_METHODS,
  prepareModel,
  type FineTuneMethod,
  type LayerQuantization,
  type PreparedModel,
  type PrepareModelOptions,
  type QuantizationReport,
} from './train/prepare-model.js';
export {
  DIVERGENCE_FACTOR,
  FINE_TUNE_DEFAULTS,
  fineTune,
  type EpochProgress,
  type FineTuneOptions,
  type FineTuneResult,
  type FineTuneSettings,
  type FineTuneStatus,
  type OptimizerName,
} from './train/fine-tune.js';
export { PRETRAIN_DEFAULTS, pretrainBase, pretrainBaseAsync, type PretrainOptions } from './train/pretrain.js';
export { createTaskBase, createTaskBaseAsync, generalExamples } from './train/task-base.js';
export { rankSweep, type RankSweepOptions, type RankSweepPoint } from './train/rank-sweep.js';
export { frozenChecksum } from './train/frozen-checksum.js';
export { MAX_ANALYZED_CHARS, tokenize, type Token, type TokenKind, type TokenizedText } from './data/tokenize.js';
export { featurize } from './data/featurize.js';
export { featureVector } from './data/feature-vector.js';
export { FEATURES } from './data/features.js';
export type { FeatureSpec } from './data/feature-spec.js';
export { parseLines } from './data/parse-lines.js';
export {
  interpretOutput,
  type ClassProbability,
  type ClassesInterpretation,
  type EmbeddingInterpretation,
  type OutputInterpretation,
  type RegressionInterpretation,
} from './data/interpret-output.js';
export { cosine } from './data/cosine.js';
export { SENTIMENT_TIE_CLASS, inferSentiment, type InferredClass } from './data/infer-sentiment.js';
export { inferCategory } from './data/infer-category.js';
export { inferSimilarity } from './data/infer-similarity.js';
export { REGRESSION_TARGETS, regressionTargets } from './data/regression-targets.js';
export { scoreSentiment, type SentimentContribution, type SentimentScore } from './data/score-sentiment.js';
export { GENERAL_CORPUS } from './data/corpus/general-corpus.js';
export { DEFAULT_TRAINING_TEXT } from './data/corpus/default-training-text.js';
export { DEFAULT_EVAL_TEXT } from './data/corpus/default-eval-text.js';
export { SCENARIOS, type Scenario } from './data/corpus/scenarios.js';
export type {
  ClassExample,
  Example,
  LabelSource,
  LineProblem,
  NamedFeature,
  PairExample,
  ParsedLines,
  RegressionExample,
} from './data/types.js';
export type {
  MlpDescription,
  MlpSizes,
  ModelDescription,
  ModelFamily,
  ModuleDescription,
  ModuleKind,
  TransformerDescription,
  TransformerSizes,
} from './memory/types.js';
export { describeToy, type ToyOptions } from './memory/describe-toy.js';
export { HF_MODEL_TYPES, readHfConfig } from './memory/read-hf-config.js';
export { MODEL_IDS, MODEL_PRESETS, describeModel, type ModelPreset } from './memory/model-presets.js';
export {
  ALL_LINEAR,
  MAX_MEMORY_RANK,
  loraParameters,
  type LoraCountOptions,
  type LoraModuleCount,
  type LoraParameters,
} from './memory/lora-parameters.js';
export {
  ATTENTION_KERNELS,
  DEFAULT_OVERHEAD,
  MAX_BATCH,
  MAX_SEQ,
  MEMORY_OPTIMIZERS,
  PRECISIONS,
  QUANTIZATIONS,
  TRAINING_METHODS,
  estimateMemory,
  type FrameworkOverhead,
  type MemoryBytes,
  type MemoryComponent,
  type MemoryEstimate,
  type MemoryOptimizer,
  type MemoryOptions,
  type Precision,
  type Quantization,
  type ResolvedMemoryOptions,
  type TrainingMethod,
} from './memory/estimate-memory.js';
export {
  activationBytes,
  type ActivationBreakdown,
  type ActivationInput,
  type AttentionKernel,
} from './memory/activation-bytes.js';
export {
  DOUBLE_QUANT_BLOCK_SIZE,
  NF4_BLOCK_SIZE,
  quantConstantBits,
  quantizedStorage,
  type QuantizedStorage,
} from './memory/quantized-storage.js';
export { GPUS, type GpuSpec } from './memory/gpus.js';
export { fitOnGpu, type GpuFit } from './memory/fit-on-gpu.js';
export { rankCurve, type RankCurve, type RankPoint } from './memory/rank-curve.js';
export { BYTES_PER_UNIT, formatBytes, groupDigits, type ByteUnit } from './memory/format-bytes.js';
