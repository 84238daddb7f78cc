import { InvalidOptionError } from '../model/errors.js';
import { describeToy } from '../memory/describe-toy.js';
import {
  ATTENTION_KERNELS,
  estimateMemory,
  MAX_BATCH,
  MAX_SEQ,
  MEMORY_OPTIMIZERS,
  PRECISIONS,
  QUANTIZATIONS,
  TRAINING_METHODS,
  type MemoryComponent,
  type MemoryEstimate,
  type MemoryOptions,
} from '../memory/estimate-memory.js';
import { fitOnGpu } from '../memory/fit-on-gpu.js';
import { formatBytes, groupDigits } from '../memory/format-bytes.js';
import { GPUS } from '../memory/gpus.js';
import { MAX_MEMORY_RANK } from '../memory/lora-parameters.js';
import { describeModel, MODEL_IDS } from '../memory/model-presets.js';
import { readHfConfig } from '../memory/read-hf-config.js';
import type { ModelDescription } from '../memory/types.js';
import type { CliIo } from './cli-io.js';
import type { CommandResult } from './command-result.js';
import { UsageError, quote } from './usage-error.js';
import { parseInteger, parseNumber, parseTask } from './values.js';

type Options = ReadonlyMap<string, string | true>;

/** Options of estimateMemory (InvalidOptionError.field) and the CLI options that set them. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  rank: '--rank',
  alpha: '--alpha',
  targets: '--targets',
  rankPattern: '--rank',
  method: '--method',
  precision: '--precision',
  adapterPrecision: '--adapter-precision',
  quantization: '--quant',
  optimizer: '--optimizer',
  batch: '--batch',
  seq: '--seq',
  attention: '--attention',
  gpu: '--gpu',
  task: '--task',
  inputDim: '--input-dim',
  hidden: '--hidden',
};

/** The toy's options: meaningless beside --model or --config. */
const TOY_FLAGS = ['--task', '--input-dim', '--hidden'] as const;
/** Options that only configure an adapter. */
const ADAPTER_FLAGS = ['--rank', '--alpha', '--targets', '--adapter-precision'] as const;
/** Options that only configure QLoRA's quantization. */
const QLORA_FLAGS = ['--quant', '--double-quant', '--no-double-quant'] as const;

/** The component lines in the order the JSON lists them. */
const COMPONENTS: readonly MemoryComponent[] = [
  'weights',
  'quantConstants',
  'adapters',
  'gradients',
  'optimizer',
  'activations',
  'overhead',
  'total',
];

