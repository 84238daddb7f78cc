import {
  InvalidOptionError,
  recordSteps,
  type InitLoraWeights,
  type LayerName,
  type LoraModel,
  type TraceEvent,
  type TraceSample,
} from '@lora-viz/core';

/** Euclidean (Frobenius) norms of what one training step did to a layer's A and B. */
export interface StepNorms {
  /** ‖∂L/∂A‖ of the step (from its `param-grad` event). */
  readonly gradA: number;
  /** ‖∂L/∂B‖ of the step. */
  readonly gradB: number;
  /** ‖A after − A before‖ (from its `param-update` event). */
  readonly changeA: number;
  /** ‖B after − B before‖. */
  readonly changeB: number;
  /** ‖B‖ after the step's update. */
  readonly normBAfter: number;
}

/** What the first two steps did on one adapted layer. */
export interface FirstStepsLayer {
  /** Layer name. */
  readonly name: LayerName;
  /** Rank r on this layer. */
  readonly r: number;
  /** The scaling s applied to B·A on this layer (after any `setScale` of the model's adapter). */
  readonly scaling: number;
  /** ‖ΔW‖ = ‖s·B·A‖ (Frobenius) before the first step. */
  readonly deltaWNorm: number;
  /** Whether every entry of B is exactly 0 before the first step. */
  readonly bZeroAtStart: boolean;
  /** Steps 0 and 1. */
  readonly steps: readonly [StepNorms, StepNorms];
}

/** Plain result of {@link measureFirstSteps}. */
export interface FirstSteps {
  /** The initialisation of A and B the steps started from. */
  readonly init: InitLoraWeights;
  /** Name of the adapter that was re-created. */
  readonly adapter: string;
  /** Optimizer used. */
  readonly optimizer: 'sgd' | 'adam';
  /** Learning rate used. */
  readonly lr: number;
  /** Largest |output with the adapter − output with adapters disabled| on the sample, before any step. */
  readonly noopDifference: number;
  /** The loss before each step's update (steps 0 and 1). */
  readonly losses: readonly [number, number];
  /** Adapted layers, input to output. */
  readonly layers: readonly FirstStepsLayer[];
}

/** Options of {@link measureFirstSteps}. */
export interface MeasureFirstStepsOptions {
  /** How A and B start. */
  readonly init: InitLoraWeights;
  /** Learning rate, positive and finite. */
  readonly lr: number;
  /** `sgd` or `adam`. */
  readonly optimizer: 'sgd' | 'adam';
}

/** ‖s·B·A‖ in float64, from B (out×r) and A (r×in) row-major. */
function deltaNorm(s: number, a: Float32Array, b: Float32Array, r: number): number {
  const inDim = a.length / r;
  const outDim = b.length / r;
  let sum = 0;
  for (let i = 0; i < outDim; i++) {
    for (let j = 0; j < inDim; j++) {
      let v = 0;
      for (let k = 0; k < r; k++) v += b[i * r + k]! * a[k * inDim + j]!;
      sum += (s * v) ** 2;
    }
  }
  return Math.sqrt(sum);
}

/** The adapter's `setScale` multiplier, read back as current scaling over configured scaling. */
function scaleOf(model: LoraModel, adapter: string): number {
  for (const layer of model.adapterSpec(adapter)?.layers ?? []) {
    const now = model.scaling(layer.name, adapter);
    if (now !== null && layer.scaling !== 0) return now / layer.scaling;
  }
  return 1;
}

function norms(events: readonly TraceEvent[], layer: LayerName, step: number): StepNorms {
  const find = <K extends 'param-grad' | 'param-update'>(kind: K, paramId: string) => {
    const event = events.find((e) => e.step === step && e.kind === kind && e.paramId === paramId);
    if (event === undefined) throw new Error(`no ${kind} event for ${paramId} at step ${step}`);
    return event as Extract<TraceEvent, { kind: K }>;
  };
  const a = `${layer}.lora_A`;
  const b = `${layer}.lora_B`;
  return {
    gradA: find('param-grad', a).grad.norm,
    gradB: find('param-grad', b).grad.norm,
    changeA: find('param-update', a).delta.norm,
    changeB: find('param-update', b).delta.norm,
    normBAfter: find('param-update', b).value.norm,
  };
}

/**
 * Replays the first two training steps of a model's active adapter from a fresh start with the
 * chosen initialisation: on a private copy (the model's base weights, the active adapter's spec added
 * again with `initLoraWeights` replaced, same seed and so the same draw of A, same `setScale`), it
 * measures how far the adapter moves the output before any step and ‖ΔW‖ per layer, then runs core's
 * `recordSteps` for two steps and keeps the norms of the A and B gradients and changes. The copy is
 * disposed and the model is never changed.
 *
 * @throws InvalidOptionError when the model has no active adapter, or for a bad sample or option.
 */
export function measureFirstSteps(
  model: LoraModel,
  sample: TraceSample,
  options: MeasureFirstStepsOptions,
): FirstSteps {
  const adapter = model.activeAdapter;
  const spec = model.adapterSpec();
  if (adapter === null || spec === undefined) {
    throw new InvalidOptionError(
      'model',
      'a model with an active LoRA adapter',
      'the model is set up for full fine-tuning',
    );
  }
  const scale = scaleOf(model, adapter);
  const copy = model.clone();
  try {
    // Deleting unmerges a merged adapter first, so the copy is left with the base weights alone.
    for (const name of copy.adapterNames) copy.deleteAdapter(name);
    copy.addAdapter(adapter, { ...spec, initLoraWeights: options.init });
    if (scale !== 1) copy.setScale(scale);
    // A page may have disabled its adapters to show the base model; the replay trains the adapter.
    copy.enableAdapters();

    const inputs = 'pair' in sample ? [sample.input, sample.pair] : [sample.input];
    const withAdapter = copy.predict(inputs);
    copy.disableAdapters();
    const base = copy.predict(inputs);
    copy.enableAdapters();
    let noopDifference = 0;
    withAdapter.forEach((row, i) =>
      row.forEach((v, j) => (noopDifference = Math.max(noopDifference, Math.abs(v - base[i]![j]!)))),
    );

    const start = spec.layers.map((layer) => {
      const a = copy.read(`${layer.name}.lora_A`).values;
      const b = copy.read(`${layer.name}.lora_B`).values;
      const s = copy.scaling(layer.name) ?? layer.scaling;
      return { layer, s, deltaWNorm: deltaNorm(s, a, b, layer.r), bZeroAtStart: b.every((v) => v === 0) };
    });

    const events = recordSteps(copy, sample, 2, { lr: options.lr, optimizer: options.optimizer });
    const ends = events.filter((e) => e.kind === 'step-end');
    return {
      init: options.init,
      adapter,
      optimizer: options.optimizer,
      lr: options.lr,
      noopDifference,
      losses: [ends[0]!.loss, ends[1]!.loss],
      layers: start.map(({ layer, s, deltaWNorm, bZeroAtStart }) => ({
        name: layer.name,
        r: layer.r,
        scaling: s,
        deltaWNorm,
        bZeroAtStart,
        steps: [norms(events, layer.name, 0), norms(events, layer.name, 1)],
      })),
    };
  } finally {
    copy.dispose();
  }
}
