import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachLora, createMlp, createRng, tf, type LayerName } from '../src/index.js';
import { expectClose, expectNoTensorLeak, referenceForward, referenceLayer, rows } from './helpers.js';

const X = [0.5, -1, 2, 0, 1.5, -0.25, 0.75, 1];

describe('LoRA scaling', () => {
  it('is alpha / r by default and alpha / √r with rsLoRA', () => {
    const model = createMlp();
    attachLora(model, { r: 4, alpha: 8 }, 'plain');
    model.addAdapter('rs', { r: 4, alpha: 8, useRslora: true });
    expect(model.scaling('fc1', 'plain')).toBe(2);
    expect(model.scaling('fc1', 'rs')).toBe(4);
    model.dispose();
  });

  it('takes per-layer rank and alpha from rankPattern / alphaPattern', () => {
    const model = createMlp();
    const spec = attachLora(model, {
      r: 4,
      alpha: 8,
      targetModules: ['fc1', 'fc2', 'fc3'],
      rankPattern: { fc2: 2, 'fc[3]': 1 },
      alphaPattern: { fc3: 3 },
    });
    expect(spec.layers.map((l) => [l.name, l.r, l.alpha, l.scaling])).toEqual([
      ['fc1', 4, 8, 2],
      ['fc2', 2, 8, 4],
      ['fc3', 1, 3, 3],
    ]);
    expect(model.read('fc2.lora_A').shape).toEqual([2, 16]);
    model.dispose();
  });

  it('setScale multiplies the configured scaling and 1 restores it', () => {
    const model = createMlp();
    attachLora(model, { r: 4, alpha: 8, initLoraWeights: false });
    const before = model.predict(X)[0]!;
    model.setScale(0.5);
    expect(model.scaling('fc1')).toBe(1);
    expectClose(model.predict(X)[0]!, referenceForward(model, X));
    model.setScale(1);
    expectClose(model.predict(X)[0]!, before, 0);
    model.dispose();
  });
});

describe('forward', () => {
  it('matches an independent float64 computation of y = Wx + b + s·B(Ax) for every init', () => {
    for (const initLoraWeights of [true, false, 'gaussian'] as const) {
      for (const targets of [['fc1', 'fc2'], ['fc3'], ['fc1', 'fc2', 'fc3']] as LayerName[][]) {
        const model = createMlp({ task: 'classification', seed: 3 });
        attachLora(model, { r: 3, alpha: 5, initLoraWeights, targetModules: targets });
        expectClose(model.predict(X)[0]!, referenceForward(model, X));
        model.dispose();
      }
    }
  });

  it('agrees with the reference for random sizes, ranks, alphas and inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          inputDim: fc.integer({ min: 1, max: 12 }),
          hidden: fc.integer({ min: 1, max: 24 }),
          r: fc.integer({ min: 1, max: 10 }),
          alpha: fc.double({ min: -32, max: 32, noNaN: true }),
          useRslora: fc.boolean(),
          seed: fc.nat(),
        }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (options, raw) => {
          const model = createMlp({ inputDim: options.inputDim, hidden: options.hidden, seed: options.seed });
          attachLora(model, { ...options, initLoraWeights: false, targetModules: ['fc1', 'fc2', 'fc3'] });
          const x = raw.slice(0, options.inputDim);
          const y = model.predict(x)[0]!;
          const ref = referenceForward(model, x);
          const scale = Math.max(1, ...ref.map(Math.abs));
          expectClose(y, ref, 2e-5 * scale);
          model.dispose();
        },
      ),
      { numRuns: 60, seed: 1 },
    );
  });

  it('is the base model exactly when B starts at zero', () => {
    const base = createMlp({ seed: 9 });
    const adapted = createMlp({ seed: 9 });
    attachLora(adapted, { r: 8, targetModules: ['fc1', 'fc2', 'fc3'] });
    expect(adapted.predict(X)).toEqual(base.predict(X));
    base.dispose();
    adapted.dispose();
  });

  it('takes a batch and returns one row per input', () => {
    const model = createMlp({ task: 'similarity' });
    const out = model.predict([X, X.map((v) => -v)]);
    expect(out).toHaveLength(2);
    expect(out[0]).toHaveLength(8);
    model.dispose();
  });
});

