import { InvalidOptionError } from '../model/errors.js';

/**
 * The 16 code values of the 4-bit NormalFloat data type (NF4), ascending, index 7 being exactly zero:
 * the values listed in Appendix E of Dettmers et al., "QLoRA: Efficient Finetuning of Quantized LLMs"
 * (2023), which bitsandbytes also uses. They are quantiles of N(0, 1) rescaled to [−1, 1], with 8
 * positive and 7 negative levels so that zero is represented exactly. Dimensionless (multiples of a
 * block's absmax).
 */
export const NF4_CODE: readonly number[] = Object.freeze([
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334,
  -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
  0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
]);

/** Constants per block of the second quantization level, as QLoRA (and bitsandbytes) use. */
export const NF4_DOUBLE_QUANT_BLOCK = 256;

/** Largest magnitude of the symmetric 8-bit codes of the double quantization. */
const INT8_MAX = 127;

// Decision boundaries halfway between neighbouring codes. A value exactly on one goes to the lower
// code, as bitsandbytes' strictly-greater comparisons do.
const MIDPOINTS: readonly number[] = NF4_CODE.slice(1).map((c, i) => (NF4_CODE[i]! + c) / 2);

/** Options of {@link quantizeNf4}. */
export interface Nf4Options {
  /** Values per block sharing one absmax constant: a positive integer (default 64, as QLoRA). */
  blockSize?: number;
  /** Quantize the absmax constants too (QLoRA's double quantization; default true). */
  doubleQuant?: boolean;
}

/** The second quantization level: the absmax constants stored in 8 bits. */
export interface Nf4DoubleQuant {
  /** Constants per block of this level (256). */
  readonly blockSize: number;
  /** Mean of the fp32 absmax constants, subtracted before quantizing (one fp32 per tensor). */
  readonly mean: number;
  /** One signed 8-bit code per absmax constant, from −127 to 127. */
  readonly codes: Int8Array;
  /** One fp32 step per block of 256 constants: max |absmax − mean| in the block / 127. */
  readonly scales: Float32Array;
}

/** An NF4 quantization of a list of values, with its dequantization and error. */
export interface Nf4Quantization {
  /** Values per block. */
  readonly blockSize: number;
  /** One code index (0 to 15 into {@link NF4_CODE}) per value; unpacked, one byte each, for inspection. */
  readonly codes: Uint8Array;
  /** The fp32 absmax of each block (the first-level quantization constants). */
  readonly absmax: Float32Array;
  /** The absmax constants dequantization uses: `absmax` itself, or its double-quantized round trip. */
  readonly effectiveAbsmax: Float32Array;
  /** The second level when double quantization is on, else `null`. */
  readonly doubleQuant: Nf4DoubleQuant | null;
  /** code × effective absmax for every value, in float32: what a QLoRA forward pass computes with. */
  readonly dequantized: Float32Array;
  /** Storage cost: 4 + 32/blockSize bits, or 4 + 8/blockSize + 32/(blockSize·256) with double quantization. */
  readonly bitsPerParameter: number;
  /** Mean of |value − dequantized| (same unit as the values). */
  readonly meanAbsError: number;
  /** Largest |value − dequantized| (same unit as the values). */
  readonly maxAbsError: number;
}

/** Index of the NF4 code nearest to `x` (a value already divided by its block's absmax). */
export function nearestNf4Code(x: number): number {
  let index = 0;
  while (index < MIDPOINTS.length && x > MIDPOINTS[index]!) index++;
  return index;
}

/**
 * Bits stored per quantized parameter, ignoring the padding of a last partial block and the single
 * fp32 mean of the double quantization (as the QLoRA paper counts): 4 + 32/64 = 4.5 by default, and
 * 4 + 8/64 + 32/(64·256) ≈ 4.127 with double quantization.
 */
export function nf4BitsPerParameter(blockSize = 64, doubleQuant = true): number {
  return doubleQuant ? 4 + 8 / blockSize + 32 / (blockSize * NF4_DOUBLE_QUANT_BLOCK) : 4 + 32 / blockSize;
}

