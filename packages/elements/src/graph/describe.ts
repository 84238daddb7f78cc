import type { GraphNode, GraphNodeKind, GraphNodeRole, LayerName, LoraModel, ModelGraph } from '@lora-viz/core';

/** The roles in the order legends list them (data flows input → … → output). */
export const ROLE_ORDER: readonly GraphNodeRole[] = [
  'input',
  'frozen',
  'trainable',
  'effective',
  'activation',
  'output',
];

/** What each role means, and the non-colour cue that marks it (shown in the legend). */
export const ROLE_LEGEND: Readonly<
  Record<GraphNodeRole, { readonly name: string; readonly cue: string; readonly meaning: string }>
> = {
  input: { name: 'Input', cue: 'arrow in', meaning: 'data entering the model' },
  frozen: { name: 'Frozen', cue: 'lock', meaning: 'gradients pass through, none stored' },
  trainable: { name: 'Trainable', cue: 'dashed, ∇', meaning: 'gets gradients and updates' },
  effective: { name: 'Effective', cue: 'double border, Σ', meaning: 'computed from others, not stored' },
  activation: { name: 'Activation', cue: 'pill, ReLU', meaning: 'a nonlinearity, no parameters' },
  output: { name: 'Output', cue: 'thick border, arrow out', meaning: "the model's raw output" },
};

/** Names and cues of the roles at the neuron level, where every node is a small shape without text. */
export const NEURON_LEGEND: Readonly<Record<GraphNodeRole, { readonly name: string; readonly cue: string }>> = {
  input: { name: 'Input feature', cue: 'square' },
  frozen: { name: 'Frozen neuron', cue: 'circle' },
  trainable: { name: 'Trainable: one of the r values A·x of the LoRA bottleneck', cue: 'dashed ring' },
  effective: { name: 'Effective value', cue: 'circle' },
  activation: { name: 'Hidden neuron (ReLU)', cue: 'circle' },
  output: { name: 'Output neuron', cue: 'double ring' },
};

const KIND_NAMES: Readonly<Record<GraphNodeKind, string>> = {
  input: 'model input',
  weight: 'weight',
  bias: 'bias',
  'lora-a': 'LoRA factor A',
  'lora-b': 'LoRA factor B',
  delta: 'LoRA update ΔW',
  sum: 'weighted sum',
  activation: 'activation',
  output: 'output',
  loss: 'loss',
};

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A number with at most four decimals and a true minus sign: `1.5`, `−0.0625`. */
export function formatNumber(value: number): string {
  return NUMBER.format(value).replace('-', '−');
}

/** A count with thousands separators: `1,024`. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A shape as people write it: `16×8`, `16`, or `scalar` for `[]`. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** Scalars a node stores as a parameter: the size of its shape when it holds one, else 0. */
export function parameterCount(node: GraphNode): number {
  return node.paramId === undefined ? 0 : node.shape.reduce((a, b) => a * b, 1);
}

/** "fc1 and fc2", "fc1, fc2 and fc3". */
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The second line of a component node: what it stores or computes, e.g. `32 trainable`, `max(0, z)`. */
export function nodeSubtitle(node: GraphNode, model: LoraModel): string {
  const count = parameterCount(node);
  if (count > 0) return `${formatCount(count)} ${node.role === 'frozen' ? 'frozen' : 'trainable'}`;
  const n = node.shape[0] ?? 1;
  switch (node.kind) {
    case 'input':
      return `${n} features`;
    case 'delta':
      return `${formatShape(node.shape)}, computed`;
    case 'sum':
      return `${n} values`;
    case 'activation':
      return 'max(0, z)';
    case 'output': {
      const task = model.spec.task;
      return `${n} ${task === 'similarity' ? 'embedding values' : task === 'regression' ? 'values' : 'logits'}`;
    }
    case 'loss':
      return 'scalar';
    default:
      return formatShape(node.shape);
  }
}

/**
 * The accessible name of a node: the text it shows (its label, then `subtitle` when it draws one), then
 * its role, kind, layer and shape, e.g. for a screen reader.
 */
export function nodeAccessibleName(node: GraphNode, subtitle?: string): string {
  const role = node.role;
  if (node.index !== undefined) return `${node.label}: ${role} neuron`;
  const layer = node.layer === null ? '' : ` of ${node.layer}`;
  const count = parameterCount(node);
  // The name starts with every word the node shows, in order, so that speech-input users can say what
  // they see (WCAG 2.5.3); a subtitle such as "32 trainable" already gives the parameter count.
  const shown = subtitle === undefined ? node.label : `${node.label}, ${subtitle}`;
  const params = count === 0 ? ', no parameters' : subtitle === undefined ? `, ${formatCount(count)} parameters` : '';
  return `${shown}: ${role} ${KIND_NAMES[node.kind]}${layer}, shape ${formatShape(node.shape)}${params}`;
}

