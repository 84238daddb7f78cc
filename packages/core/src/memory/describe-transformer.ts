import { moduleOf, type ModuleInput } from './module-of.js';
import type { ModuleKind, TransformerDescription, TransformerSizes } from './types.js';

/** What {@link describeTransformer} needs beyond the sizes: names, source and bias layout. */
export interface TransformerSpec {
  /** Short id of the model. */
  readonly id: string;
  /** Human label. */
  readonly label: string;
  /** Where the sizes come from. */
  readonly source: string;
  /** Module layout: Hugging Face's Llama/Mistral, or GPT-2's. */
  readonly family: 'llama' | 'gpt2';
  /** The sizes. */
  readonly sizes: TransformerSizes;
  /** Llama only: biases on q, k, v and o (`attention_bias`). GPT-2 style models always have biases. */
  readonly attentionBias?: boolean;
  /** Llama only: biases on gate, up and down (`mlp_bias`). */
  readonly mlpBias?: boolean;
  /**
   * GPT-2 style only: `fused` is GPT-2's single `c_attn` (h → 3h) and `c_proj`; `separate` gives
   * `q_proj`, `k_proj`, `v_proj`, `o_proj` (h → h each), the layout the LoRA paper adapts in GPT-3.
   */
  readonly attention?: 'fused' | 'separate';
}

function llamaModules(spec: TransformerSpec): ModuleInput[] {
  const { hidden: h, intermediate: f, heads, kvHeads, headDim, vocab, tiedEmbeddings } = spec.sizes;
  const q = heads * headDim;
  const kv = kvHeads * headDim;
  const ab = spec.attentionBias ?? false;
  const mb = spec.mlpBias ?? false;
  const layer = 'model.layers.{i}';
  // Order of Hugging Face's LlamaDecoderLayer.__init__: self_attn, mlp, input_layernorm, post_attention_layernorm.
  return [
    { path: 'model.embed_tokens', kind: 'embedding', in: vocab, out: h, bias: false },
    { path: `${layer}.self_attn.q_proj`, kind: 'linear', in: h, out: q, bias: ab },
    { path: `${layer}.self_attn.k_proj`, kind: 'linear', in: h, out: kv, bias: ab },
    { path: `${layer}.self_attn.v_proj`, kind: 'linear', in: h, out: kv, bias: ab },
    { path: `${layer}.self_attn.o_proj`, kind: 'linear', in: q, out: h, bias: ab },
    { path: `${layer}.mlp.gate_proj`, kind: 'linear', in: h, out: f, bias: mb },
    { path: `${layer}.mlp.up_proj`, kind: 'linear', in: h, out: f, bias: mb },
    { path: `${layer}.mlp.down_proj`, kind: 'linear', in: f, out: h, bias: mb },
    { path: `${layer}.input_layernorm`, kind: 'norm', in: h, out: h, bias: false },
    { path: `${layer}.post_attention_layernorm`, kind: 'norm', in: h, out: h, bias: false },
    { path: 'model.norm', kind: 'norm', in: h, out: h, bias: false },
    {
      path: 'lm_head',
      kind: 'linear',
      in: h,
      out: vocab,
      bias: false,
      outputHead: true,
      tiedTo: tiedEmbeddings ? 'model.embed_tokens' : undefined,
    },
  ];
}

function gpt2Modules(spec: TransformerSpec): ModuleInput[] {
  const { hidden: h, intermediate: f, vocab, positions, tiedEmbeddings } = spec.sizes;
  const layer = 'transformer.h.{i}';
  const attention: ModuleInput[] =
    spec.attention === 'separate'
      ? ['q_proj', 'k_proj', 'v_proj', 'o_proj'].map((name) => ({
          path: `${layer}.attn.${name}`,
          kind: 'linear' as const,
          in: h,
          out: h,
          bias: true,
        }))
      : [
          { path: `${layer}.attn.c_attn`, kind: 'conv1d', in: h, out: 3 * h, bias: true },
          { path: `${layer}.attn.c_proj`, kind: 'conv1d', in: h, out: h, bias: true },
        ];
  const mlpKind: ModuleKind = spec.attention === 'separate' ? 'linear' : 'conv1d';
  return [
    { path: 'transformer.wte', kind: 'embedding', in: vocab, out: h, bias: false },
    ...(positions === null
      ? []
      : [{ path: 'transformer.wpe', kind: 'embedding' as const, in: positions, out: h, bias: false }]),
    // LayerNorm has a scale and a shift per feature: the shift is counted as its "bias".
    { path: `${layer}.ln_1`, kind: 'norm', in: h, out: h, bias: true },
    ...attention,
    { path: `${layer}.ln_2`, kind: 'norm', in: h, out: h, bias: true },
    { path: `${layer}.mlp.c_fc`, kind: mlpKind, in: h, out: f, bias: true },
    { path: `${layer}.mlp.c_proj`, kind: mlpKind, in: f, out: h, bias: true },
    { path: 'transformer.ln_f', kind: 'norm', in: h, out: h, bias: true },
    {
      path: 'lm_head',
      kind: 'linear',
      in: h,
      out: vocab,
      bias: false,
      outputHead: true,
      tiedTo: tiedEmbeddings ? 'transformer.wte' : undefined,
    },
  ];
}

/**
 * Lists every module of a decoder-only transformer with its exact parameter count, in Hugging Face's
 * module names (Llama/Mistral or GPT-2), from sizes that the caller has already validated.
 */
export function describeTransformer(spec: TransformerSpec): TransformerDescription {
  const inputs = spec.family === 'llama' ? llamaModules(spec) : gpt2Modules(spec);
  const modules = Object.freeze(inputs.map((input) => moduleOf(input, spec.sizes.layers)));
  const attentionTargets = spec.attention === 'separate' || spec.family === 'llama' ? ['q_proj', 'v_proj'] : ['c_attn'];
  return Object.freeze({
    id: spec.id,
    label: spec.label,
    family: spec.family,
    sizes: Object.freeze({ ...spec.sizes }),
    modules,
    totalParams: modules.reduce((sum, m) => sum + m.count * m.params, 0),
    // PEFT's TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING: llama/mistral q_proj, v_proj; gpt2 c_attn.
    // For GPT-3 the LoRA paper's choice, W_q and W_v.
    defaultTargets: Object.freeze(attentionTargets),
    source: spec.source,
  });
}