function doubleQuantize(absmax: Float32Array): { dq: Nf4DoubleQuant; effective: Float32Array } {
  let sum = 0;
  for (const a of absmax) sum += a;
  const mean = Math.fround(absmax.length === 0 ? 0 : sum / absmax.length);
  const blocks = Math.ceil(absmax.length / NF4_DOUBLE_QUANT_BLOCK);
  const codes = new Int8Array(absmax.length);
  const scales = new Float32Array(blocks);
  const effective = new Float32Array(absmax.length);
  for (let b = 0; b < blocks; b++) {
    const start = b * NF4_DOUBLE_QUANT_BLOCK;
    const end = Math.min(start + NF4_DOUBLE_QUANT_BLOCK, absmax.length);
    let peak = 0;
    for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(absmax[i]! - mean));
    const scale = Math.fround(peak / INT8_MAX);
    scales[b] = scale;
    for (let i = start; i < end; i++) {
      const q = scale === 0 ? 0 : Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round((absmax[i]! - mean) / scale)));
      codes[i] = q;
      effective[i] = Math.fround(q * scale + mean);
    }
  }
  return { dq: Object.freeze({ blockSize: NF4_DOUBLE_QUANT_BLOCK, mean, codes, scales }), effective };
}

/**
 * Quantizes values to NF4 as QLoRA stores a frozen weight (ARCHITECTURE §3.2): the values, flattened
 * row-major, are cut into blocks of 64; each block keeps its fp32 absmax, and each value becomes the
 * index of the NF4 code nearest to value / absmax (an all-zero block keeps absmax 0 and code 0.0).
 *
 * With double quantization the absmax constants are themselves stored in 8 bits. What is implemented:
 * subtract the mean of all constants (kept in fp32, as bitsandbytes does), then per block of 256
 * constants keep one fp32 step = max|absmax − mean| / 127 and round each constant to a signed integer
 * code in [−127, 127] (symmetric linear int8). How this differs: the QLoRA paper describes 8-bit floats,
 * and bitsandbytes (`quantize_4bit` with `compress_statistics`) maps (absmax − mean) / blockAbsmax to
 * the nearest of the 256 values of its non-linear "dynamic" 8-bit map, so its rounding error is
 * relative to each constant's size, where ours is at most step / 2 for every constant. The storage
 * cost (8 bits per constant, one fp32 per 256 constants) is the same.
 *
 * Plain numbers only: no tfjs.
 *
 * @throws InvalidOptionError for a non-finite value or a bad option.
 * @example
 * const q = quantizeNf4(model.read('fc1.weight').values, { doubleQuant: false });
 * q.bitsPerParameter; // 4.5
 */
export function quantizeNf4(values: ArrayLike<number>, options: Nf4Options = {}): Nf4Quantization {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', 'an object of NF4 options', `got ${String(options)}`);
  }
  const blockSize = options.blockSize ?? 64;
  if (typeof blockSize !== 'number' || !Number.isInteger(blockSize) || blockSize < 1) {
    throw new InvalidOptionError('blockSize', 'a positive integer', `got ${String(blockSize)}`);
  }
  const doubleQuant = options.doubleQuant ?? true;
  if (typeof doubleQuant !== 'boolean') {
    throw new InvalidOptionError('doubleQuant', 'true or false', `got ${String(doubleQuant)}`);
  }
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new InvalidOptionError('values', 'an array of finite numbers', `got ${String(values)}`);
  }
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
      throw new InvalidOptionError('values', 'finite numbers', `values[${i}] is ${String(values[i])}`);
    }
  }
  // Values are held as fp32, as the weights they stand for are.
  const input = Float32Array.from(values);
  const blocks = Math.ceil(n / blockSize);
  const absmax = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let peak = 0;
    for (let i = b * blockSize; i < Math.min((b + 1) * blockSize, n); i++) peak = Math.max(peak, Math.abs(input[i]!));
    absmax[b] = peak;
  }
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const scale = absmax[Math.floor(i / blockSize)]!;
    codes[i] = scale === 0 ? 7 : nearestNf4Code(input[i]! / scale);
  }
  const second = doubleQuant ? doubleQuantize(absmax) : null;
  const effectiveAbsmax = second ? second.effective : absmax.slice();
  const dequantized = new Float32Array(n);
  let errorSum = 0;
  let maxAbsError = 0;
  for (let i = 0; i < n; i++) {
    dequantized[i] = NF4_CODE[codes[i]!]! * effectiveAbsmax[Math.floor(i / blockSize)]!;
    const error = Math.abs(input[i]! - dequantized[i]!);
    errorSum += error;
    maxAbsError = Math.max(maxAbsError, error);
  }
  return Object.freeze({
    blockSize,
    codes,
    absmax,
    effectiveAbsmax,
    doubleQuant: second ? second.dq : null,
    dequantized,
    bitsPerParameter: nf4BitsPerParameter(blockSize, doubleQuant),
    meanAbsError: n === 0 ? 0 : errorSum / n,
    maxAbsError,
  });
}
