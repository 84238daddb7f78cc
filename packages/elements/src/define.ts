/**
 * Side-effect entry `@lora-viz/elements/define.js`: registers every element of the package. Each
 * registration is skipped when its tag is already defined.
 *
 * @packageDocumentation
 */
import { LoraParamTable } from './param-table/lora-param-table.js';
import { defineElement } from './shared/define-element.js';

// Each entry calls defineElement itself (rather than importing the per-tag entries) so that the
// registering code stays in the files package.json lists under `sideEffects`, never in a shared chunk.
defineElement('lora-param-table', LoraParamTable);
