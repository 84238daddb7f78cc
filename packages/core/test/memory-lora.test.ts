import { describe, expect, it } from 'vitest';
import { attachLora, countParameters, createMlp, InvalidOptionError, type TaskName } from '../src/index.js';
import { describeToy } from '../src/memory/describe-toy.js';
import { loraParameters } from '../src/memory/lora-parameters.js';
import { describeModel } from '../src/memory/model-presets.js';
import { readHfConfig } from '../src/memory/read-hf-config.js';
import { rankCurve } from '../src/memory/rank-curve.js';
import { expectNoTensorLeak } from './helpers.js';

describe('loraParameters on real models', () => {
  it("reproduces PEFT's line for Llama 2 7B, r = 8 on q_proj and v_proj (the issue's acceptance figure)", () => {
    const count = loraParameters(describeModel('llama-2-7b'), { rank: 8, targets: ['q_proj', 'v_proj'] });
    // 32 layers × 2 modules × r·(in + out) = 32 · 2 · 8 · (4096 + 4096)
    expect(count.trainable).toBe(32 * 2 * 8 * (4096 + 4096));
    expect(count.trainable).toBe(4_194_304);
    expect(count.all).toBe(6_738_415_616 + 4_194_304);
    expect(count.peft).toBe('trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
  });

  it('gives 4,718,592 trainable parameters for GPT-3 175B with r = 1 on W_q and W_v (LoRA paper, Table 4: 4.7M)', () => {
    const count = loraParameters(describeModel('gpt-3-175b'), { rank: 1, targets: ['q_proj', 'v_proj'] });
    expect(count.trainable).toBe(96 * 2 * (12288 + 12288) * 1);
    expect(count.trainable).toBe(4_718_592);
  });

  it("uses each model's PEFT default targets and rank 8 when none are given", () => {
    // PEFT's default mapping: llama → q_proj, v_proj; gpt2 → c_attn (768 → 2304 in GPT-2 small).
    expect(loraParameters(describeModel('mistral-7b')).trainable).toBe(32 * 8 * (4096 + 4096) + 32 * 8 * (4096 + 1024));
    expect(loraParameters(describeModel('gpt2')).trainable).toBe(12 * 8 * (768 + 2304));
    expect(loraParameters(describeModel('gpt2')).peft).toBe(
      'trainable params: 294,912 || all params: 124,734,720 || trainable%: 0.2364',
    );
  });

  it('targets every linear layer but the output head with all-linear (PEFT excludes lm_head)', () => {
    const count = loraParameters(describeModel('llama-2-7b'), { rank: 16, targets: 'all-linear' });
    const perLayer = 4 * (4096 + 4096) + 2 * (4096 + 11008) + (11008 + 4096); // q,k,v,o; gate, up; down
    expect(count.trainable).toBe(32 * 16 * perLayer);
    expect(count.modules.map((m) => m.name)).toEqual([
      'q_proj',
      'k_proj',
      'v_proj',
      'o_proj',
      'gate_proj',
      'up_proj',
      'down_proj',
    ]);
    // The array form with the one shorthand, in any case, means the same (PEFT lower-cases the string).
    expect(loraParameters(describeModel('llama-2-7b'), { rank: 16, targets: ['ALL-LINEAR'] }).trainable).toBe(
      count.trainable,
    );
    // GPT-2: its three Conv1D names, c_proj counted in attention and MLP.
    const gpt2 = loraParameters(describeModel('gpt2'), { rank: 4, targets: 'all-linear' });
    expect(gpt2.modules.map((m) => m.path)).toEqual([
      'transformer.h.{i}.attn.c_attn',
      'transformer.h.{i}.attn.c_proj',
      'transformer.h.{i}.mlp.c_fc',
      'transformer.h.{i}.mlp.c_proj',
    ]);
    expect(gpt2.trainable).toBe(12 * 4 * (768 + 2304 + 768 + 768 + 768 + 3072 + 3072 + 768));
  });

  it("matches names as PEFT does: the module's name, or the end of its full name after a dot", () => {
    const d = describeModel('gpt2');
    // "c_proj" hits the attention and the MLP projections; "mlp.c_proj" only the MLP's.
    expect(loraParameters(d, { rank: 2, targets: ['c_proj'] }).trainable).toBe(12 * 2 * (768 + 768 + 3072 + 768));
    expect(loraParameters(d, { rank: 2, targets: ['mlp.c_proj'] }).trainable).toBe(12 * 2 * (3072 + 768));
    // A full name adapts that layer alone.
    const one = loraParameters(describeModel('llama-2-7b'), { rank: 8, targets: ['model.layers.0.self_attn.q_proj'] });
    expect(one.trainable).toBe(8 * 8192);
    expect(one.modules).toEqual([expect.objectContaining({ name: 'q_proj', count: 1, rank: 8 })]);
    expect(one.layerRanks[0]).toBe(8);
    expect(one.layerRanks[1]).toBe(0);
  });

  it('applies rankPattern per module and per layer, as PEFT does', () => {
    const d = describeModel('llama-2-7b');
    const count = loraParameters(d, {
      rank: 8,
      targets: ['q_proj', 'v_proj'],
      rankPattern: { v_proj: 16, 'layers\\.0\\.self_attn\\.q_proj': 2 },
    });
    // q_proj: layer 0 at r=2, 31 layers at r=8; v_proj: 32 layers at r=16.
    expect(count.trainable).toBe((2 + 31 * 8) * 8192 + 32 * 16 * 8192);
    expect(count.modules.map((m) => [m.name, m.rank])).toEqual([
      ['q_proj', null],
      ['v_proj', 16],
    ]);
    expect(count.layerRanks.slice(0, 2)).toEqual([18, 24]);
  });

  it('can adapt embeddings and a tied head, r·(in + out) each, and warns about the tie', () => {
    const d = describeModel('gpt2');
    const count = loraParameters(d, { rank: 4, targets: ['wte', 'lm_head'] });
    expect(count.trainable).toBe(4 * (50257 + 768) + 4 * (768 + 50257));
    expect(count.warnings.join(' ')).toMatch(/lm_head shares its weight with transformer\.wte/);
  });

  it('warns when a rank exceeds min(in, out)', () => {
    const d = readHfConfig({
      model_type: 'llama',
      hidden_size: 16,
      intermediate_size: 32,
      num_hidden_layers: 1,
      num_attention_heads: 2,
      vocab_size: 10,
    });
    expect(loraParameters(d, { rank: 20, targets: ['q_proj'] }).warnings).toEqual([
      expect.stringContaining('q_proj: rank 20 exceeds min(in, out) = 16'),
    ]);
  });

  it('rejects unknown or unadaptable targets, listing the modules of the model', () => {
    const d = describeModel('llama-2-7b');
    const names = 'embed_tokens, q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, lm_head, all-linear';
    expect(() => loraParameters(d, { targets: ['q_proj', 'query'] })).toThrow(
      `targets: "query" matches no module; expected module names of llama-2-7b: ${names}`,
    );
    expect(() => loraParameters(d, { targets: ['c_attn'] })).toThrow(/"c_attn" matches no module/);
    expect(() => loraParameters(d, { targets: ['input_layernorm'] })).toThrow(/is the norm .* which LoRA cannot adapt/);
    expect(() => loraParameters(d, { targets: [] })).toThrow(/^targets: the list is empty/);
    expect(() => loraParameters(d, { targets: ['all-linear', 'q_proj'] })).toThrow(/all-linear alone/);
    expect(() => loraParameters(d, { targets: 'q_proj' })).toThrow(/got the string "q_proj"/);
    expect(() => loraParameters(d, { rank: 0 })).toThrow(/^rank: got 0/);
    expect(() => loraParameters(d, { rank: 2.5 })).toThrow(InvalidOptionError);
    expect(() => loraParameters(d, { rankPattern: { '(': 4 } })).toThrow(/^rankPattern: bad key "\("/);
    expect(() => loraParameters(d, { rankPattern: { q_proj: -1 } })).toThrow(/^rankPattern\.q_proj: got -1/);
  });
});

describe('loraParameters on the toy matches the core ledger', () => {
  const cases: { task: TaskName; inputDim?: number; hidden?: number; r: number; targets: ('fc1' | 'fc2' | 'fc3')[] }[] =
    [
      { task: 'classification', r: 4, targets: ['fc1', 'fc2'] },
      { task: 'sentiment', r: 1, targets: ['fc3'] },
      { task: 'regression', inputDim: 5, hidden: 33, r: 7, targets: ['fc1', 'fc2', 'fc3'] },
      { task: 'similarity', inputDim: 12, hidden: 64, r: 64, targets: ['fc2'] },
    ];
  for (const c of cases) {
    it(`gives countParameters' numbers and PEFT line for ${c.task} ${c.inputDim ?? 8}→${c.hidden ?? 16}, r=${c.r} on ${c.targets.join(',')}`, () => {
      const ledger = expectNoTensorLeak(() => {
        const model = createMlp({ task: c.task, inputDim: c.inputDim, hidden: c.hidden });
        attachLora(model, { r: c.r, targetModules: c.targets });
        const result = countParameters(model);
        model.dispose();
        return result;
      });
      const count = loraParameters(describeToy({ task: c.task, inputDim: c.inputDim, hidden: c.hidden }), {
        rank: c.r,
        targets: c.targets,
      });
      expect(count.trainable).toBe(ledger.trainable);
      expect(count.all).toBe(ledger.all);
      expect(count.peft).toBe(ledger.peftLine);
    });
  }

  it('reproduces the ARCHITECTURE §3.2 line by hand: 4·(8+16) + 4·(16+16) = 224 of 484 + 224', () => {
    const count = loraParameters(describeToy({ task: 'classification' }), { rank: 4, targets: ['fc1', 'fc2'] });
    expect(count.trainable).toBe(4 * (8 + 16) + 4 * (16 + 16));
    expect(count.peft).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384');
    // The toy's defaults are core's: r = 4 on fc1 and fc2.
    expect(loraParameters(describeToy({ task: 'classification' })).peft).toBe(count.peft);
    // all-linear leaves out fc3, the output head.
    expect(loraParameters(describeToy(), { rank: 4, targets: 'all-linear' }).modules.map((m) => m.name)).toEqual([
      'fc1',
      'fc2',
    ]);
  });
});

describe('rankCurve', () => {
  it('sweeps powers of two up to the break-even rank, where r·Σ(in+out) reaches Σ in·out', () => {
    const d = describeModel('llama-2-7b');
    const curve = rankCurve(d, { method: 'lora', targets: ['q_proj', 'v_proj'] });
    // q and v are 4096×4096: r* = 4096·4096/(4096+4096) = 2048.
    expect(curve.breakEvenRank).toBe(2048);
    expect(curve.points.map((p) => p.rank)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]);
    expect(curve.points.map((p) => p.trainable)).toEqual(curve.points.map((p) => 64 * p.rank * 8192));
    // At the break-even rank the adapter has exactly as many parameters as the weights it adapts.
    expect(curve.points.at(-1)!.trainable).toBe(curve.targetedWeights);
    expect(curve.targetedWeights).toBe(64 * 4096 * 4096);
    for (let i = 1; i < curve.points.length; i++) {
      expect(curve.points[i]!.totalBytes).toBeGreaterThan(curve.points[i - 1]!.totalBytes);
    }
  });

  it('gives the toy the break-even rank of core: in·out/(in+out) for one layer', () => {
    const curve = rankCurve(describeToy(), { targets: ['fc2'] });
    expect(curve.breakEvenRank).toBe((16 * 16) / (16 + 16));
    expect(curve.points.map((p) => p.rank)).toEqual([1, 2, 4, 8]);
    expect(rankCurve(describeToy(), { targets: ['fc2'] }, 2).points).toHaveLength(2);
  });

  it('refuses full fine-tuning, which has no rank', () => {
    expect(() => rankCurve(describeToy(), { method: 'full' })).toThrow(/^method:/);
  });
});
