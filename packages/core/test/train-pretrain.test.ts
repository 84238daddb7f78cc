import { describe, expect, it } from 'vitest';
import type { Example } from '../src/data/types.js';
import { createMlp, InvalidOptionError, recordStep, TASKS, tf, type LoraModel, type TaskName } from '../src/index.js';
import { evaluate } from '../src/train/evaluate.js';
import { PRETRAIN_DEFAULTS, pretrainBase, pretrainBaseAsync } from '../src/train/pretrain.js';
import { expectClose } from './helpers.js';
import { syntheticExamples } from './train-examples.js';

function allValues(model: LoraModel): number[][] {
  return model.parameters().map((p) => Array.from(model.read(p.id).values));
}

function fieldOf(fn: () => unknown): string | undefined {
  try {
    (fn() as LoraModel | undefined)?.dispose();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return (error as InvalidOptionError).field;
  }
  return undefined;
}

describe('pretrainBase', () => {
  for (const task of TASKS) {
    it(`takes the same first step as a float64 Adam step of recordStep (${task})`, () => {
      const example = syntheticExamples(task, 1, 3)[0]!;
      const reference = createMlp({ task, seed: 4 });
      recordStep(reference, example, { optimizer: 'adam', lr: 0.02 });
      const model = pretrainBase(task, [example], { seed: 4, epochs: 1, lr: 0.02 });
      model.parameters().forEach((p) => {
        expectClose(Array.from(model.read(p.id).values), Array.from(reference.read(p.id).values), 1e-5);
      });
      model.dispose();
      reference.dispose();
    });
  }

  it('starts from createMlp({ task, seed }) and trains every parameter, with no adapter', () => {
    const examples = syntheticExamples('classification', 20, 1);
    const start = createMlp({ task: 'classification', seed: 9 });
    const model = pretrainBase('classification', examples, { seed: 9 });
    expect(model.adapterNames).toEqual([]);
    expect(model.spec).toEqual(start.spec);
    allValues(model).forEach((values, i) => expect(values).not.toEqual(allValues(start)[i]));
    model.dispose();
    start.dispose();
  });

  it('is deterministic: the same corpus and options give bit-identical weights', () => {
    const examples = syntheticExamples('similarity', 30, 2);
    const a = pretrainBase('similarity', examples, { seed: 1 });
    const b = pretrainBase('similarity', examples, { seed: 1 });
    const c = pretrainBase('similarity', examples, { seed: 2 });
    expect(allValues(b)).toEqual(allValues(a));
    expect(allValues(c)).not.toEqual(allValues(a));
    for (const m of [a, b, c]) m.dispose();
  });

  it('learns its corpus with the default recipe: the loss falls on every task', () => {
    expect(PRETRAIN_DEFAULTS).toEqual({ seed: 0, epochs: 100, lr: 0.02, hidden: 16 });
    for (const task of TASKS) {
      const corpus = syntheticExamples(task, 50, 1);
      const untrained = createMlp({ task });
      const model = pretrainBase(task, corpus);
      const before = evaluate(untrained, corpus).metrics;
      const after = evaluate(model, corpus).metrics;
      expect(after.loss!, task).toBeLessThan(before.loss! / 3);
      if (task === 'sentiment' || task === 'classification') expect(after.accuracy!).toBeGreaterThanOrEqual(0.9);
      if (task === 'regression') expect(after.r2!).toBeGreaterThan(0.8);
      if (task === 'similarity') expect(after.spearman!).toBeGreaterThan(before.spearman!);
      model.dispose();
      untrained.dispose();
    }
  });

  it('leaves no tensor behind but the model it returns', () => {
    const before = tf.memory().numTensors;
    pretrainBase('regression', syntheticExamples('regression', 10, 1), { epochs: 5 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(
      fieldOf(() => pretrainBase('sentiment', [{ ...syntheticExamples('sentiment', 1, 1)[0]!, label: 7 } as Example])),
    ).toBe('examples');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad task, option or example, naming the field', () => {
    const good = syntheticExamples('sentiment', 3, 1);
    expect(fieldOf(() => pretrainBase('poetry' as TaskName, good))).toBe('task');
    expect(fieldOf(() => pretrainBase('sentiment', []))).toBe('examples');
    expect(fieldOf(() => pretrainBase('sentiment', good, { epochs: 0 }))).toBe('epochs');
    expect(fieldOf(() => pretrainBase('sentiment', good, { lr: Number.NaN }))).toBe('lr');
    expect(fieldOf(() => pretrainBase('sentiment', good, { seed: -2 }))).toBe('seed');
    expect(() => pretrainBase('regression', good)).toThrow(/line 1: target/);
  });
});

describe('pretrainBaseAsync', () => {
  it('gives the same weights as pretrainBase, bit for bit, while letting timers run', async () => {
    const examples = syntheticExamples('sentiment', 40, 5);
    const sync = pretrainBase('sentiment', examples, { seed: 3, epochs: 60 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const before = tf.memory().numTensors;
    const model = await pretrainBaseAsync('sentiment', examples, { seed: 3, epochs: 60 });
    clearInterval(timer);
    expect(allValues(model)).toEqual(allValues(sync));
    expect(ticks, 'timer callbacks that ran during pretraining').toBeGreaterThan(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    sync.dispose();
  });

  it('stops when the signal aborts and frees the model and optimizer', async () => {
    const examples = syntheticExamples('classification', 40, 5);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left the page')), 0);
    await expect(
      pretrainBaseAsync('classification', examples, { epochs: 100_000, signal: controller.signal }),
    ).rejects.toThrow('user left the page');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options before doing any work, naming the field', async () => {
    const before = tf.memory().numTensors;
    await expect(pretrainBaseAsync('sentiment', syntheticExamples('sentiment', 2, 1), { lr: -1 })).rejects.toThrow(
      InvalidOptionError,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
