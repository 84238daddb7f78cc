import type { LayerLedger } from '@lora-viz/core';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const RANK = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A parameter count with comma thousands separators, as PEFT prints it: `12,345`. */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** A break-even rank with at most two decimals: `5.33`, `8`. */
export function formatRank(rank: number): string {
  return RANK.format(rank);
}

/** How a layer's LoRA rank compares with its break-even rank r* = in·out/(in+out). */
export type BreakEvenRelation = 'below' | 'equal' | 'above';

/** A LoRA layer's rank against its break-even rank, as plain data and one English sentence. */
export interface BreakEven {
  /** Layer name. */
  readonly layer: string;
  /** Whether the adapter is smaller than, as large as, or larger than the weight it adapts. */
  readonly relation: BreakEvenRelation;
  /** The sentence shown, e.g. `fc1: r = 6 > r* = 5.33: the adapter has more parameters (144) than …`. */
  readonly text: string;
}

/**
 * Compares a layer's rank with r*. The comparison is made on integers, r·(in+out) against in·out,
 * so that a rank equal to r* is not lost to floating-point rounding. Returns `null` without LoRA.
 */
export function describeBreakEven(layer: LayerLedger): BreakEven | null {
  if (layer.rank === null) return null;
  const adapter = layer.rank * (layer.in + layer.out);
  const weight = layer.in * layer.out;
  const rStar = `r* = ${formatRank(layer.breakEvenRank)}`;
  const head = `${layer.name}: r = ${layer.rank}`;
  if (adapter > weight) {
    return {
      layer: layer.name,
      relation: 'above',
      text: `${head} > ${rStar}: the adapter has more parameters (${formatCount(adapter)}) than the layer's weight (${formatCount(weight)}).`,
    };
  }
  if (adapter === weight) {
    return {
      layer: layer.name,
      relation: 'equal',
      text: `${head} = ${rStar}: the adapter has as many parameters as the layer's weight (${formatCount(weight)}).`,
    };
  }
  return {
    layer: layer.name,
    relation: 'below',
    text: `${head} < ${rStar}: the adapter has fewer parameters (${formatCount(adapter)}) than the layer's weight (${formatCount(weight)}).`,
  };
}
