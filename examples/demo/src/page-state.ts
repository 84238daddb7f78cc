import {
  DEFAULT_EVAL_TEXT,
  DEFAULT_TRAINING_TEXT,
  attachLora,
  isLayerName,
  isTaskName,
  resolveLoraOptions,
  type LayerName,
  type LoraModel,
  type LoraOptions,
} from '@lora-viz/core';
import type { LoraControls, LoraMemoryDashboard, LoraTrainer } from '@lora-viz/elements';
import {
  TRAINER_SETTING_FIELDS,
  type DemoState,
  type MemoryState,
  type PartialDemoState,
  type SidebarState,
  type TrainerSettingsState,
} from './demo-state.js';
import type { GraphLevelController } from './overview-tab.js';
import type { PassTabsController } from './pass-tabs.js';

/** The parts of the page whose state a link or the browser's storage carries. */
export interface PageParts {
  /** The one model every tab shows; the sidebar's adapter is its `default` adapter. */
  readonly model: LoraModel;
  readonly controls: LoraControls;
  readonly trainer: LoraTrainer;
  readonly dashboard: LoraMemoryDashboard;
  readonly pass: PassTabsController;
  readonly graph: GraphLevelController;
}

/** The adapter `<lora-controls>` creates and replaces (PEFT's default name). */
const ADAPTER = 'default';

const layerList = (names: LoraOptions['targetModules'], fallback: readonly LayerName[]): LayerName[] =>
  Array.isArray(names) ? names.filter(isLayerName) : [...fallback];

function sidebarOf(controls: LoraControls): SidebarState {
  // `config` keeps the adapter's options while LoRA is off, so switching it on again restores them.
  const { lora, options } = controls.config;
  return {
    lora,
    r: options.r ?? 4,
    alpha: options.alpha ?? 8,
    keep: controls.keep === 'scaling' ? 'scaling' : 'alpha',
    useRslora: options.useRslora ?? false,
    targetModules: layerList(options.targetModules, ['fc1', 'fc2']),
    modulesToSave: layerList(options.modulesToSave, []),
    initLoraWeights: options.initLoraWeights ?? true,
  };
}

function memoryOf(dashboard: LoraMemoryDashboard): MemoryState {
  return {
    model: dashboard.model,
    task: dashboard.task,
    method: dashboard.method,
    rank: dashboard.rank ?? null,
    alpha: dashboard.alpha,
    targets: dashboard.targets ?? null,
    precision: dashboard.precision,
    optimizer: dashboard.optimizer,
    masterWeights: dashboard.masterWeights,
    doubleQuant: dashboard.doubleQuant,
    batch: dashboard.batch,
    seq: dashboard.seq,
    checkpointing: dashboard.checkpointing,
    overhead: dashboard.overhead,
    gpu: dashboard.gpu,
    units: dashboard.units,
    lens: dashboard.lens ?? null,
    config: dashboard.model === 'config' ? (dashboard.config ?? null) : null,
  };
}

/**
 * Reads the state of the page through the elements' public properties: what a link must carry to
 * show the same view. Text equal to the task's default lines is `null`, which keeps links short.
 */
export function capturePageState(parts: PageParts): DemoState {
  const { trainer } = parts;
  const task = isTaskName(trainer.task) ? trainer.task : 'sentiment';
  const training = trainer.trainingText;
  const held = trainer.evalText;
  const draft = trainer.settings as unknown as Readonly<Record<string, string>>;
  const settings = Object.fromEntries(
    TRAINER_SETTING_FIELDS.map((field) => [field, draft[field] ?? '']),
  ) as TrainerSettingsState;
  return {
    sidebar: sidebarOf(parts.controls),
    knowledge: {
      task,
      training: training === DEFAULT_TRAINING_TEXT[task] ? null : training,
      eval: held === DEFAULT_EVAL_TEXT[task] ? null : held,
      settings,
    },
    memory: memoryOf(parts.dashboard),
    pass: parts.pass.read(),
    level: parts.graph.level,
  };
}

