import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { cli } from './cli-helpers.js';

/** Runs the CLI with an in-memory file system for `--config`. */
async function cliWithFiles(files: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readFile: (path: string) => {
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path]!;
    },
  });
  return { code, stdout, stderr };
}

interface MemoryJson {
  model: string;
  method: string;
  params: { total: number; trainable: number; frozen: number };
  peft: string;
  bytes: Record<string, number>;
  formulae: Record<string, string>;
  gpu?: { id: string; bytes: number; fits: boolean; headroom: number; largestBatch: number };
}

async function memoryJson(...argv: string[]): Promise<MemoryJson> {
  const run = await cli('memory', ...argv, '--json');
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.endsWith('}\n')).toBe(true);
  expect(run.stdout.split('\n')).toHaveLength(2);
  return JSON.parse(run.stdout) as MemoryJson;
}

const COMPONENT_KEYS = ['weights', 'quantConstants', 'adapters', 'gradients', 'optimizer', 'activations', 'total'];

describe('lora-viz models', () => {
  it('lists every preset with its exact parameter count', async () => {
    const run = await cli('models');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^id\s+model\s+family\s+layers\s+hidden\s+heads\/kv\s+vocab\s+parameters$/);
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r.startsWith('llama-2-7b '))).toMatch(/\b32\s+4096\s+32\/32\s+32000\s+6,738,415,616$/);
    expect(rows.find((r) => r.startsWith('llama-2-70b '))).toMatch(/64\/8\s+32000\s+68,976,648,192$/);
  });

  it('prints {"models": [...]} with --json', async () => {
    const run = await cli('models', '--json');
    const doc = JSON.parse(run.stdout) as { models: { id: string; params: number; kvHeads: number }[] };
    expect(doc.models.map((m) => [m.id, m.params])).toContainEqual(['gpt2', 124_439_808]);
    expect(doc.models.find((m) => m.id === 'mistral-7b')).toMatchObject({ params: 7_241_732_096, kvHeads: 8 });
  });
});

