import { InvalidOptionError } from '../model/errors.js';
import { formatTrainableParameters } from '../model/ledger.js';
import { activationBytes, type ActivationBreakdown, type AttentionKernel } from './activation-bytes.js';
import { groupDigits } from './format-bytes.js';
import { loraParameters, type LoraCountOptions, type LoraParameters } from './lora-parameters.js';
import { quantConstantBits, quantizedStorage } from './quantized-storage.js';
import type { ModelDescription } from './types.js';

/** How the model is fine-tuned: every weight, a LoRA adapter on a 16/32-bit base, or on a quantized base. */
export type TrainingMethod = 'full' | 'lora' | 'qlora';

/** Storage type of weights that are not quantized. */
export type Precision = 'fp32' | 'fp16' | 'bf16';

/** The optimizer whose states are held per trainable parameter. */
export type MemoryOptimizer = 'adamw' | 'adamw-8bit' | 'sgd' | 'sgd-momentum';

/** How QLoRA stores the frozen base's linear weights. */
export type Quantization = 'nf4' | 'int8';

/** The training methods, in the order a UI lists them. */
export const TRAINING_METHODS: readonly TrainingMethod[] = Object.freeze(['full', 'lora', 'qlora']);
/** The storage precisions (4, 2 and 2 bytes per value), in the order a UI lists them. */
export const PRECISIONS: readonly Precision[] = Object.freeze(['fp32', 'fp16', 'bf16']);
/** The optimizers (8, 2, 0 and 4 bytes of state per trainable parameter), in the order a UI lists them. */
export const MEMORY_OPTIMIZERS: readonly MemoryOptimizer[] = Object.freeze([
  'adamw',
  'adamw-8bit',
  'sgd',
  'sgd-momentum',
]);
/** The quantizations of QLoRA's base (4 and 8 bits per weight), in the order a UI lists them. */
export const QUANTIZATIONS: readonly Quantization[] = Object.freeze(['nf4', 'int8']);
/** The attention kernels, in the order a UI lists them. */
export const ATTENTION_KERNELS: readonly AttentionKernel[] = Object.freeze(['eager', 'flash']);

/** Largest batch accepted (sequences per step). */
export const MAX_BATCH = 65_536;
/** Largest sequence length accepted (tokens). */
export const MAX_SEQ = 1_048_576;

/** A clearly labelled allowance for what the framework itself holds: not from any paper. */
export interface FrameworkOverhead {
  /** Fixed bytes (CUDA context, kernels, cuBLAS workspace). */
  readonly fixedBytes: number;
  /** Fraction of every other component added for allocator fragmentation (0.1 = 10 %). */
  readonly fraction: number;
}

/**
 * The overhead used when it is switched on without numbers: 512 MiB fixed plus 10 %. A rule of thumb,
 * not a measurement: the CUDA context alone takes a few hundred MiB depending on GPU and CUDA version,
 * and PyTorch's caching allocator typically reserves more than it hands out.
 */
export const DEFAULT_OVERHEAD: FrameworkOverhead = Object.freeze({ fixedBytes: 512 * 2 ** 20, fraction: 0.1 });

/** Options of {@link estimateMemory}; every one has a default. */
export interface MemoryOptions extends LoraCountOptions {
  /** `full`, `lora` (default) or `qlora`. */
  method?: TrainingMethod;
  /** LoRA alpha; it sets the scaling alpha/r and no byte (default 8, PEFT's default). */
  alpha?: number;
  /** Storage of the weights that are not quantized (default `fp32` for the toy, `bf16` for real models). */
  precision?: Precision;
  /** QLoRA only: `nf4` (default; QLoRA) or `int8` (LLM.int8(), LoRA on an 8-bit base). */
  quantization?: Quantization;
  /** QLoRA with NF4 only: quantize the quantization constants too (default true, as in the QLoRA paper). */
  doubleQuant?: boolean;
  /** Storage of the adapter weights (default `fp32`: PEFT upcasts fp16/bf16 adapters, `autocast_adapter_dtype=True`). */
  adapterPrecision?: Precision;
  /** Optimizer (default `adamw`). */
  optimizer?: MemoryOptimizer;
  /** Keep an fp32 master copy of 16-bit trainable weights, as mixed-precision training does (default false). */
  masterWeights?: boolean;
  /** Sequences per step, 1 to 65,536 (default 1). */
  batch?: number;
  /** Tokens per sequence, 1 to 1,048,576 (default 512; the toy ignores it). */
  seq?: number;
  /** Full gradient checkpointing (default false). */
  checkpointing?: boolean;
  /** `eager` attention scores, as in the paper (default), or a `flash` kernel that keeps none. */
  attention?: AttentionKernel;
  /** Add a framework overhead line: `true` for {@link DEFAULT_OVERHEAD}, or your own numbers (default false). */
  overhead?: boolean | FrameworkOverhead;
}