/** Puts the sidebar's settings on the shared model, as the controls would; false when core refuses them. */
async function applySidebar(parts: PageParts, given: Partial<SidebarState>): Promise<boolean> {
  const { model, controls } = parts;
  const current = sidebarOf(controls);
  const next: SidebarState = { ...current, ...given };
  const options: LoraOptions = {
    r: next.r,
    alpha: next.alpha,
    targetModules: [...next.targetModules],
    modulesToSave: [...next.modulesToSave],
    useRslora: next.useRslora,
    initLoraWeights: next.initLoraWeights,
  };
  try {
    // Checked before anything changes, so a refused link never leaves the model without its adapter.
    resolveLoraOptions(options, model.spec.layers, model.spec.seed);
  } catch {
    return false;
  }
  controls.keep = next.keep;
  if (JSON.stringify(next) === JSON.stringify(current)) return true;
  if (model.adapterNames.includes(ADAPTER)) model.deleteAdapter(ADAPTER);
  attachLora(model, options, ADAPTER);
  await controls.updateComplete;
  if (!next.lora) {
    // The controls have shown the options above; with the adapter gone they keep them for "LoRA on".
    model.deleteAdapter(ADAPTER);
    await controls.updateComplete;
  }
  return true;
}

function applyMemory(dashboard: LoraMemoryDashboard, given: Partial<MemoryState>): void {
  // The config first: `model="config"` reads it.
  if (given.config !== undefined) dashboard.config = given.config ?? undefined;
  if (given.model !== undefined) dashboard.model = given.model;
  if (given.task !== undefined) dashboard.task = given.task;
  if (given.method !== undefined) dashboard.method = given.method;
  if (given.rank !== undefined) dashboard.rank = given.rank ?? undefined;
  if (given.alpha !== undefined) dashboard.alpha = given.alpha;
  if (given.targets !== undefined) dashboard.targets = given.targets ?? undefined;
  if (given.precision !== undefined) dashboard.precision = given.precision;
  if (given.optimizer !== undefined) dashboard.optimizer = given.optimizer;
  if (given.masterWeights !== undefined) dashboard.masterWeights = given.masterWeights;
  if (given.doubleQuant !== undefined) dashboard.doubleQuant = given.doubleQuant;
  if (given.batch !== undefined) dashboard.batch = given.batch;
  if (given.seq !== undefined) dashboard.seq = given.seq;
  if (given.checkpointing !== undefined) dashboard.checkpointing = given.checkpointing;
  if (given.overhead !== undefined) dashboard.overhead = given.overhead;
  if (given.gpu !== undefined) dashboard.gpu = given.gpu;
  if (given.units !== undefined) dashboard.units = given.units;
  if (given.lens !== undefined) dashboard.lens = given.lens ?? undefined;
}

/**
 * Shows a (partial) state on the page through the elements' public properties and the shared model,
 * section by section: the sidebar first, since the trainer and the dashboard follow its adapter.
 * Fields a state leaves out stay as they are.
 *
 * @returns names of the parts that could not be shown (e.g. LoRA settings core refuses).
 */
export async function applyPageState(parts: PageParts, state: PartialDemoState): Promise<string[]> {
  const refused: string[] = [];
  const { trainer, dashboard } = parts;
  if (state.sidebar !== undefined && !(await applySidebar(parts, state.sidebar))) refused.push('LoRA settings');
  // The trainer takes the sidebar's rank and alpha on its next update; the link's settings come after.
  await trainer.updateComplete;
  const knowledge = state.knowledge;
  if (knowledge !== undefined) {
    if (knowledge.task !== undefined) trainer.task = knowledge.task;
    const task = isTaskName(trainer.task) ? trainer.task : 'sentiment';
    if (knowledge.training !== undefined) trainer.trainingText = knowledge.training ?? DEFAULT_TRAINING_TEXT[task];
    if (knowledge.eval !== undefined) trainer.evalText = knowledge.eval ?? DEFAULT_EVAL_TEXT[task];
    if (knowledge.settings !== undefined) trainer.settings = knowledge.settings;
  }
  if (state.memory !== undefined) applyMemory(dashboard, state.memory);
  if (state.pass !== undefined && !parts.pass.restore(state.pass)) refused.push('sample');
  if (state.level !== undefined) parts.graph.level = state.level;
  await Promise.all([parts.controls.updateComplete, trainer.updateComplete, dashboard.updateComplete]);
  return refused;
}
