import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/index.js';
import { NF4_CODE, nearestNf4Code, nf4BitsPerParameter, quantizeNf4 } from '../src/quant/nf4.js';

// The NF4 values as printed in Appendix E of Dettmers et al. 2023 (QLoRA).
const PAPER_NF4 = [
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334,
  -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
  0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
];

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return (error as InvalidOptionError).field;
  }
  return undefined;
}

describe('NF4 codebook', () => {
  it('has the 16 published values, sorted, with -1, 0 and 1 exactly', () => {
    expect(NF4_CODE).toEqual(PAPER_NF4);
    expect(NF4_CODE).toHaveLength(16);
    for (let i = 1; i < 16; i++) expect(NF4_CODE[i]!).toBeGreaterThan(NF4_CODE[i - 1]!);
    expect(NF4_CODE[0]).toBe(-1);
    expect(NF4_CODE[7]).toBe(0);
    expect(NF4_CODE[15]).toBe(1);
    // Asymmetric: 7 negative levels, 8 positive ones, so that zero is exact.
    expect(NF4_CODE.filter((c) => c < 0)).toHaveLength(7);
    expect(NF4_CODE.filter((c) => c > 0)).toHaveLength(8);
  });

  it('maps a value to the nearest code, and a value exactly halfway to the lower one', () => {
    expect(nearestNf4Code(-1)).toBe(0);
    expect(nearestNf4Code(1)).toBe(15);
    expect(nearestNf4Code(0)).toBe(7);
    expect(nearestNf4Code(-0.5)).toBe(2); // |−0.5 + 0.5251| = 0.025 < |−0.5 + 0.3949| = 0.105
    const half = (PAPER_NF4[7]! + PAPER_NF4[8]!) / 2;
    expect(nearestNf4Code(half)).toBe(7);
    expect(nearestNf4Code(half + 1e-12)).toBe(8);
  });
});

