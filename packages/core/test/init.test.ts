import { describe, expect, it } from 'vitest';
import { attachLora, createMlp } from '../src/index.js';

function stats(values: Float32Array) {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2 / (n - 1);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { mean, std: Math.sqrt(variance), min, max };
}

describe('base model init', () => {
  it('has the contract shapes per task', () => {
    for (const [task, out] of [
      ['sentiment', 2],
      ['classification', 4],
      ['similarity', 8],
      ['regression', 4],
    ] as const) {
      const model = createMlp({ task });
      expect(model.read('fc1.weight').shape).toEqual([16, 8]);
      expect(model.read('fc2.weight').shape).toEqual([16, 16]);
      expect(model.read('fc3.weight').shape).toEqual([out, 16]);
      expect(model.read('fc3.bias').shape).toEqual([out]);
      model.dispose();
    }
  });

  it('draws weights from He-uniform U(±√(6/in)) with variance 2/in', () => {
    const model = createMlp({ inputDim: 64, hidden: 512 });
    const w = model.read('fc2.weight').values; // 512×512 samples
    const bound = Math.sqrt(6 / 512);
    const s = stats(w);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    // Uniform on [−a, a] has std a/√3 = √(2/in).
    expect(s.std).toBeCloseTo(Math.sqrt(2 / 512), 3);
    expect(Math.abs(s.mean)).toBeLessThan(0.001);
    model.dispose();
  });

  it('draws biases from U(±1/√in) like nn.Linear', () => {
    const model = createMlp({ hidden: 1024 });
    const b = model.read('fc2.bias').values;
    const s = stats(b);
    expect(s.max).toBeLessThanOrEqual(1 / 32);
    expect(s.min).toBeGreaterThanOrEqual(-1 / 32);
    expect(s.std).toBeCloseTo(1 / 32 / Math.sqrt(3), 2);
    model.dispose();
  });

  it('gives identical weights for the same seed and different ones for another seed', () => {
    const a = createMlp({ seed: 5 });
    const b = createMlp({ seed: 5 });
    const c = createMlp({ seed: 6 });
    for (const id of ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc3.weight']) {
      expect(a.read(id).values).toEqual(b.read(id).values);
      expect(a.read(id).values).not.toEqual(c.read(id).values);
    }
    [a, b, c].forEach((m) => m.dispose());
  });
});

describe('LoRA init (PEFT init_lora_weights)', () => {
  it('default: A ~ U(±1/√in) with shape r×in, B = 0 with shape out×r', () => {
    const model = createMlp({ hidden: 256 });
    attachLora(model, { r: 8, targetModules: ['fc1', 'fc2', 'fc3'] });
    for (const [layer, inF, outF] of [
      ['fc1', 8, 256],
      ['fc2', 256, 256],
      ['fc3', 256, 2],
    ] as const) {
      const A = model.read(`${layer}.lora_A`);
      const B = model.read(`${layer}.lora_B`);
      expect(A.shape).toEqual([8, inF]);
      expect(B.shape).toEqual([outF, 8]);
      const bound = 1 / Math.sqrt(inF);
      for (const v of A.values) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
      expect(B.values.every((v) => v === 0)).toBe(true);
    }
    // 8×256 samples: the std of U(±a) is a/√3.
    expect(stats(model.read('fc2.lora_A').values).std).toBeCloseTo(1 / 16 / Math.sqrt(3), 2);
    model.dispose();
  });

  it("'gaussian': A ~ N(0, σ = 1/r), B = 0", () => {
    const model = createMlp({ hidden: 1024 });
    attachLora(model, { r: 4, initLoraWeights: 'gaussian', targetModules: ['fc2'] });
    const s = stats(model.read('fc2.lora_A').values); // 4096 samples
    expect(s.std).toBeGreaterThan(0.24);
    expect(s.std).toBeLessThan(0.26);
    expect(Math.abs(s.mean)).toBeLessThan(0.012);
    expect(model.read('fc2.lora_B').values.every((v) => v === 0)).toBe(true);
    model.dispose();
  });

  it('false: A and B both keep nn.Linear init, so B is not zero', () => {
    const model = createMlp();
    attachLora(model, { r: 4, initLoraWeights: false });
    const B = model.read('fc1.lora_B').values;
    expect(B.some((v) => v !== 0)).toBe(true);
    for (const v of B) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(4));
    for (const v of model.read('fc1.lora_A').values) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(8));
    model.dispose();
  });

  it('keeps the first rows of A when the rank grows (one stream per layer)', () => {
    const small = createMlp();
    const large = createMlp();
    attachLora(small, { r: 2 });
    attachLora(large, { r: 6 });
    const a2 = small.read('fc1.lora_A').values;
    expect(large.read('fc1.lora_A').values.slice(0, a2.length)).toEqual(a2);
    small.dispose();
    large.dispose();
  });

  it('seeds A from the adapter seed, independently of the base seed', () => {
    const a = createMlp({ seed: 1 });
    const b = createMlp({ seed: 1 });
    attachLora(a, { seed: 10 });
    attachLora(b, { seed: 11 });
    expect(a.read('fc1.weight').values).toEqual(b.read('fc1.weight').values);
    expect(a.read('fc1.lora_A').values).not.toEqual(b.read('fc1.lora_A').values);
    a.dispose();
    b.dispose();
  });
});
