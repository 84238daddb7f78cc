import { describe, expect, it } from 'vitest';
import { attachLora, createMlp, describeGraph, type ModelGraph } from '../src/index.js';
import { cli } from './cli-helpers.js';
import { expectNoTensorLeak, rows } from './helpers.js';

function byId(graph: ModelGraph) {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

function expectWellFormed(graph: ModelGraph): void {
  const ids = graph.nodes.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  const position = new Map(ids.map((id, i) => [id, i]));
  for (const edge of graph.edges) {
    expect(position.has(edge.source), `edge source ${edge.source}`).toBe(true);
    expect(position.has(edge.target), `edge target ${edge.target}`).toBe(true);
    // Nodes come in topological order.
    expect(position.get(edge.source)!).toBeLessThan(position.get(edge.target)!);
  }
  expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
  expect(structuredClone(graph)).toEqual(graph);
}

describe('describeGraph, component level', () => {
  it('marks W and b frozen, A, B and ΔW trainable and the sums effective under LoRA', async () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { r: 4, targetModules: ['fc1', 'fc2'] });
    const graph = expectNoTensorLeak(() => describeGraph(model));
    expectWellFormed(graph);
    const nodes = byId(graph);
    for (const layer of ['fc1', 'fc2', 'fc3']) {
      expect(nodes.get(`${layer}.weight`)?.role).toBe('frozen');
      expect(nodes.get(`${layer}.bias`)?.role).toBe('frozen');
      expect(nodes.get(`${layer}.sum`)?.role).toBe('effective');
    }
    for (const layer of ['fc1', 'fc2']) {
      expect(nodes.get(`${layer}.lora_A`)?.role).toBe('trainable');
      expect(nodes.get(`${layer}.lora_B`)?.role).toBe('trainable');
      expect(nodes.get(`${layer}.delta`)?.kind).toBe('delta');
    }
    expect(nodes.get('fc1.lora_A')?.shape).toEqual([4, 8]);
    expect(nodes.get('fc2.lora_B')?.shape).toEqual([16, 4]);
    expect(nodes.has('fc3.lora_A')).toBe(false);
    expect(nodes.get('input')?.role).toBe('input');
    expect(nodes.get('output')?.role).toBe('output');
    expect(graph.adapter).toBe('default');
    model.dispose();
  });

  it("uses exactly the ledger's parameter ids", async () => {
    const model = createMlp();
    attachLora(model, { targetModules: ['fc1', 'fc3'] });
    const graphIds = (m: typeof model) =>
      describeGraph(m)
        .nodes.flatMap((n) => (n.paramId ? [n.paramId] : []))
        .sort();
    const ledgerIds = (m: typeof model) =>
      m
        .parameters()
        .map((p) => p.id)
        .sort();
    expect(graphIds(model)).toEqual(ledgerIds(model));
    // A saved module: the layer's nodes hold the trainable copy the forward pass uses; the frozen
    // original stays in the ledger but takes no part in the computation, so it has no node.
    model.deleteAdapter('default');
    attachLora(model, { targetModules: ['fc1'], modulesToSave: ['fc2'] });
    expect(graphIds(model)).toEqual(ledgerIds(model).filter((id) => id !== 'fc2.weight' && id !== 'fc2.bias'));
    expect(byId(describeGraph(model)).get('fc2.weight')).toMatchObject({
      role: 'trainable',
      paramId: 'fc2.modules_to_save.weight',
    });
    model.dispose();
  });

  it('has no A, B or ΔW without LoRA, and every weight trains', async () => {
    const model = createMlp();
    const graph = describeGraph(model);
    expectWellFormed(graph);
    expect(graph.nodes.some((n) => ['lora-a', 'lora-b', 'delta'].includes(n.kind))).toBe(false);
    expect(graph.nodes.filter((n) => n.kind === 'weight').every((n) => n.role === 'trainable')).toBe(true);
    expect(graph.adapter).toBeNull();
    model.dispose();
  });

  it('routes x through W and through A → B → ΔW into each adapted sum', async () => {
    const model = createMlp();
    attachLora(model);
    const edges = new Set(describeGraph(model).edges.map((e) => `${e.source}>${e.target}`));
    for (const e of [
      'input>fc1.weight',
      'input>fc1.lora_A',
      'fc1.lora_A>fc1.lora_B',
      'fc1.lora_B>fc1.delta',
      'fc1.delta>fc1.sum',
      'fc1.weight>fc1.sum',
      'fc1.bias>fc1.sum',
      'fc1.sum>fc1.relu',
      'fc1.relu>fc2.lora_A',
      'fc3.sum>output',
    ]) {
      expect(edges.has(e), e).toBe(true);
    }
    model.dispose();
  });

  it('adds a loss node named after the task loss on request', async () => {
    const model = createMlp({ task: 'regression' });
    const graph = describeGraph(model, { loss: true });
    expect(byId(graph).get('loss')?.label).toBe('loss (mean squared error)');
    expect(graph.edges.at(-1)).toMatchObject({ source: 'output', target: 'loss' });
    model.dispose();
  });
});

