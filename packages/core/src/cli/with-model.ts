import { attachLora, createMlp, type AdapterSpec, type LoraModel } from '../index.js';
import type { CliModelOptions } from './model-options.js';

/**
 * Creates the model a command asked for, hands it to `use`, and disposes it whatever happens, so
 * that a CLI run, failed or not, leaves no tensor behind.
 *
 * @returns what `use` returns.
 */
export function withModel<T>(options: CliModelOptions, use: (model: LoraModel, adapter: AdapterSpec | null) => T): T {
  const model = createMlp(options.mlp);
  try {
    const adapter = options.lora === null ? null : attachLora(model, options.lora);
    return use(model, adapter);
  } finally {
    model.dispose();
  }
}
