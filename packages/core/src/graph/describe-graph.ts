import { InvalidOptionError } from '../model/errors.js';
import { LAYER_NAMES, type LayerName } from '../model/layers.js';
import type { LoraModel } from '../model/lora-model.js';
import { TASKS, type TaskName } from '../model/tasks.js';
import { describeLayer } from '../model/describe-layer.js';
import type { GraphEdge, GraphLevel, GraphNode, GraphNodeRole, ModelGraph } from './types.js';

/** Options of {@link describeGraph}. */
export interface DescribeGraphOptions {
  /** `component` (default): W, b, A, B, ΔW, sums, activations. `neuron`: one node per neuron. */
  level?: GraphLevel;
  /** Add a `loss` node after the output (default false). */
  loss?: boolean;
}

const SUBSCRIPT = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
const LOSS_LABEL: Readonly<Record<TaskName, string>> = {
  sentiment: 'loss (cross-entropy)',
  classification: 'loss (cross-entropy)',
  similarity: 'loss (cosine similarity)',
  regression: 'loss (mean squared error)',
};

function sub(layer: LayerName): string {
  return SUBSCRIPT[Number(layer.slice(2))] ?? layer.slice(2);
}

function freeze<T extends object>(value: T): Readonly<T> {
  return Object.freeze(value);
}

/** Which parameters each layer of the model uses now, and their roles. */
function layerUse(model: LoraModel, layer: LayerName) {
  const params = new Map(model.parameters().map((p) => [p.id, p]));
  const saved = params.get(`${layer}.modules_to_save.weight`);
  const adapterActive = model.activeAdapter !== null;
  const baseRole: GraphNodeRole = saved || !adapterActive ? 'trainable' : 'frozen';
  const rank = model.adapterSpec()?.layers.find((l) => l.name === layer)?.r ?? null;
  return {
    weightId: saved ? saved.id : `${layer}.weight`,
    biasId: saved ? `${layer}.modules_to_save.bias` : `${layer}.bias`,
    baseRole,
    rank: params.has(`${layer}.lora_A`) ? rank : null,
  };
}

function componentGraph(model: LoraModel, loss: boolean): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const { spec } = model;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const edge = (source: string, target: string) =>
    edges.push(freeze({ id: `${source}->${target}`, source, target, kind: 'data' as const }));
  nodes.push(
    freeze({
      id: 'input',
      kind: 'input',
      role: 'input',
      layer: null,
      shape: [spec.inputDim],
      label: `x (${spec.inputDim})`,
    }),
  );
  let prev = 'input';
  for (const layer of LAYER_NAMES) {
    const shape = spec.layers.find((l) => l.name === layer)!;
    const use = layerUse(model, layer);
    const s = sub(layer);
    const savedNote = use.weightId.includes('modules_to_save') ? ' (trainable copy)' : '';
    nodes.push(
      freeze({
        id: `${layer}.weight`,
        kind: 'weight',
        role: use.baseRole,
        layer,
        shape: [shape.out, shape.in],
        paramId: use.weightId,
        label: `W${s} ${shape.out}×${shape.in}${savedNote}`,
      }),
      freeze({
        id: `${layer}.bias`,
        kind: 'bias',
        role: use.baseRole,
        layer,
        shape: [shape.out],
        paramId: use.biasId,
        label: `b${s} (${shape.out})${savedNote}`,
      }),
    );
    edge(prev, `${layer}.weight`);
    if (use.rank !== null) {
      const r = use.rank;
      nodes.push(
        freeze({
          id: `${layer}.lora_A`,
          kind: 'lora-a',
          role: 'trainable',
          layer,
          shape: [r, shape.in],
          paramId: `${layer}.lora_A`,
          label: `A${s} ${r}×${shape.in}`,
        }),
        freeze({
          id: `${layer}.lora_B`,
          kind: 'lora-b',
          role: 'trainable',
          layer,
          shape: [shape.out, r],
          paramId: `${layer}.lora_B`,
          label: `B${s} ${shape.out}×${r}`,
        }),
        freeze({
          id: `${layer}.delta`,
          kind: 'delta',
          role: 'trainable',
          layer,
          shape: [shape.out, shape.in],
          label: `ΔW${s} = s·B${s}A${s}`,
        }),
      );
      edge(prev, `${layer}.lora_A`);
      edge(`${layer}.lora_A`, `${layer}.lora_B`);
      edge(`${layer}.lora_B`, `${layer}.delta`);
    }
    nodes.push(
      freeze({
        id: `${layer}.sum`,
        kind: 'sum',
        role: 'effective',
        layer,
        shape: [shape.out],
        label: use.rank !== null ? `z${s} = W_eff·x + b` : `z${s} = W·x + b`,
      }),
    );
    edge(`${layer}.weight`, `${layer}.sum`);
    edge(`${layer}.bias`, `${layer}.sum`);
    if (use.rank !== null) edge(`${layer}.delta`, `${layer}.sum`);
    if (layer === 'fc3') {
      nodes.push(
        freeze({
          id: 'output',
          kind: 'output',
          role: 'output',
          layer: null,
          shape: [shape.out],
          label: `output (${shape.out})`,
        }),
      );
      edge(`${layer}.sum`, 'output');
    } else {
      nodes.push(
        freeze({
          id: `${layer}.relu`,
          kind: 'activation',
          role: 'activation',
          layer,
          shape: [shape.out],
          label: `ReLU (${shape.out})`,
        }),
      );
      edge(`${layer}.sum`, `${layer}.relu`);
      prev = `${layer}.relu`;
    }
  }
  if (loss) {
    nodes.push(
      freeze({ id: 'loss', kind: 'loss', role: 'output', layer: null, shape: [], label: LOSS_LABEL[spec.task] }),
    );
    edge('output', 'loss');
  }
  return { nodes, edges };
}

