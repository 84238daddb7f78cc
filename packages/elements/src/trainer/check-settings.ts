import {
  FINE_TUNE_DEFAULTS,
  FINE_TUNE_METHODS,
  InvalidOptionError,
  MAX_SEED,
  resolveLoraOptions,
  type FineTuneMethod,
  type LayerShape,
  type LoraOptions,
  type OptimizerName,
} from '@lora-viz/core';

/** The settings form as typed: every field kept as its text, so that nothing typed is lost. */
export interface SettingsDraft {
  /** `full`, `lora` or `qlora`. */
  readonly method: string;
  /** LoRA rank r (LoRA and QLoRA). */
  readonly rank: string;
  /** LoRA alpha α (LoRA and QLoRA). */
  readonly alpha: string;
  /** Passes over the training lines. */
  readonly epochs: string;
  /** Learning rate. */
  readonly lr: string;
  /** Lines per optimizer step. */
  readonly batchSize: string;
  /** `adam` or `sgd`. */
  readonly optimizer: string;
  /** Seed of the base model, the shuffle and the adapter's initial A. */
  readonly seed: string;
}

/** A field of the settings form. */
export type SettingsField = keyof SettingsDraft;

/** The settings of a run, ready for core's `fineTune` (plus the seed that also pretrains the base). */
export interface TrainerSettings {
  /** The fine-tuning method. */
  readonly method: FineTuneMethod;
  /** LoRA options (`r`, `alpha` over the page's `.loraOptions`); `undefined` for `full`. */
  readonly lora?: LoraOptions;
  /** The optimizer. */
  readonly optimizer: OptimizerName;
  /** Learning rate: positive and finite. */
  readonly lr: number;
  /** Epochs: a positive integer up to {@link MAX_EPOCHS}. */
  readonly epochs: number;
  /** Batch size: a positive integer. */
  readonly batchSize: number;
  /** Seed: an integer from 0 to 4294967295. */
  readonly seed: number;
}

/** The outcome of {@link checkSettings}. */
export interface SettingsCheck {
  /** The settings, or `null` while a field is invalid. */
  readonly settings: TrainerSettings | null;
  /** One message per invalid field, each starting with the field's name. */
  readonly errors: Readonly<Partial<Record<SettingsField, string>>>;
  /** A problem with the page's `.loraOptions` that no field of the form can fix. */
  readonly optionsError: string | null;
}

/** Largest number of epochs the form accepts (a run this long takes minutes; Cancel stops it). */
export const MAX_EPOCHS = 10000;

/** The field names as the form labels them, for messages that name the field. */
export const SETTINGS_LABELS: Readonly<Record<SettingsField, string>> = Object.freeze({
  method: 'Method',
  rank: 'Rank r',
  alpha: 'Alpha α',
  epochs: 'Epochs',
  lr: 'Learning rate',
  batchSize: 'Batch size',
  optimizer: 'Optimizer',
  seed: 'Seed',
});

/** The form's starting values: core's `FINE_TUNE_DEFAULTS`, with LoRA at core's default r 4 and α 8. */
export const DEFAULT_SETTINGS: SettingsDraft = Object.freeze({
  method: FINE_TUNE_DEFAULTS.method,
  rank: '4',
  alpha: '8',
  epochs: String(FINE_TUNE_DEFAULTS.epochs),
  lr: String(FINE_TUNE_DEFAULTS.lr),
  batchSize: String(FINE_TUNE_DEFAULTS.batchSize),
  optimizer: FINE_TUNE_DEFAULTS.optimizer,
  seed: String(FINE_TUNE_DEFAULTS.seed),
});

/** A decimal number as people type it (no hex, no `Infinity`, no empty text). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
}

function readInteger(text: string, min: number, max: number): number | undefined {
  const value = readNumber(text);
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * Checks the settings form: every field on its own, then rank and alpha with core's own
 * `resolveLoraOptions` against the model's layers (so the form accepts what `fineTune` accepts).
 * Rank and alpha are ignored by `full`. Never throws.
 *
 * @param draft - The form's text.
 * @param layers - The layers of the model to fine-tune.
 * @param pageOptions - The page's shared LoRA options, under the form's rank and alpha.
 */
export function checkSettings(
  draft: SettingsDraft,
  layers: readonly LayerShape[],
  pageOptions: LoraOptions = {},
): SettingsCheck {
  const errors: Partial<Record<SettingsField, string>> = {};
  const label = SETTINGS_LABELS;
  const method = (FINE_TUNE_METHODS as readonly string[]).includes(draft.method)
    ? (draft.method as FineTuneMethod)
    : undefined;
  if (method === undefined) errors.method = `${label.method}: choose full, lora or qlora.`;
  const optimizer = draft.optimizer === 'adam' || draft.optimizer === 'sgd' ? draft.optimizer : undefined;
  if (optimizer === undefined) errors.optimizer = `${label.optimizer}: choose adam or sgd.`;
  const epochs = readInteger(draft.epochs, 1, MAX_EPOCHS);
  if (epochs === undefined)
    errors.epochs = `${label.epochs}: enter a whole number from 1 to ${MAX_EPOCHS}, such as 60.`;
  const batchSize = readInteger(draft.batchSize, 1, Number.MAX_SAFE_INTEGER);
  if (batchSize === undefined) errors.batchSize = `${label.batchSize}: enter a whole number of at least 1, such as 4.`;
  const seed = readInteger(draft.seed, 0, MAX_SEED);
  if (seed === undefined) errors.seed = `${label.seed}: enter a whole number from 0 to ${MAX_SEED}.`;
  const lr = readNumber(draft.lr);
  if (lr === undefined || !Number.isFinite(lr) || lr <= 0) {
    errors.lr = `${label.lr}: enter a positive number, such as 0.01.`;
  }

  let lora: LoraOptions | undefined;
  let optionsError: string | null = null;
  if (method !== 'full') {
    const r = readNumber(draft.rank);
    const alpha = readNumber(draft.alpha);
    if (r === undefined) errors.rank = `${label.rank}: enter a whole number, such as 4.`;
    if (alpha === undefined) errors.alpha = `${label.alpha}: enter a number, such as 8.`;
    if (r !== undefined && alpha !== undefined) {
      const candidate: LoraOptions = { ...pageOptions, r, alpha };
      try {
        resolveLoraOptions(candidate, layers, 0);
        lora = candidate;
      } catch (error) {
        if (error instanceof InvalidOptionError && error.field === 'r') {
          errors.rank = `${label.rank}: enter ${error.accepted}, such as 4.`;
        } else if (error instanceof InvalidOptionError && error.field === 'alpha') {
          errors.alpha = `${label.alpha}: enter ${error.accepted}, such as 8.`;
        } else {
          optionsError = `The page's LoRA options cannot be used: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
  }

  const valid = Object.keys(errors).length === 0 && optionsError === null;
  const settings: TrainerSettings | null = valid
    ? Object.freeze({
        method: method!,
        ...(lora ? { lora: Object.freeze(lora) } : {}),
        optimizer: optimizer!,
        lr: lr!,
        epochs: epochs!,
        batchSize: batchSize!,
        seed: seed!,
      })
    : null;
  return { settings, errors, optionsError };
}
