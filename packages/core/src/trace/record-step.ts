import { describeLayer, type LayerMatrices } from '../model/describe-layer.js';
import { InvalidOptionError } from '../model/errors.js';
import { LAYER_NAMES, type LayerName } from '../model/layers.js';
import type { LoraModel } from '../model/lora-model.js';
import { TASK_OUTPUT_SIZE } from '../model/tasks.js';
import { cosineSimilarityLoss, crossEntropy, meanSquaredError, TASK_LOSS, type LossResult } from '../train/losses.js';
import { createRng, type Rng } from '../util/prng.js';
import { summarize } from './summary.js';
import type { BackwardEvent, ForwardEvent, TraceEvent } from './types.js';

/**
 * One training sample, as the task needs it: a class index for sentiment and classification, four
 * targets for regression, a second input and a score in [0, 1] for similarity.
 */
export type TraceSample =
  | {
      /** The input vector, one number per input feature. */
      readonly input: readonly number[];
      /** Index of the true class, from 0 to the output size − 1 (sentiment, classification). */
      readonly label: number;
    }
  | {
      /** The input vector, one number per input feature. */
      readonly input: readonly number[];
      /** The four regression targets, in {@link REGRESSION_TARGETS} order. */
      readonly target: readonly number[];
    }
  | {
      /** The first text's input vector, one number per input feature. */
      readonly input: readonly number[];
      /** The second text's input vector, same length as `input`. */
      readonly pair: readonly number[];
      /** How similar the two texts are meant to be, from 0 to 1. */
      readonly score: number;
    };

/** Options of {@link recordStep} and {@link recordSteps}. */
export interface RecordStepOptions {
  /** `sgd` (default) or `adam` (β₁ 0.9, β₂ 0.999, ε 1e-8, with bias correction). */
  optimizer?: 'sgd' | 'adam';
  /** Learning rate, positive and finite (default 0.1). */
  lr?: number;
  /** Seed of the LoRA dropout masks (default: the model's seed). */
  seed?: number;
}

type Vec = number[];

interface LayerPass {
  readonly name: LayerName;
  readonly m: LayerMatrices;
  readonly h: Vec; // layer input
  readonly hd: Vec; // input of the LoRA branch (after dropout)
  readonly mask: Vec | null; // dropout multipliers on the LoRA branch
  readonly wh: Vec;
  readonly b: readonly number[];
  readonly u: Vec | null; // A·hd
  readonly v: Vec | null; // B·u
  readonly d: Vec | null; // s·v
  readonly z: Vec;
  readonly out: Vec; // relu(z), or z for fc3
}

const matVec = (m: readonly (readonly number[])[], x: readonly number[]): Vec =>
  m.map((row) => row.reduce((sum, w, j) => sum + w * x[j]!, 0));
const matTVec = (m: readonly (readonly number[])[], y: readonly number[], cols: number): Vec => {
  const out = new Array<number>(cols).fill(0);
  m.forEach((row, i) => row.forEach((w, j) => (out[j]! += w * y[i]!)));
  return out;
};
const outer = (a: readonly number[], b: readonly number[]): Vec => a.flatMap((x) => b.map((y) => x * y));
const addInto = (target: Vec, source: readonly number[]) => source.forEach((v, i) => (target[i]! += v));

function checkSample(model: LoraModel, sample: TraceSample): void {
  const { task, inputDim, outputDim } = model.spec;
  const checkVector = (field: string, v: unknown, n: number) => {
    if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new InvalidOptionError(field, `${n} finite numbers`, `got ${JSON.stringify(v)}`);
    }
  };
  checkVector('input', sample.input, inputDim);
  if (task === 'sentiment' || task === 'classification') {
    const label = (sample as { label?: unknown }).label;
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= outputDim) {
      throw new InvalidOptionError('label', `a class index from 0 to ${outputDim - 1}`, `got ${String(label)}`);
    }
  } else if (task === 'regression') {
    checkVector('target', (sample as { target?: unknown }).target, TASK_OUTPUT_SIZE.regression);
  } else {
    checkVector('pair', (sample as { pair?: unknown }).pair, inputDim);
    const score = (sample as { score?: unknown }).score;
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
      throw new InvalidOptionError('score', 'a number from 0 to 1', `got ${String(score)}`);
    }
  }
}