describe('quantizeNf4', () => {
  it('quantizes a hand-worked block: absmax 2, codes of 1, -0.5, 0.25, 0', () => {
    const q = quantizeNf4([2, -1, 0.5, 0], { blockSize: 4, doubleQuant: false });
    expect(Array.from(q.absmax)).toEqual([2]);
    // 2/2 = 1 → 15; -1/2 = -0.5 → 2 (-0.5251); 0.5/2 = 0.25 → 10 (0.2461); 0 → 7.
    expect(Array.from(q.codes)).toEqual([15, 2, 10, 7]);
    const expected = [2, -0.5250730514526367 * 2, 0.24611230194568634 * 2, 0].map(Math.fround);
    expect(Array.from(q.dequantized)).toEqual(expected);
    const errors = [0, Math.abs(-1 - expected[1]!), Math.abs(0.5 - expected[2]!), 0];
    expect(q.maxAbsError).toBeCloseTo(Math.max(...errors), 7);
    expect(q.meanAbsError).toBeCloseTo(errors.reduce((a, b) => a + b) / 4, 7);
    expect(q.doubleQuant).toBeNull();
  });

  it('cuts row-major values into blocks of 64 with one absmax each, the last block partial', () => {
    const values = Array.from({ length: 130 }, (_, i) => ((i * 37) % 23) - 11 + (i === 100 ? 40 : 0));
    const q = quantizeNf4(values, { doubleQuant: false });
    expect(q.blockSize).toBe(64);
    const peak = (a: number[]) => Math.max(...a.map(Math.abs));
    expect(Array.from(q.absmax)).toEqual([
      peak(values.slice(0, 64)),
      peak(values.slice(64, 128)),
      peak(values.slice(128)),
    ]);
    expect(q.codes).toHaveLength(130);
    // The block holding the outlier 40 + x keeps its peak exactly (code 1.0 or -1.0).
    expect(q.dequantized[100]).toBe(Math.fround(values[100]!));
  });

  it('keeps an all-zero block at zero', () => {
    const q = quantizeNf4([0, 0, 0, 0, 3, -3, 0, 0], { blockSize: 4, doubleQuant: false });
    expect(Array.from(q.codes.subarray(0, 4))).toEqual([7, 7, 7, 7]);
    expect(Array.from(q.dequantized)).toEqual([0, 0, 0, 0, 3, -3, 0, 0]);
  });

  it('bounds the round-trip error by half the largest code gap times the block absmax', () => {
    const gaps = PAPER_NF4.slice(1).map((c, i) => c - PAPER_NF4[i]!);
    const halfGap = Math.max(...gaps) / 2; // 0.1519, between -1 and -0.696
    expect(halfGap).toBeCloseTo(0.15190359950065613, 12);
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: 1, max: 80 }),
        (values, blockSize) => {
          const q = quantizeNf4(values, { blockSize, doubleQuant: false });
          values.forEach((v, i) => {
            const absmax = q.absmax[Math.floor(i / blockSize)]!;
            const bound = halfGap * absmax * (1 + 1e-6) + 1e-30;
            expect(Math.abs(Math.fround(v) - q.dequantized[i]!)).toBeLessThanOrEqual(bound);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('double-quantizes a hand-worked set of absmax constants to 8 bits around their mean', () => {
    // Block size 1: each value is its own block, so the absmax constants are |values| = 1, 2, 3, 6.
    const q = quantizeNf4([1, -2, 3, 6], { blockSize: 1 });
    const dq = q.doubleQuant!;
    expect(dq.blockSize).toBe(256);
    expect(dq.mean).toBe(3);
    // Deviations -2, -1, 0, 3; step = 3/127; codes = round(deviation / step).
    const step = Math.fround(3 / 127);
    expect(dq.scales[0]).toBe(step);
    expect(Array.from(dq.codes)).toEqual([-85, -42, 0, 127]);
    const effective = [-85, -42, 0, 127].map((c) => Math.fround(c * step + 3));
    expect(Array.from(q.effectiveAbsmax)).toEqual(effective);
    expect(effective[0]).toBeCloseTo(0.992126, 5);
    // Each value is ±1 times its block's constant.
    expect(Array.from(q.dequantized)).toEqual([effective[0]!, -effective[1]!, effective[2]!, effective[3]!]);
    expect(Array.from(q.absmax)).toEqual([1, 2, 3, 6]);
  });

  it('keeps each double-quantized constant within half a step of its fp32 value', () => {
    const values = Array.from({ length: 64 * 600 }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 977) / 50));
    const q = quantizeNf4(values);
    const dq = q.doubleQuant!;
    expect(dq.scales).toHaveLength(Math.ceil(600 / 256));
    q.absmax.forEach((a, b) => {
      const step = dq.scales[Math.floor(b / 256)]!;
      expect(Math.abs(a - q.effectiveAbsmax[b]!)).toBeLessThanOrEqual(step / 2 + 1e-6);
    });
  });

  it('costs 4.5 bits per parameter, or 4 + 8/64 + 32/(64·256) with double quantization', () => {
    expect(quantizeNf4([1, 2, 3], { doubleQuant: false }).bitsPerParameter).toBe(4.5);
    expect(quantizeNf4([1, 2, 3]).bitsPerParameter).toBe(4.126953125);
    expect(nf4BitsPerParameter(64, true) - 4).toBeCloseTo(0.127, 3); // the paper's 0.127 bits
    expect(nf4BitsPerParameter(32, false)).toBe(5);
  });

  it('rejects bad options and non-finite values, naming the field', () => {
    expect(fieldOf(() => quantizeNf4([1], { blockSize: 0 }))).toBe('blockSize');
    expect(fieldOf(() => quantizeNf4([1], { blockSize: 2.5 }))).toBe('blockSize');
    expect(fieldOf(() => quantizeNf4([1], { doubleQuant: 'yes' as unknown as boolean }))).toBe('doubleQuant');
    expect(fieldOf(() => quantizeNf4([1, Number.NaN]))).toBe('values');
    expect(fieldOf(() => quantizeNf4([1, Number.POSITIVE_INFINITY]))).toBe('values');
  });
});
