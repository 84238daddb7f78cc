import { expect } from '@esm-bundle/chai';
import {
  DEFAULT_TRAINING_TEXT,
  attachLora,
  createMlp,
  createRng,
  createTaskBaseAsync,
  fineTune,
  parseLines,
} from '@lora-viz/core';
import { GOLDEN_LOSSES, GOLDEN_RUNS, GOLDEN_SEED0 } from '../../core/test/golden.js';

// The same pinned numbers are checked in Node by packages/core/test/golden.test.ts: one seed must give
// one set of weights and outputs in Node and in the browser.
describe('core in Chromium', () => {
  it('reproduces the seed-0 weights, adapter and output that Node produced, bit for bit', () => {
    const model = createMlp({ seed: 0 });
    attachLora(model, { initLoraWeights: 'gaussian' });
    expect(Array.from(model.read('fc1.weight').values.slice(0, 4))).to.deep.equal(GOLDEN_SEED0.fc1Weight);
    expect(Array.from(model.read('fc3.bias').values)).to.deep.equal(GOLDEN_SEED0.fc3Bias);
    expect(Array.from(model.read('fc2.lora_A').values.slice(0, 3))).to.deep.equal(GOLDEN_SEED0.fc2LoraA);
    expect(model.predict([1, 2, 3, 4, 5, 6, 7, 8])[0]).to.deep.equal(GOLDEN_SEED0.output);
    model.dispose();
  });

  it('draws the same PRNG sequence as Node', () => {
    const rng = createRng(0, 'golden');
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).to.deep.equal([1462415139, 74867113, 1457603408]);
  });
});

describe('training in Chromium', () => {
  for (const [name, run] of Object.entries(GOLDEN_RUNS)) {
    it(`gives the loss curve Node pinned for ${name}, bit for bit`, async () => {
      const base = await createTaskBaseAsync(run.task, { seed: run.baseSeed });
      const examples = parseLines(run.task, DEFAULT_TRAINING_TEXT[run.task]).examples;
      const result = await fineTune(base, examples, run.options);
      expect(result.losses).to.deep.equal(GOLDEN_LOSSES[name as keyof typeof GOLDEN_LOSSES]);
      result.model.dispose();
      base.dispose();
    });
  }
});