function forwardPass(layers: readonly LayerMatrices[], x: readonly number[], dropout: number, rng: Rng): LayerPass[] {
  const passes: LayerPass[] = [];
  let h: Vec = [...x];
  for (const m of layers) {
    const useSaved = m.saved !== null;
    const W = useSaved ? m.saved!.weight : m.base;
    const b = useSaved ? m.saved!.bias : m.bias;
    const wh = matVec(W, h);
    let mask: Vec | null = null;
    let hd = h;
    let u: Vec | null = null;
    let v: Vec | null = null;
    let d: Vec | null = null;
    if (m.lora) {
      if (dropout > 0) {
        mask = h.map(() => (rng.next() >= dropout ? 1 / (1 - dropout) : 0));
        hd = h.map((x, j) => x * mask![j]!);
      }
      u = matVec(m.lora.A, hd);
      v = matVec(m.lora.B, u);
      const s = m.lora.scaling;
      d = v.map((x) => s * x);
    }
    const z = wh.map((x, i) => x + b[i]! + (d ? d[i]! : 0));
    const out = m.name === 'fc3' ? z : z.map((x) => Math.max(0, x));
    passes.push({ name: m.name, m, h, hd, mask, wh, b, u, v, d, z, out });
    h = out;
  }
  return passes;
}

/**
 * Records training steps on one sample as trace events (ARCHITECTURE §3.4) and applies each update
 * to the model. The forward and backward passes are computed explicitly, node by node, in float64
 * from the model's own parameters, so every intermediate value and gradient is an event:
 * `step-start, forward+, loss, backward+, param-grad*, param-update*, step-end` per step.
 * Frozen parameters get no `param-grad`/`param-update`; their `backward` event has `stored: false`.
 *
 * @returns the events of every step, `seq` counting from 0.
 * @throws InvalidOptionError for a bad sample or option, or a merged or disabled adapter.
 * @example
 * const events = recordSteps(model, { input: [1, 0, 0, 1, 0, 1, 0, 1], label: 1 }, 2);
 */
export function recordSteps(
  model: LoraModel,
  sample: TraceSample,
  steps: number,
  options: RecordStepOptions = {},
): TraceEvent[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > 1000) {
    throw new InvalidOptionError('steps', 'an integer from 1 to 1000', `got ${String(steps)}`);
  }
  const optimizer = options.optimizer ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam') {
    throw new InvalidOptionError('optimizer', 'sgd or adam', `got ${String(optimizer)}`);
  }
  const lr = options.lr ?? 0.1;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new InvalidOptionError('lr', 'a positive finite number', `got ${String(lr)}`);
  }
  if (model.isMerged) {
    throw new InvalidOptionError('model', 'an unmerged adapter', 'the adapter is merged into W; unmerge it to train');
  }
  if (!model.adaptersEnabled && model.activeAdapter !== null) {
    throw new InvalidOptionError('model', 'enabled adapters', 'adapters are disabled; enable them to train');
  }
  checkSample(model, sample);
  const rng = createRng(options.seed ?? model.spec.seed, 'trace-dropout');
  const adam = new Map<string, { m: Vec; v: Vec }>();
  const events: TraceEvent[] = [];
  for (let step = 0; step < steps; step++) {
    recordOne(model, sample, step, events, { optimizer, lr, rng, adam });
  }
  return events;
}

/** Records one training step; see {@link recordSteps}. */
export function recordStep(model: LoraModel, sample: TraceSample, options: RecordStepOptions = {}): TraceEvent[] {
  return recordSteps(model, sample, 1, options);
}

