import {
  createTaskBase,
  FINE_TUNE_DEFAULTS,
  FINE_TUNE_METHODS,
  fineTune,
  parseLines,
  type EvalReport,
  type Example,
  type FineTuneMethod,
  type FineTuneResult,
  type Prediction,
  type TaskName,
} from '../index.js';
import type { CliIo } from './cli-io.js';
import type { CommandResult } from './command-result.js';
import { readModelOptions } from './model-options.js';
import { UsageError, quote } from './usage-error.js';
import { parseInteger, parseNumber } from './values.js';

type Options = ReadonlyMap<string, string | true>;

/** Thrown when a run diverged: the CLI exits 3 with the reason on stderr. */
export class TrainingDivergedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TrainingDivergedError';
  }
}

function text(options: Options, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Reads `--data`/`--eval` (a path, or `-` for standard input) and parses its lines for the task. */
function readExamples(io: CliIo, options: Options, flag: string, task: TaskName): readonly Example[] {
  const source = text(options, flag)!;
  let content: string;
  try {
    if (source === '-') {
      if (io.readStdin === undefined) throw new Error('standard input is not available here');
      content = io.readStdin();
    } else {
      if (io.readFile === undefined) throw new Error('files cannot be read here');
      content = io.readFile(source);
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${flag} ${quote(source)} cannot be read: ${why}`);
  }
  const parsed = parseLines(task, content);
  if (parsed.problems.length > 0) {
    const first = parsed.problems[0]!;
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more bad lines)` : '';
    throw new UsageError(`${flag} ${source === '-' ? 'stdin' : quote(source)}, ${first.message}${more}`);
  }
  if (parsed.examples.length === 0) {
    throw new UsageError(`${flag} ${source === '-' ? 'stdin' : quote(source)} has no lines to train on`);
  }
  return parsed.examples;
}

/** One prediction as the JSON contract of `train` spells it: text, label, output, predicted. */
function predictionJson(p: Prediction): Record<string, unknown> {
  return {
    text: p.text,
    ...(p.text2 === undefined ? {} : { text2: p.text2 }),
    label: p.label,
    output: p.output,
    ...(p.output2 === undefined ? {} : { output2: p.output2 }),
    predicted: p.predicted,
  };
}

function reportJson(report: EvalReport): Record<string, unknown> {
  return { ...report.metrics, predictions: report.predictions.map(predictionJson) };
}

function formatMetrics(metrics: Readonly<Record<string, number>>): string {
  return Object.entries(metrics)
    .map(([name, value]) => `${name} ${value.toFixed(4)}`)
    .join(', ');
}

function formatPrediction(p: Prediction): string {
  const show = (v: Prediction['label']) =>
    typeof v === 'string' ? v : typeof v === 'number' ? v.toFixed(3) : `[${v.map((x) => x.toFixed(3)).join(', ')}]`;
  const textPart = p.text2 === undefined ? p.text : `${p.text} | ${p.text2}`;
  return `${show(p.label)} -> ${show(p.predicted)}  ${textPart}`;
}

function textReport(result: FineTuneResult): string {
  const lines = [
    `${result.task}, ${result.method}: ${result.peft}`,
    `epochs ${result.epochs}, ${result.settings.optimizer} lr ${result.settings.lr}, batch ${result.settings.batchSize}, seed ${result.settings.seed}`,
    `loss per epoch: ${result.losses.map((l) => l.toPrecision(4)).join(' ')}`,
    `training lines: ${formatMetrics(result.trainMetrics.before)} -> ${formatMetrics(result.trainMetrics.after)}`,
  ];
  if (result.eval) {
    lines.push(
      `held-out lines: ${formatMetrics(result.eval.before.metrics)} -> ${formatMetrics(result.eval.after.metrics)}`,
    );
  }
  lines.push(
    result.method === 'full'
      ? 'base weights changed (full fine-tuning trains them)'
      : `frozen weights unchanged: ${result.frozenUnchanged ? 'yes' : 'NO'} (checksum ${result.frozenChecksum.after})`,
    '',
    'label -> prediction after training:',
    ...result.train.after.map(formatPrediction),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `lora-viz train`: fine-tunes the task's pretrained base on the lines of `--data` (a file, or `-`
 * for stdin) with full fine-tuning, LoRA or QLoRA, and prints the loss per epoch and predictions
 * before and after; `--json`: the document of issue #5.
 *
 * @throws UsageError for a bad option or a bad line; TrainingDivergedError when the loss blows up.
 */
export async function trainCommand(options: Options, io: CliIo): Promise<CommandResult> {
  if (text(options, '--data') === undefined) {
    throw new UsageError('--data is required: a file of training lines, or - for standard input');
  }
  const inputDim = text(options, '--input-dim');
  if (inputDim !== undefined && inputDim !== '8') {
    throw new UsageError(
      `--input-dim must be 8 for train: each line is featurized into 8 numbers (got ${quote(inputDim)})`,
    );
  }
  const method = (text(options, '--method') ?? (options.has('--no-lora') ? 'full' : 'lora')) as FineTuneMethod;
  if (!FINE_TUNE_METHODS.includes(method)) {
    throw new UsageError(`--method must be ${FINE_TUNE_METHODS.join(', ')} (got ${quote(method)})`);
  }
  if (options.has('--no-lora') && method !== 'full') {
    throw new UsageError(`--no-lora means --method full, not ${method}`);
  }
  const optimizer = text(options, '--optimizer') ?? FINE_TUNE_DEFAULTS.optimizer;
  if (optimizer !== 'adam' && optimizer !== 'sgd') {
    throw new UsageError(`--optimizer must be adam or sgd for train (got ${quote(optimizer)})`);
  }
  const read = (flag: string, parse: (raw: string) => number): number | undefined => {
    const raw = text(options, flag);
    return raw === undefined ? undefined : parse(raw);
  };
  const epochs = read('--epochs', (raw) => parseInteger('--epochs', raw, 1, 100_000));
  const batchSize = read('--batch', (raw) => parseInteger('--batch', raw, 1, 1_000_000));
  const lr = read('--lr', (raw) => parseNumber('--lr', raw, 'a positive finite number', Number.MIN_VALUE));
  const model = readModelOptions(options);
  const task = model.mlp.task ?? 'sentiment';
  const data = readExamples(io, options, '--data', task);
  const evalExamples = options.has('--eval') ? readExamples(io, options, '--eval', task) : undefined;

  const base = createTaskBase(task, {
    ...(model.mlp.seed === undefined ? {} : { seed: model.mlp.seed }),
    ...(model.mlp.hidden === undefined ? {} : { hidden: model.mlp.hidden }),
  });
  let result: FineTuneResult;
  try {
    result = await fineTune(base, data, {
      method,
      ...(model.lora === null ? {} : { lora: model.lora }),
      optimizer,
      ...(lr === undefined ? {} : { lr }),
      ...(epochs === undefined ? {} : { epochs }),
      ...(batchSize === undefined ? {} : { batchSize }),
      ...(model.mlp.seed === undefined ? {} : { seed: model.mlp.seed }),
      ...(evalExamples === undefined ? {} : { eval: evalExamples }),
    });
  } finally {
    base.dispose();
  }
  try {
    if (result.status === 'diverged') throw new TrainingDivergedError(result.reason ?? 'training diverged');
    if (!options.has('--json')) return { stdout: textReport(result), warnings: [] };
    const doc = {
      task: result.task,
      method: result.method,
      epochs: result.epochs,
      losses: result.losses,
      trainableParams: result.trainableParams,
      train: {
        before: result.train.before.map(predictionJson),
        after: result.train.after.map(predictionJson),
      },
      ...(result.eval
        ? { eval: { before: reportJson(result.eval.before), after: reportJson(result.eval.after) } }
        : {}),
      frozenUnchanged: result.frozenUnchanged,
    };
    return { stdout: `${JSON.stringify(doc)}\n`, warnings: [] };
  } finally {
    result.model.dispose();
  }
}