describe('lora-viz memory', () => {
  it("prints the issue's JSON for Llama 2 7B, LoRA r = 8 on q_proj, v_proj", async () => {
    const doc = await memoryJson(
      '--model',
      'llama-2-7b',
      '--method',
      'lora',
      '--rank',
      '8',
      '--targets',
      'q_proj,v_proj',
    );
    expect(Object.keys(doc)).toEqual(['model', 'method', 'params', 'peft', 'bytes', 'formulae']);
    expect(doc.model).toBe('llama-2-7b');
    expect(doc.method).toBe('lora');
    expect(doc.params).toEqual({ total: 6_738_415_616, trainable: 4_194_304, frozen: 6_738_415_616 });
    expect(doc.peft).toBe('trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
    expect(Object.keys(doc.bytes)).toEqual(COMPONENT_KEYS);
    expect(Object.keys(doc.formulae)).toEqual(COMPONENT_KEYS);
    for (const value of Object.values(doc.bytes)) expect(Number.isSafeInteger(value)).toBe(true);
    // bf16 base, fp32 adapter, AdamW: 2·Ψ + 4·A + 4·A + 8·A + activations.
    expect(doc.bytes.weights).toBe(2 * 6_738_415_616);
    expect(doc.bytes.adapters + doc.bytes.gradients + doc.bytes.optimizer).toBe(16 * 4_194_304);
  });

  it("reproduces ZeRO's 16 bytes per parameter for full fine-tuning in mixed precision", async () => {
    const doc = await memoryJson('--model', 'gpt2', '--method', 'full', '--precision', 'fp16', '--master-weights');
    expect(doc.bytes.weights + doc.bytes.gradients + doc.bytes.optimizer).toBe(16 * 124_439_808);
    expect(doc.peft).toBe('trainable params: 124,439,808 || all params: 124,439,808 || trainable%: 100.0000');
  });

  it('gives QLoRA with and without double quantization its constants (0.127 and 0.5 bit per quantized weight)', async () => {
    const linear = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    const dq = await memoryJson('--model', 'llama-2-7b', '--method', 'qlora');
    expect((8 * dq.bytes.quantConstants) / linear).toBeCloseTo(0.126953125, 5);
    expect(await memoryJson('--model', 'llama-2-7b', '--method', 'qlora', '--double-quant')).toEqual(dq);
    const plain = await memoryJson('--model', 'llama-2-7b', '--method', 'qlora', '--no-double-quant');
    expect((8 * plain.bytes.quantConstants) / linear).toBe(0.5);
    expect(plain.formulae.quantConstants).toContain('32/64 = 0.5 bit per weight');
  });

  it('uses the toy MLP without --model or --config, with the model options of the other commands', async () => {
    const doc = await memoryJson('--task', 'classification', '--rank', '4', '--targets', 'fc1,fc2');
    expect(doc.model).toBe('toy');
    // The same line as `lora-viz params --task classification` (ARCHITECTURE §3.2).
    expect(doc.peft).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384');
    // fp32 toy, by hand: 484·4 + 224·4 + 224·4 + 224·8 + (8+16+16)·4 + 4·4 + 8·4.
    expect(doc.bytes.total).toBe(484 * 4 + 224 * 4 + 224 * 4 + 224 * 8 + 40 * 4 + 16 + 32);
    const params = await cli('params', '--task', 'classification');
    expect(params.stdout).toBe(`${doc.peft}\n`);
  });

  it('adds a "gpu" verdict with --gpu', async () => {
    const doc = await memoryJson('--model', 'llama-2-7b', '--method', 'qlora', '--gpu', 't4');
    expect(doc.gpu).toMatchObject({ id: 't4', bytes: 16 * 2 ** 30, fits: true });
    expect(doc.gpu!.headroom).toBe(16 * 2 ** 30 - doc.bytes.total);
    expect(doc.gpu!.largestBatch).toBeGreaterThanOrEqual(1);
  });

  it('adds an overhead line only with --overhead', async () => {
    const doc = await memoryJson('--model', 'gpt2', '--overhead');
    expect(Object.keys(doc.bytes)).toEqual([...COMPONENT_KEYS.slice(0, -1), 'overhead', 'total']);
    expect(doc.formulae.overhead).toMatch(/assumed/);
  });

  it('prints a readable table whose numbers are those of the JSON', async () => {
    const argv = [
      'memory',
      '--model',
      'mistral-7b',
      '--method',
      'qlora',
      '--rank',
      '16',
      '--batch',
      '2',
      '--seq',
      '1024',
    ];
    const run = await cli(...argv);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = await memoryJson(...argv.slice(1));
    expect(run.stdout).toMatch(/^model: {2}Mistral 7B \[mistral-7b, llama family\]: 7,241,732,096 parameters/);
    expect(run.stdout).toContain(`peft:   ${doc.peft}`);
    for (const key of COMPONENT_KEYS) {
      const row = run.stdout.split('\n').find((line) => line.startsWith(`${key} `));
      const bytes = Number(row!.split(/\s+/)[1]!.replaceAll(',', ''));
      expect(bytes, key).toBe(doc.bytes[key]);
    }
    expect(run.stdout).toContain('How each line is computed:');
  });

  it('warns on stderr about options that do not apply, and still succeeds', async () => {
    const run = await cli('memory', '--model', 'gpt2', '--method', 'full', '--rank', '4', '--double-quant');
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'lora-viz: warning: --rank is ignored with --method full (no adapter)',
      'lora-viz: warning: --double-quant is ignored with --method full (nothing is quantized)',
    ]);
    const toy = await cli('memory', '--seq', '64', '--checkpointing', '--json');
    expect(toy.code).toBe(0);
    expect(JSON.parse(toy.stdout)).toEqual(JSON.parse((await cli('memory', '--json')).stdout));
    expect(toy.stderr).toBe(
      'lora-viz: warning: --seq is ignored for the toy MLP (one vector per sample, no attention layers)\n' +
        'lora-viz: warning: --checkpointing is ignored for the toy MLP (one vector per sample, no attention layers)\n',
    );
  });
});

