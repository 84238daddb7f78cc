import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/model/errors.js';
import { describeToy } from '../src/memory/describe-toy.js';
import { estimateMemory, type MemoryOptions } from '../src/memory/estimate-memory.js';
import { fitOnGpu } from '../src/memory/fit-on-gpu.js';
import { formatBytes, groupDigits } from '../src/memory/format-bytes.js';
import { GPUS } from '../src/memory/gpus.js';
import { describeModel, MODEL_IDS } from '../src/memory/model-presets.js';
import { quantConstantBits, quantizedStorage } from '../src/memory/quantized-storage.js';
import { readHfConfig } from '../src/memory/read-hf-config.js';

const GPT2_PARAMS = 124_439_808;
const LLAMA7_PARAMS = 6_738_415_616;

describe('model state for full fine-tuning (ZeRO, §3.1)', () => {
  it('costs 16·Ψ bytes in mixed precision with Adam: 2Ψ fp16 weights + 2Ψ fp16 gradients + 12Ψ (fp32 master, momentum, variance)', () => {
    const e = estimateMemory(describeModel('llama-2-7b'), { method: 'full', precision: 'fp16', masterWeights: true });
    const psi = LLAMA7_PARAMS;
    expect(e.bytes.weights).toBe(2 * psi);
    expect(e.bytes.gradients).toBe(2 * psi);
    expect(e.bytes.optimizer).toBe(12 * psi);
    expect(e.bytes.weights + e.bytes.gradients + e.bytes.optimizer).toBe(16 * psi);
    expect(e.params).toEqual({ total: psi, trainable: psi, frozen: 0 });
    expect(e.peft).toBe('trainable params: 6,738,415,616 || all params: 6,738,415,616 || trainable%: 100.0000');
    expect(e.formulae.optimizer).toMatch(/2 \+ 2 \+ 12 = 16 bytes per parameter.*ZeRO/);
  });

  it('costs 12·Ψ in pure bf16 (no master copy: 2 + 2 + 8) and 16·Ψ in fp32 (4 + 4 + 8)', () => {
    const d = describeModel('gpt2');
    const pure = estimateMemory(d, { method: 'full', precision: 'bf16' });
    expect(pure.bytes.weights + pure.bytes.gradients + pure.bytes.optimizer).toBe(12 * GPT2_PARAMS);
    const fp32 = estimateMemory(d, { method: 'full', precision: 'fp32' });
    expect(fp32.bytes.weights + fp32.bytes.gradients + fp32.bytes.optimizer).toBe(16 * GPT2_PARAMS);
    // A master copy of weights that are already fp32 changes nothing, and says so.
    const again = estimateMemory(d, { method: 'full', precision: 'fp32', masterWeights: true });
    expect(again.bytes.optimizer).toBe(fp32.bytes.optimizer);
    expect(again.warnings.join(' ')).toMatch(/an fp32 master copy has no effect/);
  });

  it('charges each optimizer its states: AdamW 8, 8-bit AdamW 2, SGD 0, SGD with momentum 4 bytes per parameter', () => {
    const d = describeModel('gpt2');
    const perParam = (optimizer: MemoryOptions['optimizer']) =>
      estimateMemory(d, { method: 'full', precision: 'fp32', optimizer }).bytes.optimizer / GPT2_PARAMS;
    expect([perParam('adamw'), perParam('adamw-8bit'), perParam('sgd'), perParam('sgd-momentum')]).toEqual([
      8, 2, 0, 4,
    ]);
  });

  it('warns that fp16 trainable weights without a master copy do not train under AMP', () => {
    const e = estimateMemory(describeModel('gpt2'), { method: 'full', precision: 'fp16' });
    expect(e.warnings.join(' ')).toMatch(/Attempting to unscale FP16 gradients/);
  });
});

