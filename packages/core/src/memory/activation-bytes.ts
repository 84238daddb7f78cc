import { groupDigits } from './format-bytes.js';
import type { ModelDescription } from './types.js';

/** How attention scores are computed: materialised (the paper's assumption) or by a fused kernel. */
export type AttentionKernel = 'eager' | 'flash';

/** What {@link activationBytes} needs to know about one training step. */
export interface ActivationInput {
  /** Sequences per step (micro-batch) b. */
  readonly batch: number;
  /** Tokens per sequence s (ignored by the toy, which reads one vector per sample). */
  readonly seq: number;
  /** Bytes per activation value: 2 for fp16/bf16, 4 for fp32. */
  readonly elementBytes: number;
  /** Full gradient checkpointing: keep only each layer's input and recompute the layer in the backward pass. */
  readonly checkpointing: boolean;
  /** Attention kernel. */
  readonly attention: AttentionKernel;
  /** Σ LoRA rank of the targeted modules of each layer (index = layer). */
  readonly layerRanks: readonly number[];
  /** Σ LoRA rank of targeted modules outside the layers. */
  readonly otherRanks: number;
}

/** Activation memory of one training step, by where it is held. */
export interface ActivationBreakdown {
  /** Bytes one layer keeps for its backward pass (LoRA branches not included). */
  readonly perLayer: number;
  /** Layers the formula covers (0 for the toy). */
  readonly layers: number;
  /** Bytes kept by the layers: every layer's `perLayer`, or under checkpointing each layer's input plus one layer recomputed. */
  readonly layerBytes: number;
  /** Bytes kept outside the layers: final norm and head inputs, fp32 logits, embedding dropout mask (the toy: its whole forward pass). */
  readonly outside: number;
  /** Bytes of the LoRA branches: each adapted module keeps A·x (r values per token) as the input of B. */
  readonly lora: number;
  /** Sum of the three. */
  readonly total: number;
  /** The formula with this model's numbers, and its source. */
  readonly formula: string;
}

const KORTHIKANTI =
  'Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models", §4.1: ' +
  'per layer s·b·h·(34 + 5·a·s/h) bytes for a GPT layer with 16-bit activations and 1-byte dropout masks';

/**
 * Bytes of activations a training step keeps for its backward pass, counted tensor by tensor as in
 * Korthikanti et al. 2022 (§4.1), with the same accounting applied to Llama's blocks:
 *
 * - GPT-2 style layer: norms 2·sbh, q/k/v input sbh, Q and K 2·sbh, V sbh, output projection input sbh,
 *   MLP input sbh, GeLU input and second linear's input 2·s·b·f values, plus attention scores: softmax
 *   output and dropout output a·s²·b values each; dropout masks are 1 byte per value (a·s²·b for
 *   attention, 2·sbh for the two residual dropouts). With f = 4h and 2-byte values this is exactly the
 *   paper's s·b·h·(34 + 5·a·s/h).
 * - Llama style layer: the same minus every dropout (Llama has none), with a SwiGLU MLP that keeps its
 *   input sbh and four s·b·f values (gate output, up output, SiLU output, their product); Q is
 *   s·b·(heads·head_dim) and, with eager attention, K and V are kept after repeat_kv, i.e. at the query
 *   width; rotary embeddings keep nothing (their backward needs only cos and sin).
 * - Flash attention keeps no a·s²·b scores, only an fp32 log-sum-exp per head and token (4·a·s·b bytes),
 *   and K and V at their own (grouped) width.
 * - Outside the layers: the final norm's input and the head's input (sbh each), fp32 logits for the loss
 *   (4·s·b·V bytes) and, with dropout, the embedding dropout mask (sbh bytes), as the paper lists them.
 * - Full checkpointing keeps each layer's input (sbh values per layer, the paper's 2·sbh) and
 *   recomputes one layer at a time in the backward pass, which then holds that layer's activations.
 * - The toy MLP keeps, per sample, its input, the two ReLU outputs (the inputs of fc2 and fc3, which
 *   ReLU's backward reuses) and its fp32 output for the loss.
 */
