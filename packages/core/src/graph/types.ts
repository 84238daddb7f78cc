import type { LayerName } from '../model/layers.js';

/** Level of detail of a model graph: one node per component, or one node per neuron. */
export type GraphLevel = 'component' | 'neuron';

/** What a graph node stands for (ARCHITECTURE §3.3). */
export type GraphNodeKind =
  'input' | 'weight' | 'bias' | 'lora-a' | 'lora-b' | 'delta' | 'sum' | 'activation' | 'output' | 'loss';

/** How a node takes part in training; elements colour by role (ARCHITECTURE §3.3). */
export type GraphNodeRole = 'input' | 'frozen' | 'trainable' | 'effective' | 'activation' | 'output';

/** One node of a model graph: plain, immutable, structured-cloneable data. */
export interface GraphNode {
  /** Stable id, the join key with trace events and elements (`input`, `fc1.weight`, `fc1.lora_A`, `fc1:3` …). */
  readonly id: string;
  /** What the node stands for. */
  readonly kind: GraphNodeKind;
  /** Its part in training. */
  readonly role: GraphNodeRole;
  /** Layer it belongs to, or `null` for the input, output and loss. */
  readonly layer: LayerName | null;
  /** Shape of the value or parameter it holds (`[16, 8]` for fc1's W; `[]` for one neuron). */
  readonly shape: readonly number[];
  /** Id of the parameter it holds (see `LoraModel.parameters()`), when it holds one. */
  readonly paramId?: string;
  /** Index of the neuron within its layer (neuron level only). */
  readonly index?: number;
  /** Human label, e.g. `W₁ 16×8` or `fc1 · unit 3`. */
  readonly label: string;
}

/** What an edge carries. */
export type GraphEdgeKind = 'data' | 'weight' | 'lora-a' | 'lora-b';

/** One edge of a model graph. */
export interface GraphEdge {
  /** Stable id. */
  readonly id: string;
  /** Id of the node the edge leaves. */
  readonly source: string;
  /** Id of the node the edge enters. */
  readonly target: string;
  /**
   * `data`: a value flows (component level). `weight`: one entry of the effective weight W_eff
   * (neuron level). `lora-a` / `lora-b`: one entry of A, or of s·B, through the rank-r bottleneck.
   */
  readonly kind: GraphEdgeKind;
  /** Neuron level: the weight on this edge (W_eff[i][j], A[k][j] or s·B[i][k]). */
  readonly value?: number;
  /** Neuron level, `weight` edges: the frozen base weight W[i][j] (value − base = the LoRA update). */
  readonly base?: number;
}

/** A model as a graph of plain data (ARCHITECTURE §3.3). */
export interface ModelGraph {
  /** Level of detail. */
  readonly level: GraphLevel;
  /** Nodes in topological order (input first). */
  readonly nodes: readonly GraphNode[];
  /** Edges. */
  readonly edges: readonly GraphEdge[];
  /** The active adapter drawn, or `null` for full fine-tuning. */
  readonly adapter: string | null;
  /** Whether the adapter is merged into W (its branch then adds nothing at run time). */
  readonly merged: boolean;
  /** Whether adapter layers take part in the forward pass. */
  readonly adaptersEnabled: boolean;
}
