/**
 * Side-effect entry `@lora-viz/elements/define.js`: registers every element of the package. Each
 * registration is skipped when its tag is already defined.
 *
 * @packageDocumentation
 */
import { LoraControls } from './controls/lora-controls.js';
import { LoraParamTable } from './param-table/lora-param-table.js';
import { LoraInjection } from './injection/lora-injection.js';
import { LoraMatrix } from './matrix/lora-matrix.js';
import { LoraGraph } from './graph/lora-graph.js';
import { LoraForwardPass } from './pass/lora-forward-pass.js';
import { LoraBackwardPass } from './pass/lora-backward-pass.js';
import { LoraFirstSteps } from './first-steps/lora-first-steps.js';
import { LoraTrainer } from './trainer/lora-trainer.js';
import { LoraMemoryDashboard } from './memory-dashboard/lora-memory-dashboard.js';
import { defineElement } from './shared/define-element.js';

// Each entry calls defineElement itself (rather than importing the per-tag entries) so that the
// registering code stays in the files package.json lists under `sideEffects`, never in a shared chunk.
defineElement('lora-param-table', LoraParamTable);
defineElement('lora-controls', LoraControls);
defineElement('lora-matrix', LoraMatrix);
defineElement('lora-injection', LoraInjection);
defineElement('lora-graph', LoraGraph);
defineElement('lora-forward-pass', LoraForwardPass);
defineElement('lora-backward-pass', LoraBackwardPass);
defineElement('lora-first-steps', LoraFirstSteps);
defineElement('lora-trainer', LoraTrainer);
defineElement('lora-memory-dashboard', LoraMemoryDashboard);
