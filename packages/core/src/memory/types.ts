import type { TaskName } from '../model/tasks.js';

/** Architecture family of a described model: it decides the module names and the activation formula. */
export type ModelFamily = 'llama' | 'gpt2' | 'mlp';

/**
 * What a module is. `linear` and `conv1d` (GPT-2's transposed linear, PEFT's `fan_in_fan_out`) are
 * what `all-linear` targets; `embedding` can be targeted by name; `norm` never can.
 */
export type ModuleKind = 'linear' | 'conv1d' | 'embedding' | 'norm';

/** One module of a model, standing for `count` identical instances (one per transformer layer, or one). */
export interface ModuleDescription {
  /** Last component of the module's name, what PEFT's `target_modules` matches (`q_proj`, `c_attn`). */
  readonly name: string;
  /** Full module name as in `named_modules()`; `{i}` stands for the layer index of per-layer modules. */
  readonly path: string;
  /** What the module is. */
  readonly kind: ModuleKind;
  /** Input features (linear), vocabulary or positions (embedding), width (norm). */
  readonly in: number;
  /** Output features (linear), embedding width (embedding), width (norm). */
  readonly out: number;
  /** Weight parameters of one instance; 0 when the weight is tied to another module's. */
  readonly weight: number;
  /** Bias parameters of one instance. */
  readonly bias: number;
  /** Parameters of one instance: weight + bias. */
  readonly params: number;
  /** Number of instances: the layer count for per-layer modules, 1 otherwise. */
  readonly count: number;
  /** Whether this is a per-layer module (its path holds `{i}`). */
  readonly perLayer: boolean;
  /** Path of the module whose weight this one shares (`tie_word_embeddings`), or `null`. */
  readonly tiedTo: string | null;
  /** Whether this is the output head, which PEFT's `all-linear` leaves out. */
  readonly outputHead: boolean;
}

/** Sizes of a decoder-only transformer (GPT-2 style or Llama style). */
export interface TransformerSizes {
  /** Width of the residual stream h (`hidden_size`, `n_embd`). */
  readonly hidden: number;
  /** Width of the MLP's inner layer (`intermediate_size`, `n_inner`, 4h by default in GPT-2). */
  readonly intermediate: number;
  /** Transformer layers L. */
  readonly layers: number;
  /** Attention (query) heads a. */
  readonly heads: number;
  /** Key/value heads; fewer than `heads` under grouped-query attention. */
  readonly kvHeads: number;
  /** Width of one head. */
  readonly headDim: number;
  /** Vocabulary size V. */
  readonly vocab: number;
  /** Learned positions (GPT-2's `n_positions`), or `null` for rotary models with no position table. */
  readonly positions: number | null;
  /** Whether the output head shares the token embedding's weight. */
  readonly tiedEmbeddings: boolean;
  /** MLP type: GPT's two-matrix GeLU MLP, or Llama's three-matrix SwiGLU. */
  readonly mlp: 'gelu' | 'swiglu';
  /** Whether training applies dropout to the attention probabilities. */
  readonly attentionDropout: boolean;
  /** Whether training applies dropout to the attention and MLP outputs and to the embeddings. */
  readonly residualDropout: boolean;
}

/** Sizes of the toy MLP `fc1: input→hidden`, ReLU, `fc2: hidden→hidden`, ReLU, `fc3: hidden→output`. */
export interface MlpSizes {
  /** Task that fixes the output size. */
  readonly task: TaskName;
  /** Input features. */
  readonly inputDim: number;
  /** Hidden width. */
  readonly hidden: number;
  /** Output size. */
  readonly outputDim: number;
}

interface DescriptionBase {
  /** Short id (`llama-2-7b`, `toy`), or the name a config file was read under. */
  readonly id: string;
  /** Human label (`Llama 2 7B`). */
  readonly label: string;
  /** Every module with its parameter count, in `named_modules()` order. */
  readonly modules: readonly ModuleDescription[];
  /** Every stored parameter (a tied weight counted once, as PyTorch's `parameters()` does). */
  readonly totalParams: number;
  /** PEFT's default `target_modules` for this architecture (the core's `['fc1', 'fc2']` for the toy). */
  readonly defaultTargets: readonly string[];
  /** Where the sizes come from (a config file, a paper). */
  readonly source: string;
}

/** A decoder-only transformer described as plain data. */
export interface TransformerDescription extends DescriptionBase {
  /** `llama` (Llama, Mistral) or `gpt2` (GPT-2, and GPT-3 with the paper's sizes). */
  readonly family: 'llama' | 'gpt2';
  /** Its sizes. */
  readonly sizes: TransformerSizes;
}

/** The toy MLP described as plain data. */
export interface MlpDescription extends DescriptionBase {
  /** Always `mlp`. */
  readonly family: 'mlp';
  /** Its sizes. */
  readonly sizes: MlpSizes;
}

/** Any model the memory maths understands: plain, immutable, structured-cloneable data. */
export type ModelDescription = TransformerDescription | MlpDescription;
