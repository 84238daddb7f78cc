import { describe, expect, it } from 'vitest';
import { createRng, hashString } from '../src/index.js';

describe('createRng', () => {
  it('gives the same sequence for the same seed and stream', () => {
    const a = createRng(42, 'x');
    const b = createRng(42, 'x');
    for (let i = 0; i < 100; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives different sequences for different seeds or streams', () => {
    const first = (seed: number, stream: string) => Array.from({ length: 4 }, createRng(seed, stream).nextUint32);
    expect(first(1, 'x')).not.toEqual(first(2, 'x'));
    expect(first(1, 'x')).not.toEqual(first(1, 'y'));
  });

  // These values are what this generator produced when it was written; the same check runs in
  // Chromium (elements tests), so a platform that computes differently fails here or there.
  it('reproduces its pinned output for seed 0', () => {
    const rng = createRng(0, 'golden');
    expect(Array.from({ length: 3 }, rng.nextUint32)).toEqual(GOLDEN_UINT32);
  });

  it('keeps uniform draws inside [low, high)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.uniform(-0.5, 0.25);
      expect(u).toBeGreaterThanOrEqual(-0.5);
      expect(u).toBeLessThan(0.25);
    }
  });

  it('draws normals with the requested mean and standard deviation', () => {
    const rng = createRng(3);
    const n = 40_000;
    const xs = Array.from({ length: n }, () => rng.normal(2, 0.5));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    // Standard error of the mean is 0.5/√n ≈ 0.0025; of the std ≈ 0.0018.
    expect(Math.abs(mean - 2)).toBeLessThan(0.015);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.01);
  });

  it('hashes strings with FNV-1a', () => {
    // Published FNV-1a 32-bit test vectors.
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });
});

const GOLDEN_UINT32 = [1462415139, 74867113, 1457603408];
