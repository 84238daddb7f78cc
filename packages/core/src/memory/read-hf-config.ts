import { InvalidOptionError } from '../model/errors.js';
import { describeTransformer } from './describe-transformer.js';
import type { TransformerDescription } from './types.js';

/** The `model_type` values {@link readHfConfig} understands. */
export const HF_MODEL_TYPES = ['llama', 'mistral', 'gpt2'] as const;

/** Largest size accepted for any count in a config: keeps every product of two sizes an exact double. */
const MAX_SIZE = 16_777_216;

type Json = Readonly<Record<string, unknown>>;

function present(config: Json, key: string): boolean {
  return Object.hasOwn(config, key) && config[key] !== null && config[key] !== undefined;
}

function positive(config: Json, key: string, fallback?: number): number {
  if (!present(config, key)) {
    if (fallback !== undefined) return fallback;
    throw new InvalidOptionError(key, `a positive integer up to ${MAX_SIZE}`, 'missing from config.json');
  }
  const value = config[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SIZE) {
    throw new InvalidOptionError(key, `a positive integer up to ${MAX_SIZE}`, `got ${JSON.stringify(value)}`);
  }
  return value;
}

function flag(config: Json, key: string, fallback: boolean): boolean {
  if (!present(config, key)) return fallback;
  const value = config[key];
  if (typeof value !== 'boolean') throw new InvalidOptionError(key, 'true or false', `got ${JSON.stringify(value)}`);
  return value;
}

function probability(config: Json, key: string, fallback: number): number {
  if (!present(config, key)) return fallback;
  const value = config[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new InvalidOptionError(key, 'a number in [0, 1)', `got ${JSON.stringify(value)}`);
  }
  return value;
}

function divides(key: string, divisor: number, divisorKey: string, value: number, valueKey: string): void {
  if (value % divisor !== 0) {
    throw new InvalidOptionError(
      key,
      `a divisor of ${valueKey}`,
      `${divisorKey} = ${divisor} does not divide ${valueKey} = ${value}`,
    );
  }
}

function readLlama(config: Json, id: string, label: string): TransformerDescription {
  const hidden = positive(config, 'hidden_size');
  const intermediate = positive(config, 'intermediate_size');
  const layers = positive(config, 'num_hidden_layers');
  const heads = positive(config, 'num_attention_heads');
  const vocab = positive(config, 'vocab_size');
  // Hugging Face's defaults: key/value heads = query heads (plain multi-head attention), head_dim = h / a.
  const kvHeads = positive(config, 'num_key_value_heads', heads);
  divides('num_key_value_heads', kvHeads, 'num_key_value_heads', heads, 'num_attention_heads');
  if (!present(config, 'head_dim')) divides('num_attention_heads', heads, 'num_attention_heads', hidden, 'hidden_size');
  const headDim = positive(config, 'head_dim', hidden / heads);
  return describeTransformer({
    id,
    label,
    source: 'Hugging Face config.json (LlamaConfig/MistralConfig field names and defaults)',
    family: 'llama',
    sizes: {
      hidden,
      intermediate,
      layers,
      heads,
      kvHeads,
      headDim,
      vocab,
      positions: null,
      // LlamaConfig and MistralConfig default tie_word_embeddings to false (PretrainedConfig's own default is true).
      tiedEmbeddings: flag(config, 'tie_word_embeddings', false),
      mlp: 'swiglu',
      attentionDropout: probability(config, 'attention_dropout', 0) > 0,
      residualDropout: false,
    },
    attentionBias: flag(config, 'attention_bias', false),
    mlpBias: flag(config, 'mlp_bias', false),
  });
}

function readGpt2(config: Json, id: string, label: string): TransformerDescription {
  const hidden = positive(config, 'n_embd');
  const layers = positive(config, 'n_layer');
  const heads = positive(config, 'n_head');
  const vocab = positive(config, 'vocab_size');
  divides('n_head', heads, 'n_head', hidden, 'n_embd');
  // GPT2Config: n_inner null means 4 · n_embd; n_positions 1024; dropouts 0.1; embeddings tied.
  const intermediate = positive(config, 'n_inner', 4 * hidden);
  const residual = Math.max(probability(config, 'resid_pdrop', 0.1), probability(config, 'embd_pdrop', 0.1));
  return describeTransformer({
    id,
    label,
    source: 'Hugging Face config.json (GPT2Config field names and defaults)',
    family: 'gpt2',
    sizes: {
      hidden,
      intermediate,
      layers,
      heads,
      kvHeads: heads,
      headDim: hidden / heads,
      vocab,
      positions: positive(config, 'n_positions', 1024),
      tiedEmbeddings: flag(config, 'tie_word_embeddings', true),
      mlp: 'gelu',
      attentionDropout: probability(config, 'attn_pdrop', 0.1) > 0,
      residualDropout: residual > 0,
    },
    attention: 'fused',
  });
}

/**
 * Reads a Hugging Face `config.json` (already parsed) of a Llama, Mistral or GPT-2 model into a model
 * description, with the library's defaults for absent fields (grouped-query attention through
 * `num_key_value_heads`, `head_dim`, `tie_word_embeddings`, `attention_bias`, `mlp_bias`, `n_inner`).
 *
 * @param name id of the result (default: the config's `_name_or_path`, else its `model_type`).
 * @throws InvalidOptionError whose `field` is the JSON key at fault (`hidden_size`, `model_type` …).
 * @example
 * readHfConfig(JSON.parse(text)).totalParams; // 6738415616 for meta-llama/Llama-2-7b-hf
 */
export function readHfConfig(json: unknown, name?: string): TransformerDescription {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InvalidOptionError(
      'config',
      'a JSON object (a Hugging Face config.json)',
      `got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`,
    );
  }
  const config = json as Json;
  const type = config.model_type;
  const accepted = HF_MODEL_TYPES.join(', ');
  if (!present(config, 'model_type')) throw new InvalidOptionError('model_type', accepted, 'missing from config.json');
  if (typeof type !== 'string' || !(HF_MODEL_TYPES as readonly string[]).includes(type)) {
    throw new InvalidOptionError('model_type', accepted, `got ${JSON.stringify(type)}`);
  }
  const path =
    typeof config._name_or_path === 'string' && config._name_or_path !== '' ? config._name_or_path : undefined;
  const id = name ?? path ?? type;
  const label = path ?? name ?? `${type} config`;
  return type === 'gpt2' ? readGpt2(config, id, label) : readLlama(config, id, label);
}
