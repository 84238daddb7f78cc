/** The layer names of the toy MLP, input to output. */
export const LAYER_NAMES = ['fc1', 'fc2', 'fc3'] as const;

/** One of {@link LAYER_NAMES}. */
export type LayerName = (typeof LAYER_NAMES)[number];

/** Shape of one linear layer: `in` features to `out` features (its weight is out×in, as in PyTorch). */
export interface LayerShape {
  /** The layer's name. */
  readonly name: LayerName;
  /** Number of input features (the weight's column count). */
  readonly in: number;
  /** Number of output features (the weight's row count). */
  readonly out: number;
}

/** Whether `value` names a layer. */
export function isLayerName(value: unknown): value is LayerName {
  return typeof value === 'string' && (LAYER_NAMES as readonly string[]).includes(value);
}

/**
 * The break-even rank r* = d·k/(d+k) of a d×k layer: at ranks above it the adapter (r·(d+k)
 * parameters) is larger than the weight it adapts (d·k).
 */
export function breakEvenRank(inFeatures: number, outFeatures: number): number {
  return (inFeatures * outFeatures) / (inFeatures + outFeatures);
}
