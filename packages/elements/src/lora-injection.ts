/**
 * Side-effect entry `@lora-viz/elements/lora-injection.js`: registers `<lora-injection>` and the
 * `<lora-matrix>` it is built from, so that a page loading this entry alone gets working heatmaps.
 *
 * @packageDocumentation
 */
import { LoraInjection } from './injection/lora-injection.js';
import { LoraMatrix } from './matrix/lora-matrix.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-matrix', LoraMatrix);
defineElement('lora-injection', LoraInjection);

export { LoraInjection };
