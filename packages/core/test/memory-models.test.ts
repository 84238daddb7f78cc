import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/model/errors.js';
import { describeToy } from '../src/memory/describe-toy.js';
import { describeModel, MODEL_IDS, MODEL_PRESETS } from '../src/memory/model-presets.js';
import { readHfConfig } from '../src/memory/read-hf-config.js';
import type { ModelDescription } from '../src/memory/types.js';

/**
 * Published parameter counts: what `transformers` reports as `model.num_parameters()` for each
 * checkpoint (a tied weight counted once). GPT-2's four sizes are the counts of the
 * openai-community/gpt2* checkpoints; the Llama, Mistral and Llama 3 figures are those of
 * meta-llama/Llama-2-{7,13,70}b-hf, huggyllama/llama-65b, mistralai/Mistral-7B-v0.1 and
 * meta-llama/Meta-Llama-3-8B (model cards: 6.74B, 13.0B, 69.0B, 65.3B, 7.24B, 8.03B).
 */
const PUBLISHED: Record<string, number> = {
  gpt2: 124_439_808,
  'gpt2-medium': 354_823_168,
  'gpt2-large': 774_030_080,
  'gpt2-xl': 1_557_611_200,
  'llama-2-7b': 6_738_415_616,
  'llama-2-13b': 13_015_864_320,
  'llama-2-70b': 68_976_648_192,
  'llama-65b': 65_285_660_672,
  'mistral-7b': 7_241_732_096,
  'llama-3-8b': 8_030_261_248,
};

/** A Llama-style model counted by hand: per layer q, k, v, o, gate, up, down, two RMSNorms; then embeddings, final norm, head. */
function llamaByHand(h: number, f: number, L: number, heads: number, kvHeads: number, V: number): number {
  const d = h / heads;
  const attention = h * h + 2 * h * (kvHeads * d) + h * h; // q and o are h×h; k and v are h×(kv·d)
  const mlp = 3 * h * f; // gate, up (h→f) and down (f→h), no biases
  const norms = 2 * h; // RMSNorm: one scale per feature, no shift
  return L * (attention + mlp + norms) + V * h /* embed_tokens */ + h /* model.norm */ + V * h; /* untied lm_head */
}

/** A GPT-2 model counted by hand: per layer 12d² + 13d (see the comment), plus wte, wpe and ln_f; lm_head tied. */
function gpt2ByHand(d: number, L: number, V = 50257, P = 1024): number {
  // ln_1 2d; c_attn 3d² + 3d; attn.c_proj d² + d; ln_2 2d; c_fc 4d² + 4d; mlp.c_proj 4d² + d.
  const perLayer = 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (4 * d * d + 4 * d) + (4 * d * d + d);
  expect(perLayer).toBe(12 * d * d + 13 * d);
  return V * d + P * d + L * perLayer + 2 * d;
}

