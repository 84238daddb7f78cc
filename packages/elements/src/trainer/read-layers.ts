import { LAYER_NAMES, describeLayer, type LayerName, type LoraModel, type Matrix } from '@lora-viz/core';

/** What one layer learned in a run, as plain matrices. */
export interface LayerChange {
  /** Layer name. */
  readonly layer: LayerName;
  /** The adapter's A (r×in) after the run; absent for a layer trained whole. */
  readonly A?: Matrix;
  /** The adapter's B (out×r) after the run; absent for a layer trained whole. */
  readonly B?: Matrix;
  /** ΔW (out×in): s·B·A for an adapter, W after − W before for a layer trained whole. */
  readonly delta: Matrix;
  /** The adapter's rank, when there is one. */
  readonly rank?: number;
  /** The adapter's scaling s, when there is one. */
  readonly scaling?: number;
}

/**
 * Reads what each layer learned: for every layer with a LoRA adapter, its A, B and ΔW = s·B·A; for a
 * model without adapters (full fine-tuning), ΔW = W after − W before of every layer. Plain data from
 * core's `describeLayer`, so the model can be disposed afterwards.
 *
 * @param base - The model before the run.
 * @param trained - The model after the run.
 */
export function readLayers(base: LoraModel, trained: LoraModel): LayerChange[] {
  const changes: LayerChange[] = [];
  const adapted = trained.activeAdapter !== null;
  for (const layer of LAYER_NAMES) {
    const after = describeLayer(trained, layer);
    if (after.lora) {
      const { A, B, delta, rank, scaling } = after.lora;
      changes.push({ layer, A, B, delta, rank, scaling });
    } else if (!adapted) {
      const before = describeLayer(base, layer).base;
      changes.push({ layer, delta: after.base.map((row, i) => row.map((w, j) => w - before[i]![j]!)) });
    }
  }
  return changes;
}