/** Whether and how a node trains, in one or two sentences (the hover card's "Training" line). */
export function trainingNote(node: GraphNode, graph: ModelGraph): string {
  const lines: string[] = [];
  if (node.role === 'frozen') {
    lines.push('Frozen: gradients pass through it to earlier layers, but none are stored and it never changes.');
  } else if (node.role === 'trainable' && node.paramId !== undefined) {
    if (node.paramId.includes('modules_to_save')) {
      lines.push('Trainable copy (modules to save): trained whole while the original stays frozen.');
    } else if (node.kind === 'weight' || node.kind === 'bias') {
      lines.push('Trainable (full fine-tuning): gets a gradient and an optimizer update every step.');
    } else {
      lines.push('Trainable: gets a gradient and an optimizer update every step.');
    }
  } else if (node.kind === 'delta') {
    lines.push('Not a parameter: s·B·A, which the forward pass applies as s·B·(A·x) without forming it.');
  } else if (node.kind === 'sum') {
    lines.push('Computed each forward pass; holds no parameters.');
  } else if (node.kind === 'activation' && node.index === undefined) {
    lines.push('No parameters: passes gradients only where z > 0.');
  } else if (node.index !== undefined && node.kind === 'lora-a') {
    lines.push('One of the r bottleneck values A·x; its incoming weights (a row of A) are trainable.');
  } else if (node.index !== undefined && node.kind !== 'input') {
    lines.push('One neuron; its incoming lines are the effective weights W_eff of its layer.');
  } else {
    lines.push('No parameters.');
  }
  if (graph.adapter !== null && node.layer !== null) {
    if (graph.merged) lines.push('Merged: W already holds W + s·B·A, so the LoRA branch adds nothing at run time.');
    else if (!graph.adaptersEnabled) lines.push('Adapters disabled: the forward pass uses W alone.');
  }
  return lines.join(' ');
}

/** LoRA's update of one layer as text with the live numbers. */
export interface ScalingFormula {
  /** The general form: `W_eff = W + (α/r)·B·A`, or `(α/√r)` under rsLoRA. */
  readonly general: string;
  /** The same with numbers: `W_eff = W + (8/4)·B·A = W + 2·B·A`. */
  readonly substituted: string;
  /** Which scaling rule applies: `s = α/r = 2 (standard LoRA)`, with any `setScale` factor. */
  readonly scaling: string;
}

/**
 * The update formula of a layer under the active adapter, with α and r from its configuration and
 * s as the model applies it (`model.scaling`, which includes any `setScale`); `null` when the layer
 * has no adapter.
 */
export function scalingFormula(model: LoraModel, layer: LayerName): ScalingFormula | null {
  const spec = model.adapterSpec();
  const layerSpec = spec?.layers.find((l) => l.name === layer);
  const s = model.scaling(layer);
  if (!spec || !layerSpec || s === null) return null;
  const { alpha, r } = layerSpec;
  const rs = spec.useRslora;
  const rule = rs ? alpha / Math.sqrt(r) : alpha / r;
  const factor = rule === 0 ? 1 : s / rule;
  const scaled = Math.abs(factor - 1) > 1e-9;
  const fraction = `(${formatNumber(alpha)}/${rs ? '√' : ''}${r})`;
  const rule_ = rs ? 'α/√r' : 'α/r';
  return {
    general: `W_eff = W + (${rule_})·B·A`,
    substituted: `W_eff = W + ${fraction}${scaled ? `·${formatNumber(factor)}` : ''}·B·A = W + ${formatNumber(s)}·B·A`,
    scaling:
      `s = ${rule_} = ${formatNumber(rule)} (${rs ? 'rsLoRA, rank-stabilised' : 'standard LoRA'})` +
      (scaled ? `, times the adapter's scale ${formatNumber(factor)}: s = ${formatNumber(s)}` : ''),
  };
}

/** How the model is set up, e.g. `with LoRA rank 4 on fc1 and fc2 (α 8, s = 2); base weights frozen`. */
function setupText(model: LoraModel, graph: ModelGraph): string {
  const spec = model.adapterSpec();
  if (graph.adapter === null || !spec) return 'under full fine-tuning (every parameter trainable)';
  const layers = spec.layers;
  const ranks = new Set(layers.map((l) => l.r));
  const names = layers.map((l) => l.name);
  const where =
    ranks.size === 1
      ? `LoRA rank ${layers[0]?.r ?? spec.r} on ${listText(names)}`
      : `LoRA on ${listText(layers.map((l) => `${l.name} (rank ${l.r})`))}`;
  const scalings = new Set(names.map((n) => model.scaling(n)));
  const s = scalings.size === 1 ? `, s = ${formatNumber([...scalings][0] ?? 0)}` : '';
  const state = graph.merged ? ', merged into W' : graph.adaptersEnabled ? '' : ', adapters disabled';
  const rs = spec.useRslora ? 'rsLoRA, ' : '';
  return `with ${where} (${rs}α ${formatNumber(spec.alpha)}${s})${state}; base weights frozen`;
}

/**
 * A text alternative of the whole picture for screen readers: the model, its adapter and every node
 * (component level) or the neuron and connection counts (neuron level).
 */
export function graphSummary(model: LoraModel, graph: ModelGraph): string {
  const { inputDim, hidden, outputDim, task } = model.spec;
  const head = `Toy MLP ${inputDim} → ${hidden} → ${hidden} → ${outputDim} (${task}) ${setupText(model, graph)}`;
  if (graph.level === 'neuron') {
    const neurons = graph.nodes.filter((n) => n.index !== undefined && n.kind !== 'lora-a').length;
    const weights = graph.edges.filter((e) => e.kind === 'weight').length;
    const lora = graph.edges.filter((e) => e.kind === 'lora-a' || e.kind === 'lora-b').length;
    const bottleneck = lora > 0 ? `, and ${formatCount(lora)} LoRA connections through the rank-r bottlenecks` : '';
    return (
      `${head}, neuron by neuron: ${formatCount(neurons)} neurons, ${formatCount(weights)} weighted connections${bottleneck}. ` +
      'Each line is one weight: blue for positive, orange for negative, thicker for larger magnitudes; LoRA lines are dashed.'
    );
  }
  const groups = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const key = node.layer ?? node.id;
    groups.set(key, [...(groups.get(key) ?? []), `${node.label} (${node.role})`]);
  }
  const parts = [...groups].map(([key, items]) => (key.startsWith('fc') ? `${key}: ${items.join(', ')}` : items[0]));
  return `${head}: ${graph.nodes.length} components. ${parts.join('. ')}.`;
}
