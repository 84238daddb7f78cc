import { describe, expect, it } from 'vitest';
import type { Example } from '../src/data/types.js';
import {
  attachLora,
  createMlp,
  InvalidOptionError,
  recordStep,
  softmax,
  TASKS,
  tf,
  type LoraModel,
  type StepEndEvent,
  type TaskName,
} from '../src/index.js';
import { quantizeNf4 } from '../src/quant/nf4.js';
import { fineTune, type FineTuneOptions } from '../src/train/fine-tune.js';
import { frozenChecksum } from '../src/train/frozen-checksum.js';
import { prepareModel } from '../src/train/prepare-model.js';
import { createYielder } from '../src/train/yield-to-host.js';
import { expectClose } from './helpers.js';
import { syntheticExamples } from './train-examples.js';

/** Every parameter of a model, by id, as plain arrays. */
function values(model: LoraModel, filter: (id: string) => boolean = () => true): Map<string, number[]> {
  return new Map(
    model
      .parameters()
      .filter((p) => filter(p.id))
      .map((p) => [p.id, Array.from(model.read(p.id).values)]),
  );
}

const isBase = (id: string) => /^fc\d\.(weight|bias)$/.test(id);

async function fieldOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    const result = (await promise) as { model?: LoraModel };
    result.model?.dispose();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return (error as InvalidOptionError).field;
  }
  return undefined;
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('one step of fineTune equals the explicit float64 step of recordStep', () => {
  const cases: [TaskName, 'lora' | 'full'][] = TASKS.flatMap((task) => [
    [task, 'lora'] as [TaskName, 'lora'],
    [task, 'full'] as [TaskName, 'full'],
  ]);

  for (const [task, method] of cases) {
    it(`agrees within 1e-5 on ${task} with ${method} and SGD`, async () => {
      const base = createMlp({ task, seed: 5 });
      // Random A and B so that both receive a non-zero gradient in the very first step.
      const lora = { r: 2, alpha: 4, initLoraWeights: false };
      const example = syntheticExamples(task, 1, 11)[0]!;
      const reference = prepareModel(base, method, lora).model;
      const start = values(reference);
      const events = recordStep(reference, example, { optimizer: 'sgd', lr: 0.1 });
      const result = await fineTune(base, [example], {
        method,
        lora,
        optimizer: 'sgd',
        lr: 0.1,
        epochs: 1,
        batchSize: 1,
      });
      const stepEnd = events.find((e): e is StepEndEvent => e.kind === 'step-end')!;
      expect(result.losses[0]).toBeCloseTo(stepEnd.loss, 5);
      let moved = 0;
      for (const [id, expected] of values(reference)) {
        const actual = Array.from(result.model.read(id).values);
        expectClose(actual, expected, 1e-5);
        moved = Math.max(moved, ...expected.map((v, i) => Math.abs(v - start.get(id)![i]!)));
      }
      // The step changed the parameters, so agreement is not trivially about untouched values.
      expect(moved).toBeGreaterThan(1e-4);
      result.model.dispose();
      reference.dispose();
      base.dispose();
    });
  }

  for (const task of ['classification', 'similarity'] as const) {
    it(`agrees on the first Adam step (${task}, LoRA)`, async () => {
      const base = createMlp({ task, seed: 2 });
      const lora = { initLoraWeights: false };
      const example = syntheticExamples(task, 1, 4)[0]!;
      const reference = prepareModel(base, 'lora', lora).model;
      recordStep(reference, example, { optimizer: 'adam', lr: 0.01 });
      const result = await fineTune(base, [example], { lora, optimizer: 'adam', lr: 0.01, epochs: 1, batchSize: 1 });
      for (const [id, expected] of values(reference))
        expectClose(Array.from(result.model.read(id).values), expected, 1e-5);
      result.model.dispose();
      reference.dispose();
      base.dispose();
    });
  }

  for (const task of ['classification', 'regression', 'similarity'] as const) {
    it(`updates with the mean gradient of a batch (${task}): the average of the single-example SGD steps`, async () => {
      const base = createMlp({ task, seed: 8 });
      const lora = { initLoraWeights: false };
      const pair = syntheticExamples(task, 2, 9);
      const start = prepareModel(base, 'lora', lora).model;
      const steps = pair.map((example) => {
        const copy = start.clone();
        recordStep(copy, example, { optimizer: 'sgd', lr: 0.05 });
        return copy;
      });
      const result = await fineTune(base, pair, { lora, optimizer: 'sgd', lr: 0.05, epochs: 1, batchSize: 2 });
      for (const [id, w0] of values(start)) {
        const expected = w0.map((w, i) => {
          const d0 = steps[0]!.read(id).values[i]! - w;
          const d1 = steps[1]!.read(id).values[i]! - w;
          return w + (d0 + d1) / 2;
        });
        expectClose(Array.from(result.model.read(id).values), expected, 1e-5);
      }
      for (const m of [...steps, start, result.model, base]) m.dispose();
    });
  }
});

