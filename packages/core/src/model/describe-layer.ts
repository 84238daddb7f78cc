import { lowRankSingularValues, matMul, toRows, type Matrix } from '../util/linalg.js';
import { InvalidOptionError } from './errors.js';
import { isLayerName, LAYER_NAMES, type LayerName } from './layers.js';
import type { LoraModel } from './lora-model.js';

/** The adapter of one layer as plain numbers. */
export interface LayerAdapterMatrices {
  /** Rank r on this layer. */
  readonly rank: number;
  /** Alpha on this layer. */
  readonly alpha: number;
  /** The scaling s now applied (α/r, or α/√r with rsLoRA, times any `setScale`). */
  readonly scaling: number;
  /** Whether s = α/√r (rsLoRA). */
  readonly rslora: boolean;
  /** A, r×in. */
  readonly A: Matrix;
  /** B, out×r. */
  readonly B: Matrix;
  /** ΔW = s·B·A, out×in. */
  readonly delta: Matrix;
  /** Singular values of ΔW, largest first (r of them; at most min(r, in, out) non-zero). */
  readonly singularValues: readonly number[];
  /** Whether the adapter changes the layer's output now (enabled, and not merged into W). */
  readonly live: boolean;
}

/** One layer of the model as plain numbers: what is stored and what the forward pass uses. */
export interface LayerMatrices {
  /** Layer name. */
  readonly name: LayerName;
  /** Input features. */
  readonly in: number;
  /** Output features. */
  readonly out: number;
  /** The frozen base weight W (out×in), without any merged update. */
  readonly base: Matrix;
  /** The base bias b. */
  readonly bias: readonly number[];
  /** The adapter on this layer, or `null`. */
  readonly lora: LayerAdapterMatrices | null;
  /** The trainable copy of a saved module (modules to save), or `null`. */
  readonly saved: {
    /** The saved copy's weight (out×in). */
    readonly weight: Matrix;
    /** The saved copy's bias. */
    readonly bias: readonly number[];
  } | null;
  /** The weight the forward pass effectively uses: W + ΔW with a live or merged adapter, the saved copy, or W. */
  readonly effective: Matrix;
  /** The bias the forward pass uses. */
  readonly effectiveBias: readonly number[];
}

function add(a: Matrix, b: Matrix, sign = 1): Matrix {
  return a.map((row, i) => row.map((v, j) => v + sign * b[i]![j]!));
}

/**
 * Reads one layer as plain float64 matrices: W, b, A, B, ΔW = s·B·A (with its singular values) and the
 * effective weight W_eff = W + ΔW that the layer applies. While merged, W is recovered as the stored
 * weight minus ΔW.
 *
 * @example
 * const { delta, singularValues } = describeLayer(model, 'fc1').lora!;
 */
export function describeLayer(model: LoraModel, layer: LayerName): LayerMatrices {
  if (!isLayerName(layer)) {
    throw new InvalidOptionError('layer', LAYER_NAMES.join(', '), `got ${String(layer)}`);
  }
  const shape = model.spec.layers.find((l) => l.name === layer)!;
  const ids = new Set(model.parameters().map((p) => p.id));
  const read = (id: string, rows: number, cols: number) => toRows(model.read(id).values, rows, cols);
  const stored = read(`${layer}.weight`, shape.out, shape.in);
  const bias = Array.from(model.read(`${layer}.bias`).values);
  let lora: LayerAdapterMatrices | null = null;
  if (ids.has(`${layer}.lora_A`)) {
    const spec = model.adapterSpec()!;
    const layerSpec = spec.layers.find((l) => l.name === layer)!;
    const scaling = model.scaling(layer)!;
    const A = read(`${layer}.lora_A`, layerSpec.r, shape.in);
    const B = read(`${layer}.lora_B`, shape.out, layerSpec.r);
    const delta = matMul(B, A).map((row) => row.map((v) => v * scaling));
    lora = Object.freeze({
      rank: layerSpec.r,
      alpha: layerSpec.alpha,
      scaling,
      rslora: spec.useRslora,
      A,
      B,
      delta,
      singularValues: Object.freeze(lowRankSingularValues(B, A, Math.abs(scaling))),
      live: model.adaptersEnabled && !model.isMerged,
    });
  }
  const base = lora && model.isMerged ? add(stored, lora.delta, -1) : stored;
  const saved = ids.has(`${layer}.modules_to_save.weight`)
    ? Object.freeze({
        weight: read(`${layer}.modules_to_save.weight`, shape.out, shape.in),
        bias: Array.from(model.read(`${layer}.modules_to_save.bias`).values),
      })
    : null;
  const adapted = lora !== null && model.adaptersEnabled;
  const effective = saved && model.adaptersEnabled ? saved.weight : adapted ? add(base, lora!.delta) : base;
  const effectiveBias = saved && model.adaptersEnabled ? saved.bias : bias;
  return Object.freeze({
    name: layer,
    in: shape.in,
    out: shape.out,
    base,
    bias,
    lora,
    saved,
    effective,
    effectiveBias,
  });
}
