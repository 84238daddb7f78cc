import {
  describeGraph,
  parseLines,
  recordSteps,
  TASK_CLASSES,
  TASK_OUTPUT_SIZE,
  type LoraModel,
  type TraceEvent,
  type TraceSample,
} from '../index.js';
import type { CommandResult } from './command-result.js';
import { readModelOptions } from './model-options.js';
import { UsageError, quote } from './usage-error.js';
import { parseInteger, parseNumber, parseVector } from './values.js';
import { withModel } from './with-model.js';

/** Which events each `--phase` prints (every phase records the whole step). */
const PHASE_KINDS: Readonly<Record<string, readonly TraceEvent['kind'][]>> = {
  forward: ['step-start', 'forward', 'loss', 'step-end'],
  backward: ['step-start', 'loss', 'backward', 'param-grad', 'step-end'],
  step: ['step-start', 'forward', 'loss', 'backward', 'param-grad', 'param-update', 'step-end'],
};

type Options = ReadonlyMap<string, string | true>;

function text(options: Options, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * The sample from `--text` (and `--text2` for similarity): the task's featurizer turns the text into
 * the 8 inputs; the label, targets or score come from `--label`/`--target`/`--score`, or from the
 * task's documented rules when left out — exactly as a training line `text<TAB>label` would.
 */
function readTextSample(model: LoraModel, options: Options, sentence: string): TraceSample {
  const { task, inputDim } = model.spec;
  if (inputDim !== 8) {
    throw new UsageError(`--text needs --input-dim 8: a text is featurized into 8 numbers (got ${inputDim})`);
  }
  const clean = (value: string, flag: string) => {
    const one = value.replace(/[\t\r\n]+/g, ' ').trim();
    if (one === '') throw new UsageError(`${flag} must be a non-empty text`);
    return one;
  };
  const columns = [clean(sentence, '--text')];
  if (task === 'similarity') {
    const second = text(options, '--text2');
    if (second === undefined) throw new UsageError('--text2 is required for similarity: the second text of the pair');
    columns.push(clean(second, '--text2'));
  }
  const flag = TASK_CLASSES[task] ? '--label' : task === 'regression' ? '--target' : '--score';
  const label = text(options, flag);
  if (label !== undefined) {
    const classes = TASK_CLASSES[task];
    // A class index is accepted as with --input; the line format itself takes class names.
    columns.push(classes && /^\d+$/.test(label) && Number(label) < classes.length ? classes[Number(label)]! : label);
  }
  const parsed = parseLines(task, columns.join('\t'));
  const problem = parsed.problems[0];
  if (problem) throw new UsageError(`${flag} or --text: ${problem.message.replace(/^line 1: /, '')}`);
  return parsed.examples[0]!;
}

function readSample(model: LoraModel, options: Options): TraceSample {
  const { task, inputDim } = model.spec;
  const raw = text(options, '--input');
  const sentence = text(options, '--text');
  if (raw !== undefined && sentence !== undefined) throw new UsageError('--input and --text are exclusive: give one');
  if (sentence !== undefined) return readTextSample(model, options, sentence);
  if (raw === undefined) {
    throw new UsageError(`--input or --text is required: ${inputDim} comma-separated finite numbers, or a sentence`);
  }
  const input = parseVector('--input', raw, inputDim);
  const classes = TASK_CLASSES[task];
  if (classes) {
    const label = text(options, '--label');
    const accepted = `one of ${classes.join(', ')} or a class index from 0 to ${classes.length - 1}`;
    if (label === undefined) throw new UsageError(`--label is required for ${task}: ${accepted}`);
    const index = classes.includes(label) ? classes.indexOf(label) : /^\d+$/.test(label) ? Number(label) : -1;
    if (index < 0 || index >= classes.length) throw new UsageError(`--label must be ${accepted} (got ${quote(label)})`);
    return { input, label: index };
  }
  if (task === 'regression') {
    const target = text(options, '--target');
    const n = TASK_OUTPUT_SIZE.regression;
    if (target === undefined) throw new UsageError(`--target is required for regression: ${n} comma-separated numbers`);
    return { input, target: parseVector('--target', target, n, 'one per regression output') };
  }
  const pair = text(options, '--pair');
  const score = text(options, '--score');
  if (pair === undefined)
    throw new UsageError(`--pair is required for similarity: ${inputDim} comma-separated numbers`);
  if (score === undefined) throw new UsageError('--score is required for similarity: a number from 0 to 1');
  const scoreValue = parseNumber('--score', score, 'a number from 0 to 1', 0, Number.POSITIVE_INFINITY);
  if (scoreValue > 1) throw new UsageError(`--score must be a number from 0 to 1 (got ${quote(score)})`);
  return { input, pair: parseVector('--pair', pair, inputDim), score: scoreValue };
}

function describeEvent(event: TraceEvent): string {
  const head = `${String(event.seq).padStart(4)}  step ${event.step}  ${event.kind.padEnd(12)}`;
  switch (event.kind) {
    case 'step-start':
      return `${head}  ${event.adapter === null ? 'full fine-tuning' : `adapter "${event.adapter}"`}; trains ${event.trainable.join(', ')}`;
    case 'forward':
      return `${head}  ${event.nodeId}${event.pass !== undefined ? ` (pass ${event.pass})` : ''}  norm ${event.value.norm.toPrecision(4)}`;
    case 'loss':
      return `${head}  ${event.loss} = ${event.value.toPrecision(6)}`;
    case 'backward':
      return `${head}  ${event.nodeId}${event.pass !== undefined ? ` (pass ${event.pass})` : ''}  grad norm ${event.grad.norm.toPrecision(4)}${
        event.stored === false ? '  (frozen: passes through, not stored)' : ''
      }`;
    case 'param-grad':
      return `${head}  ${event.paramId}  grad norm ${event.grad.norm.toPrecision(4)}`;
    case 'param-update':
      return `${head}  ${event.paramId}  change norm ${event.delta.norm.toPrecision(4)}`;
    case 'step-end':
      return `${head}  ${event.optimizer}, lr ${event.lr}`;
  }
}

/**
 * `lora-viz trace`: records real training steps on one sample (ARCHITECTURE §3.4) and prints the
 * events of the chosen phase: text, one line per event; `--json`: `{"graph","events"}`.
 *
 * @throws UsageError for a bad option or sample.
 */
export function traceCommand(options: Options): CommandResult {
  const phase = text(options, '--phase') ?? 'step';
  const kinds = PHASE_KINDS[phase];
  if (!kinds) throw new UsageError(`--phase must be forward, backward or step (got ${quote(phase)})`);
  const steps =
    text(options, '--steps') === undefined ? 1 : parseInteger('--steps', text(options, '--steps')!, 1, 1000);
  const lrText = text(options, '--lr');
  const lr = lrText === undefined ? 0.1 : parseNumber('--lr', lrText, 'a positive finite number', Number.MIN_VALUE);
  const optimizer = text(options, '--optimizer') ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam') {
    throw new UsageError(`--optimizer must be sgd or adam (got ${quote(optimizer)})`);
  }
  const modelOptions = readModelOptions(options);
  return withModel(modelOptions, (model, adapter) => {
    const sample = readSample(model, options);
    const graph = describeGraph(model, { loss: true });
    const events = recordSteps(model, sample, steps, { lr, optimizer }).filter((e) => kinds.includes(e.kind));
    const warnings = adapter?.warnings ?? [];
    if (options.has('--json')) return { stdout: `${JSON.stringify({ graph, events })}\n`, warnings };
    return { stdout: `${events.map(describeEvent).join('\n')}\n`, warnings };
  });
}