/** Every option of {@link MemoryOptions} with its default filled in. */
export interface ResolvedMemoryOptions {
  /** Training method. */
  readonly method: TrainingMethod;
  /** LoRA rank, or `null` for full fine-tuning. */
  readonly rank: number | null;
  /** LoRA alpha (scaling alpha / r). */
  readonly alpha: number;
  /** LoRA targets as given (empty for full fine-tuning). */
  readonly targets: readonly string[];
  /** Storage of unquantized weights and of activations. */
  readonly precision: Precision;
  /** QLoRA's base format (unused by the other methods). */
  readonly quantization: Quantization;
  /** Whether NF4 constants are double-quantized (QLoRA with NF4 only). */
  readonly doubleQuant: boolean;
  /** Storage of the adapter weights. */
  readonly adapterPrecision: Precision;
  /** Optimizer. */
  readonly optimizer: MemoryOptimizer;
  /** Whether an fp32 master copy of 16-bit trainable weights is kept. */
  readonly masterWeights: boolean;
  /** Sequences per step. */
  readonly batch: number;
  /** Tokens per sequence. */
  readonly seq: number;
  /** Full gradient checkpointing. */
  readonly checkpointing: boolean;
  /** Attention kernel. */
  readonly attention: AttentionKernel;
  /** The overhead allowance, or `null` when off. */
  readonly overhead: FrameworkOverhead | null;
}

/** Bytes by component; every value is an integer. */
export interface MemoryBytes {
  /** The model's weights (the frozen base for LoRA, packed 4- or 8-bit values for QLoRA's linear layers). */
  readonly weights: number;
  /** QLoRA's quantization constants (0 otherwise). */
  readonly quantConstants: number;
  /** LoRA's A and B (0 for full fine-tuning). */
  readonly adapters: number;
  /** One gradient per trainable parameter. */
  readonly gradients: number;
  /** Optimizer states, and the fp32 master copy when one is kept (ZeRO counts it there). */
  readonly optimizer: number;
  /** Activations kept for the backward pass. */
  readonly activations: number;
  /** The framework overhead, present only when asked for. */
  readonly overhead?: number;
  /** Sum of the components. */
  readonly total: number;
}

/** Component names of {@link MemoryBytes}, in display order (`overhead` only when present). */
export type MemoryComponent = keyof MemoryBytes;

/** A memory estimate: plain, structured-cloneable data. */
export interface MemoryEstimate {
  /** The model's id. */
  readonly model: string;
  /** The method. */
  readonly method: TrainingMethod;
  /** Parameters: `total` of the base model, `trainable` (the adapter, or all for full), `frozen`. */
  readonly params: {
    /** Parameters of the base model, adapters not included. */
    readonly total: number;
    /** Parameters that receive gradients: the adapter's, or every one for full fine-tuning. */
    readonly trainable: number;
    /** Base parameters that stay fixed: all of them under LoRA and QLoRA, none for full fine-tuning. */
    readonly frozen: number;
  };
  /** PEFT's `print_trainable_parameters` line (full fine-tuning: every parameter trainable). */
  readonly peft: string;
  /** Bytes by component. */
  readonly bytes: MemoryBytes;
  /** For each component, how it was computed, with this estimate's numbers and the source. */
  readonly formulae: Readonly<Partial<Record<MemoryComponent, string>>>;
  /** The options used, defaults filled in. */
  readonly settings: ResolvedMemoryOptions;
  /** The adapter's parameter counts, or `null` for full fine-tuning. */
  readonly lora: LoraParameters | null;
  /** Activations in detail. */
  readonly activations: ActivationBreakdown;
  /** Non-fatal remarks about the settings. */
  readonly warnings: readonly string[];
}

