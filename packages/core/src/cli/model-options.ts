import { MAX_RANK, MAX_SEED, type LoraOptions, type MlpOptions } from '../index.js';
import { UsageError } from './usage-error.js';
import { parseInit, parseInteger, parseLayerList, parseNumber, parseTask } from './values.js';

/** The model a command runs on: the MLP's options and, unless `--no-lora`, the adapter's. */
export interface CliModelOptions {
  /** Options of `createMlp`. */
  readonly mlp: MlpOptions;
  /** Options of `attachLora`, or `null` for the plain model (`--no-lora`). */
  readonly lora: LoraOptions | null;
}

/**
 * Reads the model options shared by every command from parsed options, validating each value.
 *
 * Adapter options are not read at all under `--no-lora`: they have nothing to configure there.
 *
 * @throws UsageError naming the first option (CLI spelling) outside its accepted values.
 */
export function readModelOptions(options: ReadonlyMap<string, string | true>): CliModelOptions {
  const text = (name: string): string | undefined => {
    const value = options.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const read = <T>(name: string, parse: (flag: string, raw: string) => T): T | undefined => {
    const raw = text(name);
    return raw === undefined ? undefined : parse(name, raw);
  };

  // An option left undefined takes core's default.
  const mlp: MlpOptions = {
    task: read('--task', parseTask),
    inputDim: read('--input-dim', (flag, raw) => parseInteger(flag, raw, 1, 4096)),
    hidden: read('--hidden', (flag, raw) => parseInteger(flag, raw, 1, 4096)),
    seed: read('--seed', (flag, raw) => parseInteger(flag, raw, 0, MAX_SEED)),
  };
  if (options.has('--no-lora')) return { mlp, lora: null };

  const targetModules = read('--targets', parseLayerList);
  const modulesToSave = read('--modules-to-save', parseLayerList);
  // Checked here rather than left to core so that the message names the CLI's options; the fallback
  // is core's documented default for targetModules.
  const both = modulesToSave?.filter((name) => (targetModules ?? ['fc1', 'fc2']).includes(name)) ?? [];
  if (both.length > 0) {
    throw new UsageError(
      `--modules-to-save must name layers that are not also LoRA targets (${both.join(', ')} ` +
        `${both.length === 1 ? 'is' : 'are'} in --targets${targetModules ? '' : ', default fc1,fc2'})`,
    );
  }
  const lora: LoraOptions = {
    r: read('--rank', (flag, raw) => parseInteger(flag, raw, 1, MAX_RANK, `a positive integer up to ${MAX_RANK}`)),
    alpha: read('--alpha', (flag, raw) => parseNumber(flag, raw)),
    dropout: read('--dropout', (flag, raw) => parseNumber(flag, raw, 'a number in [0, 1)', 0, 1)),
    targetModules,
    modulesToSave,
    useRslora: options.has('--rslora'),
    initLoraWeights: read('--init', parseInit),
  };
  return { mlp, lora };
}