describe('model presets', () => {
  it('lists the eleven built-in models with unique ids', () => {
    expect(MODEL_IDS).toEqual([
      'gpt2',
      'gpt2-medium',
      'gpt2-large',
      'gpt2-xl',
      'llama-2-7b',
      'llama-2-13b',
      'llama-2-70b',
      'llama-65b',
      'mistral-7b',
      'llama-3-8b',
      'gpt-3-175b',
    ]);
    for (const preset of MODEL_PRESETS) expect(preset.source.length).toBeGreaterThan(10);
  });

  for (const [id, published] of Object.entries(PUBLISHED)) {
    it(`counts ${id} exactly as published: ${published.toLocaleString('en-US')}`, () => {
      expect(describeModel(id).totalParams).toBe(published);
    });
  }

  it('agrees with a hand count of every Llama-style preset', () => {
    expect(llamaByHand(4096, 11008, 32, 32, 32, 32000)).toBe(PUBLISHED['llama-2-7b']);
    expect(llamaByHand(5120, 13824, 40, 40, 40, 32000)).toBe(PUBLISHED['llama-2-13b']);
    expect(llamaByHand(8192, 28672, 80, 64, 8, 32000)).toBe(PUBLISHED['llama-2-70b']);
    expect(llamaByHand(8192, 22016, 80, 64, 64, 32000)).toBe(PUBLISHED['llama-65b']);
    expect(llamaByHand(4096, 14336, 32, 32, 8, 32000)).toBe(PUBLISHED['mistral-7b']);
    expect(llamaByHand(4096, 14336, 32, 32, 8, 128256)).toBe(PUBLISHED['llama-3-8b']);
  });

  it('agrees with a hand count of the GPT-2 presets (tied embeddings counted once)', () => {
    expect(gpt2ByHand(768, 12)).toBe(PUBLISHED.gpt2);
    expect(gpt2ByHand(1024, 24)).toBe(PUBLISHED['gpt2-medium']);
    expect(gpt2ByHand(1280, 36)).toBe(PUBLISHED['gpt2-large']);
    expect(gpt2ByHand(1600, 48)).toBe(PUBLISHED['gpt2-xl']);
  });

  it('describes GPT-3 175B with the paper sizes, separate 12288×12288 projections, about 175 billion parameters', () => {
    const d = describeModel('gpt-3-175b');
    expect(d.sizes).toMatchObject({ hidden: 12288, layers: 96, heads: 96, headDim: 128, intermediate: 4 * 12288 });
    for (const name of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) {
      expect(d.modules.find((m) => m.name === name)).toMatchObject({ in: 12288, out: 12288, count: 96, bias: 12288 });
    }
    // Same layout as GPT-2 (separate q/k/v/o hold as many weights as c_attn + c_proj), context 2048.
    expect(d.totalParams).toBe(gpt2ByHand(12288, 96, 50257, 2048));
    // Brown et al. 2020, Table 2.1: "175.0B"; the exact count depends on details the paper leaves out.
    expect(d.totalParams / 1e9).toBeCloseTo(174.6, 1);
  });

  it('rejects an unknown id, listing the known ones', () => {
    expect(() => describeModel('llama-2-7B')).toThrow(InvalidOptionError);
    expect(() => describeModel('gpt5')).toThrow(/model: unknown model "gpt5"; expected one of gpt2, gpt2-medium/);
  });
});

/** Every module of a description as `path: count × params`, for readable exact checks. */
function moduleTable(d: ModelDescription): string[] {
  return d.modules.map((m) => `${m.path} ${m.kind} ${m.count}×${m.params}${m.tiedTo ? ` tied to ${m.tiedTo}` : ''}`);
}

describe('module lists', () => {
  it('lists Llama 2 70B module by module with GQA shapes (k and v project to 8 heads of 128)', () => {
    const d = describeModel('llama-2-70b');
    expect(moduleTable(d)).toEqual([
      'model.embed_tokens embedding 1×262144000',
      `model.layers.{i}.self_attn.q_proj linear 80×${8192 * 8192}`,
      `model.layers.{i}.self_attn.k_proj linear 80×${8192 * 1024}`,
      `model.layers.{i}.self_attn.v_proj linear 80×${8192 * 1024}`,
      `model.layers.{i}.self_attn.o_proj linear 80×${8192 * 8192}`,
      `model.layers.{i}.mlp.gate_proj linear 80×${8192 * 28672}`,
      `model.layers.{i}.mlp.up_proj linear 80×${8192 * 28672}`,
      `model.layers.{i}.mlp.down_proj linear 80×${28672 * 8192}`,
      'model.layers.{i}.input_layernorm norm 80×8192',
      'model.layers.{i}.post_attention_layernorm norm 80×8192',
      'model.norm norm 1×8192',
      'lm_head linear 1×262144000',
    ]);
    expect(d.defaultTargets).toEqual(['q_proj', 'v_proj']);
  });

  it('lists GPT-2 small with Conv1D layers, LayerNorm shifts as biases and a tied head of 0 own parameters', () => {
    const d = describeModel('gpt2');
    expect(moduleTable(d)).toEqual([
      `transformer.wte embedding 1×${50257 * 768}`,
      `transformer.wpe embedding 1×${1024 * 768}`,
      'transformer.h.{i}.ln_1 norm 12×1536',
      `transformer.h.{i}.attn.c_attn conv1d 12×${768 * 2304 + 2304}`,
      `transformer.h.{i}.attn.c_proj conv1d 12×${768 * 768 + 768}`,
      'transformer.h.{i}.ln_2 norm 12×1536',
      `transformer.h.{i}.mlp.c_fc conv1d 12×${768 * 3072 + 3072}`,
      `transformer.h.{i}.mlp.c_proj conv1d 12×${3072 * 768 + 768}`,
      'transformer.ln_f norm 1×1536',
      'lm_head linear 1×0 tied to transformer.wte',
    ]);
    expect(d.modules.at(-1)).toMatchObject({ in: 768, out: 50257, outputHead: true });
    expect(d.defaultTargets).toEqual(['c_attn']);
  });
});