describe('a LoRA run', () => {
  it('leaves the frozen weights bit-identical, the base untouched, and the base predictions behind a disabled adapter', async () => {
    const base = createMlp({ task: 'classification', seed: 3 });
    const before = values(base);
    const examples = syntheticExamples('classification', 16, 1);
    const result = await fineTune(base, examples, { epochs: 10 });
    expect(result.status).toBe('completed');
    expect(result.frozenUnchanged).toBe(true);
    expect(result.frozenChecksum.after).toBe(result.frozenChecksum.before);
    expect(values(base)).toEqual(before);
    expect(values(result.model, isBase)).toEqual(before);
    const inputs = examples.map((e) => [...e.input]);
    const trained = result.model.predict(inputs);
    result.model.disableAdapters();
    expect(result.model.predict(inputs)).toEqual(base.predict(inputs));
    // …and the adapter did learn something: with it enabled the outputs differ.
    expect(trained).not.toEqual(base.predict(inputs));
    expect(result.trainableParams).toBe(224);
    expect(result.allParams).toBe(708);
    expect(result.peft).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384');
    result.model.dispose();
    base.dispose();
  });

  it('never modifies a base that carries its own merged, disabled adapters', async () => {
    const base = createMlp({ task: 'sentiment', seed: 4 });
    attachLora(base, { initLoraWeights: false }, 'old');
    base.merge();
    const merged = values(base);
    const { model } = prepareModel(base, 'lora');
    expect(model.adapterNames).toEqual(['default']);
    expect(model.adaptersEnabled).toBe(true);
    base.unmerge();
    // The working model starts from the unmerged base weights.
    for (const id of ['fc1.weight', 'fc2.weight', 'fc3.weight']) {
      expectClose(Array.from(model.read(id).values), Array.from(base.read(id).values), 1e-6);
    }
    base.merge();
    expect(values(base)).toEqual(merged);
    model.dispose();
    base.dispose();
  });
});

describe('a full run', () => {
  it('trains every parameter, so the base weights change and frozenUnchanged is false', async () => {
    const base = createMlp({ task: 'classification', seed: 3 });
    const result = await fineTune(base, syntheticExamples('classification', 16, 1), { method: 'full', epochs: 3 });
    expect(result.frozenUnchanged).toBe(false);
    expect(result.frozenChecksum.after).not.toBe(result.frozenChecksum.before);
    // 8·16 + 16 + 16·16 + 16 + 16·4 + 4 = 484, all trainable.
    expect(result.trainableParams).toBe(484);
    expect(result.allParams).toBe(484);
    expect(result.model.adapterNames).toEqual([]);
    result.model.dispose();
    base.dispose();
  });
});

