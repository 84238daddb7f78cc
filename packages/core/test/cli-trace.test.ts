import { describe, expect, it } from 'vitest';
import {
  TASK_CLASSES,
  featureVector,
  inferSentiment,
  inferSimilarity,
  tf,
  type ModelGraph,
  type TraceEvent,
} from '../src/index.js';
import { cli } from './cli-helpers.js';

const INPUT = '1,0,0.5,1,0,1,-0.5,1';

async function trace(...args: string[]): Promise<{ graph: ModelGraph; events: TraceEvent[] }> {
  const run = await cli('trace', '--input', INPUT, '--json', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('lora-viz trace', () => {
  it('under LoRA stores no gradient for any weight or bias; at step 0 A gets zero and B a gradient', async () => {
    const { graph, events } = await trace('--task', 'classification', '--label', 'review', '--targets', 'fc1,fc2,fc3');
    const stored = events.filter((e) => e.kind === 'param-grad' || e.kind === 'param-update');
    expect(stored.length).toBeGreaterThan(0);
    for (const e of stored) expect('paramId' in e && e.paramId).toMatch(/^fc\d\.lora_[AB]$/);
    for (const e of events) {
      if (e.kind !== 'param-grad') continue;
      if (e.paramId.endsWith('lora_A')) expect(e.grad.norm).toBe(0);
      else expect(e.grad.norm).toBeGreaterThan(0);
    }
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of events) if ('nodeId' in e) expect(ids.has(e.nodeId), e.nodeId).toBe(true);
  });

  it('gives every weight and bias a gradient with --no-lora', async () => {
    const { events } = await trace('--no-lora', '--label', '1');
    const grads = events.filter((e) => e.kind === 'param-grad').map((e) => ('paramId' in e ? e.paramId : ''));
    expect(grads.sort()).toEqual(['fc1.bias', 'fc1.weight', 'fc2.bias', 'fc2.weight', 'fc3.bias', 'fc3.weight']);
  });

  it('follows the event grammar and prints only the chosen phase', async () => {
    const step = (await trace('--label', 'negative', '--steps', '2')).events;
    const kinds = step.filter((e) => e.step === 1).map((e) => e.kind);
    expect(kinds.filter((k, i) => k !== kinds[i - 1])).toEqual([
      'step-start',
      'forward',
      'loss',
      'backward',
      'param-grad',
      'param-update',
      'step-end',
    ]);
    const forward = new Set((await trace('--label', '0', '--phase', 'forward')).events.map((e) => e.kind));
    expect([...forward]).toEqual(['step-start', 'forward', 'loss', 'step-end']);
  });

  it('traces regression and similarity samples', async () => {
    const regression = (await trace('--task', 'regression', '--target', '1,0,-1,0.5')).events;
    expect(regression.find((e) => e.kind === 'loss')).toMatchObject({ loss: 'mean-squared-error' });
    const similarity = (await trace('--task', 'similarity', '--pair', INPUT, '--score', '1')).events;
    expect(similarity.filter((e) => e.kind === 'forward' && 'pass' in e && e.pass === 1).length).toBeGreaterThan(0);
  });

  it('rejects bad samples with exit 2 and one line naming the flag', async () => {
    const cases: [string[], string][] = [
      [['trace', '--input', INPUT], '--label'],
      [['trace', '--input', INPUT, '--label', 'neutral'], '--label'],
      [['trace', '--input', '1,2', '--label', '0'], '--input'],
      [['trace', '--label', '0'], '--input'],
      [['trace', '--input', INPUT, '--label', '0', '--phase', 'sideways'], '--phase'],
      [['trace', '--input', INPUT, '--label', '0', '--lr', '0'], '--lr'],
      [['trace', '--input', INPUT, '--label', '0', '--steps', '0'], '--steps'],
      [['trace', '--input', INPUT, '--label', '0', '--optimizer', 'lion'], '--optimizer'],
      [['trace', '--task', 'regression', '--input', INPUT], '--target'],
      [['trace', '--task', 'similarity', '--input', INPUT, '--pair', INPUT, '--score', '2'], '--score'],
    ];
    const before = tf.memory().numTensors;
    for (const [argv, flag] of cases) {
      const run = await cli(...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(run.stderr).toContain(flag);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('lora-viz trace --text', () => {
  const SENTENCE = 'The staff were lovely, but the soup was cold';

  it('featurizes the sentence and records the same step as the equivalent --input', async () => {
    const vector = featureVector('sentiment', SENTENCE);
    const inferred = inferSentiment(SENTENCE).className;
    const fromText = await cli('trace', '--text', SENTENCE, '--json');
    const fromVector = await cli('trace', '--input', vector.join(','), '--label', inferred, '--json');
    expect(fromText.code, fromText.stderr).toBe(0);
    expect(fromText.stdout).toBe(fromVector.stdout);
  });

  it('uses an explicit --label over the inferred one', async () => {
    const inferred = inferSentiment(SENTENCE).label;
    const other = TASK_CLASSES.sentiment![1 - inferred]!;
    const vector = featureVector('sentiment', SENTENCE);
    const fromText = await cli('trace', '--text', SENTENCE, '--label', other, '--json');
    const fromVector = await cli('trace', '--input', vector.join(','), '--label', other, '--json');
    expect(fromText.stdout).toBe(fromVector.stdout);
    expect(fromText.stdout).not.toBe((await cli('trace', '--text', SENTENCE, '--json')).stdout);
  });

  it('takes a pair with --text2 for similarity, scored by the rule unless --score is given', async () => {
    const [a, b] = ['Heavy rain is expected all weekend', 'The match was cancelled because of the storm'];
    const score = inferSimilarity(a, b);
    const fromText = await cli('trace', '--task', 'similarity', '--text', a, '--text2', b, '--json');
    const fromVector = await cli(
      'trace',
      '--task',
      'similarity',
      '--input',
      featureVector('similarity', a).join(','),
      '--pair',
      featureVector('similarity', b).join(','),
      '--score',
      String(score),
      '--json',
    );
    expect(fromText.code, fromText.stderr).toBe(0);
    expect(fromText.stdout).toBe(fromVector.stdout);
  });

  const bad: [string, string[], RegExp][] = [
    ['both inputs', ['--text', 'hi', '--input', INPUT], /--input and --text are exclusive/],
    ['an empty text', ['--text', '  '], /--text must be a non-empty text/],
    ['a label outside the classes', ['--text', 'hi', '--label', 'happy'], /"happy" is not a class of sentiment/],
    ['a pair without --text2', ['--task', 'similarity', '--text', 'hi'], /--text2 is required for similarity/],
    ['another input size', ['--text', 'hi', '--input-dim', '4'], /--text needs --input-dim 8/],
  ];
  for (const [name, argv, message] of bad) {
    it(`exits 2 naming the problem: ${name}`, async () => {
      const run = await cli('trace', ...argv);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  }
});
