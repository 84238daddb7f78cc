/**
 * @lora-viz/elements: Lit custom elements that show LoRA fine-tuning with real numbers from
 * `@lora-viz/core`. This entry exports the classes and registers no tag: import
 * `@lora-viz/elements/define.js` (every element) or `@lora-viz/elements/<tag>.js` (one element).
 *
 * @packageDocumentation
 */
export { LoraParamTable } from './param-table/lora-param-table.js';
export {
  LoraControls,
  type LoraControlsConfig,
  type LoraKeepChangeDetail,
  type RankCoupling,
} from './controls/lora-controls.js';
export { LoraMatrix } from './matrix/lora-matrix.js';
export { LoraInjection, type LayerChangeDetail, type ScaleMode } from './injection/lora-injection.js';
export {
  LoraGraph,
  NEURON_EDGE_LIMIT,
  type LoraGraphHighlight,
  type LoraGraphLayoutDetail,
  type LoraNodeSelectDetail,
} from './graph/lora-graph.js';
export { LoraForwardPass } from './pass/lora-forward-pass.js';
export { LoraBackwardPass } from './pass/lora-backward-pass.js';
export { ANNOUNCE_EVERY, type LoraPlaybackChangeDetail } from './pass/lora-pass-base.js';
export type { PassFrame, PassPhase } from './pass/timeline.js';
export { LoraFirstSteps, type LoraFirstStepsChangeDetail } from './first-steps/lora-first-steps.js';
export type { FirstSteps, FirstStepsLayer, StepNorms } from './first-steps/measure-first-steps.js';
export { LoraMemoryDashboard } from './memory-dashboard/lora-memory-dashboard.js';
export type { MemoryDashboardSettings, PrecisionChoice } from './memory-dashboard/dashboard-settings.js';
export type { DashboardUnit } from './memory-dashboard/byte-scale.js';
export {
  PLAYBACK_SPEEDS,
  PlaybackController,
  type PlaybackControllerOptions,
  type PlaybackSpeed,
} from './controllers/playback-controller.js';
export { ModelController, type ModelControllerOptions } from './controllers/model-controller.js';
export {
  LoraTrainer,
  type LoraInputChangeDetail,
  type LoraTaskChangeDetail,
  type LoraTrainEndDetail,
  type LoraTrainStartDetail,
} from './trainer/lora-trainer.js';
export type { CosineMatrices, PredictionChange, RunSummary, SetComparison } from './trainer/summarize-run.js';
export type { LayerChange } from './trainer/read-layers.js';
export type { RaceRow, RaceStatus } from './trainer/run-race.js';
export type { SettingsDraft } from './trainer/check-settings.js';