describe('a QLoRA run', () => {
  it('trains LoRA on the NF4 round trip of the base weights, biases kept, and the loss falls', async () => {
    const base = pretrainBaseQuick();
    const examples = syntheticExamples('sentiment', 16, 2, 1);
    const result = await fineTune(base, examples, { method: 'qlora', epochs: 30 });
    for (const layer of ['fc1', 'fc2', 'fc3']) {
      const expected = quantizeNf4(base.read(`${layer}.weight`).values, { doubleQuant: true }).dequantized;
      expect(result.model.read(`${layer}.weight`).values).toEqual(expected);
      expect(result.model.read(`${layer}.bias`).values).toEqual(base.read(`${layer}.bias`).values);
    }
    expect(result.frozenUnchanged).toBe(true);
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! / 2);
    expect(result.model.read('fc1.lora_B').values.some((v) => v !== 0)).toBe(true);
    const q = result.quantization!;
    expect(q.format).toBe('nf4');
    expect(q.bitsPerParameter).toBe(4 + 8 / 64 + 32 / (64 * 256));
    expect(q.layers.map((l) => [l.id, l.values, l.blocks])).toEqual([
      ['fc1.weight', 128, 2],
      ['fc2.weight', 256, 4],
      ['fc3.weight', 32, 1],
    ]);
    const fc2Error = Array.from(base.read('fc2.weight').values).map((w, i) =>
      Math.abs(w - result.model.read('fc2.weight').values[i]!),
    );
    expect(q.layers[1]!.maxAbsError).toBeCloseTo(Math.max(...fc2Error), 7);
    // "Before" is the quantized base with a fresh (no-op) adapter, not the original base.
    const { model: prepared } = prepareModel(base, 'qlora');
    const expectedBefore = prepared.predict(examples.map((e) => [...e.input])).map(softmax);
    result.train.before.forEach((p, i) => expectClose(p.output, expectedBefore[i]!, 1e-6));
    prepared.dispose();
    result.model.dispose();
    base.dispose();
  });

  it('reports 4.5 bits per weight without double quantization', async () => {
    const base = createMlp({ task: 'regression', seed: 1 });
    const result = await fineTune(base, syntheticExamples('regression', 4, 1), {
      method: 'qlora',
      doubleQuant: false,
      epochs: 1,
    });
    expect(result.quantization!.bitsPerParameter).toBe(4.5);
    const expected = quantizeNf4(base.read('fc1.weight').values, { doubleQuant: false }).dequantized;
    expect(result.model.read('fc1.weight').values).toEqual(expected);
    result.model.dispose();
    base.dispose();
  });
});

function pretrainBaseQuick(): LoraModel {
  // A base that already "knows" rule 0, so fine-tuning on rule 1 has to change it.
  const base = createMlp({ task: 'sentiment', seed: 6 });
  const examples = syntheticExamples('sentiment', 40, 7, 0);
  const optimizer = tf.train.adam(0.02);
  const vars = [...base.trainableVariables().values()];
  for (let i = 0; i < 60; i++) {
    optimizer.minimize(
      () =>
        tf.tidy(() => {
          const y = base.forward(tf.tensor2d(examples.map((e) => [...e.input])));
          const labels = tf.oneHot(
            tf.tensor1d(
              examples.map((e) => (e as { label: number }).label),
              'int32',
            ),
            2,
          );
          return tf.losses.softmaxCrossEntropy(labels, y) as tf.Scalar;
        }),
      false,
      vars,
    );
  }
  optimizer.dispose();
  return base;
}

describe('determinism', () => {
  it('gives a bit-identical loss curve for the same seed and a different one for another seed', async () => {
    const base = createMlp({ task: 'sentiment', seed: 1 });
    const examples = syntheticExamples('sentiment', 16, 3);
    const options: FineTuneOptions = { lora: { dropout: 0.2 }, epochs: 8, batchSize: 3, seed: 42 };
    const a = await fineTune(base, examples, options);
    const b = await fineTune(base, examples, options);
    const c = await fineTune(base, examples, { ...options, seed: 43 });
    expect(a.losses).toHaveLength(8);
    expect(b.losses).toEqual(a.losses);
    expect(values(b.model)).toEqual(values(a.model));
    expect(c.losses).not.toEqual(a.losses);
    for (const r of [a, b, c]) r.model.dispose();
    base.dispose();
  });
});