function text(options: Options, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function choice<T extends string>(options: Options, flag: string, allowed: readonly T[]): T | undefined {
  const raw = text(options, flag);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got ${quote(raw)})`);
  }
  return raw as T;
}

/** The detail of a core error, without the field in front and the accepted values behind. */
function detailOf(error: InvalidOptionError): string {
  const prefix = `${error.field}: `;
  const suffix = `; expected ${error.accepted}`;
  const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return detail.endsWith(suffix) ? detail.slice(0, -suffix.length) : detail;
}

function fromCore(error: InvalidOptionError): UsageError {
  const flag = Object.hasOwn(FLAG_OF_FIELD, error.field) ? FLAG_OF_FIELD[error.field]! : error.field;
  return new UsageError(`${flag} must be ${error.accepted} (${detailOf(error)})`);
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function readDescription(options: Options, io: CliIo): ModelDescription {
  const model = text(options, '--model');
  const config = text(options, '--config');
  if (model !== undefined && config !== undefined) {
    throw new UsageError('--model and --config are alternatives: give one of them, or neither for the toy MLP');
  }
  if (model !== undefined || config !== undefined) {
    const toyFlag = TOY_FLAGS.find((flag) => options.has(flag));
    if (toyFlag) {
      throw new UsageError(
        `${toyFlag} sizes the toy MLP and cannot be combined with ${model ? '--model' : '--config'}`,
      );
    }
  }
  if (model !== undefined) {
    if (!MODEL_IDS.includes(model)) {
      throw new UsageError(`--model must be one of ${MODEL_IDS.join(', ')} (got ${quote(model)}; see lora-viz models)`);
    }
    return describeModel(model);
  }
  if (config !== undefined) {
    if (!io.readFile) throw new UsageError('--config needs to read a file, which this host does not allow');
    let source: string;
    try {
      source = io.readFile(config);
    } catch (error) {
      throw new UsageError(
        `--config cannot read ${quote(config)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch (error) {
      throw new UsageError(
        `--config ${quote(config)} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    try {
      // A config saved by transformers names its model in `_name_or_path`; otherwise the file name does.
      const named = typeof (json as { _name_or_path?: unknown } | null)?._name_or_path === 'string';
      return readHfConfig(json, named ? undefined : baseName(config));
    } catch (error) {
      if (!(error instanceof InvalidOptionError)) throw error;
      // The field is the JSON key: say so, rather than pretend it is a CLI option.
      throw new UsageError(
        `--config ${quote(config)}: "${error.field}" must be ${error.accepted} (${detailOf(error)})`,
      );
    }
  }
  try {
    return describeToy({
      task: text(options, '--task') === undefined ? undefined : parseTask('--task', text(options, '--task')!),
      inputDim:
        text(options, '--input-dim') === undefined
          ? undefined
          : parseInteger('--input-dim', text(options, '--input-dim')!, 1, 4096),
      hidden:
        text(options, '--hidden') === undefined
          ? undefined
          : parseInteger('--hidden', text(options, '--hidden')!, 1, 4096),
    });
  } catch (error) {
    throw error instanceof InvalidOptionError ? fromCore(error) : error;
  }
}

function readTargets(raw: string): string[] {
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new UsageError(
      `--targets must be a comma-separated list of module names, or all-linear (got ${quote(raw)}: an empty item)`,
    );
  }
  return items;
}

function readOptions(options: Options, toy: boolean): { memory: MemoryOptions; warnings: string[] } {
  const method = choice(options, '--method', TRAINING_METHODS) ?? 'lora';
  if (options.has('--double-quant') && options.has('--no-double-quant')) {
    throw new UsageError('--double-quant and --no-double-quant contradict each other: give one of them');
  }
  const warnings: string[] = [];
  const ignored = (flags: readonly string[], why: string) => {
    for (const flag of flags) if (options.has(flag)) warnings.push(`${flag} is ignored ${why}`);
  };
  if (method === 'full') ignored(ADAPTER_FLAGS, 'with --method full (no adapter)');
  if (method !== 'qlora') ignored(QLORA_FLAGS, `with --method ${method} (nothing is quantized)`);
  if (toy)
    ignored(
      ['--attention', '--seq', '--checkpointing'],
      'for the toy MLP (one vector per sample, no attention layers)',
    );

  const rankText = text(options, '--rank');
  const alphaText = text(options, '--alpha');
  const targetsText = text(options, '--targets');
  const batchText = text(options, '--batch');
  const seqText = text(options, '--seq');
  const adapterFlagsApply = method !== 'full';
  const memory: MemoryOptions = {
    method,
    rank:
      adapterFlagsApply && rankText !== undefined
        ? parseInteger('--rank', rankText, 1, MAX_MEMORY_RANK, `a positive integer up to ${MAX_MEMORY_RANK}`)
        : undefined,
    alpha: adapterFlagsApply && alphaText !== undefined ? parseNumber('--alpha', alphaText) : undefined,
    targets: adapterFlagsApply && targetsText !== undefined ? readTargets(targetsText) : undefined,
    adapterPrecision: adapterFlagsApply ? choice(options, '--adapter-precision', PRECISIONS) : undefined,
    precision: choice(options, '--precision', PRECISIONS),
    quantization: method === 'qlora' ? choice(options, '--quant', QUANTIZATIONS) : undefined,
    doubleQuant: options.has('--no-double-quant') ? false : options.has('--double-quant') ? true : undefined,
    optimizer: choice(options, '--optimizer', MEMORY_OPTIMIZERS),
    masterWeights: options.has('--master-weights'),
    batch: batchText === undefined ? undefined : parseInteger('--batch', batchText, 1, MAX_BATCH),
    seq: seqText === undefined || toy ? undefined : parseInteger('--seq', seqText, 1, MAX_SEQ),
    checkpointing: !toy && options.has('--checkpointing'),
    attention: toy ? undefined : choice(options, '--attention', ATTENTION_KERNELS),
    overhead: options.has('--overhead'),
  };
  return { memory, warnings };
}

function describeModelLine(d: ModelDescription): string {
  if (d.family === 'mlp') return `${d.label}: ${groupDigits(d.totalParams)} parameters`;
  const s = d.sizes;
  const kv = s.kvHeads === s.heads ? '' : ` (${s.kvHeads} key/value heads)`;
  return (
    `${d.label} [${d.id}, ${d.family} family]: ${groupDigits(d.totalParams)} parameters; ${s.layers} layers, ` +
    `hidden ${s.hidden}, MLP ${s.intermediate}, ${s.heads} heads${kv}, vocabulary ${s.vocab}` +
    (s.tiedEmbeddings ? ', tied embeddings' : '')
  );
}

function describeSetup(e: MemoryEstimate, toy: boolean): string {
  const s = e.settings;
  const parts: string[] = [];
  if (e.lora === null) {
    parts.push(`full fine-tuning, weights ${s.precision}`);
  } else {
    const scaling = s.alpha / e.lora.rank;
    parts.push(
      `${e.method}, r=${e.lora.rank}, alpha=${s.alpha} (scaling ${scaling}), targets ${e.lora.targets.join(', ')}`,
      e.method === 'qlora'
        ? `base ${s.quantization}${s.quantization === 'nf4' ? (s.doubleQuant ? ' with double quantization' : ' without double quantization') : ''}, others ${s.precision}`
        : `base ${s.precision}`,
      `adapters ${s.adapterPrecision}`,
    );
  }
  parts.push(`${s.optimizer}${s.masterWeights ? ' with fp32 master weights' : ''}`);
  parts.push(
    toy
      ? `batch ${s.batch}`
      : `batch ${s.batch} × ${s.seq} tokens, ${s.attention} attention${s.checkpointing ? ', gradient checkpointing' : ''}`,
  );
  return parts.join('; ');
}

function textReport(d: ModelDescription, e: MemoryEstimate, gpuLine: string | null): string {
  const rows = COMPONENTS.filter((c) => e.bytes[c] !== undefined).map((c) => {
    const bytes = e.bytes[c]!;
    const share = e.bytes.total === 0 ? 0 : (100 * bytes) / e.bytes.total;
    return [c, groupDigits(bytes), (bytes / 2 ** 30).toFixed(2), `${share.toFixed(1)}%`];
  });
  const header = ['component', 'bytes', 'GiB', 'share'];
  const table = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const lines = table.map((row) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
  );
  const formulae = COMPONENTS.filter((c) => e.formulae[c] !== undefined).map((c) => `  ${c}: ${e.formulae[c]}`);
  return [
    `model:  ${describeModelLine(d)}`,
    `setup:  ${describeSetup(e, d.family === 'mlp')}`,
    `peft:   ${e.peft}`,
    ...(gpuLine ? [`gpu:    ${gpuLine}`] : []),
    '',
    ...lines,
    '',
    'How each line is computed:',
    ...formulae,
  ].join('\n');
}

/**
 * `lora-viz memory`: the GPU memory of fine-tuning a built-in model (`--model`), a Hugging Face
 * `config.json` (`--config`) or the toy MLP, by component. `--json` prints
 * `{"model","method","params":{"total","trainable","frozen"},"peft","bytes":{…},"formulae":{…}}`
 * (and `"gpu"` with `--gpu`); bytes are integers.
 *
 * @throws UsageError naming the option at fault and what it accepts.
 */
export function memoryCommand(options: Options, io: CliIo): CommandResult {
  const description = readDescription(options, io);
  const toy = description.family === 'mlp';
  const { memory, warnings } = readOptions(options, toy);
  const gpuId = text(options, '--gpu');
  if (gpuId !== undefined && !GPUS.some((g) => g.id === gpuId)) {
    throw new UsageError(`--gpu must be one of ${GPUS.map((g) => g.id).join(', ')} (got ${quote(gpuId)})`);
  }
  let estimate: MemoryEstimate;
  let fit: ReturnType<typeof fitOnGpu> | null = null;
  try {
    estimate = estimateMemory(description, memory);
    if (gpuId !== undefined) fit = fitOnGpu(description, memory, gpuId);
  } catch (error) {
    throw error instanceof InvalidOptionError ? fromCore(error) : error;
  }
  const allWarnings = [...warnings, ...estimate.warnings];
  const bytes = Object.fromEntries(
    COMPONENTS.filter((c) => estimate.bytes[c] !== undefined).map((c) => [c, estimate.bytes[c]]),
  );
  const formulae = Object.fromEntries(
    COMPONENTS.filter((c) => estimate.formulae[c] !== undefined).map((c) => [c, estimate.formulae[c]]),
  );
  if (options.has('--json')) {
    const doc = {
      model: estimate.model,
      method: estimate.method,
      params: estimate.params,
      peft: estimate.peft,
      bytes,
      formulae,
      ...(fit === null
        ? {}
        : {
            gpu: {
              id: fit.gpu.id,
              name: fit.gpu.name,
              bytes: fit.gpu.bytes,
              fits: fit.fits,
              headroom: fit.headroom,
              largestBatch: fit.largestBatch,
            },
          }),
    };
    return { stdout: `${JSON.stringify(doc)}\n`, warnings: allWarnings };
  }
  const gpuLine =
    fit === null
      ? null
      : `${fit.gpu.name} (${formatBytes(fit.gpu.bytes, 'GiB')}): ${fit.fits ? 'fits' : 'does not fit'}, ` +
        `headroom ${formatBytes(fit.headroom, 'GiB')}; largest batch that fits: ${fit.largestBatch}`;
  return { stdout: `${textReport(description, estimate, gpuLine)}\n`, warnings: allWarnings };
}