const SOURCE = {
  zero: 'Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", §3.1',
  qlora: 'Dettmers et al. 2023, "QLoRA: Efficient Finetuning of Quantized LLMs", §3',
  int8: 'Dettmers et al. 2022, "LLM.int8()" (bitsandbytes Linear8bitLt)',
  adam8: 'Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization"',
  lora: 'Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models", §4.1',
  peft: "PEFT's default autocast_adapter_dtype=True upcasts fp16/bf16 adapter weights to fp32 (cast_adapter_dtype)",
} as const;

const BYTES: Readonly<Record<Precision, number>> = { fp32: 4, fp16: 2, bf16: 2 };

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new InvalidOptionError(field, allowed.join(', '), `got ${JSON.stringify(v)}`);
  }
  return v as T;
}

function bool(field: string, value: unknown, fallback: boolean): boolean {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw new InvalidOptionError(field, 'true or false', `got ${String(v)}`);
  return v;
}

function integer(field: string, value: unknown, fallback: number, max: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    throw new InvalidOptionError(field, `an integer from 1 to ${groupDigits(max)}`, `got ${String(v)}`);
  }
  return v;
}

function readOverhead(value: unknown): FrameworkOverhead | null {
  if (value === undefined || value === false) return null;
  if (value === true) return DEFAULT_OVERHEAD;
  const accepted = 'true, false or { fixedBytes: a whole number ≥ 0, fraction: a number ≥ 0 }';
  if (value === null || typeof value !== 'object')
    throw new InvalidOptionError('overhead', accepted, `got ${String(value)}`);
  const { fixedBytes, fraction } = value as Partial<FrameworkOverhead>;
  if (typeof fixedBytes !== 'number' || !Number.isSafeInteger(fixedBytes) || fixedBytes < 0) {
    throw new InvalidOptionError('overhead', accepted, `fixedBytes is ${String(fixedBytes)}`);
  }
  if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0) {
    throw new InvalidOptionError('overhead', accepted, `fraction is ${String(fraction)}`);
  }
  return Object.freeze({ fixedBytes, fraction });
}

const OPTIMIZER_STATE_BYTES: Readonly<Record<MemoryOptimizer, number>> = {
  adamw: 8,
  'adamw-8bit': 2,
  sgd: 0,
  'sgd-momentum': 4,
};

const OPTIMIZER_TEXT: Readonly<Record<MemoryOptimizer, string>> = {
  adamw:
    'AdamW keeps two fp32 states per trainable parameter (exp_avg, exp_avg_sq): 8 bytes (Loshchilov & Hutter 2019)',
  'adamw-8bit': `8-bit AdamW keeps the two states in 1 byte each: 2 bytes (${SOURCE.adam8}; its block-wise absmax constants, under 0.01 byte per parameter, and the 32-bit states bitsandbytes keeps for tensors under 4,096 values are left out)`,
  sgd: 'plain SGD keeps no state: 0 bytes',
  'sgd-momentum': 'SGD with momentum keeps one fp32 momentum buffer: 4 bytes',
};

/**
 * Estimates the GPU memory of one fine-tuning step, by component, for full fine-tuning, LoRA or QLoRA:
 * pure arithmetic over the model description, fast enough to rerun on every control change.
 *
 * Full fine-tuning with AdamW costs 2 + 2 + 12 = 16 bytes per parameter in mixed precision with an fp32
 * master copy (ZeRO, §3.1) and 2 + 2 + 8 = 12 in pure bf16 without one; LoRA keeps the base frozen and
 * pays gradients and optimizer states for the adapter only; QLoRA stores the base's linear weights in
 * NF4. Activations follow Korthikanti et al. 2022 (see `activationBytes`).
 *
 * @throws InvalidOptionError naming the option (`method`, `rank`, `targets`, `precision`, `batch` …).
 * @example
 * estimateMemory(describeModel('llama-2-7b'), { method: 'qlora', rank: 8 }).bytes.total;
 */