function recordOne(
  model: LoraModel,
  sample: TraceSample,
  step: number,
  events: TraceEvent[],
  ctx: { optimizer: 'sgd' | 'adam'; lr: number; rng: Rng; adam: Map<string, { m: Vec; v: Vec }> },
): void {
  const push = (event: Record<string, unknown>) =>
    events.push(Object.freeze({ seq: events.length, step, ...event }) as unknown as TraceEvent);
  const params = model.parameters();
  const trainable = params.filter((p) => p.trainable).map((p) => p.id);
  const trainableSet = new Set(trainable);
  const layers = LAYER_NAMES.map((name) => describeLayer(model, name));
  const dropout = model.adapterSpec()?.dropout ?? 0;
  push({
    kind: 'step-start',
    task: model.spec.task,
    adapter: model.activeAdapter,
    trainable: Object.freeze([...trainable]),
  });

  const inputs = 'pair' in sample ? [sample.input, sample.pair] : [sample.input];
  const passes = inputs.map((x) => forwardPass(layers, x, dropout, ctx.rng));
  passes.forEach((layerPasses, p) => {
    const pass = inputs.length > 1 ? { pass: p } : {};
    const fwd = (nodeId: string, value: readonly number[], shape: number[], extra: Partial<ForwardEvent> = {}) =>
      push({ kind: 'forward', nodeId, ...pass, value: summarize(value, shape), ...extra });
    fwd('input', inputs[p]!, [inputs[p]!.length]);
    for (const lp of layerPasses) {
      const { name, m } = lp;
      fwd(`${name}.weight`, lp.wh, [m.out]);
      fwd(`${name}.bias`, lp.b, [m.out]);
      if (lp.u && lp.v && lp.d) {
        fwd(`${name}.lora_A`, lp.u, [lp.u.length]);
        fwd(`${name}.lora_B`, lp.v, [m.out]);
        fwd(`${name}.delta`, lp.d, [m.out]);
        const base = lp.wh.map((x, i) => x + lp.b[i]!);
        fwd(`${name}.sum`, lp.z, [m.out], {
          parts: { base: summarize(base, [m.out]), lora: summarize(lp.d, [m.out]) },
        });
      } else {
        fwd(`${name}.sum`, lp.z, [m.out]);
      }
      if (name !== 'fc3') fwd(`${name}.relu`, lp.out, [m.out]);
    }
    fwd('output', layerPasses.at(-1)!.out, [model.spec.outputDim]);
  });

  const outputs = passes.map((lp) => lp.at(-1)!.out);
  let loss: LossResult;
  if ('label' in sample) loss = crossEntropy(outputs[0]!, sample.label);
  else if ('target' in sample) loss = meanSquaredError(outputs[0]!, sample.target);
  else loss = cosineSimilarityLoss(outputs[0]!, outputs[1]!, sample.score);
  push({
    kind: 'loss',
    loss: TASK_LOSS[model.spec.task],
    value: loss.value,
    ...(loss.probabilities ? { probabilities: Object.freeze([...loss.probabilities]) } : {}),
    ...(loss.cosine !== undefined ? { cosine: loss.cosine } : {}),
  });

  // Backward, node by node, in reverse topological order; parameter gradients summed over passes.
  const paramGrads = new Map<string, Vec>();
  const accumulate = (id: string, grad: Vec) => {
    if (!trainableSet.has(id)) return;
    const current = paramGrads.get(id);
    if (current) addInto(current, grad);
    else paramGrads.set(id, grad);
  };
  const outputGrads = [loss.grad, loss.gradPair ?? []];
  passes.forEach((layerPasses, p) => {
    const pass = inputs.length > 1 ? { pass: p } : {};
    const bwd = (nodeId: string, grad: readonly number[], shape: number[], extra: Partial<BackwardEvent> = {}) =>
      push({ kind: 'backward', nodeId, ...pass, grad: summarize(grad, shape), ...extra });
    let upstream: Vec = [...outputGrads[p]!];
    bwd('output', upstream, [upstream.length]);
    for (let l = layerPasses.length - 1; l >= 0; l--) {
      const lp = layerPasses[l]!;
      const { name, m } = lp;
      let dz = upstream;
      if (name !== 'fc3') {
        bwd(`${name}.relu`, upstream, [m.out], {
          passed: summarize(
            upstream.map((g, i) => (lp.z[i]! > 0 ? g : 0)),
            [m.out],
          ),
        });
        dz = upstream.map((g, i) => (lp.z[i]! > 0 ? g : 0));
      }
      bwd(`${name}.sum`, dz, [m.out]);
      const useSaved = m.saved !== null;
      const weightId = useSaved ? `${name}.modules_to_save.weight` : `${name}.weight`;
      const biasId = useSaved ? `${name}.modules_to_save.bias` : `${name}.bias`;
      const W = useSaved ? m.saved!.weight : m.base;
      const dh = matTVec(W, dz, m.in);
      if (m.lora && lp.u) {
        const s = m.lora.scaling;
        const dv = dz.map((g) => s * g);
        const du = matTVec(m.lora.B, dv, m.lora.rank);
        const dhdLora = matTVec(m.lora.A, du, m.in);
        const dhLora = lp.mask ? dhdLora.map((g, j) => g * lp.mask![j]!) : dhdLora;
        bwd(`${name}.delta`, dz, [m.out], { passed: summarize(dv, [m.out]) });
        bwd(`${name}.lora_B`, dv, [m.out], {
          passed: summarize(du, [m.lora.rank]),
          stored: trainableSet.has(`${name}.lora_B`),
        });
        bwd(`${name}.lora_A`, du, [m.lora.rank], {
          passed: summarize(dhLora, [m.in]),
          stored: trainableSet.has(`${name}.lora_A`),
        });
        accumulate(`${name}.lora_A`, outer(du, lp.hd));
        accumulate(`${name}.lora_B`, outer(dv, lp.u));
        addInto(dh, dhLora);
      }
      bwd(`${name}.bias`, dz, [m.out], { stored: trainableSet.has(biasId) });
      bwd(`${name}.weight`, dz, [m.out], {
        passed: summarize(matTVec(W, dz, m.in), [m.in]),
        stored: trainableSet.has(weightId),
      });
      accumulate(biasId, [...dz]);
      accumulate(weightId, outer(dz, lp.h));
      upstream = dh;
    }
    bwd('input', upstream, [upstream.length]);
  });

  const shapes = new Map(params.map((p) => [p.id, [...p.shape]]));
  for (const id of trainable) {
    const grad = paramGrads.get(id) ?? new Array<number>(params.find((p) => p.id === id)!.size).fill(0);
    paramGrads.set(id, grad);
    push({ kind: 'param-grad', paramId: id, grad: summarize(grad, shapes.get(id)!) });
  }
  for (const id of trainable) {
    const grad = paramGrads.get(id)!;
    const old = model.read(id).values;
    let next: Float32Array;
    if (ctx.optimizer === 'sgd') {
      next = old.map((w, i) => w - ctx.lr * grad[i]!);
    } else {
      const state = ctx.adam.get(id) ?? {
        m: new Array<number>(grad.length).fill(0),
        v: new Array<number>(grad.length).fill(0),
      };
      ctx.adam.set(id, state);
      const t = step + 1;
      next = old.map((w, i) => {
        state.m[i] = 0.9 * state.m[i]! + 0.1 * grad[i]!;
        state.v[i] = 0.999 * state.v[i]! + 0.001 * grad[i]! ** 2;
        const mHat = state.m[i]! / (1 - 0.9 ** t);
        const vHat = state.v[i]! / (1 - 0.999 ** t);
        return w - (ctx.lr * mHat) / (Math.sqrt(vHat) + 1e-8);
      });
    }
    model.write(id, next);
    const stored = model.read(id).values;
    push({
      kind: 'param-update',
      paramId: id,
      delta: summarize(
        Array.from(stored, (w, i) => w - old[i]!),
        shapes.get(id)!,
      ),
      value: summarize(Array.from(stored), shapes.get(id)!),
    });
  }
  push({ kind: 'step-end', loss: loss.value, optimizer: ctx.optimizer, lr: ctx.lr });
}