describe('the toy as a model description', () => {
  it('counts the default toy by hand: (8·16 + 16) + (16·16 + 16) + (16·2 + 2) = 450', () => {
    const d = describeToy();
    expect(d.totalParams).toBe(8 * 16 + 16 + (16 * 16 + 16) + (16 * 2 + 2));
    expect(d.totalParams).toBe(450);
    expect(d.modules.map((m) => [m.name, m.in, m.out, m.params, m.outputHead])).toEqual([
      ['fc1', 8, 16, 144, false],
      ['fc2', 16, 16, 272, false],
      ['fc3', 16, 2, 34, true],
    ]);
  });

  it('sizes the toy like createMlp: classification 4 outputs, similarity 8, any input and hidden width', () => {
    expect(describeToy({ task: 'classification' }).totalParams).toBe(144 + 272 + (16 * 4 + 4));
    expect(describeToy({ task: 'similarity', inputDim: 3, hidden: 5 }).totalParams).toBe(
      3 * 5 + 5 + (5 * 5 + 5) + (5 * 8 + 8),
    );
  });

  it('rejects bad sizes with the field names createMlp uses', () => {
    expect(() => describeToy({ hidden: 0 })).toThrow(/^hidden: got 0; expected an integer from 1 to 4096$/);
    expect(() => describeToy({ inputDim: 4097 })).toThrow(/^inputDim:/);
    expect(() => describeToy({ task: 'translation' as never })).toThrow(/^task: unknown task "translation"/);
  });
});

