/**
 * Side-effect entry `@lora-viz/elements/lora-trainer.js`: registers `<lora-trainer>` and the
 * `<lora-matrix>` it shows A, B and ΔW with.
 *
 * @packageDocumentation
 */
import { LoraMatrix } from './matrix/lora-matrix.js';
import { LoraTrainer } from './trainer/lora-trainer.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-matrix', LoraMatrix);
defineElement('lora-trainer', LoraTrainer);

export { LoraTrainer };
