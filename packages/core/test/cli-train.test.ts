import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVAL_TEXT,
  DEFAULT_TRAINING_TEXT,
  TASK_CLASSES,
  createTaskBase,
  fineTune,
  parseLines,
  tf,
} from '../src/index.js';
import { cliWithInput } from './cli-helpers.js';

const SENTIMENT =
  'this track is sick\tpositive\nI was sick all night and felt awful\tnegative\nwhat a killer solo\tpositive\n';

interface Prediction {
  text: string;
  label: unknown;
  output: number[];
  predicted: unknown;
}
interface TrainJson {
  task: string;
  method: string;
  epochs: number;
  losses: number[];
  trainableParams: number;
  train: { before: Prediction[]; after: Prediction[] };
  eval?: { before: Record<string, unknown>; after: Record<string, unknown> };
  frozenUnchanged: boolean;
}

async function trainJson(files: Record<string, string>, ...argv: string[]): Promise<TrainJson> {
  const run = await cliWithInput({ files }, 'train', ...argv, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n')).toHaveLength(2);
  return JSON.parse(run.stdout) as TrainJson;
}

describe('lora-viz train', () => {
  it('prints the JSON of the issue, equal to a direct fineTune of the task base', async () => {
    const doc = await trainJson({ 'd.tsv': SENTIMENT }, '--data', 'd.tsv', '--epochs', '12');
    expect(Object.keys(doc)).toEqual([
      'task',
      'method',
      'epochs',
      'losses',
      'trainableParams',
      'train',
      'frozenUnchanged',
    ]);
    expect(doc).toMatchObject({ task: 'sentiment', method: 'lora', epochs: 12, trainableParams: 224 });
    expect(doc.frozenUnchanged).toBe(true);
    expect(doc.train.before).toHaveLength(3);
    expect(Object.keys(doc.train.after[0]!)).toEqual(['text', 'label', 'output', 'predicted']);
    expect(doc.train.after.map((p) => p.label)).toEqual(['positive', 'negative', 'positive']);
    for (const p of doc.train.after) expect(TASK_CLASSES.sentiment).toContain(p.predicted);

    // The same run through the API: the CLI adds nothing and loses nothing.
    const base = createTaskBase('sentiment');
    const direct = await fineTune(base, parseLines('sentiment', SENTIMENT).examples, { epochs: 12 });
    expect(doc.losses).toEqual(direct.losses);
    expect(doc.train.after.map((p) => p.output)).toEqual(direct.train.after.map((p) => p.output));
    direct.model.dispose();
    base.dispose();
  });

  it('reads standard input with --data - and scores --eval before and after', async () => {
    const run = await cliWithInput(
      { stdin: DEFAULT_TRAINING_TEXT.classification, files: { 'eval.tsv': DEFAULT_EVAL_TEXT.classification } },
      'train',
      '--task',
      'classification',
      '--data',
      '-',
      '--eval',
      'eval.tsv',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as TrainJson;
    expect(doc.eval!.before).toHaveProperty('accuracy');
    expect(doc.eval!.after.predictions).toHaveLength(
      parseLines('classification', DEFAULT_EVAL_TEXT.classification).examples.length,
    );
    expect(doc.eval!.after.accuracy as number).toBeGreaterThan(doc.eval!.before.accuracy as number);
  });

  it('keeps frozen weights under lora and qlora, and changes them under full (or --no-lora)', async () => {
    const files = { 'd.tsv': SENTIMENT };
    expect((await trainJson(files, '--data', 'd.tsv', '--epochs', '3', '--method', 'qlora')).frozenUnchanged).toBe(
      true,
    );
    const full = await trainJson(files, '--data', 'd.tsv', '--epochs', '3', '--method', 'full');
    expect(full.frozenUnchanged).toBe(false);
    expect(full.trainableParams).toBe(8 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
    const noLora = await trainJson(files, '--data', 'd.tsv', '--epochs', '3', '--no-lora');
    expect(noLora.method).toBe('full');
    expect(noLora.losses).toEqual(full.losses);
  });

  it('prints a readable report without --json', async () => {
    const run = await cliWithInput({ files: { 'd.tsv': SENTIMENT } }, 'train', '--data', 'd.tsv', '--epochs', '2');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('trainable params: 224 || all params: 674 || trainable%: 33.2344');
    expect(run.stdout).toContain('frozen weights unchanged: yes');
    expect(run.stdout).toContain('positive -> ');
  });

  it('exits 3 with the reason when the loss diverges, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const run = await cliWithInput({ files: { 'd.tsv': SENTIMENT } }, 'train', '--data', 'd.tsv', '--lr', '1e6');
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^lora-viz: training diverged: .*1000000/);
    expect(tf.memory().numTensors).toBe(before);
  });

  const bad: [string, Record<string, string>, string[], RegExp][] = [
    ['no --data', {}, [], /--data is required/],
    ['a missing file', {}, ['--data', 'nope.tsv'], /--data "nope.tsv" cannot be read: ENOENT/],
    ['empty data', { 'e.tsv': '\n  \n' }, ['--data', 'e.tsv'], /has no lines to train on/],
    [
      'a bad line',
      { 'b.tsv': 'fine\tpositive\nbad\thappy\n' },
      ['--data', 'b.tsv'],
      /line 2: label "happy" is not a class of sentiment; use negative or positive/,
    ],
    [
      'a label outside the classes',
      { 'c.tsv': 'why\tquestion\n' },
      ['--data', 'c.tsv'],
      /"question" is not a class of sentiment/,
    ],
    [
      'a zero learning rate',
      { 'd.tsv': SENTIMENT },
      ['--data', 'd.tsv', '--lr', '0'],
      /--lr must be a positive finite number/,
    ],
    [
      'a non-finite learning rate',
      { 'd.tsv': SENTIMENT },
      ['--data', 'd.tsv', '--lr', 'Infinity'],
      /--lr must be a positive finite number/,
    ],
    ['fractional epochs', { 'd.tsv': SENTIMENT }, ['--data', 'd.tsv', '--epochs', '2.5'], /--epochs must be/],
    ['zero epochs', { 'd.tsv': SENTIMENT }, ['--data', 'd.tsv', '--epochs', '0'], /--epochs must be/],
    [
      'an unknown method',
      { 'd.tsv': SENTIMENT },
      ['--data', 'd.tsv', '--method', 'adapter'],
      /--method must be full, lora, qlora/,
    ],
    [
      '--no-lora with lora',
      { 'd.tsv': SENTIMENT },
      ['--data', 'd.tsv', '--no-lora', '--method', 'lora'],
      /--no-lora means --method full/,
    ],
    [
      'a memory optimizer',
      { 'd.tsv': SENTIMENT },
      ['--data', 'd.tsv', '--optimizer', 'adamw'],
      /--optimizer must be adam or sgd/,
    ],
    [
      'another input size',
      { 'd.tsv': SENTIMENT },
      ['--data', 'd.tsv', '--input-dim', '4'],
      /--input-dim must be 8 for train/,
    ],
    [
      'a bad eval line',
      { 'd.tsv': SENTIMENT, 'e.tsv': 'ok\n\tpositive\n' },
      ['--data', 'd.tsv', '--eval', 'e.tsv'],
      /--eval "e.tsv", line 2/,
    ],
  ];
  for (const [name, files, argv, message] of bad) {
    it(`exits 2 with one line naming the problem: ${name}`, async () => {
      const run = await cliWithInput({ files }, 'train', ...argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    });
  }
});
