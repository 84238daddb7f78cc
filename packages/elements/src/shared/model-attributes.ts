import {
  InvalidOptionError,
  resolveLoraOptions,
  resolveMlpOptions,
  type LayerShape,
  type LoraOptions,
  type MlpOptions,
  type TaskName,
} from '@lora-viz/core';

/** The attribute values from which an element builds its own toy model when the page gives none. */
export interface ModelAttributeValues {
  /** `task` attribute: one of core's TASKS. */
  readonly task: string;
  /** `lora` boolean attribute: whether to attach a LoRA adapter. */
  readonly lora: boolean;
  /** `rank` attribute, already converted to a number (NaN when it was not a number). */
  readonly rank: number;
  /** `alpha` attribute, already converted to a number. */
  readonly alpha: number;
  /** `targets` attribute: comma-separated layer names. */
  readonly targets: string;
}

/** One attribute whose value the element cannot use: names it, its text and what it accepts. */
export interface AttributeProblem {
  /** Attribute name as written in HTML, e.g. `rank`. */
  readonly attribute: string;
  /** The value as the author wrote it. */
  readonly value: string;
  /** What the attribute accepts, e.g. `a positive integer`. */
  readonly accepted: string;
}

/** The options of the toy model, or every attribute problem found. */
export type ModelAttributesResult =
  | { readonly ok: true; readonly mlp: MlpOptions; readonly lora: LoraOptions | null }
  | { readonly ok: false; readonly problems: readonly AttributeProblem[] };

/** Splits a `targets` attribute (`"fc1, fc2"`) into layer names; blanks are dropped. */
export function parseTargets(text: string): string[] {
  return String(text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

function problemFrom(attribute: string, value: string, error: unknown): AttributeProblem {
  if (error instanceof InvalidOptionError) return { attribute, value, accepted: error.accepted };
  return { attribute, value, accepted: error instanceof Error ? error.message : String(error) };
}

/**
 * Validates the model attributes one by one with core's own checks (no tensor is created) so that
 * every bad attribute is reported at once, each by its HTML name. LoRA attributes are checked even
 * without `lora`, so a typo shows before the author turns LoRA on.
 *
 * @param values - The attribute values.
 * @param text - The text of an attribute as written (for messages); falls back to the value.
 */
export function parseModelAttributes(
  values: ModelAttributeValues,
  text: (attribute: keyof ModelAttributeValues) => string | null = () => null,
): ModelAttributesResult {
  const problems: AttributeProblem[] = [];
  const shown = (attribute: keyof ModelAttributeValues) => text(attribute) ?? String(values[attribute]);
  const check = (attribute: keyof ModelAttributeValues, run: () => unknown) => {
    try {
      run();
    } catch (error) {
      problems.push(problemFrom(attribute, shown(attribute), error));
    }
  };

  let layers: readonly LayerShape[] = resolveMlpOptions().layers;
  check('task', () => {
    layers = resolveMlpOptions({ task: values.task as TaskName }).layers;
  });
  check('rank', () => resolveLoraOptions({ r: values.rank }, layers, 0));
  check('alpha', () => resolveLoraOptions({ alpha: values.alpha }, layers, 0));
  const targetModules = parseTargets(values.targets);
  check('targets', () => resolveLoraOptions({ targetModules }, layers, 0));

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    mlp: { task: values.task as TaskName },
    lora: values.lora ? { r: values.rank, alpha: values.alpha, targetModules } : null,
  };
}