describe('readHfConfig', () => {
  /** meta-llama/Llama-2-70b-hf's config.json, as published (fields that do not affect counts included). */
  const LLAMA_70B = {
    _name_or_path: 'meta-llama/Llama-2-70b-hf',
    architectures: ['LlamaForCausalLM'],
    bos_token_id: 1,
    eos_token_id: 2,
    hidden_act: 'silu',
    hidden_size: 8192,
    initializer_range: 0.02,
    intermediate_size: 28672,
    max_position_embeddings: 4096,
    model_type: 'llama',
    num_attention_heads: 64,
    num_hidden_layers: 80,
    num_key_value_heads: 8,
    pretraining_tp: 1,
    rms_norm_eps: 1e-5,
    rope_scaling: null,
    tie_word_embeddings: false,
    torch_dtype: 'float16',
    transformers_version: '4.31.0.dev0',
    use_cache: true,
    vocab_size: 32000,
  };

  /** openai-community/gpt2's config.json, as published. */
  const GPT2 = {
    activation_function: 'gelu_new',
    architectures: ['GPT2LMHeadModel'],
    attn_pdrop: 0.1,
    bos_token_id: 50256,
    embd_pdrop: 0.1,
    eos_token_id: 50256,
    initializer_range: 0.02,
    layer_norm_epsilon: 1e-5,
    model_type: 'gpt2',
    n_ctx: 1024,
    n_embd: 768,
    n_head: 12,
    n_layer: 12,
    n_positions: 1024,
    resid_pdrop: 0.1,
    summary_activation: null,
    summary_first_dropout: 0.1,
    summary_proj_to_labels: true,
    summary_type: 'cls_index',
    summary_use_proj: true,
    task_specific_params: { 'text-generation': { do_sample: true, max_length: 50 } },
    vocab_size: 50257,
  };

  it('round-trips Llama 2 70B through JSON text: GQA read from num_key_value_heads, the published count', () => {
    const d = readHfConfig(JSON.parse(JSON.stringify(LLAMA_70B)));
    expect(d.id).toBe('meta-llama/Llama-2-70b-hf');
    expect(d.family).toBe('llama');
    expect(d.sizes).toMatchObject({ heads: 64, kvHeads: 8, headDim: 128, tiedEmbeddings: false, mlp: 'swiglu' });
    expect(d.totalParams).toBe(PUBLISHED['llama-2-70b']);
    // Without num_key_value_heads, Hugging Face's default is plain multi-head attention (kv = heads).
    const { num_key_value_heads: _kv, ...mha } = LLAMA_70B;
    expect(readHfConfig(mha).totalParams).toBe(llamaByHand(8192, 28672, 80, 64, 64, 32000));
    expect(structuredClone(d)).toEqual(d);
  });

  it('round-trips GPT-2 through JSON text: n_inner null means 4·n_embd, embeddings tied by default', () => {
    const d = readHfConfig(JSON.parse(JSON.stringify({ ...GPT2, n_inner: null })), 'gpt2-config');
    expect(d.id).toBe('gpt2-config');
    expect(d.sizes).toMatchObject({
      intermediate: 3072,
      positions: 1024,
      tiedEmbeddings: true,
      attentionDropout: true,
    });
    expect(d.totalParams).toBe(PUBLISHED.gpt2);
    // Untied, the head adds its own V × d weights.
    expect(readHfConfig({ ...GPT2, tie_word_embeddings: false }).totalParams).toBe(PUBLISHED.gpt2 + 50257 * 768);
  });

  it('reads the optional Llama fields: head_dim, tie_word_embeddings, attention_bias, mlp_bias', () => {
    const base = {
      model_type: 'llama',
      hidden_size: 64,
      intermediate_size: 160,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      vocab_size: 100,
    };
    const plain = readHfConfig(base).totalParams;
    // 2·(4·64² + 3·64·160 + 2·64) + 100·64 + 64 + 100·64
    expect(plain).toBe(2 * (4 * 64 * 64 + 3 * 64 * 160 + 2 * 64) + 100 * 64 + 64 + 100 * 64);
    expect(readHfConfig({ ...base, tie_word_embeddings: true }).totalParams).toBe(plain - 100 * 64);
    // attention_bias: q, k, v and o each get a bias of their output width.
    expect(readHfConfig({ ...base, attention_bias: true }).totalParams).toBe(plain + 2 * 4 * 64);
    // mlp_bias: gate and up (160 each) and down (64).
    expect(readHfConfig({ ...base, mlp_bias: true }).totalParams).toBe(plain + 2 * (160 + 160 + 64));
    // head_dim that differs from hidden/heads (as in some Mistral configs): q is 64→4·32, k and v 64→4·32, o 128→64.
    const wide = readHfConfig({ ...base, head_dim: 32 });
    expect(wide.modules.find((m) => m.name === 'o_proj')).toMatchObject({ in: 128, out: 64 });
    expect(readHfConfig({ ...base, head_dim: null }).totalParams).toBe(plain);
  });

  const BAD: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /^config: got an array/],
    ['null', null, /^config: got null/],
    ['no model_type', { hidden_size: 1 }, /^model_type: missing from config.json; expected llama, mistral, gpt2$/],
    ['an unknown model_type', { model_type: 'bert' }, /^model_type: got "bert"/],
    ['a missing hidden_size', { model_type: 'llama' }, /^hidden_size: missing from config.json/],
    ['a string size', { ...GPT2, n_embd: '768' }, /^n_embd: got "768"; expected a positive integer/],
    ['a zero layer count', { ...LLAMA_70B, num_hidden_layers: 0 }, /^num_hidden_layers: got 0/],
    ['a fractional vocab', { ...LLAMA_70B, vocab_size: 320.5 }, /^vocab_size: got 320.5/],
    [
      'kv heads that do not divide heads',
      { ...LLAMA_70B, num_key_value_heads: 7 },
      /^num_key_value_heads: num_key_value_heads = 7 does not divide/,
    ],
    ['heads that do not divide hidden', { ...GPT2, n_head: 7 }, /^n_head: n_head = 7 does not divide n_embd = 768/],
    [
      'a non-boolean tie',
      { ...LLAMA_70B, tie_word_embeddings: 'no' },
      /^tie_word_embeddings: got "no"; expected true or false/,
    ],
    ['a dropout of 1', { ...GPT2, attn_pdrop: 1 }, /^attn_pdrop: got 1; expected a number in \[0, 1\)/],
  ];
  for (const [what, json, message] of BAD) {
    it(`names the JSON key for ${what}`, () => {
      let error: unknown;
      try {
        readHfConfig(json);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('memory/ stays free of tfjs', () => {
  it('imports no @tensorflow package, directly or through the files it imports at run time', () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '../src');
    const queue = readdirSync(join(src, 'memory')).map((file) => join(src, 'memory', file));
    const seen = new Set<string>();
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Type-only imports vanish at compile time; every other import is loaded at run time.
      for (const match of text.matchAll(/^import\s+(type\s)?[^;]*?from\s+'([^']+)';/gm)) {
        if (match[1]) continue;
        const target = match[2]!;
        expect(target, `${file} imports ${target}`).not.toMatch(/^@tensorflow\//);
        if (target.startsWith('.')) queue.push(resolve(dirname(file), target.replace(/\.js$/, '.ts')));
      }
    }
    expect([...seen].some((file) => file.endsWith('model/ledger.ts'))).toBe(true);
    expect([...seen].some((file) => file.endsWith('lora-model.ts') || file.endsWith('src/index.ts'))).toBe(false);
  });
});
