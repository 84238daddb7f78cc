/**
 * Side-effect entry `@lora-viz/elements/lora-matrix.js`: registers `<lora-matrix>` alone.
 *
 * @packageDocumentation
 */
import { LoraMatrix } from './matrix/lora-matrix.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-matrix', LoraMatrix);

export { LoraMatrix };