describe('cancellation', () => {
  it('stops within the epoch after an abort, keeps the losses so far, and restores the parameters', async () => {
    const base = createMlp({ task: 'classification', seed: 2 });
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await fineTune(base, syntheticExamples('classification', 16, 1), {
      epochs: 20,
      signal: controller.signal,
      onEpoch: (p) => {
        seen.push(p.epoch);
        if (p.epoch === 1) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.reason).toMatch(/epoch 2/);
    expect(seen).toEqual([1]);
    expect(result.losses).toHaveLength(1);
    expect(result.epochs).toBe(1);
    const fresh = prepareModel(base, 'lora').model;
    expect(values(result.model)).toEqual(values(fresh));
    expect(result.train.after).toEqual(result.train.before);
    fresh.dispose();
    result.model.dispose();
    base.dispose();
  });

  it('does not train at all when the signal is already aborted', async () => {
    const base = createMlp({ task: 'regression' });
    const result = await fineTune(base, syntheticExamples('regression', 4, 1), { signal: AbortSignal.abort() });
    expect(result.status).toBe('cancelled');
    expect(result.losses).toEqual([]);
    result.model.dispose();
    base.dispose();
  });
});

describe('divergence guard', () => {
  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`stops an absurd learning rate (${optimizer}), restores the parameters and says why`, async () => {
      const base = createMlp({ task: 'regression', seed: 1 });
      const result = await fineTune(base, syntheticExamples('regression', 16, 1), { lr: 1e6, optimizer, epochs: 50 });
      expect(result.status).toBe('diverged');
      expect(result.reason).toContain('1000000');
      expect(result.reason).toMatch(/learning rate/);
      expect(result.reason).toMatch(/epoch \d+/);
      expect(result.losses.length).toBeLessThan(50);
      expect(result.losses.every(Number.isFinite)).toBe(true);
      const fresh = prepareModel(base, 'lora').model;
      expect(values(result.model)).toEqual(values(fresh));
      expect(result.frozenUnchanged).toBe(true);
      fresh.dispose();
      result.model.dispose();
      base.dispose();
    });
  }
});

