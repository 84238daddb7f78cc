import { createRng } from '../util/prng.js';

/** Fills a new Float32Array of `size` with U(−bound, bound) from a named stream of `seed`. */
export function uniformValues(size: number, bound: number, seed: number, stream: string): Float32Array {
  const rng = createRng(seed, stream);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.uniform(-bound, bound);
  return out;
}

/** Fills a new Float32Array of `size` with N(0, std²) from a named stream of `seed`. */
export function normalValues(size: number, std: number, seed: number, stream: string): Float32Array {
  const rng = createRng(seed, stream);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal(0, std);
  return out;
}

/**
 * He (Kaiming) uniform bound for a ReLU network, √(6 / fan_in): PyTorch's
 * `kaiming_uniform_(w, nonlinearity='relu')`, variance 2 / fan_in.
 */
export function heUniformBound(fanIn: number): number {
  return Math.sqrt(6 / fanIn);
}

/**
 * Bound 1/√fan_in of PyTorch's default `nn.Linear` init (`kaiming_uniform_` with a = √5) and of its
 * bias init; PEFT's default init of lora_A uses exactly this.
 */
export function linearDefaultBound(fanIn: number): number {
  return 1 / Math.sqrt(fanIn);
}