describe('LoRA and QLoRA', () => {
  it('keeps the base frozen at its precision and pays gradients and AdamW states for fp32 adapters only', () => {
    const e = estimateMemory(describeModel('llama-2-7b'), { method: 'lora', rank: 8, targets: ['q_proj', 'v_proj'] });
    const adapter = 4_194_304;
    expect(e.params).toEqual({ total: LLAMA7_PARAMS, trainable: adapter, frozen: LLAMA7_PARAMS });
    expect(e.bytes.weights).toBe(2 * LLAMA7_PARAMS); // bf16 by default
    expect(e.bytes.quantConstants).toBe(0);
    expect(e.bytes.adapters).toBe(4 * adapter); // PEFT upcasts adapters to fp32
    expect(e.bytes.gradients).toBe(4 * adapter);
    expect(e.bytes.optimizer).toBe(8 * adapter);
    expect(e.peft).toBe('trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
  });

  it('stores 16-bit adapters in 2 bytes, and adds a 4-byte master copy only when asked', () => {
    const d = describeModel('llama-2-7b');
    const base: MemoryOptions = { method: 'lora', rank: 8, targets: ['q_proj', 'v_proj'], adapterPrecision: 'bf16' };
    const adapter = 4_194_304;
    const e = estimateMemory(d, base);
    expect([e.bytes.adapters, e.bytes.gradients, e.bytes.optimizer]).toEqual([2 * adapter, 2 * adapter, 8 * adapter]);
    expect(estimateMemory(d, { ...base, masterWeights: true }).bytes.optimizer).toBe(12 * adapter);
  });

  it('has QLoRA constants of 0.5 bit per weight, and 8/64 + 32/(64·256) = 0.126953125 with double quantization (QLoRA, §3)', () => {
    expect(quantConstantBits(false)).toBe(0.5);
    expect(quantConstantBits(true)).toBe(0.126953125);
    expect(quantConstantBits(true).toFixed(6)).toBe('0.126953');
    // A 4096×4096 weight: 262,144 blocks of 64.
    const n = 4096 * 4096;
    expect(quantizedStorage(4096, 4096, 'nf4', false)).toEqual({ data: n / 2, constants: (n / 64) * 4 });
    const dq = quantizedStorage(4096, 4096, 'nf4', true);
    // 262,144 one-byte absmax values + 1,024 fp32 second-level constants + one fp32 offset.
    expect(dq).toEqual({ data: n / 2, constants: n / 64 + (n / 64 / 256) * 4 + 4 });
    expect((8 * dq.constants) / n).toBeCloseTo(0.126953125, 5);
    // Blocks are whole: 65 values need 2 blocks.
    expect(quantizedStorage(1, 65, 'nf4', false)).toEqual({ data: 33, constants: 8 });
    // LLM.int8(): a byte per weight and an fp32 scale per output row.
    expect(quantizedStorage(11008, 4096, 'int8', false)).toEqual({ data: 11008 * 4096, constants: 11008 * 4 });
  });

  it('quantizes the linear layers of Llama 2 7B to NF4 and keeps embeddings, norms and lm_head in 16 bits', () => {
    const e = estimateMemory(describeModel('llama-2-7b'), { method: 'qlora', rank: 8, targets: ['q_proj', 'v_proj'] });
    const linear = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    const other = LLAMA7_PARAMS - linear; // embed_tokens, lm_head, norms
    expect(other).toBe(2 * 32000 * 4096 + 65 * 4096);
    expect(e.bytes.weights).toBe(linear / 2 + 2 * other);
    const tensors = { attention: 32 * 4, mlp: 32 * 3 };
    const blocks = { attention: (4096 * 4096) / 64, mlp: (4096 * 11008) / 64 };
    const constants = (b: number) => b + 4 * Math.ceil(b / 256) + 4;
    expect(e.bytes.quantConstants).toBe(
      tensors.attention * constants(blocks.attention) + tensors.mlp * constants(blocks.mlp),
    );
    // The paper's per-parameter figure, up to the per-tensor offsets and block rounding.
    expect((8 * e.bytes.quantConstants) / linear).toBeCloseTo(0.126953125, 5);
    const noDq = estimateMemory(describeModel('llama-2-7b'), { method: 'qlora', doubleQuant: false });
    expect((8 * noDq.bytes.quantConstants) / linear).toBe(0.5);
    expect(e.peft).toBe('trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
  });

  it('shows why rank barely matters at 7B: r = 8 → 64 adds less than activations at batch 4', () => {
    const d = describeModel('llama-2-7b');
    const at = (rank: number, batch = 1) => estimateMemory(d, { method: 'qlora', rank, batch, seq: 512 }).bytes;
    const rankCost = at(64).total - at(8).total;
    const batchCost = at(8, 4).activations - at(8, 1).activations;
    expect(rankCost).toBeLessThan(batchCost / 10);
  });
});

describe('activations (Korthikanti et al. 2022, §4.1)', () => {
  it('gives a GPT-2 layer exactly s·b·h·(34 + 5·a·s/h) bytes, for several batch and sequence sizes', () => {
    const d = describeModel('gpt2');
    for (const [s, b] of [
      [1024, 1],
      [512, 8],
      [128, 3],
    ] as const) {
      const e = estimateMemory(d, { method: 'full', precision: 'bf16', seq: s, batch: b });
      const h = 768;
      const a = 12;
      expect(e.activations.perLayer).toBe(s * b * h * 34 + 5 * a * s * s * b);
      expect(e.activations.layerBytes).toBe(12 * e.activations.perLayer);
      // Outside the layers: final norm input and head input (2·sbh each in 16 bits), fp32 logits 4·sbV,
      // and the embedding dropout mask sbh.
      expect(e.activations.outside).toBe(2 * 2 * s * b * h + 4 * s * b * 50257 + s * b * h);
      expect(e.bytes.activations).toBe(e.activations.layerBytes + e.activations.outside);
    }
  });

  it('keeps 2·s·b·h per layer and one recomputed layer under full checkpointing', () => {
    const d = describeModel('gpt2');
    const [s, b, h, a] = [1024, 4, 768, 12];
    const e = estimateMemory(d, { method: 'full', seq: s, batch: b, checkpointing: true });
    const layer = s * b * h * 34 + 5 * a * s * s * b;
    expect(e.activations.layerBytes).toBe(12 * 2 * s * b * h + layer);
  });

  it('derives a Llama layer by the same accounting: 16·sbh + 8·sbf + 2·a·s²·b with no dropout', () => {
    const d = describeModel('llama-2-7b');
    const [s, b, h, f, a] = [256, 2, 4096, 11008, 32];
    const e = estimateMemory(d, { method: 'full', seq: s, batch: b });
    // norms 2·2sbh, q/k/v input 2sbh, Q, K, V 3·2sbh, o_proj input 2sbh, MLP input 2sbh,
    // gate, up, SiLU and product outputs 4·2sbf, softmax output 2as²b; no dropout masks.
    expect(e.activations.perLayer).toBe((4 + 2 + 6 + 2 + 2) * s * b * h + 8 * s * b * f + 2 * a * s * s * b);
    expect(e.activations.outside).toBe(2 * 2 * s * b * h + 4 * s * b * 32000);
  });

  it('drops the s² scores with flash attention and keeps K and V at the grouped width', () => {
    const d = describeModel('llama-2-70b');
    const [s, b, h, f, a] = [2048, 1, 8192, 28672, 64];
    const kv = 8 * 128;
    const e = estimateMemory(d, { method: 'qlora', seq: s, batch: b, attention: 'flash' });
    // 2·(2h + h + h + 2·kv + h + h + 4f) per token + an fp32 log-sum-exp per head and token.
    expect(e.activations.perLayer).toBe(2 * s * b * (6 * h + 2 * kv + 4 * f) + 4 * a * s * b);
  });

  it('adds r values per token for each adapted module (A·x, the input of B)', () => {
    const d = describeModel('llama-2-7b');
    const full = estimateMemory(d, { method: 'full', seq: 512 });
    const lora = estimateMemory(d, { method: 'lora', rank: 8, targets: ['q_proj', 'v_proj'], seq: 512 });
    expect(lora.bytes.activations - full.bytes.activations).toBe(32 * 2 * 8 * 512 * 2);
    expect(lora.activations.lora).toBe(32 * 2 * 8 * 512 * 2);
  });

  it('doubles the values (not the masks) in fp32', () => {
    const d = describeModel('gpt2');
    const [s, b, h, a] = [64, 1, 768, 12];
    const e = estimateMemory(d, { method: 'full', precision: 'fp32', seq: s, batch: b });
    // 32·sbh values and 4·as²b score values at 4 bytes, plus 2·sbh + as²b mask bytes.
    expect(e.activations.perLayer).toBe(4 * (16 * s * b * h + 2 * a * s * s * b) + 2 * s * b * h + a * s * s * b);
  });
});

describe('the toy, by hand', () => {
  it('adds up a classification toy with LoRA r = 4 on fc1, fc2 in fp32 with AdamW, batch 1', () => {
    const e = estimateMemory(describeToy({ task: 'classification' }), {});
    // Parameters: fc1 8·16 + 16 = 144, fc2 16·16 + 16 = 272, fc3 16·4 + 4 = 68 → 484; adapter 4·(8+16) + 4·(16+16) = 224.
    expect(e.params).toEqual({ total: 484, trainable: 224, frozen: 484 });
    expect(e.bytes.weights).toBe(484 * 4); // 1,936
    expect(e.bytes.adapters).toBe(224 * 4); // 896
    expect(e.bytes.gradients).toBe(224 * 4); // 896
    expect(e.bytes.optimizer).toBe(224 * 8); // 1,792
    // Activations per sample: x (8) + two ReLU outputs (16 + 16) in fp32, output 4 in fp32, A·x of fc1 and fc2 (4 + 4).
    expect(e.bytes.activations).toBe((8 + 16 + 16) * 4 + 4 * 4 + (4 + 4) * 4); // 208
    expect(e.bytes.total).toBe(1936 + 896 + 896 + 1792 + 208);
    expect(e.bytes.total).toBe(5728);
    expect(e.peft).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384');
  });

  it('quantizes fc1 and fc2 of the toy to NF4 and keeps fc3 (the head) and the biases in 32 bits', () => {
    const e = estimateMemory(describeToy(), { method: 'qlora', doubleQuant: false });
    // fc1 128 weights → 64 bytes, 2 blocks; fc2 256 → 128 bytes, 4 blocks; the rest: 450 − 384 = 66 params × 4.
    expect(e.bytes.weights).toBe(64 + 128 + 66 * 4);
    expect(e.bytes.quantConstants).toBe((2 + 4) * 4);
    const dq = estimateMemory(describeToy(), { method: 'qlora' });
    // Double quantization per tensor: one byte per block, one fp32 per 256 blocks, one fp32 offset.
    expect(dq.bytes.quantConstants).toBe(2 + 4 + 4 + (4 + 4 + 4));
  });

  it('warns that sequence length and checkpointing do nothing for the toy', () => {
    const e = estimateMemory(describeToy(), { seq: 100, checkpointing: true });
    expect(e.bytes.activations).toBe(estimateMemory(describeToy()).bytes.activations);
    expect(e.warnings).toHaveLength(2);
  });
});

describe('estimateMemory as data', () => {
  it('returns whole bytes that add up to the total, structured-cloneable, for any option mix', () => {
    const ids = [...MODEL_IDS, 'toy'];
    fc.assert(
      fc.property(
        fc.record({
          id: fc.constantFrom(...ids),
          method: fc.constantFrom('full' as const, 'lora' as const, 'qlora' as const),
          rank: fc.integer({ min: 1, max: 512 }),
          precision: fc.constantFrom('fp32' as const, 'fp16' as const, 'bf16' as const),
          optimizer: fc.constantFrom('adamw' as const, 'adamw-8bit' as const, 'sgd' as const, 'sgd-momentum' as const),
          masterWeights: fc.boolean(),
          doubleQuant: fc.boolean(),
          batch: fc.integer({ min: 1, max: 64 }),
          seq: fc.integer({ min: 1, max: 4096 }),
          checkpointing: fc.boolean(),
          attention: fc.constantFrom('eager' as const, 'flash' as const),
          overhead: fc.boolean(),
        }),
        ({ id, ...options }) => {
          const d = id === 'toy' ? describeToy() : describeModel(id);
          const e = estimateMemory(d, { ...options, targets: 'all-linear' });
          const parts = Object.entries(e.bytes).filter(([k]) => k !== 'total');
          for (const [, v] of parts) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
          expect(parts.reduce((sum, [, v]) => sum + v, 0)).toBe(e.bytes.total);
          expect(structuredClone(e)).toEqual(e);
          // More sequences never need less memory.
          expect(
            estimateMemory(d, { ...options, targets: 'all-linear', batch: options.batch + 1 }).bytes.total,
          ).toBeGreaterThan(e.bytes.total);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('explains every component with a formula that quotes its number', () => {
    const e = estimateMemory(describeModel('llama-2-7b'), { method: 'qlora', overhead: true });
    for (const key of [
      'weights',
      'quantConstants',
      'adapters',
      'gradients',
      'optimizer',
      'activations',
      'overhead',
      'total',
    ] as const) {
      expect(e.formulae[key], key).toContain(groupDigits(e.bytes[key]!));
    }
    expect(e.formulae.quantConstants).toMatch(/0\.126953125 bit per weight.*QLoRA/);
    expect(e.formulae.activations).toMatch(/Korthikanti et al\. 2022/);
    expect(e.formulae.overhead).toMatch(/assumed allowance, not from a paper/);
  });

  it('adds the overhead only when asked: fixed bytes plus a fraction of the rest', () => {
    const d = describeModel('gpt2');
    const without = estimateMemory(d);
    expect(without.bytes.overhead).toBeUndefined();
    expect(without.formulae.overhead).toBeUndefined();
    const mine = estimateMemory(d, { overhead: { fixedBytes: 1000, fraction: 0.5 } });
    expect(mine.bytes.overhead).toBe(1000 + Math.round(0.5 * without.bytes.total));
    expect(mine.bytes.total).toBe(without.bytes.total + mine.bytes.overhead!);
  });

  it('names the option at fault', () => {
    const d = describeModel('gpt2');
    const bad: [MemoryOptions, RegExp][] = [
      [{ method: 'prefix' as never }, /^method: got "prefix"; expected full, lora, qlora$/],
      [{ precision: 'fp8' as never }, /^precision:/],
      [{ adapterPrecision: 'int4' as never }, /^adapterPrecision:/],
      [{ optimizer: 'adam' as never }, /^optimizer: got "adam"; expected adamw, adamw-8bit, sgd, sgd-momentum$/],
      [{ quantization: 'fp4' as never }, /^quantization:/],
      [{ batch: 0 }, /^batch: got 0/],
      [{ seq: 1.5 }, /^seq: got 1.5/],
      [{ seq: 2_000_000 }, /^seq:/],
      [{ alpha: Number.NaN }, /^alpha:/],
      [{ attention: 'sdpa' as never }, /^attention:/],
      [{ overhead: { fixedBytes: -1, fraction: 0 } }, /^overhead:/],
      [{ targets: ['q_proj'] }, /^targets: "q_proj" matches no module/],
    ];
    for (const [options, message] of bad) {
      expect(() => estimateMemory(d, options), JSON.stringify(options)).toThrow(InvalidOptionError);
      expect(() => estimateMemory(d, options)).toThrow(message);
    }
  });

  it('refuses settings whose byte count would not be exact in a double', () => {
    const big = readHfConfig({ model_type: 'gpt2', n_embd: 16384, n_layer: 128, n_head: 128, vocab_size: 50257 });
    expect(() => estimateMemory(big, { batch: 65536, seq: 1_048_576 })).toThrow(/^batch:.*2\^53/);
  });
});

describe('GPUs and fitOnGpu', () => {
  it('lists capacities as GiB: 16 GiB for a T4, 80 GiB for an H100', () => {
    expect(GPUS.find((g) => g.id === 't4')!.bytes).toBe(16 * 1024 ** 3);
    expect(GPUS.find((g) => g.id === 'h100-80gb')!.bytes).toBe(80 * 1024 ** 3);
    expect(new Set(GPUS.map((g) => g.id)).size).toBe(GPUS.length);
    expect(GPUS.map((g) => g.advertisedGB)).toEqual([...GPUS.map((g) => g.advertisedGB)].sort((x, y) => x - y));
  });

  it('finds the largest batch that fits, checked against the estimates on either side', () => {
    const d = describeModel('llama-2-7b');
    const options: MemoryOptions = { method: 'qlora', rank: 16, targets: 'all-linear', seq: 512 };
    const fit = fitOnGpu(d, options, 't4');
    const gpu = 16 * 1024 ** 3;
    expect(fit.fits).toBe(true);
    expect(fit.required).toBe(estimateMemory(d, options).bytes.total);
    expect(fit.headroom).toBe(gpu - fit.required);
    expect(fit.largestBatch).toBeGreaterThan(1);
    expect(estimateMemory(d, { ...options, batch: fit.largestBatch }).bytes.total).toBeLessThanOrEqual(gpu);
    expect(estimateMemory(d, { ...options, batch: fit.largestBatch + 1 }).bytes.total).toBeGreaterThan(gpu);
  });

  it('says no, with batch 0, when even one sequence does not fit: full fine-tuning of 7B on 80 GiB', () => {
    // 16 bytes × 6.74e9 parameters ≈ 108 GB of model state alone.
    const fit = fitOnGpu(
      describeModel('llama-2-7b'),
      { method: 'full', precision: 'bf16', masterWeights: true },
      'h100-80gb',
    );
    expect(fit).toMatchObject({ fits: false, largestBatch: 0 });
    expect(fit.headroom).toBeLessThan(0);
  });

  it('caps the largest batch at 65,536 for a model that always fits, and takes a custom GPU', () => {
    const fit = fitOnGpu(describeToy(), {}, { id: 'mine', name: 'Mine', advertisedGB: 1, bytes: 2 ** 30 });
    expect(fit.largestBatch).toBe(65_536);
    expect(() => fitOnGpu(describeToy(), {}, 'v100')).toThrow(/^gpu: unknown GPU "v100"; expected one of t4/);
  });
});

describe('formatBytes', () => {
  it('writes binary and decimal units', () => {
    expect(formatBytes(13_476_831_232, 'GiB')).toBe('12.55 GiB');
    expect(formatBytes(13_476_831_232, 'GB')).toBe('13.48 GB');
    expect(formatBytes(708)).toBe('708 B');
    expect(formatBytes(3 * 2 ** 20)).toBe('3.00 MiB');
    expect(formatBytes(2_500_000, 'auto-decimal')).toBe('2.50 MB');
    expect(groupDigits(6_742_609_920)).toBe('6,742,609,920');
    expect(groupDigits(-1234)).toBe('-1,234');
  });
});