describe('dropout', () => {
  it('never applies in eval mode', () => {
    const model = createMlp();
    attachLora(model, { r: 4, dropout: 0.9, initLoraWeights: false });
    expectClose(model.predict(X)[0]!, referenceForward(model, X), 1e-5);
    model.dispose();
  });

  it('in training drops the LoRA branch input only, scaled by 1/(1−p)', () => {
    const p = 0.5;
    const model = createMlp({ inputDim: 8, hidden: 4 });
    attachLora(model, { r: 2, alpha: 2, dropout: p, initLoraWeights: false, targetModules: ['fc1'] });
    const y = tf.tidy(() =>
      Array.from(model.forward(tf.tensor2d([X]), { training: true, rng: createRng(77, 'mask') }).dataSync()),
    );
    // Rebuild the same mask independently and feed it to the reference on the LoRA path only.
    const maskRng = createRng(77, 'mask');
    const dropped = X.map((v) => (maskRng.next() >= p ? v / (1 - p) : 0));
    const read = (id: string) => model.read(id);
    const mat = (id: string) => rows(read(id).values, read(id).shape);
    let h = referenceLayer(mat('fc1.weight'), Array.from(read('fc1.bias').values), X, {
      A: mat('fc1.lora_A'),
      B: mat('fc1.lora_B'),
      s: 1,
      loraInput: dropped,
    }).map((v) => Math.max(0, v));
    h = referenceLayer(mat('fc2.weight'), Array.from(read('fc2.bias').values), h).map((v) => Math.max(0, v));
    h = referenceLayer(mat('fc3.weight'), Array.from(read('fc3.bias').values), h);
    expectClose(y, h);
    expect(dropped.some((v) => v === 0)).toBe(true); // the mask did drop something
    model.dispose();
  });

  it('leaves the base path untouched in training (B = 0 gives the eval output exactly)', () => {
    const model = createMlp();
    attachLora(model, { r: 4, dropout: 0.7 });
    const train = tf.tidy(() => Array.from(model.forward(tf.tensor2d([X]), { training: true }).dataSync()));
    expect(train).toEqual(model.predict(X)[0]);
    model.dispose();
  });
});

describe('merge and unmerge', () => {
  it('folds s·B·A into W, keeps the output within float32 error, and unmerges back', () => {
    const model = createMlp({ task: 'regression' });
    attachLora(model, { r: 4, alpha: 16, initLoraWeights: false, targetModules: ['fc1', 'fc2', 'fc3'] });
    const W = model.read('fc2.weight');
    const A = rows(model.read('fc2.lora_A').values, [4, 16]);
    const B = rows(model.read('fc2.lora_B').values, [16, 4]);
    const unmerged = model.predict(X)[0]!;
    model.merge();
    expect(model.isMerged).toBe(true);
    const merged = model.read('fc2.weight').values;
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        const delta = 4 * B[i]!.reduce((sum, b, k) => sum + b * A[k]![j]!, 0);
        expect(Math.abs(merged[i * 16 + j]! - (W.values[i * 16 + j]! + delta))).toBeLessThan(1e-6);
      }
    }
    expectClose(model.predict(X)[0]!, unmerged, 1e-5);
    model.unmerge();
    const restored = model.read('fc2.weight').values;
    restored.forEach((v, i) => expect(Math.abs(v - W.values[i]!)).toBeLessThan(1e-6));
    expectClose(model.predict(X)[0]!, unmerged, 1e-5);
    model.dispose();
  });

  it('re-merges with the new scale when setScale is called while merged', () => {
    const model = createMlp();
    attachLora(model, { initLoraWeights: false });
    model.merge();
    model.setScale(0.25);
    expect(model.isMerged).toBe(true);
    model.unmerge();
    expectClose(model.predict(X)[0]!, referenceForward(model, X));
    model.dispose();
  });
});

describe('enable and disable', () => {
  it('runs the base model alone while disabled and the adapter again when enabled', () => {
    const base = createMlp({ seed: 4 });
    const model = createMlp({ seed: 4 });
    attachLora(model, { initLoraWeights: false, modulesToSave: ['fc3'] });
    const adapted = model.predict(X);
    model.disableAdapters();
    expect(model.predict(X)).toEqual(base.predict(X));
    model.enableAdapters();
    expect(model.predict(X)).toEqual(adapted);
    base.dispose();
    model.dispose();
  });

  it('unmerges before disabling, as PEFT does', () => {
    const base = createMlp({ seed: 4 });
    const model = createMlp({ seed: 4 });
    attachLora(model, { initLoraWeights: false });
    model.merge();
    model.disableAdapters();
    expect(model.isMerged).toBe(false);
    expectClose(model.predict(X)[0]!, base.predict(X)[0]!, 1e-6);
    base.dispose();
    model.dispose();
  });
});

