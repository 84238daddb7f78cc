import { InvalidOptionError } from '../model/errors.js';
import { describeTransformer } from './describe-transformer.js';
import { readHfConfig } from './read-hf-config.js';
import type { TransformerDescription } from './types.js';

/** A built-in real model: its published configuration and where it comes from. */
export interface ModelPreset {
  /** Id for `describeModel` and `lora-viz memory --model`. */
  readonly id: string;
  /** Human label. */
  readonly label: string;
  /** Architecture family. */
  readonly family: 'llama' | 'gpt2';
  /** The fields of its Hugging Face `config.json` that the parameter count depends on. */
  readonly config: Readonly<Record<string, unknown>>;
  /** GPT-3 only: separate q/k/v/o projections as the LoRA paper adapts them, instead of GPT-2's fused `c_attn`. */
  readonly attention: 'fused' | 'separate';
  /** Where the numbers come from. */
  readonly source: string;
}

function gpt2(id: string, label: string, n_embd: number, n_layer: number, n_head: number): ModelPreset {
  return {
    id,
    label,
    family: 'gpt2',
    config: { model_type: 'gpt2', n_embd, n_layer, n_head, n_positions: 1024, vocab_size: 50257 },
    attention: 'fused',
    source: `config.json of openai-community/${id} on the Hugging Face Hub; Radford et al. 2019, Table 2`,
  };
}

function llama(
  id: string,
  label: string,
  source: string,
  fields: Record<string, number>,
  modelType: 'llama' | 'mistral' = 'llama',
): ModelPreset {
  return {
    id,
    label,
    family: 'llama',
    config: { model_type: modelType, tie_word_embeddings: false, ...fields },
    attention: 'fused',
    source,
  };
}

/**
 * The built-in models with their published sizes. Parameter counts follow from these fields alone:
 * the Llama-style ones have no biases and untied embeddings, GPT-2 ties its output head to `wte`.
 */
export const MODEL_PRESETS: readonly ModelPreset[] = Object.freeze(
  (
    [
      gpt2('gpt2', 'GPT-2 small (124M)', 768, 12, 12),
      gpt2('gpt2-medium', 'GPT-2 medium (355M)', 1024, 24, 16),
      gpt2('gpt2-large', 'GPT-2 large (774M)', 1280, 36, 20),
      gpt2('gpt2-xl', 'GPT-2 XL (1.5B)', 1600, 48, 25),
      llama('llama-2-7b', 'Llama 2 7B', 'config.json of meta-llama/Llama-2-7b-hf; Touvron et al. 2023 (Llama 2)', {
        hidden_size: 4096,
        intermediate_size: 11008,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 32,
        vocab_size: 32000,
      }),
      llama('llama-2-13b', 'Llama 2 13B', 'config.json of meta-llama/Llama-2-13b-hf; Touvron et al. 2023 (Llama 2)', {
        hidden_size: 5120,
        intermediate_size: 13824,
        num_hidden_layers: 40,
        num_attention_heads: 40,
        num_key_value_heads: 40,
        vocab_size: 32000,
      }),
      llama(
        'llama-2-70b',
        'Llama 2 70B',
        'config.json of meta-llama/Llama-2-70b-hf (grouped-query attention, 8 key/value heads); Touvron et al. 2023 (Llama 2)',
        {
          hidden_size: 8192,
          intermediate_size: 28672,
          num_hidden_layers: 80,
          num_attention_heads: 64,
          num_key_value_heads: 8,
          vocab_size: 32000,
        },
      ),
      llama('llama-65b', 'LLaMA 65B', 'Touvron et al. 2023 (LLaMA), Table 2; config.json of huggyllama/llama-65b', {
        hidden_size: 8192,
        intermediate_size: 22016,
        num_hidden_layers: 80,
        num_attention_heads: 64,
        vocab_size: 32000,
      }),
      llama(
        'mistral-7b',
        'Mistral 7B',
        'config.json of mistralai/Mistral-7B-v0.1 (GQA, 8 key/value heads); Jiang et al. 2023, Table 1',
        {
          hidden_size: 4096,
          intermediate_size: 14336,
          num_hidden_layers: 32,
          num_attention_heads: 32,
          num_key_value_heads: 8,
          vocab_size: 32000,
        },
        'mistral',
      ),
      llama('llama-3-8b', 'Llama 3 8B', 'config.json of meta-llama/Meta-Llama-3-8B (128,256-token vocabulary, GQA)', {
        hidden_size: 4096,
        intermediate_size: 14336,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        vocab_size: 128256,
      }),
      {
        id: 'gpt-3-175b',
        label: 'GPT-3 175B',
        family: 'gpt2',
        // Brown et al. 2020, Table 2.1: 96 layers, d_model 12288, 96 heads of 128, context 2048; GPT-2's
        // 50,257-token BPE vocabulary. Biases, tied embeddings and dropout are assumed as in GPT-2.
        config: { model_type: 'gpt2', n_embd: 12288, n_layer: 96, n_head: 96, n_positions: 2048, vocab_size: 50257 },
        attention: 'separate',
        source:
          'Brown et al. 2020, Table 2.1 (sizes); GPT-2 layout assumed for biases and tied embeddings; separate ' +
          'W_q, W_k, W_v, W_o of 12288×12288 as adapted in Hu et al. 2021 (LoRA), §4.2 and Table 4',
      },
    ] satisfies ModelPreset[]
  ).map((preset): ModelPreset => Object.freeze({ ...preset, config: Object.freeze(preset.config) })),
);

/** The ids of {@link MODEL_PRESETS}, in order. */
export const MODEL_IDS: readonly string[] = Object.freeze(MODEL_PRESETS.map((p) => p.id));

/**
 * Describes a built-in model by id (`llama-2-7b`, `gpt2`, `gpt-3-175b` …; see {@link MODEL_PRESETS}).
 *
 * @throws InvalidOptionError (`model`) listing the ids for an unknown one.
 * @example
 * describeModel('llama-2-7b').totalParams; // 6738415616
 */
export function describeModel(id: string): TransformerDescription {
  const preset = MODEL_PRESETS.find((p) => p.id === id);
  if (!preset) throw new InvalidOptionError('model', `one of ${MODEL_IDS.join(', ')}`, `unknown model "${String(id)}"`);
  const read = readHfConfig(preset.config, preset.id);
  if (preset.attention === 'fused') return Object.freeze({ ...read, label: preset.label, source: preset.source });
  return describeTransformer({
    id: preset.id,
    label: preset.label,
    source: preset.source,
    family: preset.family,
    sizes: read.sizes,
    attention: 'separate',
  });
}