describe('describeGraph, neuron level', () => {
  it('has one node per neuron and 448 weight edges for 8→16→16→4, plus the LoRA bottleneck', async () => {
    const model = createMlp({ task: 'classification' });
    attachLora(model, { r: 4, targetModules: ['fc1', 'fc2'] });
    const graph = describeGraph(model, { level: 'neuron' });
    expectWellFormed(graph);
    expect(graph.nodes.filter((n) => n.kind !== 'lora-a')).toHaveLength(8 + 16 + 16 + 4);
    expect(graph.edges.filter((e) => e.kind === 'weight')).toHaveLength(448);
    expect(graph.edges.filter((e) => e.kind === 'lora-a')).toHaveLength(4 * 8 + 4 * 16);
    expect(graph.edges.filter((e) => e.kind === 'lora-b')).toHaveLength(16 * 4 + 16 * 4);
    model.dispose();
  });

  it('values each weight edge with W_eff = W + s·B·A and keeps W as its base', async () => {
    const model = createMlp();
    attachLora(model, { r: 2, alpha: 3, initLoraWeights: false });
    const edges = new Map(describeGraph(model, { level: 'neuron' }).edges.map((e) => [e.id, e]));
    const W = rows(model.read('fc2.weight').values, [16, 16]);
    const A = rows(model.read('fc2.lora_A').values, [2, 16]);
    const B = rows(model.read('fc2.lora_B').values, [16, 2]);
    const s = 1.5;
    for (const [i, j] of [
      [0, 0],
      [3, 7],
      [15, 15],
    ] as const) {
      const edge = edges.get(`fc2.weight[${i},${j}]`)!;
      expect(edge.source).toBe(`fc1:${j}`);
      expect(edge.target).toBe(`fc2:${i}`);
      expect(edge.base).toBe(W[i]![j]);
      expect(edge.value).toBeCloseTo(W[i]![j]! + s * (B[i]![0]! * A[0]![j]! + B[i]![1]! * A[1]![j]!), 12);
    }
    expect(edges.get('fc2.lora_B[3,1]')!.value).toBeCloseTo(s * B[3]![1]!, 12);
    expect(edges.get('fc2.lora_A[1,5]')!.value).toBe(A[1]![5]);
    model.dispose();
  });
});

describe('lora-viz graph', () => {
  it('prints the graph contract as JSON', async () => {
    const run = await cli('graph', '--task', 'classification', '--json');
    expect(run.code).toBe(0);
    const graph = JSON.parse(run.stdout) as ModelGraph;
    for (const node of graph.nodes)
      expect(Object.keys(node)).toEqual(expect.arrayContaining(['id', 'kind', 'role', 'layer', 'shape', 'label']));
    expect(graph.nodes.find((n) => n.id === 'fc1.lora_A')?.role).toBe('trainable');
    expect(graph.edges[0]).toEqual({ id: 'input->fc1.weight', source: 'input', target: 'fc1.weight', kind: 'data' });
  });

  it('has no adapter nodes with --no-lora and neuron nodes with --level neuron', async () => {
    const plain = JSON.parse((await cli('graph', '--no-lora', '--json')).stdout) as ModelGraph;
    expect(plain.nodes.map((n) => n.kind)).not.toContain('lora-a');
    const neurons = JSON.parse((await cli('graph', '--level', 'neuron', '--json')).stdout) as ModelGraph;
    expect(neurons.level).toBe('neuron');
  });

  it('rejects an unknown level with exit 2 naming --level', async () => {
    const run = await cli('graph', '--level', 'pixel');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('lora-viz: --level must be component or neuron (got "pixel")\n');
  });

  it('prints a readable node list without --json', async () => {
    const run = await cli('graph');
    expect(run.stdout).toMatch(/^fc1\.lora_A +lora-a +trainable +\[4×8\] +A₁ 4×8$/m);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('19 nodes, 20 edges (component level; adapter "default")');
  });
});
