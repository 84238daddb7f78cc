/**
 * Side-effect entry `@lora-viz/elements/lora-memory-dashboard.js`: registers `<lora-memory-dashboard>`.
 *
 * @packageDocumentation
 */
import { LoraMemoryDashboard } from './memory-dashboard/lora-memory-dashboard.js';
import { defineElement } from './shared/define-element.js';

defineElement('lora-memory-dashboard', LoraMemoryDashboard);

export { LoraMemoryDashboard };