describe('named adapters', () => {
  it('keeps several adapters on one frozen base and switches the active one', () => {
    const model = createMlp({ seed: 2 });
    attachLora(model, { r: 2, initLoraWeights: false, seed: 100 }, 'formal');
    model.addAdapter('casual', { r: 6, alpha: 3, initLoraWeights: false, seed: 200, targetModules: ['fc3'] });
    expect(model.activeAdapter).toBe('formal');
    expect(model.adapterNames).toEqual(['formal', 'casual']);
    const formal = model.predict(X)[0]!;
    expectClose(formal, referenceForward(model, X));
    model.setAdapter('casual');
    const casual = model.predict(X)[0]!;
    expectClose(casual, referenceForward(model, X));
    expect(casual).not.toEqual(formal);
    expect([...model.trainableVariables().keys()]).toEqual(['fc3.lora_A', 'fc3.lora_B']);
    model.setAdapter('formal');
    expect(model.predict(X)[0]).toEqual(formal);
    model.deleteAdapter('formal');
    expect(model.activeAdapter).toBe('casual');
    model.dispose();
  });

  it('unmerges when switching away from a merged adapter', () => {
    const model = createMlp();
    attachLora(model, { initLoraWeights: false }, 'one');
    model.addAdapter('two', { initLoraWeights: false, seed: 9 });
    const baseW = model.read('fc1.weight').values;
    model.merge();
    model.setAdapter('two');
    expect(model.isMerged).toBe(false);
    model.read('fc1.weight').values.forEach((v, i) => expect(Math.abs(v - baseW[i]!)).toBeLessThan(1e-6));
    model.dispose();
  });
});

describe('modules to save', () => {
  it('trains a copy of the layer and keeps the original frozen', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { modulesToSave: ['fc3'] });
    expect(model.read('fc3.modules_to_save.weight').values).toEqual(model.read('fc3.weight').values);
    const trainable = [...model.trainableVariables().keys()];
    expect(trainable).toContain('fc3.modules_to_save.weight');
    expect(trainable).not.toContain('fc3.weight');
    // Change the copy: the adapted model sees it, the base (adapters disabled) does not.
    const copy = model.trainableVariables().get('fc3.modules_to_save.bias')!;
    const before = model.predict(X)[0]!;
    tf.tidy(() => copy.assign(tf.add(copy, tf.scalar(1))));
    expectClose(
      model.predict(X)[0]!,
      before.map((v) => v + 1),
      1e-5,
    );
    model.disableAdapters();
    expectClose(model.predict(X)[0]!, before, 1e-6);
    model.dispose();
  });
});

describe('gradients', () => {
  it('reach only A and B under LoRA, and at step 0 A gets exactly zero', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { targetModules: ['fc1', 'fc2'] });
    const vars = model.trainableVariables();
    expect([...vars.keys()].sort()).toEqual(['fc1.lora_A', 'fc1.lora_B', 'fc2.lora_A', 'fc2.lora_B']);
    const { grads } = expectNoTensorLeak(() => {
      const result = tf.variableGrads(
        () => tf.tidy(() => tf.sum(tf.square(model.forward(tf.tensor2d([X]))))) as tf.Scalar,
        [...vars.values()],
      );
      const norms = Object.fromEntries(
        Object.entries(result.grads).map(([name, g]) => [name, tf.tidy(() => tf.norm(g).dataSync()[0]!)]),
      );
      result.value.dispose();
      Object.values(result.grads).forEach((g) => g.dispose());
      return { grads: norms };
    });
    for (const [name, norm] of Object.entries(grads)) {
      if (name.endsWith('.lora_A')) expect(norm).toBe(0);
      else expect(norm).toBeGreaterThan(0);
    }
    model.dispose();
  });

  it('make every base weight trainable without adapters (full fine-tuning)', () => {
    const model = createMlp();
    expect([...model.trainableVariables().keys()]).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
      'fc3.weight',
      'fc3.bias',
    ]);
    model.dispose();
  });
});
