import { describe, expect, it } from 'vitest';
import { attachLora, countParameters, createMlp, InvalidOptionError, type LoraOptions } from '../src/index.js';

function errorOf(fn: () => unknown): InvalidOptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('option validation', () => {
  const badLora: [string, LoraOptions, string][] = [
    ['r', { r: 0 }, 'a positive integer up to 4096'],
    ['r', { r: 2.5 }, 'a positive integer up to 4096'],
    ['r', { r: Number.NaN }, 'a positive integer up to 4096'],
    ['r', { r: 5000 }, 'a positive integer up to 4096'],
    ['alpha', { alpha: Number.POSITIVE_INFINITY }, 'a finite number'],
    ['dropout', { dropout: 1 }, 'a number in [0, 1)'],
    ['dropout', { dropout: -0.1 }, 'a number in [0, 1)'],
    ['targetModules', { targetModules: ['fc9'] }, 'layer names from fc1, fc2, fc3'],
    ['targetModules', { targetModules: [] }, 'at least one of fc1, fc2, fc3'],
    ['targetModules', { targetModules: 'conv.*' }, 'a pattern matching one of fc1, fc2, fc3'],
    ['modulesToSave', { modulesToSave: ['fc1'] }, 'layers that are not also LoRA targets'],
    ['initLoraWeights', { initLoraWeights: 'pissa' as never }, "true, false or 'gaussian'"],
    ['rankPattern.fc1', { rankPattern: { fc1: 0 } }, 'a positive integer up to 4096'],
    ['seed', { seed: -1 }, 'an integer from 0 to 4294967295'],
  ];

  for (const [field, options, accepted] of badLora) {
    it(`rejects LoRA option ${field} = ${JSON.stringify(Object.values(options)[0])} naming the field`, () => {
      const model = createMlp();
      const before = countParameters(model).peftLine;
      const error = errorOf(() => attachLora(model, options));
      expect(error.field).toBe(field);
      expect(error.accepted).toBe(accepted);
      expect(error.message).toContain(field);
      // Nothing half-built is left behind.
      expect(model.adapterNames).toEqual([]);
      expect(countParameters(model).peftLine).toBe(before);
      model.dispose();
    });
  }

  it('accepts a regular expression for targetModules as PEFT does for a string', () => {
    const model = createMlp();
    expect(attachLora(model, { targetModules: 'fc[23]' }).targetModules).toEqual(['fc2', 'fc3']);
    model.dispose();
  });

  it('warns, but works, when the rank exceeds min(in, out)', () => {
    const model = createMlp();
    const spec = attachLora(model, { r: 10 });
    expect(spec.warnings).toHaveLength(1);
    expect(spec.warnings[0]).toContain('fc1: rank 10 exceeds min(in, out) = 8');
    expect(model.read('fc1.lora_A').shape).toEqual([10, 8]);
    model.dispose();
  });

  it('rejects bad model options naming the field', () => {
    expect(errorOf(() => createMlp({ task: 'translation' as never })).field).toBe('task');
    expect(errorOf(() => createMlp({ hidden: 0 })).field).toBe('hidden');
    expect(errorOf(() => createMlp({ inputDim: 5000 })).field).toBe('inputDim');
    expect(errorOf(() => createMlp({ seed: 2 ** 32 })).field).toBe('seed');
  });

  it('rejects inputs of the wrong length or with non-numbers', () => {
    const model = createMlp();
    expect(errorOf(() => model.predict([1, 2, 3])).field).toBe('input');
    expect(errorOf(() => model.predict([1, 2, 3, 4, 5, 6, 7, Number.NaN])).field).toBe('input');
    model.dispose();
  });

  it('rejects duplicate and unknown adapter names', () => {
    const model = createMlp();
    attachLora(model);
    expect(errorOf(() => model.addAdapter('default')).field).toBe('adapterName');
    expect(errorOf(() => model.setAdapter('nope')).field).toBe('adapterName');
    expect(errorOf(() => model.addAdapter('has space')).field).toBe('adapterName');
    model.dispose();
  });

  it('refuses to work after dispose', () => {
    const model = createMlp();
    model.dispose();
    expect(() => model.predict([0, 0, 0, 0, 0, 0, 0, 0])).toThrow(/disposed/);
  });
});
