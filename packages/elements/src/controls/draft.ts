import {
  InvalidOptionError,
  LAYER_NAMES,
  resolveLoraOptions,
  type AdapterSpec,
  type InitLoraWeights,
  type LayerName,
  type LayerShape,
  type LoraOptions,
} from '@lora-viz/core';

/** LoRA options that `<lora-controls>` has no input for, carried over unchanged from the model. */
export type CarriedOptions = Pick<LoraOptions, 'dropout' | 'rankPattern' | 'alphaPattern' | 'seed'>;

/** What the user has set in `<lora-controls>`, including text that may not be a valid value yet. */
export interface ControlsDraft {
  /** Whether a LoRA adapter is wanted (otherwise: full fine-tuning). */
  readonly lora: boolean;
  /** Rank r: a positive integer (the slider cannot produce anything else). */
  readonly r: number;
  /** The alpha text as the number input holds it; kept verbatim so that nothing typed is lost. */
  readonly alphaText: string;
  /** Whether the browser could not read the typed alpha as a number (`validity.badInput`). */
  readonly alphaUnreadable: boolean;
  /** Whether s = α/√r (rsLoRA) rather than α/r. */
  readonly useRslora: boolean;
  /** Layers that get A and B, input to output. */
  readonly targetModules: readonly LayerName[];
  /** Layers trained whole, input to output. */
  readonly modulesToSave: readonly LayerName[];
  /** How A and B start. */
  readonly initLoraWeights: InitLoraWeights;
  /** Options without a control of their own. */
  readonly carried: CarriedOptions;
}

/** The field of the controls a validation message belongs to. */
export type DraftField = 'alpha' | 'targetModules' | 'options';

/** A draft checked against a model's layers. */
export interface DraftCheck {
  /** The LoRA options the draft stands for, or `null` while some field is invalid. */
  readonly options: LoraOptions | null;
  /** One message per invalid field. */
  readonly errors: Readonly<Partial<Record<DraftField, string>>>;
  /** Core's non-fatal remarks on valid options (e.g. a rank above min(in, out)). */
  readonly warnings: readonly string[];
  /** The scaling s of the draft, or `null` while alpha is invalid. */
  readonly scaling: number | null;
}

/** The controls' starting point without a model: core's defaults, LoRA on. */
export const DEFAULT_DRAFT: ControlsDraft = Object.freeze({
  lora: true,
  r: 4,
  alphaText: '8',
  alphaUnreadable: false,
  useRslora: false,
  targetModules: Object.freeze(['fc1', 'fc2'] as LayerName[]),
  modulesToSave: Object.freeze([] as LayerName[]),
  initLoraWeights: true,
  carried: Object.freeze({}),
});

/** Layer names from `names`, each once, in the model's order (input to output). */
export function inLayerOrder(names: Iterable<LayerName>): LayerName[] {
  const wanted = new Set(names);
  return LAYER_NAMES.filter((name) => wanted.has(name));
}

/** The scaling s = α/r, or α/√r with rsLoRA. */
export function scalingOf(alpha: number, r: number, useRslora: boolean): number {
  return useRslora ? alpha / Math.sqrt(r) : alpha / r;
}

/**
 * The alpha that keeps the scaling of `anchor` at rank `r`: α·r/r₀, or α·√(r/r₀) with rsLoRA. It is
 * computed from a fixed anchor rather than from the previous step so that sliding r away and back
 * returns exactly to the alpha the user set, and rounded to four decimals because nobody writes
 * `lora_alpha=10.666666666666666`.
 */
export function alphaKeepingScaling(anchor: { alpha: number; r: number }, r: number, useRslora: boolean): number {
  const ratio = useRslora ? Math.sqrt(r / anchor.r) : r / anchor.r;
  const exact = anchor.alpha * ratio;
  const rounded = Math.round(exact * 1e4) / 1e4;
  return Number.isFinite(rounded) ? rounded : exact;
}

/** Reads the alpha text; a message says what is wrong with it. */
export function readAlpha(text: string, unreadable: boolean): { value: number } | { error: string } {
  if (unreadable) return { error: 'α must be a number, such as 8 or 16.' };
  if (text.trim() === '') return { error: 'Enter a value for α, such as 8.' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { error: 'α must be a finite number.' };
  return { value };
}

/**
 * Checks a draft with core's own validation against the layers of the model it will be applied to,
 * so that the controls accept exactly what `attachLora` accepts. Never throws.
 */
export function checkDraft(draft: ControlsDraft, layers: readonly LayerShape[], seed: number): DraftCheck {
  const errors: Partial<Record<DraftField, string>> = {};
  const alpha = readAlpha(draft.alphaText, draft.alphaUnreadable);
  if ('error' in alpha) errors.alpha = alpha.error;
  // Core would name the empty list too, but in API terms; the controls speak to the person at them.
  if (draft.targetModules.length === 0) errors.targetModules = 'Pick at least one layer.';
  const scaling = 'value' in alpha ? scalingOf(alpha.value, draft.r, draft.useRslora) : null;
  if (!('value' in alpha) || errors.targetModules !== undefined) {
    return { options: null, errors, warnings: [], scaling };
  }
  const options: LoraOptions = {
    r: draft.r,
    alpha: alpha.value,
    targetModules: [...draft.targetModules],
    modulesToSave: [...draft.modulesToSave],
    useRslora: draft.useRslora,
    initLoraWeights: draft.initLoraWeights,
    ...draft.carried,
  };
  try {
    const spec = resolveLoraOptions(options, layers, seed);
    return { options, errors, warnings: spec.warnings, scaling };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const field: DraftField = error instanceof InvalidOptionError && error.field === 'alpha' ? 'alpha' : 'options';
    return { options: null, errors: { [field]: message }, warnings: [], scaling };
  }
}

/**
 * The draft that shows an adapter of the model: its settings, with every option the controls have no
 * input for carried over. Without an adapter (full fine-tuning) the adapter fields keep their previous
 * values, so that switching LoRA back on restores what the user had.
 */
export function draftFromSpec(
  spec: AdapterSpec | undefined,
  previous: ControlsDraft,
  modelSeed: number,
): ControlsDraft {
  if (spec === undefined) return { ...previous, lora: false };
  const carried: CarriedOptions = {
    ...(spec.dropout !== 0 ? { dropout: spec.dropout } : {}),
    ...(Object.keys(spec.rankPattern).length > 0 ? { rankPattern: spec.rankPattern } : {}),
    ...(Object.keys(spec.alphaPattern).length > 0 ? { alphaPattern: spec.alphaPattern } : {}),
    // Only a seed other than the model's own needs carrying: attachLora defaults to the model's.
    ...(spec.seed !== modelSeed ? { seed: spec.seed } : {}),
  };
  return {
    lora: true,
    r: spec.r,
    alphaText: String(spec.alpha),
    alphaUnreadable: false,
    useRslora: spec.useRslora,
    targetModules: inLayerOrder(spec.targetModules),
    modulesToSave: inLayerOrder(spec.modulesToSave),
    initLoraWeights: spec.initLoraWeights,
    carried,
  };
}