export function estimateMemory(description: ModelDescription, options: MemoryOptions = {}): MemoryEstimate {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', 'an object of memory options', `got ${String(options)}`);
  }
  const toy = description.family === 'mlp';
  const method = oneOf('method', options.method, TRAINING_METHODS, 'lora');
  const precision = oneOf('precision', options.precision, PRECISIONS, toy ? 'fp32' : 'bf16');
  const quantization = oneOf('quantization', options.quantization, QUANTIZATIONS, 'nf4');
  const doubleQuant = bool('doubleQuant', options.doubleQuant, true);
  const adapterPrecision = oneOf('adapterPrecision', options.adapterPrecision, PRECISIONS, 'fp32');
  const optimizer = oneOf('optimizer', options.optimizer, MEMORY_OPTIMIZERS, 'adamw');
  const masterWeights = bool('masterWeights', options.masterWeights, false);
  const batch = integer('batch', options.batch, 1, MAX_BATCH);
  const seq = integer('seq', options.seq, 512, MAX_SEQ);
  const checkpointing = bool('checkpointing', options.checkpointing, false);
  const attention = oneOf('attention', options.attention, ATTENTION_KERNELS, 'eager');
  const overhead = readOverhead(options.overhead);
  const alpha = options.alpha ?? 8;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new InvalidOptionError('alpha', 'a finite number', `got ${String(alpha)}`);
  }
  const lora = method === 'full' ? null : loraParameters(description, options);
  const warnings: string[] = [...(lora?.warnings ?? [])];

  const P = description.totalParams;
  const pb = BYTES[precision];
  const formulae: Partial<Record<MemoryComponent, string>> = {};

  // Weights and quantization constants.
  let weights = P * pb;
  let quantConstants = 0;
  formulae.weights = `${groupDigits(P)} parameters × ${pb} bytes (${precision}) = ${groupDigits(weights)} bytes${
    method === 'full' ? '' : '; the base is frozen, stored at the chosen precision'
  }`;
  formulae.quantConstants = 'no quantization: 0 bytes';
  if (method === 'qlora') {
    let quantized = 0;
    let tensors = 0;
    let data = 0;
    for (const m of description.modules) {
      // bitsandbytes replaces nn.Linear and Conv1D layers; the output head, embeddings and norms stay unquantized.
      if ((m.kind !== 'linear' && m.kind !== 'conv1d') || m.outputHead || m.tiedTo !== null) continue;
      const storage = quantizedStorage(m.out, m.in, quantization, doubleQuant);
      quantized += m.count * m.weight;
      tensors += m.count;
      data += m.count * storage.data;
      quantConstants += m.count * storage.constants;
    }
    const rest = P - quantized;
    weights = data + rest * pb;
    const bits = quantization === 'nf4' ? 4 : 8;
    formulae.weights =
      `${groupDigits(quantized)} weights of ${tensors} quantized linear layers × ${bits} bits = ${groupDigits(data)} bytes ` +
      `+ ${groupDigits(rest)} other parameters (embeddings, norms, biases, output head, which bitsandbytes leaves unquantized) ` +
      `× ${pb} bytes (${precision}) = ${groupDigits(weights)} bytes (${quantization === 'nf4' ? SOURCE.qlora : SOURCE.int8})`;
    formulae.quantConstants =
      quantization === 'int8'
        ? `one fp32 scale per output row of each int8 layer: ${groupDigits(quantConstants)} bytes (${SOURCE.int8})`
        : doubleQuant
          ? `double quantization: an 8-bit absmax per 64 weights and an fp32 constant per 256 absmax values, ` +
            `8/64 + 32/(64·256) = ${quantConstantBits(true)} bit per weight, plus one fp32 offset per tensor: ` +
            `${groupDigits(quantConstants)} bytes (${SOURCE.qlora}, Double Quantization)`
          : `one fp32 absmax per block of 64 weights, 32/64 = ${quantConstantBits(false)} bit per weight: ` +
            `${groupDigits(quantConstants)} bytes (${SOURCE.qlora})`;
  }

  // What is trained, and in which type.
  const trainable = lora === null ? P : lora.trainable;
  const trainPrecision = lora === null ? precision : adapterPrecision;
  const tb = BYTES[trainPrecision];
  const adapters = lora === null ? 0 : lora.adapter * BYTES[adapterPrecision];
  formulae.adapters =
    lora === null
      ? 'full fine-tuning: no adapter, 0 bytes'
      : `${groupDigits(lora.adapter)} adapter parameters (r·(in + out) per adapted module: A is r×in, B is out×r; ${SOURCE.lora}) ` +
        `× ${BYTES[adapterPrecision]} bytes (${adapterPrecision}${adapterPrecision === 'fp32' ? `: ${SOURCE.peft}` : ''}) = ${groupDigits(adapters)} bytes`;
  const gradients = trainable * tb;
  formulae.gradients =
    `${groupDigits(trainable)} trainable parameters × ${tb} bytes (${trainPrecision}, the type of the weights they belong to) = ` +
    `${groupDigits(gradients)} bytes; frozen parameters get no gradient`;

  const master = masterWeights && tb < 4;
  if (masterWeights && !master)
    warnings.push('an fp32 master copy has no effect: the trainable weights are already fp32');
  if (trainPrecision === 'fp16' && !masterWeights) {
    warnings.push(
      'fp16 trainable weights without an fp32 master copy: PyTorch AMP refuses to unscale fp16 gradients ' +
        '("Attempting to unscale FP16 gradients"); use bf16, fp32 adapters, or an fp32 master copy',
    );
  }
  const perParam = OPTIMIZER_STATE_BYTES[optimizer] + (master ? 4 : 0);
  const optimizerBytes = trainable * perParam;
  formulae.optimizer =
    `${groupDigits(trainable)} trainable parameters × ${perParam} bytes = ${groupDigits(optimizerBytes)} bytes: ${OPTIMIZER_TEXT[optimizer]}` +
    (master
      ? `, plus an fp32 master copy of the ${trainPrecision} weights (4 bytes), which ZeRO counts with the optimizer ` +
        `states: mixed-precision Adam is 2 + 2 + 12 = 16 bytes per parameter (${SOURCE.zero})`
      : method === 'full' && tb === 2 && optimizer === 'adamw'
        ? `; no master copy (pure ${trainPrecision}): 2 + 2 + 8 = 12 bytes per parameter, against ZeRO's 16 with one (${SOURCE.zero})`
        : '');

  if (toy && checkpointing)
    warnings.push('gradient checkpointing has no effect on the toy MLP: it has no transformer layers');
  if (toy && options.seq !== undefined)
    warnings.push('sequence length has no effect on the toy MLP: it reads one vector per sample');
  const act = activationBytes(description, {
    batch,
    seq,
    elementBytes: pb,
    checkpointing: checkpointing && !toy,
    attention,
    layerRanks: lora?.layerRanks ?? [],
    otherRanks: lora?.otherRanks ?? 0,
  });
  formulae.activations = `${groupDigits(act.total)} bytes: ${act.formula}`;

  const parts = weights + quantConstants + adapters + gradients + optimizerBytes + act.total;
  const overheadBytes = overhead === null ? undefined : overhead.fixedBytes + Math.round(overhead.fraction * parts);
  if (overhead !== null) {
    formulae.overhead =
      `framework overhead (an assumed allowance, not from a paper): ${groupDigits(overhead.fixedBytes)} bytes fixed ` +
      `(CUDA context, kernels) + ${overhead.fraction} × the other components (allocator fragmentation) = ${groupDigits(overheadBytes!)} bytes`;
  }
  const total = parts + (overheadBytes ?? 0);
  if (!Number.isSafeInteger(total)) {
    throw new InvalidOptionError(
      'batch',
      'a batch and sequence length whose total stays below 2^53 bytes (8 PiB)',
      `batch ${batch} × seq ${seq} gives ${total} bytes`,
    );
  }
  formulae.total = `sum of the components: ${groupDigits(total)} bytes`;

  const bytes: MemoryBytes = {
    weights,
    quantConstants,
    adapters,
    gradients,
    optimizer: optimizerBytes,
    activations: act.total,
    ...(overheadBytes === undefined ? {} : { overhead: overheadBytes }),
    total,
  };
  return Object.freeze({
    model: description.id,
    method,
    params: Object.freeze({ total: P, trainable, frozen: lora === null ? 0 : P }),
    peft: lora === null ? formatTrainableParameters(P, P) : lora.peft,
    bytes: Object.freeze(bytes),
    formulae: Object.freeze(formulae),
    settings: Object.freeze({
      method,
      rank: lora?.rank ?? null,
      alpha,
      targets: lora?.targets ?? Object.freeze([]),
      precision,
      quantization,
      doubleQuant,
      adapterPrecision,
      optimizer,
      masterWeights,
      batch,
      seq,
      checkpointing,
      attention,
      overhead,
    }),
    lora,
    activations: act,
    warnings: Object.freeze(warnings),
  });
}