function neuronGraph(model: LoraModel, loss: boolean): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const { spec } = model;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let j = 0; j < spec.inputDim; j++) {
    nodes.push(
      freeze({ id: `input:${j}`, kind: 'input', role: 'input', layer: null, shape: [], index: j, label: `input ${j}` }),
    );
  }
  let prev = 'input';
  for (const layer of LAYER_NAMES) {
    const shape = spec.layers.find((l) => l.name === layer)!;
    const m = describeLayer(model, layer);
    const use = layerUse(model, layer);
    if (use.rank !== null && m.lora) {
      const { A, B, scaling } = m.lora;
      for (let k = 0; k < use.rank; k++) {
        nodes.push(
          freeze({
            id: `${layer}.lora:${k}`,
            kind: 'lora-a',
            role: 'trainable',
            layer,
            shape: [],
            index: k,
            label: `${layer} · A·x [${k}]`,
          }),
        );
      }
      for (let k = 0; k < use.rank; k++) {
        for (let j = 0; j < shape.in; j++) {
          edges.push(
            freeze({
              id: `${layer}.lora_A[${k},${j}]`,
              source: `${prev}:${j}`,
              target: `${layer}.lora:${k}`,
              kind: 'lora-a' as const,
              value: A[k]![j]!,
            }),
          );
        }
      }
      for (let i = 0; i < shape.out; i++) {
        for (let k = 0; k < use.rank; k++) {
          edges.push(
            freeze({
              id: `${layer}.lora_B[${i},${k}]`,
              source: `${layer}.lora:${k}`,
              target: `${layer}:${i}`,
              kind: 'lora-b' as const,
              value: scaling * B[i]![k]!,
            }),
          );
        }
      }
    }
    const isOutput = layer === 'fc3';
    for (let i = 0; i < shape.out; i++) {
      nodes.push(
        freeze({
          id: `${layer}:${i}`,
          kind: isOutput ? ('output' as const) : ('activation' as const),
          role: isOutput ? ('output' as const) : ('activation' as const),
          layer,
          shape: [],
          index: i,
          label: `${layer} · unit ${i}`,
        }),
      );
      for (let j = 0; j < shape.in; j++) {
        edges.push(
          freeze({
            id: `${layer}.weight[${i},${j}]`,
            source: `${prev}:${j}`,
            target: `${layer}:${i}`,
            kind: 'weight' as const,
            value: m.effective[i]![j]!,
            base: m.base[i]![j]!,
          }),
        );
      }
    }
    prev = layer;
  }
  if (loss) {
    nodes.push(
      freeze({ id: 'loss', kind: 'loss', role: 'output', layer: null, shape: [], label: LOSS_LABEL[spec.task] }),
    );
    for (let i = 0; i < spec.outputDim; i++) {
      edges.push(freeze({ id: `fc3:${i}->loss`, source: `fc3:${i}`, target: 'loss', kind: 'data' as const }));
    }
  }
  return { nodes, edges };
}

/**
 * Describes a model as plain graph data (ARCHITECTURE §3.3): nodes with stable ids, kinds and roles,
 * and edges. The component level shows each layer's W, b and, under LoRA, A, B and ΔW = s·B·A
 * feeding the layer's sum; the neuron level has one node per neuron and one edge per weight, valued
 * with the effective weight, plus the rank-r bottleneck of each adapter.
 *
 * @example
 * const graph = describeGraph(model); // { level: 'component', nodes: [...], edges: [...] }
 * graph.nodes.find((n) => n.id === 'fc1.weight')?.role; // 'frozen' under an adapter
 */
export function describeGraph(model: LoraModel, options: DescribeGraphOptions = {}): ModelGraph {
  const level = options.level ?? 'component';
  if (level !== 'component' && level !== 'neuron') {
    throw new InvalidOptionError('level', 'component or neuron', `got ${String(level)}`);
  }
  if (!TASKS.includes(model.spec.task)) throw new Error('internal: unknown task');
  const { nodes, edges } =
    level === 'component' ? componentGraph(model, options.loss ?? false) : neuronGraph(model, options.loss ?? false);
  return freeze({
    level,
    nodes: freeze(nodes),
    edges: freeze(edges),
    adapter: model.activeAdapter,
    merged: model.isMerged,
    adaptersEnabled: model.adaptersEnabled,
  });
}
