/**
 * @lora-viz/elements: Lit custom elements that show LoRA fine-tuning with real numbers from
 * `@lora-viz/core`. This entry exports the classes and registers no tag: import
 * `@lora-viz/elements/define.js` (every element) or `@lora-viz/elements/<tag>.js` (one element).
 *
 * @packageDocumentation
 */
export { LoraParamTable } from './param-table/lora-param-table.js';
export { ModelController, type ModelControllerOptions } from './controllers/model-controller.js';
