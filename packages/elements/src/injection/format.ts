import type { LayerAdapterMatrices } from '@lora-viz/core';
import { formatValue } from '../matrix/format.js';

/**
 * Below this fraction of the largest singular value, a singular value is float rounding, not rank:
 * shown and counted as zero.
 */
export const ZERO_SINGULAR_VALUE = 1e-10;

/** Which singular values count as zero (see {@link ZERO_SINGULAR_VALUE}); all of them when σ₁ is 0. */
export function zeroSingularValues(values: readonly number[]): boolean[] {
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return values.map((v) => largest === 0 || Math.abs(v) <= ZERO_SINGULAR_VALUE * largest);
}

/**
 * The scaling in use and where it comes from: `s = α / r = 8 / 4 = 2`, `s = α / √r = 8 / √4 = 4`,
 * or, after `setScale`, `s = 1 (α / r = 2, rescaled)`. `configured` is the adapter spec's scaling
 * before any `setScale`; both numbers come from core.
 */
export function describeScaling(lora: LayerAdapterMatrices, configured: number): string {
  const formula = lora.rslora ? 'α / √r' : 'α / r';
  const numbers = lora.rslora
    ? `${formatValue(lora.alpha)} / √${lora.rank}`
    : `${formatValue(lora.alpha)} / ${lora.rank}`;
  if (lora.scaling === configured) return `s = ${formula} = ${numbers} = ${formatValue(lora.scaling)}`;
  return `s = ${formatValue(lora.scaling)} (${formula} = ${numbers} = ${formatValue(configured)}, rescaled)`;
}

/** How many singular values ΔW can have that are not zero, and what that means for the chosen r. */
export function describeRankBound(rank: number, inFeatures: number, outFeatures: number): string {
  const reachable = Math.min(rank, inFeatures, outFeatures);
  if (reachable === rank) {
    return `rank(ΔW) ≤ r = ${rank}: only ${rank} singular value${rank === 1 ? '' : 's'} can be non-zero.`;
  }
  const wasted = rank - reachable;
  return (
    `rank(ΔW) ≤ min(r, in, out) = ${reachable}: only ${reachable} of the r = ${rank} singular values can be ` +
    `non-zero; the other ${wasted} cost parameters but can never be used.`
  );
}

/**
 * Why ΔW is all zeros, or `null` when it is not. The usual reason is PEFT's default init (B = 0),
 * which makes a fresh adapter a no-op.
 */
export function describeZeroDelta(lora: LayerAdapterMatrices): string | null {
  if (!lora.delta.every((row) => row.every((v) => v === 0))) return null;
  if (lora.B.every((row) => row.every((v) => v === 0))) {
    return 'ΔW is all zeros: B starts at 0, so the adapter is a no-op until the first update.';
  }
  if (lora.A.every((row) => row.every((v) => v === 0))) return 'ΔW is all zeros: A is all zeros.';
  if (lora.scaling === 0) return 'ΔW is all zeros: the scaling s is 0.';
  return 'ΔW is all zeros: B · A cancels out.';
}
