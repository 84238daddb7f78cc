import { expect } from '@esm-bundle/chai';
import { attachLora, createMlp, describeGraph, recordStep, type LoraModel } from '@lora-viz/core';
import { formatValue, narrate, nodeSymbol } from '../src/pass/narration.js';
import {
  buildTimeline,
  defaultSample,
  EDGE_WIDTH_RANGE,
  gradientEdgeWidths,
  storedGradients,
  visitedNodes,
} from '../src/pass/timeline.js';

const models: LoraModel[] = [];
function loraModel(): LoraModel {
  const model = createMlp({ seed: 3 });
  attachLora(model, { r: 4, alpha: 8 });
  models.push(model);
  return model;
}
afterEach(() => {
  for (const m of models.splice(0)) m.dispose();
});

describe('pass timeline', () => {
  it('gives sentiment the documented default sample [1,0,0,1,0,1,0,1] with label 1', () => {
    expect(defaultSample('sentiment', 8)).to.deep.equal({ input: [1, 0, 0, 1, 0, 1, 0, 1], label: 1 });
    expect(defaultSample('regression', 8)).to.have.property('target').with.length(4);
    expect(defaultSample('similarity', 8)).to.include({ score: 0.8 });
  });

  it('makes one forward frame per forward event, then the loss', () => {
    const model = loraModel();
    const events = recordStep(model, defaultSample('sentiment', 8));
    const frames = buildTimeline(events, 'forward');
    const forward = events.filter((e) => e.kind === 'forward');
    expect(frames).to.have.length(forward.length + 1);
    expect(frames.map((f) => f.nodeId).slice(0, -1)).to.deep.equal(
      forward.map((e) => (e.kind === 'forward' ? e.nodeId : '')),
    );
    expect(frames.at(-1)!.kind).to.equal('loss');
    expect(frames[0]!.nodeId).to.equal('input');
  });

  it('starts the backward frames at the loss, then one per backward event', () => {
    const events = recordStep(loraModel(), defaultSample('sentiment', 8));
    const frames = buildTimeline(events, 'backward');
    expect(frames[0]!.kind).to.equal('loss');
    expect(frames[1]!.nodeId).to.equal('output');
    expect(frames).to.have.length(events.filter((e) => e.kind === 'backward').length + 1);
  });

  it('lists the visited nodes before the active one', () => {
    const frames = buildTimeline(recordStep(loraModel(), defaultSample('sentiment', 8)), 'forward');
    expect(visitedNodes(frames, 0)).to.deep.equal([]);
    expect(visitedNodes(frames, 2)).to.deep.equal([frames[0]!.nodeId, frames[1]!.nodeId]);
  });

  it('widens only the edges the gradient has reached, thin for a zero gradient and thickest for the largest', () => {
    const model = loraModel();
    const events = recordStep(model, defaultSample('sentiment', 8));
    const frames = buildTimeline(events, 'backward');
    const { edges } = describeGraph(model, { loss: true });
    expect(Object.keys(gradientEdgeWidths(edges, frames, 0))).to.deep.equal(['output->loss']);
    const all = gradientEdgeWidths(edges, frames, frames.length - 1);
    expect(Object.keys(all)).to.have.length(edges.length);
    // A receives 0 at step 0 (B = 0), so x → A carries nothing.
    expect(all['input->fc1.lora_A']).to.equal(EDGE_WIDTH_RANGE[0]);
    expect(Math.max(...Object.values(all))).to.be.closeTo(EDGE_WIDTH_RANGE[1], 1e-9);
  });

  it('collects the stored gradients of the trainable parameters only', () => {
    const stored = storedGradients(recordStep(loraModel(), defaultSample('sentiment', 8)));
    expect([...stored.keys()].sort()).to.deep.equal(['fc1.lora_A', 'fc1.lora_B', 'fc2.lora_A', 'fc2.lora_B']);
    expect(stored.get('fc1.lora_A')!.norm).to.equal(0);
  });
});

describe('pass narration', () => {
  function setup() {
    const model = loraModel();
    const events = recordStep(model, defaultSample('sentiment', 8));
    const graph = describeGraph(model, { loss: true });
    const context = {
      nodes: new Map(graph.nodes.map((n) => [n.id, n])),
      stored: storedGradients(events),
      scaling: (layer: string) => model.scaling(layer as 'fc1'),
    };
    return { events, context };
  }

  it('explains the LoRA bottleneck on A in the forward pass', () => {
    const { events, context } = setup();
    const frame = buildTimeline(events, 'forward').find((f) => f.nodeId === 'fc1.lora_A')!;
    expect(narrate(frame, context)).to.equal('fc1 · LoRA path: A·x is 4 numbers — the rank-4 bottleneck.');
  });

  it('says a frozen weight passes the gradient through and stores none', () => {
    const { events, context } = setup();
    const frames = buildTimeline(events, 'backward');
    expect(
      narrate(
        frames.find((f) => f.nodeId === 'fc2.weight')!,
        context,
      ),
    ).to.equal('W₂ is frozen: the gradient passes through to fc1 and none is stored.');
    expect(
      narrate(
        frames.find((f) => f.nodeId === 'fc1.weight')!,
        context,
      ),
    ).to.contain('through to the input');
  });

  it('says ∂L/∂A is exactly 0 at step 0 because B starts at 0', () => {
    const { events, context } = setup();
    const frame = buildTimeline(events, 'backward').find((f) => f.nodeId === 'fc1.lora_A')!;
    expect(narrate(frame, context)).to.match(/^∂L\/∂A is exactly 0 because B starts at 0/);
  });

  it('counts, at a ReLU, the zeros of the gradient it sends on to z (units where z ≤ 0)', () => {
    const { events, context } = setup();
    const frame = buildTimeline(events, 'backward').find((f) => f.nodeId === 'fc1.relu')!;
    // Independently: the forward ReLU output is 0 exactly where z ≤ 0, which is where nothing is sent on.
    const forward = events.find((e) => e.kind === 'forward' && e.nodeId === 'fc1.relu');
    const blocked = (forward?.kind === 'forward' ? forward.value.values! : []).filter((v) => v === 0).length;
    expect(blocked).to.be.greaterThan(0);
    expect(narrate(frame, context)).to.equal(
      `fc1 · ReLU passes the gradient on only where z > 0: ${blocked} of the 16 values it sends on are 0.`,
    );
  });

  it('states the loss with its real value', () => {
    const { events, context } = setup();
    const loss = events.find((e) => e.kind === 'loss')!;
    const frame = buildTimeline(events, 'forward').at(-1)!;
    expect(narrate(frame, context)).to.contain(formatValue(loss.kind === 'loss' ? loss.value : NaN));
  });

  it('formats numbers with 3 significant digits and exact zeros as 0', () => {
    expect(formatValue(0)).to.equal('0');
    expect(formatValue(1.23456)).to.equal('1.23');
    expect(formatValue(-0.000012345)).to.equal('-1.23e-5');
    expect(nodeSymbol(undefined, 'x')).to.equal('x');
  });
});
