/** Weights per NF4 quantization block; each block has one absmax constant (QLoRA paper, §3). */
export const NF4_BLOCK_SIZE = 64;

/** First-level constants per second-level block under double quantization (QLoRA paper, §3). */
export const DOUBLE_QUANT_BLOCK_SIZE = 256;

/**
 * Bits of quantization constants per NF4 weight: one fp32 absmax per 64 weights is 32/64 = 0.5;
 * double quantization stores each absmax in 8 bits plus one fp32 constant per 256 of them,
 * 8/64 + 32/(64·256) = 0.126953125 (QLoRA paper, §3, "Double Quantization").
 */
export function quantConstantBits(doubleQuant: boolean): number {
  return doubleQuant ? 8 / NF4_BLOCK_SIZE + 32 / (NF4_BLOCK_SIZE * DOUBLE_QUANT_BLOCK_SIZE) : 32 / NF4_BLOCK_SIZE;
}

/** Bytes of one quantized weight tensor: the packed values and the constants needed to dequantize them. */
export interface QuantizedStorage {
  /** Bytes of the quantized values. */
  readonly data: number;
  /** Bytes of the constants (absmax values, scales, offsets). */
  readonly constants: number;
}

/**
 * Bytes of one weight tensor of `rows` × `columns` values once quantized as bitsandbytes stores it.
 *
 * - `nf4`: two 4-bit values per byte; per block of 64 an fp32 absmax (4 bytes), or with double
 *   quantization an 8-bit absmax plus, per 256 blocks, an fp32 constant, plus one fp32 offset per
 *   tensor (the mean that bitsandbytes subtracts from the absmax values before quantizing them; it
 *   adds 32 bits per tensor, which the paper's per-parameter figure leaves out).
 * - `int8` (LLM.int8(), `Linear8bitLt`): one byte per value and one fp32 scale per output row.
 */
export function quantizedStorage(
  rows: number,
  columns: number,
  quantization: 'nf4' | 'int8',
  doubleQuant: boolean,
): QuantizedStorage {
  const n = rows * columns;
  if (quantization === 'int8') return { data: n, constants: 4 * rows };
  const blocks = Math.ceil(n / NF4_BLOCK_SIZE);
  const constants = doubleQuant ? blocks + 4 * Math.ceil(blocks / DOUBLE_QUANT_BLOCK_SIZE) + 4 : 4 * blocks;
  return { data: Math.ceil(n / 2), constants };
}
