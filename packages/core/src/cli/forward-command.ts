import { resolveMlpOptions, type AdapterSpec, type LayerName, type LoraModel } from '../index.js';
import type { CommandResult } from './command-result.js';
import { readModelOptions } from './model-options.js';
import { UsageError } from './usage-error.js';
import { parseVector } from './values.js';
import { withModel } from './with-model.js';

/** The LoRA branch of one layer in `forward --json`: y += scaling · B (A x). */
interface LoraJson {
  readonly rank: number;
  readonly alpha: number;
  readonly scaling: number;
  /** r rows of `in` values. */
  readonly A: number[][];
  /** `out` rows of r values. */
  readonly B: number[][];
}

/** One linear layer in `forward --json`, with its unmerged base weights. */
interface LayerJson {
  readonly name: LayerName;
  readonly in: number;
  readonly out: number;
  /** `out` rows of `in` values: the base weight W, never merged. */
  readonly weight: number[][];
  /** `out` values. */
  readonly bias: number[];
  /** The trainable copy the forward pass uses instead of W and b (modules to save), or `null`. */
  readonly saved: { readonly weight: number[][]; readonly bias: number[] } | null;
  readonly lora: LoraJson | null;
}

/** A 2-D parameter's values as rows, as JS numbers (each exactly its float32 value). */
function matrix(model: LoraModel, id: string): number[][] {
  const { shape, values } = model.read(id);
  const columns = shape[1] ?? 1;
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += columns) out.push(Array.from(values.subarray(i, i + columns)));
  return out;
}

function vector(model: LoraModel, id: string): number[] {
  return Array.from(model.read(id).values);
}

function describeLayers(model: LoraModel, adapter: AdapterSpec | null): LayerJson[] {
  return model.spec.layers.map((shape): LayerJson => {
    const layer = adapter?.layers.find((l) => l.name === shape.name);
    const saved = adapter?.modulesToSave.includes(shape.name) ?? false;
    return {
      name: shape.name,
      in: shape.in,
      out: shape.out,
      weight: matrix(model, `${shape.name}.weight`),
      bias: vector(model, `${shape.name}.bias`),
      saved: saved
        ? {
            weight: matrix(model, `${shape.name}.modules_to_save.weight`),
            bias: vector(model, `${shape.name}.modules_to_save.bias`),
          }
        : null,
      lora: layer
        ? {
            rank: layer.r,
            alpha: layer.alpha,
            scaling: model.scaling(shape.name) ?? layer.scaling,
            A: matrix(model, `${shape.name}.lora_A`),
            B: matrix(model, `${shape.name}.lora_B`),
          }
        : null,
    };
  });
}

function describeAdapter(adapter: AdapterSpec | null, merged: boolean): string {
  if (adapter === null) return 'adapter: none (--no-lora: the base model alone)';
  const layers = adapter.layers.map((l) => `${l.name} (r=${l.r}, alpha=${l.alpha}, scaling=${l.scaling})`).join(', ');
  const how = merged ? 'merged into the base weights (W + s*B*A)' : 'not merged (separate branch s*B*(A*x))';
  const saved = adapter.modulesToSave.length > 0 ? `; trained copies of ${adapter.modulesToSave.join(', ')}` : '';
  return `adapter: LoRA on ${layers}, ${how}${saved}`;
}

/**
 * `lora-viz forward --input v1,…,vN [--merged]`: runs one input through the model in eval mode and
 * prints the output (fc3's raw values); with `--json`, every layer's numbers as well, so that the
 * output can be recomputed independently from the document alone.
 *
 * @throws UsageError for a bad option or a missing or malformed `--input`.
 */
export function forwardCommand(options: ReadonlyMap<string, string | true>): CommandResult {
  const modelOptions = readModelOptions(options);
  const rawInput = options.get('--input');
  const { inputDim } = resolveMlpOptions(modelOptions.mlp);
  if (typeof rawInput !== 'string') {
    throw new UsageError(`forward needs --input: ${inputDim} comma-separated finite numbers, one per input feature`);
  }
  const input = parseVector('--input', rawInput, inputDim);
  // Merging needs an adapter: under --no-lora, --merged is one of the adapter options that are ignored.
  const merge = modelOptions.lora !== null && options.has('--merged');

  return withModel(modelOptions, (model, adapter) => {
    // Read before merging: the JSON carries the unmerged W, so that W x + b + s·B(A x) over its own
    // numbers reproduces the output whether or not the adapter was merged to compute it.
    const layers = describeLayers(model, adapter);
    if (merge) model.merge();
    const output = model.predict(input)[0] ?? [];
    const stdout = options.has('--json')
      ? JSON.stringify({ merged: merge, layers, input, output })
      : [
          `input:  ${input.join(', ')}`,
          `output: ${output.join(', ')}  (fc3 raw output, task ${model.spec.task})`,
          describeAdapter(adapter, merge),
        ].join('\n');
    return { stdout: `${stdout}\n`, warnings: adapter?.warnings ?? [] };
  });
}
