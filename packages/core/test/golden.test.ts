import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_TEXT, attachLora, createMlp, createTaskBase, fineTune, parseLines } from '../src/index.js';
import { GOLDEN_LOSSES, GOLDEN_RUNS, GOLDEN_SEED0 } from './golden.js';

describe('seed determinism across platforms', () => {
  it('reproduces the pinned seed-0 weights, adapter and output bit for bit', () => {
    const model = createMlp({ seed: 0 });
    attachLora(model, { initLoraWeights: 'gaussian' });
    expect(Array.from(model.read('fc1.weight').values.slice(0, 4))).toEqual(GOLDEN_SEED0.fc1Weight);
    expect(Array.from(model.read('fc3.bias').values)).toEqual(GOLDEN_SEED0.fc3Bias);
    expect(Array.from(model.read('fc2.lora_A').values.slice(0, 3))).toEqual(GOLDEN_SEED0.fc2LoraA);
    expect(model.predict([1, 2, 3, 4, 5, 6, 7, 8])[0]).toEqual(GOLDEN_SEED0.output);
    model.dispose();
  });
});

describe('training determinism across platforms', () => {
  for (const [name, run] of Object.entries(GOLDEN_RUNS)) {
    it(`gives the pinned loss curve of ${name} bit for bit`, async () => {
      const base = createTaskBase(run.task, { seed: run.baseSeed });
      const examples = parseLines(run.task, DEFAULT_TRAINING_TEXT[run.task]).examples;
      const result = await fineTune(base, examples, run.options);
      expect(result.losses).toEqual(GOLDEN_LOSSES[name as keyof typeof GOLDEN_LOSSES]);
      result.model.dispose();
      base.dispose();
    });
  }
});
