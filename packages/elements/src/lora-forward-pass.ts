/**
 * Side-effect entry `@lora-viz/elements/lora-forward-pass.js`: registers `<lora-forward-pass>` and the
 * `<lora-graph>` it embeds.
 *
 * @packageDocumentation
 */
import { LoraGraph } from './graph/lora-graph.js';
import { LoraForwardPass } from './pass/lora-forward-pass.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-graph', LoraGraph);
defineElement('lora-forward-pass', LoraForwardPass);

export { LoraForwardPass };
