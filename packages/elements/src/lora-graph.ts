/**
 * Side-effect entry `@lora-viz/elements/lora-graph.js`: registers `<lora-graph>` alone.
 *
 * @packageDocumentation
 */
import { LoraGraph } from './graph/lora-graph.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-graph', LoraGraph);

export { LoraGraph };
