/**
 * Side-effect entry `@lora-viz/elements/lora-first-steps.js`: registers `<lora-first-steps>`.
 *
 * @packageDocumentation
 */
import { LoraFirstSteps } from './first-steps/lora-first-steps.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-first-steps', LoraFirstSteps);

export { LoraFirstSteps };
