import { InvalidOptionError } from '../model/errors.js';
import { LAYER_NAMES, type LayerName } from '../model/layers.js';
import { resolveLoraOptions, type AdapterSpec, type LoraOptions } from '../model/lora-config.js';
import { attachLora, LoraModel } from '../model/lora-model.js';
import { nf4BitsPerParameter, quantizeNf4 } from '../quant/nf4.js';

/** The fine-tuning methods, in the order the demo's race lists them. */
export const FINE_TUNE_METHODS = ['full', 'lora', 'qlora'] as const;

/**
 * `full`: every parameter trained; `lora`: a LoRA adapter on the frozen base; `qlora`: a LoRA adapter
 * on the frozen base after its weight matrices went through an NF4 round trip.
 */
export type FineTuneMethod = (typeof FINE_TUNE_METHODS)[number];

/** The NF4 error of one quantized weight matrix. */
export interface LayerQuantization {
  /** Layer name. */
  readonly layer: LayerName;
  /** Parameter id of the quantized matrix (`fc1.weight` …). */
  readonly id: string;
  /** Number of values quantized. */
  readonly values: number;
  /** Number of absmax blocks (values / block size, rounded up). */
  readonly blocks: number;
  /** Mean |W − dequantized W| (same unit as the weights). */
  readonly meanAbsError: number;
  /** Largest |W − dequantized W|. */
  readonly maxAbsError: number;
}

/** How the frozen base of a QLoRA run was quantized, and what it cost in accuracy. */
export interface QuantizationReport {
  /** The 4-bit data type (NF4, QLoRA). */
  readonly format: 'nf4';
  /** Values per absmax block (64). */
  readonly blockSize: number;
  /** Whether the absmax constants were quantized too. */
  readonly doubleQuant: boolean;
  /** Storage per quantized weight, in bits (4.5, or about 4.127 with double quantization). */
  readonly bitsPerParameter: number;
  /** One entry per weight matrix, input to output. */
  readonly layers: readonly LayerQuantization[];
  /** Mean |error| over every quantized weight. */
  readonly meanAbsError: number;
  /** Largest |error| over every quantized weight. */
  readonly maxAbsError: number;
}

/** Options of {@link prepareModel}. */
export interface PrepareModelOptions {
  /** QLoRA only: quantize the absmax constants too (default true). */
  doubleQuant?: boolean;
}

/** A working model ready to train, with what was done to its base. */
export interface PreparedModel {
  /** The new model; the caller owns it and disposes it. */
  readonly model: LoraModel;
  /** The attached adapter `default` (`null` for `full`). */
  readonly adapter: AdapterSpec | null;
  /** The NF4 quantization of the base (`qlora` only). */
  readonly quantization?: QuantizationReport;
}

/** Validates a method name. */
export function checkMethod(method: unknown): FineTuneMethod {
  if (!(FINE_TUNE_METHODS as readonly unknown[]).includes(method)) {
    throw new InvalidOptionError('method', FINE_TUNE_METHODS.join(', '), `got ${String(method)}`);
  }
  return method as FineTuneMethod;
}

/** Validates LoRA options against a model, naming the option as `lora.<name>` in errors. */
export function checkLoraOptions(base: LoraModel, lora: unknown): LoraOptions {
  if (lora === null || typeof lora !== 'object' || Array.isArray(lora)) {
    throw new InvalidOptionError('lora', 'an object of LoRA options', `got ${String(lora)}`);
  }
  try {
    resolveLoraOptions(lora as LoraOptions, base.spec.layers, base.spec.seed);
  } catch (error) {
    if (error instanceof InvalidOptionError) {
      const detail = error.message.slice(error.field.length + 2, error.message.lastIndexOf('; expected '));
      throw new InvalidOptionError(`lora.${error.field}`, error.accepted, detail);
    }
    throw error;
  }
  return lora as LoraOptions;
}

/** Throws unless `base` is a live {@link LoraModel}. */
export function checkBase(base: unknown): LoraModel {
  if (!(base instanceof LoraModel)) {
    throw new InvalidOptionError('base', 'a LoraModel (createMlp)', `got ${String(base)}`);
  }
  if (base.disposed) throw new InvalidOptionError('base', 'a live LoraModel', 'it was disposed');
  return base;
}

/**
 * Builds the model a fine-tuning run trains, never touching `base`: a copy of the base's weights
 * (unmerged, adapters removed and enabled again), then for `lora` adapter `default` with `lora`
 * (default r 4, α 8 on fc1, fc2), for `qlora` the same after replacing every weight matrix (fc1..fc3;
 * biases stay full precision, as bitsandbytes' `Linear4bit` keeps them) by its NF4 round trip, and
 * for `full` no adapter, so every parameter is trainable.
 *
 * @throws InvalidOptionError for a bad method, LoRA option (`lora.r` …) or `doubleQuant`.
 * @example
 * const { model, quantization } = prepareModel(base, 'qlora', { r: 2 });
 */
export function prepareModel(
  base: LoraModel,
  method: FineTuneMethod = 'lora',
  lora: LoraOptions = {},
  options: PrepareModelOptions = {},
): PreparedModel {
  checkBase(base);
  checkMethod(method);
  if (method !== 'full') checkLoraOptions(base, lora);
  const doubleQuant = options?.doubleQuant ?? true;
  if (typeof doubleQuant !== 'boolean') {
    throw new InvalidOptionError('doubleQuant', 'true or false', `got ${String(doubleQuant)}`);
  }
  const model = base.clone();
  try {
    model.unmerge();
    for (const name of model.adapterNames) model.deleteAdapter(name);
    model.enableAdapters();
    let quantization: QuantizationReport | undefined;
    if (method === 'qlora') {
      const layers = LAYER_NAMES.map((layer): LayerQuantization => {
        const id = `${layer}.weight`;
        const q = quantizeNf4(model.read(id).values, { doubleQuant });
        model.write(id, q.dequantized);
        return Object.freeze({
          layer,
          id,
          values: q.codes.length,
          blocks: q.absmax.length,
          meanAbsError: q.meanAbsError,
          maxAbsError: q.maxAbsError,
        });
      });
      const count = layers.reduce((sum, l) => sum + l.values, 0);
      quantization = Object.freeze({
        format: 'nf4',
        blockSize: 64,
        doubleQuant,
        bitsPerParameter: nf4BitsPerParameter(64, doubleQuant),
        layers: Object.freeze(layers),
        meanAbsError: layers.reduce((sum, l) => sum + l.meanAbsError * l.values, 0) / count,
        maxAbsError: Math.max(...layers.map((l) => l.maxAbsError)),
      });
    }
    const adapter = method === 'full' ? null : attachLora(model, lora, 'default');
    return Object.freeze({ model, adapter, ...(quantization ? { quantization } : {}) });
  } catch (error) {
    model.dispose();
    throw error;
  }
}
