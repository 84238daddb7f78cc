import { describe, expect, it } from 'vitest';
import { attachLora, countParameters, createMlp, formatFixed4, formatTrainableParameters } from '../src/index.js';

describe('countParameters (PEFT print_trainable_parameters)', () => {
  it('prints the contract line for classification, r=4 on fc1,fc2', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { r: 4, alpha: 8, targetModules: ['fc1', 'fc2'] });
    const ledger = countParameters(model);
    expect(ledger.peftLine).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384');
    // By hand: fc1 8·16+16 = 144, fc2 16·16+16 = 272, fc3 16·4+4 = 68; A+B = r(in+out).
    expect(ledger.layers.map((l) => [l.name, l.base, l.frozen, l.lora, l.trainable, l.total])).toEqual([
      ['fc1', 144, 144, 96, 96, 240],
      ['fc2', 272, 272, 128, 128, 400],
      ['fc3', 68, 68, 0, 0, 68],
    ]);
    model.dispose();
  });

  it('counts a saved module both in trainable and, as a copy, in all params', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { r: 4, alpha: 8, targetModules: ['fc1', 'fc2'], modulesToSave: ['fc3'] });
    expect(countParameters(model).peftLine).toBe('trainable params: 292 || all params: 776 || trainable%: 37.6289');
    model.dispose();
  });

  it('makes everything trainable without an adapter', () => {
    const model = createMlp({ task: 'classification' });
    const ledger = countParameters(model);
    expect(ledger.peftLine).toBe('trainable params: 484 || all params: 484 || trainable%: 100.0000');
    expect(ledger.adapter).toBeNull();
    model.dispose();
  });

  it('counts every adapter in all params but only the active one as trainable', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { r: 4 }, 'a');
    model.addAdapter('b', { r: 2, targetModules: ['fc3'] }); // 2·(16+4) = 40
    expect(countParameters(model).peftLine).toBe('trainable params: 224 || all params: 748 || trainable%: 29.9465');
    model.setAdapter('b');
    expect(countParameters(model).peftLine).toBe('trainable params: 40 || all params: 748 || trainable%: 5.3476');
    model.dispose();
  });

  it('reports break-even ranks d·k/(d+k) per layer', () => {
    const model = createMlp({ task: 'classification' });
    expect(countParameters(model).layers.map((l) => l.breakEvenRank)).toEqual([128 / 24, 8, 64 / 20]);
    model.dispose();
  });

  it('groups thousands like Python for wide models', () => {
    const model = createMlp({ hidden: 1024, task: 'sentiment' });
    attachLora(model, { r: 8 });
    // base: 8·1024+1024 + 1024·1024+1024 + 1024·2+2 = 1,060,866; LoRA: 8·(8+1024) + 8·2048 = 24,640.
    expect(countParameters(model).peftLine).toBe(
      'trainable params: 24,640 || all params: 1,085,506 || trainable%: 2.2699',
    );
    model.dispose();
  });
});

describe('formatFixed4', () => {
  it('rounds exact binary ties to even like Python', () => {
    // Python: f'{0.03125:.4f}' == '0.0312', f'{0.09375:.4f}' == '0.0938', f'{12.53125:.4f}' == '12.5312'.
    expect(formatFixed4(0.03125)).toBe('0.0312');
    expect(formatFixed4(0.09375)).toBe('0.0938');
    expect(formatFixed4(12.53125)).toBe('12.5312');
    expect(formatFixed4(31.638418079096045)).toBe('31.6384');
    expect(formatFixed4(100)).toBe('100.0000');
  });

  it('builds the PEFT line from raw counts', () => {
    expect(formatTrainableParameters(4_194_304, 6_742_609_920)).toBe(
      'trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622',
    );
  });
});
