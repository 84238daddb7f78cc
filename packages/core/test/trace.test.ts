import { describe, expect, it } from 'vitest';
import {
  attachLora,
  createMlp,
  describeGraph,
  recordStep,
  recordSteps,
  tf,
  type LoraModel,
  type TraceEvent,
  type TraceSample,
} from '../src/index.js';
import { expectClose, expectNoTensorLeak } from './helpers.js';

const X = [0.5, -1, 2, 0.3, 1.5, -0.25, 0.75, 1];
const X2 = [1, 0.2, -0.5, 1, 0, 0.4, -1, 0.6];

function ofKind<K extends TraceEvent['kind']>(events: TraceEvent[], kind: K) {
  return events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
}

/** The loss of the sample as a tfjs scalar, written independently of the trace code. */
function tfLoss(model: LoraModel, sample: TraceSample): tf.Scalar {
  const y = tf.squeeze(model.forward(tf.tensor2d([sample.input as number[]]))) as tf.Tensor1D;
  if ('label' in sample) {
    const logProbs = tf.sub(y, tf.logSumExp(y));
    return tf.neg(tf.squeeze(tf.gather(logProbs, [sample.label]))) as tf.Scalar;
  }
  if ('target' in sample) return tf.mean(tf.square(tf.sub(y, tf.tensor1d(sample.target as number[])))) as tf.Scalar;
  const y2 = tf.squeeze(model.forward(tf.tensor2d([sample.pair as number[]]))) as tf.Tensor1D;
  const cos = tf.div(tf.sum(tf.mul(y, y2)), tf.mul(tf.norm(y), tf.norm(y2)));
  return tf.square(tf.sub(cos, sample.score)) as tf.Scalar;
}

/** Gradients of the trainable parameters by tfjs autodiff, as plain arrays. */
function autodiff(model: LoraModel, sample: TraceSample): Map<string, number[]> {
  const vars = model.trainableVariables();
  const idOf = new Map([...vars].map(([id, v]) => [v.name, id]));
  const result = new Map<string, number[]>();
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => tfLoss(model, sample), [...vars.values()]);
    for (const [name, grad] of Object.entries(grads)) result.set(idOf.get(name)!, Array.from(grad.dataSync()));
  });
  return result;
}

const SAMPLES: [string, Parameters<typeof createMlp>[0], TraceSample][] = [
  ['sentiment', { task: 'sentiment' }, { input: X, label: 1 }],
  ['classification', { task: 'classification' }, { input: X, label: 2 }],
  ['regression', { task: 'regression' }, { input: X, target: [0.5, -1, 2, 0] }],
  ['similarity', { task: 'similarity' }, { input: X, pair: X2, score: 0.8 }],
];

describe('recordStep grammar', () => {
  it('emits step-start, forward+, loss, backward+, param-grad*, param-update*, step-end in order', () => {
    const model = createMlp();
    attachLora(model);
    const events = recordSteps(model, { input: X, label: 0 }, 2);
    const order = ['step-start', 'forward', 'loss', 'backward', 'param-grad', 'param-update', 'step-end'];
    for (const step of [0, 1]) {
      const kinds = events.filter((e) => e.step === step).map((e) => e.kind);
      const collapsed = kinds.filter((k, i) => k !== kinds[i - 1]);
      expect(collapsed).toEqual(order);
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    model.dispose();
  });

  it('names only nodes of the graph and parameters of the model, and clones cleanly', () => {
    const model = createMlp({ task: 'similarity' });
    attachLora(model, { targetModules: ['fc1', 'fc3'], modulesToSave: ['fc2'] });
    const events = recordStep(model, { input: X, pair: X2, score: 0.3 });
    const nodes = new Set(describeGraph(model, { loss: true }).nodes.map((n) => n.id));
    const params = new Set(model.parameters().map((p) => p.id));
    for (const e of events) {
      if ('nodeId' in e) expect(nodes.has(e.nodeId), e.nodeId).toBe(true);
      if ('paramId' in e) expect(params.has(e.paramId), e.paramId).toBe(true);
    }
    expect(structuredClone(events)).toEqual(events);
    // Forward in topological order, backward in reverse, per pass.
    const graphOrder = describeGraph(model).nodes.map((n) => n.id);
    const forward = ofKind(events, 'forward')
      .filter((e) => e.pass === 0)
      .map((e) => e.nodeId);
    expect(forward).toEqual(graphOrder);
    const backward = ofKind(events, 'backward')
      .filter((e) => e.pass === 1)
      .map((e) => e.nodeId);
    expect(backward).toEqual([...graphOrder].reverse());
    model.dispose();
  });
});

describe('recordStep under LoRA', () => {
  it('stores no gradient for frozen weights and, at step 0, a zero gradient for A and a non-zero one for B', () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { targetModules: ['fc1', 'fc2', 'fc3'] });
    const events = recordSteps(model, { input: X, label: 3 }, 2);
    const grads = ofKind(events, 'param-grad');
    const updates = ofKind(events, 'param-update');
    for (const e of [...grads, ...updates]) expect(e.paramId).toMatch(/\.lora_[AB]$/);
    const step0 = grads.filter((e) => e.step === 0);
    expect(step0).toHaveLength(6);
    for (const e of step0) {
      if (e.paramId.endsWith('lora_A')) expect(e.grad.norm).toBe(0);
      else expect(e.grad.norm).toBeGreaterThan(0);
    }
    // After one update B ≠ 0, so A starts to move at step 1.
    for (const e of grads.filter((g) => g.step === 1)) expect(e.grad.norm).toBeGreaterThan(0);
    // Frozen weight nodes report a gradient passing through, not stored.
    const frozen = ofKind(events, 'backward').find((e) => e.nodeId === 'fc2.weight' && e.step === 0)!;
    expect(frozen.stored).toBe(false);
    expect(frozen.passed!.norm).toBeGreaterThan(0);
    model.dispose();
  });

  it('gives every weight and bias a gradient and an update without LoRA', () => {
    const model = createMlp();
    const events = recordStep(model, { input: X, label: 1 });
    expect(ofKind(events, 'param-grad').map((e) => e.paramId)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
      'fc3.weight',
      'fc3.bias',
    ]);
    expect(ofKind(events, 'param-update')).toHaveLength(6);
    model.dispose();
  });

  it('carries the base term W·x + b and the LoRA term s·B(A·x) separately on adapted sums', () => {
    const model = createMlp();
    attachLora(model, { initLoraWeights: false });
    const sum = ofKind(recordStep(model, { input: X, label: 0 }), 'forward').find((e) => e.nodeId === 'fc1.sum')!;
    const total = sum.parts!.base.values!.map((b, i) => b + sum.parts!.lora.values![i]!);
    expectClose(total, sum.value.values!, 1e-12);
    expect(sum.parts!.lora.norm).toBeGreaterThan(0);
    model.dispose();
  });
});

