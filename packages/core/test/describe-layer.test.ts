import { describe, expect, it } from 'vitest';
import { attachLora, createMlp, describeLayer } from '../src/index.js';
import { expectNoTensorLeak, rows } from './helpers.js';

describe('describeLayer', () => {
  it('gives W, A, B, ΔW = s·B·A and W_eff = W + ΔW from the model’s own numbers', () => {
    const model = createMlp();
    attachLora(model, { r: 3, alpha: 6, initLoraWeights: false });
    const m = expectNoTensorLeak(() => describeLayer(model, 'fc1'));
    const W = rows(model.read('fc1.weight').values, [16, 8]);
    const A = rows(model.read('fc1.lora_A').values, [3, 8]);
    const B = rows(model.read('fc1.lora_B').values, [16, 3]);
    expect(m.base).toEqual(W);
    expect(m.lora?.scaling).toBe(2);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 8; j++) {
        const delta = 2 * (B[i]![0]! * A[0]![j]! + B[i]![1]! * A[1]![j]! + B[i]![2]! * A[2]![j]!);
        expect(m.lora!.delta[i]![j]).toBeCloseTo(delta, 12);
        expect(m.effective[i]![j]).toBeCloseTo(W[i]![j]! + delta, 12);
      }
    }
    expect(m.lora!.singularValues).toHaveLength(3);
    expect(m.lora!.live).toBe(true);
    model.dispose();
  });

  it('shows ΔW as exactly zero with default init (B = 0)', () => {
    const model = createMlp();
    attachLora(model);
    const m = describeLayer(model, 'fc2');
    expect(m.lora!.delta.flat().every((v) => v === 0)).toBe(true);
    expect(m.lora!.singularValues.every((v) => v === 0)).toBe(true);
    expect(m.effective).toEqual(m.base);
    model.dispose();
  });

  it('recovers the base W while merged, and reports the adapter as not live', () => {
    const model = createMlp();
    attachLora(model, { initLoraWeights: false });
    const before = describeLayer(model, 'fc1');
    model.merge();
    const merged = describeLayer(model, 'fc1');
    expect(merged.lora!.live).toBe(false);
    merged.base.flat().forEach((v, i) => expect(v).toBeCloseTo(before.base.flat()[i]!, 6));
    merged.effective.flat().forEach((v, i) => expect(v).toBeCloseTo(before.effective.flat()[i]!, 6));
    model.dispose();
  });

  it('has at most min(in, out) non-zero singular values when r exceeds it', () => {
    const model = createMlp();
    attachLora(model, { r: 10, initLoraWeights: false });
    const sv = describeLayer(model, 'fc1').lora!.singularValues; // fc1 is 16×8: rank ≤ 8
    expect(sv).toHaveLength(10);
    expect(sv.filter((v) => v > 1e-9)).toHaveLength(8);
    model.dispose();
  });

  it('uses W without an adapter and the saved copy for a module to save', () => {
    const model = createMlp();
    expect(describeLayer(model, 'fc3').lora).toBeNull();
    attachLora(model, { modulesToSave: ['fc3'] });
    const m = describeLayer(model, 'fc3');
    expect(m.saved).not.toBeNull();
    expect(m.effective).toEqual(m.saved!.weight);
    model.dispose();
  });
});
