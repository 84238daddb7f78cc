import type { GraphNode, ValueSummary } from '@lora-viz/core';
import type { PassFrame } from './timeline.js';

/** What {@link narrate} needs besides the frame: the graph's nodes and the step's stored gradients. */
export interface NarrationContext {
  /** The graph's nodes by id (`describeGraph(model, { loss: true })`). */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** The gradient stored for each trainable parameter in the step, by parameter id. */
  readonly stored: ReadonlyMap<string, ValueSummary>;
  /** LoRA scaling s of a layer, or `null` when it has no adapter. */
  readonly scaling: (layer: string) => number | null;
}

/** A number for a sentence: 3 significant digits, exact 0 as `0`. */
export function formatValue(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e4 || abs < 1e-3) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

/** The symbol of a node from its label: `W₂` from `W₂ 16×16`, `z₁` from `z₁ = W_eff·x + b`. */
export function nodeSymbol(node: GraphNode | undefined, fallback: string): string {
  if (node === undefined) return fallback;
  if (node.kind === 'output' || node.kind === 'loss' || node.kind === 'activation') return node.label.split(' (')[0]!;
  return node.label.split(' ')[0]!;
}

const count = (summary: ValueSummary) => summary.shape.reduce((a, b) => a * b, 1);
const zeros = (summary: ValueSummary) => (summary.values ?? []).filter((v) => v === 0).length;

/** Where a layer's input comes from, for "passes through to …". */
function upstream(layer: string | null): string {
  const n = Number(layer?.slice(2));
  return n > 1 ? `fc${n - 1}` : 'the input';
}

/**
 * One plain sentence explaining a frame with its real numbers, e.g. "fc1 · LoRA path: A·x is 4
 * numbers — the rank-4 bottleneck" or "W₂ is frozen: the gradient passes through to fc1 and none is
 * stored".
 */
export function narrate(frame: PassFrame, context: NarrationContext): string {
  if (frame.kind === 'loss') {
    const { loss, value, probabilities, cosine } = frame.event;
    const extra =
      probabilities !== undefined
        ? ` (probabilities ${probabilities.map(formatValue).join(', ')})`
        : cosine !== undefined
          ? ` (cosine similarity ${formatValue(cosine)})`
          : '';
    return `Loss: ${loss} = ${formatValue(value)}${extra}.`;
  }
  const node = context.nodes.get(frame.nodeId);
  const symbol = nodeSymbol(node, frame.nodeId);
  const layer = node?.layer ?? null;
  if (frame.kind === 'forward') return narrateForward(frame.event.value, frame, node, symbol, layer, context);
  return narrateBackward(frame, node, symbol, layer, context);
}

function narrateForward(
  value: ValueSummary,
  frame: Extract<PassFrame, { kind: 'forward' }>,
  node: GraphNode | undefined,
  symbol: string,
  layer: string | null,
  context: NarrationContext,
): string {
  const n = count(value);
  switch (node?.kind) {
    case 'input':
      return `The sample enters: x is ${n} numbers.`;
    case 'weight':
      return `${layer} · ${symbol}·x: the ${node.role === 'frozen' ? 'frozen' : 'trainable'} base weights give ${n} numbers (norm ${formatValue(value.norm)}).`;
    case 'bias':
      return `${layer} · ${symbol}: one bias per output neuron, ${n} numbers.`;
    case 'lora-a':
      return `${layer} · LoRA path: A·x is ${n} numbers — the rank-${n} bottleneck.`;
    case 'lora-b':
      return value.norm === 0
        ? `${layer} · LoRA path: B·(A·x) maps back to ${n} numbers, all exactly 0 because B starts at 0.`
        : `${layer} · LoRA path: B·(A·x) maps the bottleneck back to ${n} numbers.`;
    case 'delta':
      return `${layer} · the LoRA term s·B·A·x with s = ${formatValue(context.scaling(layer ?? '') ?? 0)} (norm ${formatValue(value.norm)}).`;
    case 'sum': {
      const parts = frame.event.parts;
      if (parts === undefined) return `${layer} · ${symbol}: W·x + b gives ${n} numbers.`;
      const zero = parts.lora.norm === 0 ? ' — B starts at 0, so the LoRA term adds nothing yet' : '';
      return `${layer} · ${symbol} = base + LoRA: base norm ${formatValue(parts.base.norm)}, LoRA norm ${formatValue(parts.lora.norm)}${zero}.`;
    }
    case 'activation':
      return `${layer} · ReLU zeroes the negatives: ${zeros(value)} of ${n} are 0.`;
    case 'output':
      return `The output: ${n} numbers, from ${formatValue(value.min)} to ${formatValue(value.max)}.`;
    default:
      return `${symbol}: ${n} numbers.`;
  }
}

function narrateBackward(
  frame: Extract<PassFrame, { kind: 'backward' }>,
  node: GraphNode | undefined,
  symbol: string,
  layer: string | null,
  context: NarrationContext,
): string {
  const { grad, stored } = frame.event;
  const received = node?.paramId === undefined ? undefined : context.stored.get(node.paramId);
  switch (node?.kind) {
    case 'weight':
    case 'bias': {
      if (stored === false) {
        return node.kind === 'weight'
          ? `${symbol} is frozen: the gradient passes through to ${upstream(layer)} and none is stored.`
          : `${symbol} is frozen: no gradient is stored for it.`;
      }
      return `${symbol} is trainable: it stores ∂L/∂${symbol} (norm ${formatValue(received?.norm ?? grad.norm)}).`;
    }
    case 'lora-a': {
      const norm = received?.norm ?? grad.norm;
      if (norm === 0) return `∂L/∂A is exactly 0 because B starts at 0 (${symbol} receives nothing at this step).`;
      return `${symbol} receives ∂L/∂A with norm ${formatValue(norm)}.`;
    }
    case 'lora-b':
      return `${symbol} receives ∂L/∂B with norm ${formatValue(received?.norm ?? grad.norm)}: non-zero, since A·x is not 0.`;
    case 'delta':
      return `${layer} · the gradient enters the LoRA branch, scaled by s = ${formatValue(context.scaling(layer ?? '') ?? 0)}.`;
    case 'sum':
      return `${layer} · ∂L/∂${symbol}: ${count(grad)} numbers, norm ${formatValue(grad.norm)}, shared by W, b and the LoRA term.`;
    case 'activation': {
      // What ReLU sends on to z is the incoming gradient masked by z > 0: count the zeros there.
      const sent = frame.event.passed ?? grad;
      return `${layer} · ReLU passes the gradient on only where z > 0: ${zeros(sent)} of the ${count(sent)} values it sends on are 0.`;
    }
    case 'output':
      return `The gradient starts at the output: ∂L/∂output has norm ${formatValue(grad.norm)}.`;
    case 'input':
      return `The gradient reaches the input (norm ${formatValue(grad.norm)}); nothing is stored for data.`;
    default:
      return `${symbol}: gradient norm ${formatValue(grad.norm)}.`;
  }
}