describe('lora-viz memory --config', () => {
  const llama = JSON.stringify({
    _name_or_path: 'meta-llama/Llama-2-70b-hf',
    model_type: 'llama',
    hidden_size: 8192,
    intermediate_size: 28672,
    num_hidden_layers: 80,
    num_attention_heads: 64,
    num_key_value_heads: 8,
    vocab_size: 32000,
    tie_word_embeddings: false,
  });
  const gpt2 = JSON.stringify({
    model_type: 'gpt2',
    n_embd: 768,
    n_layer: 12,
    n_head: 12,
    n_positions: 1024,
    vocab_size: 50257,
  });

  it('reads a Llama config with grouped-query attention and gives the published count', async () => {
    const run = await cliWithFiles({ '/m/config.json': llama }, 'memory', '--config', '/m/config.json', '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as MemoryJson;
    expect(doc.model).toBe('meta-llama/Llama-2-70b-hf');
    expect(doc.params.total).toBe(68_976_648_192);
    // Default targets q_proj (8192→8192) and v_proj (8192→1024) at r = 8 over 80 layers.
    expect(doc.params.trainable).toBe(80 * 8 * (8192 + 8192 + 8192 + 1024));
  });

  it('reads a GPT-2 config and names it after the file when it carries no _name_or_path', async () => {
    const run = await cliWithFiles({ 'gpt2/config.json': gpt2 }, 'memory', '--config', 'gpt2/config.json', '--json');
    const doc = JSON.parse(run.stdout) as MemoryJson;
    expect(doc.model).toBe('config.json');
    expect(doc.params.total).toBe(124_439_808);
    expect(doc.peft).toBe('trainable params: 294,912 || all params: 124,734,720 || trainable%: 0.2364');
  });

  const BAD: [string, Record<string, string>, string[], string][] = [
    ['a missing file', {}, ['--config', 'nope.json'], '--config cannot read "nope.json": ENOENT'],
    [
      'a file that is not JSON',
      { 'c.json': '{"model_type": ' },
      ['--config', 'c.json'],
      '--config "c.json" is not valid JSON',
    ],
    [
      'a config without hidden_size',
      { 'c.json': '{"model_type": "llama"}' },
      ['--config', 'c.json'],
      '--config "c.json": "hidden_size" must be a positive integer up to 16777216 (missing from config.json)',
    ],
    [
      'an unsupported model_type',
      { 'c.json': '{"model_type": "t5"}' },
      ['--config', 'c.json'],
      '"model_type" must be llama, mistral, gpt2 (got "t5")',
    ],
    ['--config with --model', { 'c.json': gpt2 }, ['--config', 'c.json', '--model', 'gpt2'], '--model and --config'],
    ['--config with --hidden', { 'c.json': gpt2 }, ['--config', 'c.json', '--hidden', '8'], '--hidden'],
  ];
  for (const [what, files, argv, needle] of BAD) {
    it(`exits 2 with one line for ${what}`, async () => {
      const run = await cliWithFiles(files, 'memory', ...argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(needle);
    });
  }

  it('refuses --config when the host gives no file reader', async () => {
    const run = await cli('memory', '--config', 'config.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('lora-viz: --config needs to read a file, which this host does not allow\n');
  });
});

describe('lora-viz memory bad input', () => {
  /** [what is wrong, argv after `memory`, text the one stderr line must contain]. */
  const BAD: [string, string[], string][] = [
    ['an unknown model', ['--model', 'llama-4'], '--model must be one of gpt2, gpt2-medium'],
    ['a missing --model value', ['--model'], '--model'],
    ['an unknown method', ['--method', 'prefix'], '--method must be one of full, lora, qlora (got "prefix")'],
    ['rank 0', ['--model', 'gpt2', '--rank', '0'], '--rank must be a positive integer up to 65536'],
    ['a fractional rank', ['--rank', '2.5'], '--rank'],
    ['a rank above 65536', ['--model', 'gpt2', '--rank', '65537'], '--rank'],
    ['a non-finite alpha', ['--alpha', 'Infinity'], '--alpha'],
    [
      'an unknown target',
      ['--model', 'llama-2-7b', '--targets', 'q_proj,query'],
      '--targets must be module names of llama-2-7b',
    ],
    ['a toy layer on a real model', ['--model', 'gpt2', '--targets', 'fc1'], '--targets'],
    [
      'a real module on the toy',
      ['--targets', 'q_proj'],
      '--targets must be module names of toy: fc1, fc2, fc3, all-linear',
    ],
    [
      'a norm target',
      ['--model', 'gpt2', '--targets', 'ln_1'],
      '--targets must be linear, Conv1D or embedding modules',
    ],
    ['an empty target item', ['--model', 'gpt2', '--targets', 'c_attn,'], '--targets'],
    ['all-linear with another target', ['--model', 'gpt2', '--targets', 'all-linear,c_fc'], '--targets'],
    ['an unknown precision', ['--precision', 'fp8'], '--precision must be one of fp32, fp16, bf16 (got "fp8")'],
    ['an unknown adapter precision', ['--adapter-precision', 'int8'], '--adapter-precision'],
    [
      'an unknown optimizer',
      ['--optimizer', 'adam'],
      '--optimizer must be one of adamw, adamw-8bit, sgd, sgd-momentum',
    ],
    ['an unknown quantization', ['--method', 'qlora', '--quant', 'fp4'], '--quant must be one of nf4, int8'],
    ['both double-quant switches', ['--double-quant', '--no-double-quant'], '--double-quant and --no-double-quant'],
    ['batch 0', ['--batch', '0'], '--batch must be an integer from 1 to 65536'],
    ['a negative batch', ['--batch=-1'], '--batch'],
    ['a batch in words', ['--batch', 'four'], '--batch'],
    ['sequence length 0', ['--model', 'gpt2', '--seq', '0'], '--seq must be an integer from 1 to 1048576'],
    ['an overflowing batch × seq', ['--model', 'gpt-3-175b', '--batch', '65536', '--seq', '1048576'], '--batch'],
    [
      'an unknown attention kernel',
      ['--model', 'gpt2', '--attention', 'sdpa'],
      '--attention must be one of eager, flash',
    ],
    ['an unknown gpu', ['--gpu', 'v100'], '--gpu must be one of t4, rtx-3090'],
    ['a value given to a switch', ['--checkpointing=yes'], '--checkpointing'],
    ['a value given to --master-weights', ['--master-weights=1'], '--master-weights'],
    ['an unknown task', ['--task', 'translation'], '--task'],
    ['hidden 0', ['--hidden', '0'], '--hidden'],
    ['an input dim of 4097', ['--input-dim', '4097'], '--input-dim'],
    ['--task beside --model', ['--model', 'gpt2', '--task', 'sentiment'], '--task sizes the toy MLP'],
    ['a toy-only option', ['--seed', '3'], '--seed is not an option of memory'],
    ['--no-lora (use --method full)', ['--no-lora'], '--no-lora'],
    ['--modules-to-save', ['--modules-to-save', 'fc3'], '--modules-to-save'],
    ['an option of trace', ['--steps', '3'], '--steps'],
  ];
  for (const [what, argv, needle] of BAD) {
    it(`exits 2 with one stderr line naming the flag for ${what}`, async () => {
      const run = await cli('memory', ...argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.endsWith('\n')).toBe(true);
      const lines = run.stderr.slice(0, -1).split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^lora-viz: /);
      expect(lines[0]).toContain(needle);
    });
  }

  it('rejects memory options on other commands and the other way round', async () => {
    expect((await cli('params', '--model', 'gpt2')).stderr).toContain(
      '--model is not an option of params (it belongs to: memory)',
    );
    expect((await cli('models', '--rank', '4')).stderr).toContain('--rank is not an option of models');
    expect((await cli('trace', '--batch', '4')).code).toBe(2);
  });

  it('lists both new commands and their options in --help', async () => {
    const help = (await cli('--help')).stdout;
    for (const word of [
      'models',
      'memory',
      '--model NAME',
      '--config FILE',
      '--method M',
      '--no-double-quant',
      '--gpu NAME',
    ]) {
      expect(help).toContain(word);
    }
    expect(help).toContain('Options of models: --json (see above)');
    expect(help).toMatch(
      /Options of memory:[\s\S]*and, as above: --task, --input-dim, --hidden, --rank, --alpha, --targets, --json/,
    );
  });
});
