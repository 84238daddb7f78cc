import type { InitLoraWeights } from '@lora-viz/core';

/** One choice of PEFT's `init_lora_weights`, as the radio group offers it. */
export interface InitChoice {
  /** The attribute text and radio value: `true`, `gaussian` or `false`. */
  readonly value: 'true' | 'gaussian' | 'false';
  /** The LoRA option it stands for. */
  readonly init: InitLoraWeights;
  /** The one-line description beside the radio. */
  readonly hint: string;
}

/** The three initialisations of A and B, in the order the radio group lists them. */
export const INIT_CHOICES: readonly InitChoice[] = [
  { value: 'true', init: true, hint: 'A random, B = 0 (PEFT default)' },
  { value: 'gaussian', init: 'gaussian', hint: 'A ~ N(0, 1/r), B = 0' },
  { value: 'false', init: false, hint: 'both random: not a no-op' },
];

/** What the `init` attribute accepts, as problem messages list it. */
export const INIT_ACCEPTED = 'true, gaussian, false';

/** The initialisation named by an `init` attribute's text (empty text reads as `true`), or `undefined`. */
export function parseInit(text: string): InitLoraWeights | undefined {
  if (text === '') return true;
  return INIT_CHOICES.find((choice) => choice.value === text)?.init;
}

/** The radio value of an initialisation. */
export function initValue(init: InitLoraWeights): InitChoice['value'] {
  return init === 'gaussian' ? 'gaussian' : init ? 'true' : 'false';
}
