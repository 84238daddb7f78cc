/**
 * Side-effect entry `@lora-viz/elements/lora-backward-pass.js`: registers `<lora-backward-pass>` and the
 * `<lora-graph>` it embeds.
 *
 * @packageDocumentation
 */
import { LoraGraph } from './graph/lora-graph.js';
import { LoraBackwardPass } from './pass/lora-backward-pass.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-graph', LoraGraph);
defineElement('lora-backward-pass', LoraBackwardPass);

export { LoraBackwardPass };
