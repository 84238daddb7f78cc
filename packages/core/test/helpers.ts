import { expect } from 'vitest';
import { tf, type LoraModel } from '../src/index.js';

/** Runs `fn` and asserts tfjs holds as many tensors afterwards as before. */
export function expectNoTensorLeak<T>(fn: () => T): T {
  const before = tf.memory().numTensors;
  const result = fn();
  expect(tf.memory().numTensors, 'tensor count after the call').toBe(before);
  return result;
}

/** A row-major matrix read back as rows of float64 numbers. */
export function rows(values: Float32Array, shape: readonly number[]): number[][] {
  const [r, c] = shape as [number, number];
  const out: number[][] = [];
  for (let i = 0; i < r; i++) out.push(Array.from(values.subarray(i * c, (i + 1) * c)));
  return out;
}

function matVec(m: number[][], x: number[]): number[] {
  return m.map((row) => row.reduce((sum, w, j) => sum + w * x[j]!, 0));
}

/** Independent float64 forward of one layer: y = W x + b + s · B (A x'), x' = x or the dropped-out x. */
export function referenceLayer(
  W: number[][],
  b: number[],
  x: number[],
  lora?: { A: number[][]; B: number[][]; s: number; loraInput?: number[] },
): number[] {
  const base = matVec(W, x).map((v, i) => v + b[i]!);
  if (!lora) return base;
  const up = matVec(lora.B, matVec(lora.A, lora.loraInput ?? x));
  return base.map((v, i) => v + lora.s * up[i]!);
}

/** Independent float64 forward of the whole toy MLP, from the model's own weights as plain numbers. */
export function referenceForward(model: LoraModel, x: number[]): number[] {
  const params = new Set(model.parameters().map((p) => p.id));
  let h = x;
  for (const name of ['fc1', 'fc2', 'fc3'] as const) {
    const savedId = `${name}.modules_to_save.weight`;
    const useSaved = model.adaptersEnabled && params.has(savedId);
    const w = model.read(useSaved ? savedId : `${name}.weight`);
    const b = model.read(useSaved ? `${name}.modules_to_save.bias` : `${name}.bias`);
    const hasLora = model.adaptersEnabled && !model.isMerged && params.has(`${name}.lora_A`);
    const lora = hasLora
      ? (() => {
          const A = model.read(`${name}.lora_A`);
          const B = model.read(`${name}.lora_B`);
          return { A: rows(A.values, A.shape), B: rows(B.values, B.shape), s: model.scaling(name)! };
        })()
      : undefined;
    h = referenceLayer(rows(w.values, w.shape), Array.from(b.values), h, lora);
    if (name !== 'fc3') h = h.map((v) => Math.max(0, v));
  }
  return h;
}

/** Asserts two vectors agree element-wise within `tol`. */
export function expectClose(actual: readonly number[], expected: readonly number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(Math.abs(v - expected[i]!), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
  });
}
