/**
 * A seeded pseudo-random number generator (sfc32, seeded through splitmix32).
 *
 * Every random number in core comes from here: the same seed gives the same sequence in Node and in
 * every browser, because the generator uses only 32-bit integer arithmetic (`Math.imul`, shifts) and
 * the normal sampler only `Math.log` and `Math.sqrt`, which are correctly rounded or fdlibm-based in
 * every engine we target.
 */
export interface Rng {
  /** A uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** A uniform float in [low, high). */
  uniform(low: number, high: number): number;
  /** A normal sample with the given mean and standard deviation (Marsaglia's polar method). */
  normal(mean?: number, std?: number): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

/** Largest accepted seed (seeds are unsigned 32-bit integers). */
export const MAX_SEED = 0xffffffff;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Hashes a string into a 32-bit unsigned integer (FNV-1a over UTF-16 code units). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Creates a generator from a seed and an optional stream name; different stream names give
 * independent sequences from one seed (used so each tensor draws from its own stream).
 */
export function createRng(seed: number, stream = ''): Rng {
  const mix = splitmix32((seed >>> 0) ^ Math.imul(hashString(stream), 0x27d4eb2d));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that nearby seeds decorrelate.
  for (let i = 0; i < 12; i++) nextUint32();
  const next = (): number => nextUint32() / 4294967296;
  let spare: number | null = null;
  return {
    next,
    nextUint32,
    uniform: (low, high) => low + (high - low) * next(),
    normal(mean = 0, std = 1) {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return mean + std * value;
      }
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * factor;
      return mean + std * u * factor;
    },
  };
}
