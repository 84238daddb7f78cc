/**
 * Side-effect entry `@lora-viz/elements/lora-param-table.js`: registers `<lora-param-table>` alone.
 *
 * @packageDocumentation
 */
import { LoraParamTable } from './param-table/lora-param-table.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-param-table', LoraParamTable);

export { LoraParamTable };