export function activationBytes(description: ModelDescription, input: ActivationInput): ActivationBreakdown {
  const { batch: b, elementBytes: e } = input;
  const loraPerLayer = input.layerRanks;
  if (description.family === 'mlp') {
    const { inputDim, hidden, outputDim } = description.sizes;
    const outside = b * (e * (inputDim + 2 * hidden) + 4 * outputDim);
    const lora = b * e * input.otherRanks;
    return Object.freeze({
      perLayer: 0,
      layers: 0,
      layerBytes: 0,
      outside,
      lora,
      total: outside + lora,
      formula:
        `per sample: input ${inputDim} + ReLU outputs 2×${hidden} values × ${e} bytes + output ${outputDim} × 4 bytes (fp32 for the loss)` +
        (input.otherRanks > 0 ? ` + LoRA A·x ${input.otherRanks} values × ${e} bytes` : '') +
        `; × batch ${b} = ${groupDigits(outside + lora)} bytes (counted tensor by tensor, as Korthikanti et al. 2022 do for transformers)`,
    });
  }

  const { hidden: h, intermediate: f, heads: a, kvHeads, headDim, vocab: v, layers: L } = description.sizes;
  const s = input.seq;
  const tokens = s * b;
  const q = a * headDim;
  const eager = input.attention === 'eager';
  const kvKept = description.family === 'llama' && !eager ? kvHeads * headDim : q;
  const mlpValues = description.sizes.mlp === 'swiglu' ? h + 4 * f : h + 2 * f;
  const linearValues = 2 * h + h + q + 2 * kvKept + q + mlpValues;
  const { attentionDropout, residualDropout } = description.sizes;
  const scores = eager ? a * s * s * b * (e * (attentionDropout ? 2 : 1) + (attentionDropout ? 1 : 0)) : 4 * a * s * b;
  const perLayer = tokens * linearValues * e + scores + (residualDropout ? 2 * tokens * h : 0);
  const layerBytes = input.checkpointing ? L * tokens * h * e + perLayer : L * perLayer;
  const outside = 2 * tokens * h * e + 4 * tokens * v + (residualDropout ? tokens * h : 0);
  const layerRankSum = input.checkpointing
    ? loraPerLayer.reduce((max, r) => Math.max(max, r), 0)
    : loraPerLayer.reduce((sum, r) => sum + r, 0);
  const lora = tokens * e * (layerRankSum + input.otherRanks);

  const gptFormula = description.family === 'gpt2' && f === 4 * h && q === h && e === 2 && eager;
  const g = groupDigits;
  const kvSymbol = kvKept === q ? 'q' : 'kv';
  const valuesText =
    `2h + h + q + 2·${kvSymbol} + q + ${description.sizes.mlp === 'swiglu' ? 'h + 4f' : 'h + 2f'} = ${g(linearValues)} values` +
    ` (norm inputs, q/k/v input, Q, K and V, output-projection input, MLP)`;
  const scoreFactor = e * (attentionDropout ? 2 : 1) + (attentionDropout ? 1 : 0);
  const perLayerText = gptFormula
    ? `s·b·h·(34 + 5·a·s/h) = ${s}·${b}·${h}·(34 + 5·${a}·${s}/${h})`
    : `s·b·[(${valuesText}) × ${e} bytes${residualDropout ? ' + 2h dropout-mask bytes' : ''}] + ${
        eager
          ? `a·s²·b·${scoreFactor} (attention scores${attentionDropout ? ', dropout and mask' : ''})`
          : '4·a·s·b (flash attention log-sum-exp)'
      }`;
  const layersText = input.checkpointing
    ? `checkpointing: ${L} layer inputs × s·b·h·${e} + one layer recomputed (${g(perLayer)})`
    : `${L} layers × ${g(perLayer)}`;
  return Object.freeze({
    perLayer,
    layers: L,
    layerBytes,
    outside,
    lora,
    total: layerBytes + outside + lora,
    formula:
      `per layer ${perLayerText} = ${g(perLayer)} bytes; ${layersText} = ${g(layerBytes)}; ` +
      `outside the layers 2·s·b·h·${e} + 4·s·b·V (fp32 logits)${residualDropout ? ' + s·b·h (embedding dropout mask)' : ''} = ${g(outside)}` +
      (lora > 0
        ? `; LoRA A·x, Σr = ${layerRankSum + input.otherRanks} values per token × ${e} bytes = ${g(lora)}`
        : '') +
      `. Source: ${KORTHIKANTI}` +
      (gptFormula ? '' : '; the same tensor-by-tensor accounting applied to this block (see the guide)'),
  });
}
