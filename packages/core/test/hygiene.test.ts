import { describe, expect, it } from 'vitest';
import { attachLora, countParameters, createMlp, tf } from '../src/index.js';
import { expectNoTensorLeak } from './helpers.js';

const X = [1, 0, -1, 0.5, 2, -2, 0, 1];

describe('tensor hygiene', () => {
  it('returns numTensors to its baseline after create, attach, use and dispose', () => {
    expectNoTensorLeak(() => {
      const model = createMlp({ task: 'classification' });
      attachLora(model, { r: 4, modulesToSave: ['fc3'] });
      model.addAdapter('other', { r: 2, initLoraWeights: 'gaussian' });
      model.dispose();
    });
  });

  it('leaves no tensor behind from any computing method', () => {
    const model = createMlp();
    attachLora(model, { initLoraWeights: false, dropout: 0.3 });
    expectNoTensorLeak(() => model.predict([X, X]));
    expectNoTensorLeak(() => model.read('fc1.lora_B'));
    expectNoTensorLeak(() => model.parameters());
    expectNoTensorLeak(() => countParameters(model));
    expectNoTensorLeak(() => {
      model.merge();
      model.unmerge();
    });
    expectNoTensorLeak(() => model.setScale(0.5));
    expectNoTensorLeak(() => {
      model.disableAdapters();
      model.enableAdapters();
    });
    expectNoTensorLeak(() => {
      const input = tf.tensor2d([X]);
      model.forward(input, { training: true }).dispose();
      input.dispose();
    });
    expectNoTensorLeak(() => {
      model.addAdapter('tmp');
      model.deleteAdapter('tmp');
    });
    model.dispose();
  });

  it('leaves no tensor behind when a call fails', () => {
    const model = createMlp();
    expectNoTensorLeak(() => expect(() => model.predict([1, 2])).toThrow());
    expectNoTensorLeak(() => expect(() => attachLora(model, { r: -1 })).toThrow());
    model.dispose();
  });

  it('lets two models with the same seed live side by side (variable names are unique)', () => {
    const a = createMlp();
    const b = createMlp();
    expect(a.predict(X)).toEqual(b.predict(X));
    a.dispose();
    b.dispose();
  });
});

describe('change notifications', () => {
  it('tells subscribers about adapter changes and stops after unsubscribe', () => {
    const model = createMlp();
    const kinds: string[] = [];
    const stop = model.subscribe((change) => kinds.push(change.kind));
    attachLora(model, { initLoraWeights: false });
    model.merge();
    model.unmerge();
    stop();
    model.deleteAdapter('default');
    expect(kinds).toEqual(['adapters', 'merge', 'merge']);
    expect(model.revision).toBe(4);
    model.dispose();
  });
});

describe('clone', () => {
  it('copies sizes, adapters, state and values, and changes to the copy never reach the original', () => {
    const model = createMlp({ task: 'classification', seed: 3 });
    attachLora(model, { r: 3, initLoraWeights: false, modulesToSave: ['fc3'] }, 'one');
    model.addAdapter('two', { r: 2, targetModules: ['fc2'] });
    model.setScale(0.5);
    const heard: string[] = [];
    model.subscribe((change) => heard.push(change.kind));
    const before = tf.memory().numTensors;
    const copy = model.clone();
    expect(copy.adapterNames).toEqual(['one', 'two']);
    expect(copy.activeAdapter).toBe('one');
    expect(copy.scaling('fc1')).toBe(model.scaling('fc1'));
    for (const p of model.parameters()) expect(copy.read(p.id).values).toEqual(model.read(p.id).values);
    expect(copy.predict(X)).toEqual(model.predict(X));
    copy.write('fc1.lora_B', new Float32Array(16 * 3).fill(1));
    copy.deleteAdapter('two');
    expect(model.read('fc1.lora_B').values.every((v) => v === 1)).toBe(false);
    expect(model.adapterNames).toEqual(['one', 'two']);
    expect(heard).toEqual([]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('keeps a merged model merged with the same numbers', () => {
    const model = createMlp();
    attachLora(model, { initLoraWeights: false });
    model.merge();
    const copy = model.clone();
    expect(copy.isMerged).toBe(true);
    expect(copy.predict(X)).toEqual(model.predict(X));
    copy.unmerge();
    model.unmerge();
    expect(copy.read('fc1.weight').values).toEqual(model.read('fc1.weight').values);
    copy.dispose();
    model.dispose();
  });
});
