/**
 * Side-effect entry `@lora-viz/elements/lora-controls.js`: registers `<lora-controls>` alone.
 *
 * @packageDocumentation
 */
import { LoraControls } from './controls/lora-controls.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-controls', LoraControls);

export { LoraControls };
