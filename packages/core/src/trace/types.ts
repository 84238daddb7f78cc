/** Summary of a value or gradient carried by a trace event: plain numbers, never a tensor. */
export interface ValueSummary {
  /** Shape of the value (`[16]` for a layer's output, `[16, 8]` for a weight gradient). */
  readonly shape: readonly number[];
  /** Smallest entry. */
  readonly min: number;
  /** Largest entry. */
  readonly max: number;
  /** Mean of the entries. */
  readonly mean: number;
  /** Euclidean (Frobenius) norm. */
  readonly norm: number;
  /** The entries, row-major, when small enough to carry (toy sizes). */
  readonly values?: readonly number[];
}

interface EventBase {
  /** Position of the event in its recording, from 0. */
  readonly seq: number;
  /** Index of the training step, from 0. */
  readonly step: number;
}

/** A step begins. */
export interface StepStartEvent extends EventBase {
  /** Tags the event that opens a step, before any forward event. */
  readonly kind: 'step-start';
  /** The task whose loss the step uses. */
  readonly task: string;
  /** The active adapter, or `null` for full fine-tuning. */
  readonly adapter: string | null;
  /** Parameter ids that will receive a gradient. */
  readonly trainable: readonly string[];
}

/** A node of the graph computed its value. */
export interface ForwardEvent extends EventBase {
  /** Tags an event of the forward pass. */
  readonly kind: 'forward';
  /** Graph node id (see `describeGraph(model, { loss: true })`). */
  readonly nodeId: string;
  /** Which input of a similarity pair this pass is for (0 or 1); absent for single samples. */
  readonly pass?: number;
  /** The node's value. */
  readonly value: ValueSummary;
  /** On an adapted layer's sum: the base term W·x + b and the LoRA term s·B(A·x), separately. */
  readonly parts?: {
    /** The frozen path W·x + b. */
    readonly base: ValueSummary;
    /** The adapter path s·B(A·x). */
    readonly lora: ValueSummary;
  };
}

/** The loss of the step. */
export interface LossEvent extends EventBase {
  /** Tags the event that carries the step's loss, between the forward and the backward pass. */
  readonly kind: 'loss';
  /** Which loss. */
  readonly loss: string;
  /** Its value. */
  readonly value: number;
  /** Softmax probabilities (classification tasks). */
  readonly probabilities?: readonly number[];
  /** Cosine similarity of the pair (similarity). */
  readonly cosine?: number;
}

/** A gradient reached a node on the way back. */
export interface BackwardEvent extends EventBase {
  /** Tags an event of the backward pass. */
  readonly kind: 'backward';
  /** Graph node id. */
  readonly nodeId: string;
  /** Which input of a similarity pair (0 or 1); absent for single samples. */
  readonly pass?: number;
  /** dL/d(the node's output). */
  readonly grad: ValueSummary;
  /** The gradient the node sends on to its input (e.g. Wᵀ·dz through a weight), when it has one. */
  readonly passed?: ValueSummary;
  /**
   * On parameter nodes: whether the parameter keeps a gradient. `false` on a frozen weight: the
   * gradient passes through it to earlier layers, and none is stored.
   */
  readonly stored?: boolean;
}

/** The gradient stored for a trainable parameter (summed over a pair's two passes). */
export interface ParamGradEvent extends EventBase {
  /** Tags the gradient kept for one trainable parameter. */
  readonly kind: 'param-grad';
  /** Parameter id (`fc1.lora_A` …). */
  readonly paramId: string;
  /** dL/d(parameter). */
  readonly grad: ValueSummary;
}

/** A trainable parameter changed in the optimizer step. */
export interface ParamUpdateEvent extends EventBase {
  /** Tags the optimizer's change to one trainable parameter. */
  readonly kind: 'param-update';
  /** Parameter id. */
  readonly paramId: string;
  /** New value minus old value. */
  readonly delta: ValueSummary;
  /** The new value. */
  readonly value: ValueSummary;
}

/** A step ended. */
export interface StepEndEvent extends EventBase {
  /** Tags the last event of a step, after every update. */
  readonly kind: 'step-end';
  /** The loss before the update. */
  readonly loss: number;
  /** The optimizer used and its learning rate. */
  readonly optimizer: string;
  /** Learning rate. */
  readonly lr: number;
}

/** One event of a recorded training step (ARCHITECTURE §3.4): plain and structured-cloneable. */
export type TraceEvent =
  StepStartEvent | ForwardEvent | LossEvent | BackwardEvent | ParamGradEvent | ParamUpdateEvent | StepEndEvent;

/** The kinds of trace event, in the order a step emits them. */
export const TRACE_EVENT_KINDS = [
  'step-start',
  'forward',
  'loss',
  'backward',
  'param-grad',
  'param-update',
  'step-end',
] as const;