describe('recordStep numbers', () => {
  for (const [name, options, sample] of SAMPLES) {
    for (const lora of ['lora', 'full', 'lora-saved'] as const) {
      it(`matches tfjs autodiff and the model's forward output (${name}, ${lora})`, () => {
        const model = createMlp({ ...options, seed: 11 });
        if (lora === 'lora')
          attachLora(model, { r: 3, alpha: 5, initLoraWeights: false, targetModules: ['fc1', 'fc2', 'fc3'] });
        if (lora === 'lora-saved') attachLora(model, { initLoraWeights: 'gaussian', modulesToSave: ['fc3'] });
        const expected = autodiff(model, sample);
        const predicted = model.predict(sample.input as number[])[0]!;
        const events = expectNoTensorLeak(() => recordStep(model, sample, { lr: 0.05 }));
        const output = ofKind(events, 'forward').find((e) => e.nodeId === 'output' && (e.pass ?? 0) === 0)!;
        expectClose(output.value.values!, predicted, 1e-5);
        const grads = ofKind(events, 'param-grad');
        expect(grads.map((g) => g.paramId).sort()).toEqual([...expected.keys()].sort());
        for (const g of grads) expectClose(g.grad.values!, expected.get(g.paramId)!, 1e-5);
        model.dispose();
      });
    }
  }

  it('matches tfjs for the gradient that reaches the input', () => {
    const model = createMlp({ seed: 2 });
    attachLora(model, { initLoraWeights: false });
    const sample = { input: X, label: 0 };
    const expected = tf.tidy(() =>
      Array.from(
        tf
          .grad((x: tf.Tensor) => {
            const y = tf.squeeze(model.forward(x as tf.Tensor2D));
            return tf.neg(tf.squeeze(tf.gather(tf.sub(y, tf.logSumExp(y)), [0])));
          })(tf.tensor2d([X]))
          .dataSync(),
      ),
    );
    const input = ofKind(recordStep(model, sample), 'backward').find((e) => e.nodeId === 'input')!;
    expectClose(input.grad.values!, expected, 1e-5);
    model.dispose();
  });

  it('applies SGD: new = old − lr·grad, and reports the change', () => {
    const model = createMlp();
    attachLora(model);
    const before = model.read('fc1.lora_B').values;
    const events = recordStep(model, { input: X, label: 1 }, { lr: 0.5 });
    const grad = ofKind(events, 'param-grad').find((e) => e.paramId === 'fc1.lora_B')!.grad.values!;
    const after = model.read('fc1.lora_B').values;
    expectClose(
      Array.from(after),
      Array.from(before, (w, i) => w - 0.5 * grad[i]!),
      1e-6,
    );
    const update = ofKind(events, 'param-update').find((e) => e.paramId === 'fc1.lora_B')!;
    expectClose(
      update.delta.values!,
      Array.from(after, (w, i) => w - before[i]!),
      1e-12,
    );
    model.dispose();
  });

  it('lowers the loss over a few Adam steps on one sample', () => {
    const model = createMlp({ task: 'regression' });
    attachLora(model);
    const losses = ofKind(
      recordSteps(model, { input: X, target: [1, 0, -1, 0.5] }, 20, { optimizer: 'adam', lr: 0.01 }),
      'loss',
    );
    expect(losses.at(-1)!.value).toBeLessThan(losses[0]!.value);
    model.dispose();
  });

  it('rejects bad samples and a merged model, naming the field', () => {
    const model = createMlp();
    attachLora(model);
    expect(() => recordStep(model, { input: X, label: 2 })).toThrow(/label/);
    expect(() => recordStep(model, { input: [1, 2], label: 0 })).toThrow(/input/);
    expect(() => recordStep(model, { input: X, label: 0 }, { lr: -1 })).toThrow(/lr/);
    model.merge();
    expect(() => recordStep(model, { input: X, label: 0 })).toThrow(/unmerge/);
    model.dispose();
  });
});
