import {
  MAX_MEMORY_RANK,
  TRAINING_METHODS,
  describeModel,
  describeToy,
  estimateMemory,
  fitOnGpu,
  rankCurve,
  type GpuFit,
  type MemoryEstimate,
  type MemoryOptions,
  type ModelDescription,
  type RankCurve,
  type TrainingMethod,
} from '@lora-viz/core';
import { COMPONENTS, bytesOf, type PartComponent } from './components.js';
import type { MemoryDashboardSettings } from './dashboard-settings.js';

/** Largest rank of the rank curve: r = 1, 2, 4 … 256. */
export const CURVE_MAX_RANK = 256;

/** One side of the scale-up lens: the same LoRA settings applied to one model. */
export interface LensSide {
  /** The model. */
  readonly description: ModelDescription;
  /** The targets used on this model. */
  readonly targets: readonly string[];
  /** Why these targets: the same as the dashboard's, `all-linear`, or the model's default. */
  readonly targetsNote: string;
  /** The estimate at the dashboard's rank. */
  readonly estimate: MemoryEstimate;
  /** The estimate at twice the rank, or `null` when that exceeds the largest rank. */
  readonly doubled: MemoryEstimate | null;
  /** The largest component and its share of the total (0 to 1). */
  readonly dominant: { readonly component: PartComponent; readonly share: number };
  /** Share of the total (0 to 1) that exists because of the adapter: its weights, gradients and optimizer states. */
  readonly adapterShare: number;
}

/** The toy and a real model side by side under the same LoRA settings. */
export interface ScaleUpLens {
  /** `lora` or `qlora` (full fine-tuning has no adapter to compare). */
  readonly method: 'lora' | 'qlora';
  /** The rank applied to both. */
  readonly rank: number;
  /** The toy MLP. */
  readonly toy: LensSide;
  /** The real model. */
  readonly real: LensSide;
}

/** Everything the dashboard shows, computed at once from one set of settings: plain data. */
export interface DashboardView {
  /** The model. */
  readonly description: ModelDescription;
  /** One estimate per method, from the same options: the table and the bars both read these. */
  readonly estimates: Readonly<Record<TrainingMethod, MemoryEstimate>>;
  /** The GPU verdict per method. */
  readonly fits: Readonly<Record<TrainingMethod, GpuFit>>;
  /** The rank curve (r = 1 … 256) for the adapter method in focus. */
  readonly curve: { readonly method: 'lora' | 'qlora'; readonly curve: RankCurve };
  /** The scale-up lens. */
  readonly lens: ScaleUpLens;
}

/** The `estimateMemory` options for a model from the dashboard's settings (without `method`). */
export function memoryOptionsFor(settings: MemoryDashboardSettings, description: ModelDescription): MemoryOptions {
  const toy = description.family === 'mlp';
  return {
    rank: settings.rank,
    alpha: settings.alpha,
    targets: settings.targets,
    ...(settings.precision === 'auto' ? {} : { precision: settings.precision }),
    optimizer: settings.optimizer,
    masterWeights: settings.masterWeights,
    doubleQuant: settings.doubleQuant,
    batch: settings.batch,
    // The toy reads one vector per sample and has no layers to checkpoint; core warns when given them.
    ...(toy ? {} : { seq: settings.seq, checkpointing: settings.checkpointing }),
    overhead: settings.overhead,
  };
}

function perMethod<T>(make: (method: TrainingMethod) => T): Record<TrainingMethod, T> {
  return Object.fromEntries(TRAINING_METHODS.map((m) => [m, make(m)])) as Record<TrainingMethod, T>;
}

/** Leaf names LoRA can target in a model (norms excluded). */
function targetableNames(description: ModelDescription): Set<string> {
  return new Set(description.modules.filter((m) => m.kind !== 'norm').map((m) => m.name));
}

function lensTargets(description: ModelDescription, targets: readonly string[]): { list: string[]; note: string } {
  if (targets.length === 1 && targets[0] === 'all-linear') return { list: ['all-linear'], note: 'all-linear' };
  const names = targetableNames(description);
  if (targets.every((t) => names.has(t))) return { list: [...targets], note: 'the same targets' };
  return { list: [...description.defaultTargets], note: "this model's default targets" };
}

function lensSide(
  description: ModelDescription,
  settings: MemoryDashboardSettings,
  method: 'lora' | 'qlora',
): LensSide {
  const { list, note } = lensTargets(description, settings.targets);
  const options = { ...memoryOptionsFor(settings, description), targets: list, method };
  const estimate = estimateMemory(description, options);
  const doubled =
    settings.rank * 2 <= MAX_MEMORY_RANK ? estimateMemory(description, { ...options, rank: settings.rank * 2 }) : null;
  const { bytes } = estimate;
  const total = bytes.total;
  let dominant: PartComponent = 'weights';
  for (const c of COMPONENTS) if (bytesOf(bytes, c.key) > bytesOf(bytes, dominant)) dominant = c.key;
  return {
    description,
    targets: list,
    targetsNote: note,
    estimate,
    doubled,
    dominant: { component: dominant, share: total > 0 ? bytesOf(bytes, dominant) / total : 0 },
    adapterShare: total > 0 ? (bytes.adapters + bytes.gradients + bytes.optimizer) / total : 0,
  };
}

/**
 * Computes the whole dashboard from one set of settings: an estimate per method (all from the same
 * options), the GPU verdicts, the rank curve and the scale-up lens. Pure arithmetic from core, a few
 * milliseconds even for 70B models, so it reruns on every control change.
 *
 * @throws InvalidOptionError from core when the settings do not fit the model (a target it lacks, a
 *   batch and sequence length too large to count).
 */
export function computeDashboard(description: ModelDescription, settings: MemoryDashboardSettings): DashboardView {
  const options = memoryOptionsFor(settings, description);
  const fits = perMethod((method) => fitOnGpu(description, { ...options, method }, settings.gpu));
  // The GPU verdict's own estimates are the ones shown, so the verdict can never disagree with the table.
  const estimates = perMethod((method) => fits[method].estimate);
  const adapterMethod = settings.method === 'qlora' ? 'qlora' : 'lora';
  const curve = rankCurve(description, { ...options, method: adapterMethod }, CURVE_MAX_RANK);
  const toy = description.family === 'mlp' ? description : describeToy({ task: settings.task });
  const real =
    description.family !== 'mlp' && description.id === settings.lens ? description : describeModel(settings.lens);
  return {
    description,
    estimates,
    fits,
    curve: { method: adapterMethod, curve },
    lens: {
      method: adapterMethod,
      rank: settings.rank,
      toy: lensSide(toy, settings, adapterMethod),
      real: lensSide(real, settings, adapterMethod),
    },
  };
}