describe('validation', () => {
  const base = createMlp({ task: 'sentiment' });
  const good = syntheticExamples('sentiment', 4, 1);

  it('rejects every bad option with an InvalidOptionError naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ method: 'dora' }, 'method'],
      [{ optimizer: 'rmsprop' }, 'optimizer'],
      [{ lr: 0 }, 'lr'],
      [{ lr: -0.1 }, 'lr'],
      [{ lr: Number.NaN }, 'lr'],
      [{ lr: Number.POSITIVE_INFINITY }, 'lr'],
      [{ lr: '0.1' }, 'lr'],
      [{ epochs: 0 }, 'epochs'],
      [{ epochs: 1.5 }, 'epochs'],
      [{ epochs: -3 }, 'epochs'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ batchSize: 2.5 }, 'batchSize'],
      [{ seed: -1 }, 'seed'],
      [{ seed: 0.5 }, 'seed'],
      [{ seed: 2 ** 32 }, 'seed'],
      [{ doubleQuant: 'yes' }, 'doubleQuant'],
      [{ lora: { r: 0 } }, 'lora.r'],
      [{ lora: { dropout: 1 } }, 'lora.dropout'],
      [{ lora: { targetModules: ['fc9'] } }, 'lora.targetModules'],
      [{ lora: 'r=4' }, 'lora'],
      [{ signal: {} }, 'signal'],
      [{ onEpoch: 5 }, 'onEpoch'],
      [{ eval: 'x' }, 'eval'],
    ];
    for (const [options, field] of bad) {
      expect(await fieldOf(fineTune(base, good, options as FineTuneOptions)), JSON.stringify(options)).toBe(field);
    }
  });

  it('rejects examples that do not fit the task, naming the line', async () => {
    const at = (i: number, patch: Record<string, unknown>) => good.map((e, k) => (k === i ? { ...e, ...patch } : e));
    expect(await fieldOf(fineTune(base, []))).toBe('examples');
    expect(await messageOf(fineTune(base, at(2, { input: [1, 2, 3] }) as Example[]))).toMatch(
      /^examples: line 3: input/,
    );
    expect(await messageOf(fineTune(base, at(1, { label: 2 }) as Example[]))).toMatch(/line 2: label 2/);
    expect(await messageOf(fineTune(base, at(0, { label: 0.5 }) as Example[]))).toMatch(/line 1: label/);
    expect(await messageOf(fineTune(base, at(3, { input: [0, 0, 0, 0, 0, 0, 0, Number.NaN] }) as Example[]))).toMatch(
      /line 4: input has entry 7 is NaN/,
    );
    expect(await messageOf(fineTune(base, good, { eval: at(1, { label: -1 }) as Example[] }))).toMatch(/^eval: line 2/);
    const regression = createMlp({ task: 'regression' });
    const targets = syntheticExamples('regression', 3, 1).map((e, k) => (k === 1 ? { ...e, target: [1, 2] } : e));
    expect(await messageOf(fineTune(regression, targets))).toMatch(/line 2: target/);
    const similarity = createMlp({ task: 'similarity' });
    const pairs = syntheticExamples('similarity', 3, 1).map((e, k) => (k === 2 ? { ...e, score: 1.5 } : e));
    expect(await messageOf(fineTune(similarity, pairs))).toMatch(/line 3: score 1.5/);
    // A sentiment model given similarity pairs: no label.
    expect(await messageOf(fineTune(base, syntheticExamples('similarity', 2, 1)))).toMatch(/line 1: label undefined/);
    regression.dispose();
    similarity.dispose();
  });

  it('rejects a disposed base', async () => {
    const gone = createMlp();
    gone.dispose();
    expect(await fieldOf(fineTune(gone, good))).toBe('base');
  });

  it('leaks no tensor when it rejects', async () => {
    const before = tf.memory().numTensors;
    await fieldOf(fineTune(base, good, { lora: { r: -1 } }));
    await fieldOf(fineTune(base, good, { lr: -1 }));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('tensor hygiene', () => {
  for (const method of ['full', 'lora', 'qlora'] as const) {
    it(`returns numTensors to its baseline once the result's model is disposed (${method})`, async () => {
      const base = createMlp({ task: 'similarity', seed: 1 });
      const examples = syntheticExamples('similarity', 6, 1);
      const before = tf.memory().numTensors;
      const result = await fineTune(base, examples, { method, epochs: 3, batchSize: 4, eval: examples.slice(0, 2) });
      result.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      base.dispose();
    });
  }

  it('leaks nothing on the cancelled, diverged and failing paths', async () => {
    const base = createMlp({ task: 'classification', seed: 1 });
    const examples = syntheticExamples('classification', 6, 1);
    const before = tf.memory().numTensors;
    (await fineTune(base, examples, { signal: AbortSignal.abort() })).model.dispose();
    (await fineTune(base, examples, { lr: 1e6, optimizer: 'sgd' })).model.dispose();
    const failing = fineTune(base, examples, {
      epochs: 3,
      onEpoch: () => {
        throw new Error('listener failed');
      },
    });
    await expect(failing).rejects.toThrow('listener failed');
    expect(tf.memory().numTensors).toBe(before);
    base.dispose();
  });
});

describe('learning and reporting', () => {
  it('lowers the loss and fits a learnable task with the default settings', async () => {
    const base = createMlp({ task: 'sentiment', seed: 0 });
    const examples = syntheticExamples('sentiment', 16, 5);
    const result = await fineTune(base, examples);
    expect(result.epochs).toBe(60);
    expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! / 4);
    expect(result.trainMetrics.after.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.trainMetrics.after.loss!).toBeLessThan(result.trainMetrics.before.loss!);
    result.model.dispose();
    base.dispose();
  });

  it('reports each epoch with its mean loss, metrics, held-out metrics and elapsed time', async () => {
    const base = createMlp({ task: 'regression', seed: 0 });
    const examples = syntheticExamples('regression', 10, 1);
    const heldOut = syntheticExamples('regression', 5, 2);
    const seen: unknown[] = [];
    const result = await fineTune(base, examples, {
      epochs: 4,
      batchSize: 3,
      eval: heldOut,
      onEpoch: (p) => void seen.push(p),
    });
    expect(seen).toEqual(result.history);
    result.history.forEach((p, i) => {
      expect(p.epoch).toBe(i + 1);
      expect(p.epochs).toBe(4);
      expect(p.loss).toBe(result.losses[i]);
      expect(Object.keys(p.metrics).sort()).toEqual(['loss', 'mse', 'r2']);
      expect(p.evalMetrics).toBeDefined();
      if (i > 0) expect(p.elapsedMs).toBeGreaterThanOrEqual(result.history[i - 1]!.elapsedMs);
    });
    expect(result.history.at(-1)!.metrics).toEqual(result.trainMetrics.after);
    expect(result.eval!.before.predictions).toHaveLength(5);
    expect(result.eval!.after.metrics).toEqual(result.history.at(-1)!.evalMetrics);
    result.model.dispose();
    base.dispose();
  });

  it('describes predictions per task: class names and probabilities, values, embeddings and cosine', async () => {
    const cls = createMlp({ task: 'classification', seed: 1 });
    const c = await fineTune(cls, syntheticExamples('classification', 3, 1), { epochs: 1 });
    const logits = c.model.predict(syntheticExamples('classification', 3, 1).map((e) => [...e.input]));
    c.train.after.forEach((p, i) => {
      expect(['news', 'review', 'question', 'comment']).toContain(p.label);
      expectClose(p.output, softmax(logits[i]!), 1e-12);
      const top = logits[i]!.indexOf(Math.max(...logits[i]!));
      expect(p.predicted).toBe(['news', 'review', 'question', 'comment'][top]);
    });
    expect(c.eval).toBeUndefined();
    const sim = createMlp({ task: 'similarity', seed: 1 });
    const pairs = syntheticExamples('similarity', 3, 1);
    const s = await fineTune(sim, pairs, { epochs: 1 });
    s.train.after.forEach((p, i) => {
      const u = p.output;
      const v = p.output2!;
      const cos = u.reduce((a, x, k) => a + x * v[k]!, 0) / (Math.hypot(...u) * Math.hypot(...v));
      expect(p.predicted as number).toBeCloseTo(cos, 12);
      expect(p.text2).toBe(`other ${i}`);
      expect(p.label).toBe((pairs[i] as { score: number }).score);
    });
    const reg = createMlp({ task: 'regression', seed: 1 });
    const r = await fineTune(reg, syntheticExamples('regression', 2, 1), { epochs: 1 });
    r.train.after.forEach((p) => expect(p.predicted).toEqual(p.output));
    for (const x of [c.model, s.model, r.model, cls, sim, reg]) x.dispose();
  });

  it('lets the host run between batches (a timer fires during a run)', async () => {
    const base = createMlp({ task: 'classification', seed: 1 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const result = await fineTune(base, syntheticExamples('classification', 16, 1), { epochs: 40, batchSize: 1 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    result.model.dispose();
    base.dispose();
  });

  it('yields a macrotask only once the budget is spent', async () => {
    let fired = false;
    const never = createYielder(Number.POSITIVE_INFINITY);
    setTimeout(() => (fired = true), 0);
    await never();
    expect(fired).toBe(false);
    const always = createYielder(0);
    // Message-channel turns can run ahead of a due timer; without yielding, no number of them lets it fire.
    const start = Date.now();
    while (!fired && Date.now() - start < 5000) await always();
    expect(fired).toBe(true);
  });
});

describe('frozenChecksum', () => {
  it('is FNV-1a over the little-endian float32 bytes, across arrays in order', () => {
    expect(frozenChecksum([])).toBe('811c9dc5'); // FNV-1a offset basis: the hash of no bytes
    // Bit patterns whose little-endian bytes spell "abcd" and "efgh"; FNV-1a("abcdefgh") = 0x76daaa8d.
    const abcd = new Float32Array(new Uint32Array([0x64636261]).buffer);
    const efgh = new Float32Array(new Uint32Array([0x68676665]).buffer);
    expect(frozenChecksum([abcd])).toBe('ce3479bd');
    expect(frozenChecksum([abcd, efgh])).toBe('76daaa8d');
    expect(frozenChecksum([new Float32Array([...abcd, ...efgh])])).toBe('76daaa8d');
  });
});
