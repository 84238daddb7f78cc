import { countParameters } from '../index.js';
import type { CommandResult } from './command-result.js';
import { readModelOptions } from './model-options.js';
import { withModel } from './with-model.js';

/**
 * `lora-viz params`: PEFT's `print_trainable_parameters` line, or with `--json` the whole ledger
 * (totals, the line as `peft`, and per-layer counts).
 *
 * @throws UsageError for a bad option.
 */
export function paramsCommand(options: ReadonlyMap<string, string | true>): CommandResult {
  const modelOptions = readModelOptions(options);
  return withModel(modelOptions, (model, adapter) => {
    const ledger = countParameters(model);
    const stdout = options.has('--json')
      ? JSON.stringify({
          trainable: ledger.trainable,
          all: ledger.all,
          trainablePercent: ledger.trainablePercent,
          peft: ledger.peftLine,
          layers: ledger.layers,
        })
      : ledger.peftLine;
    return { stdout: `${stdout}\n`, warnings: adapter?.warnings ?? [] };
  });
}
