import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tf } from '../src/index.js';
import { cli } from './cli-helpers.js';

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Runs a command expected to succeed with --json and returns the parsed document. */
async function json<T>(...argv: string[]): Promise<T> {
  const run = await cli(...argv, '--json');
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.endsWith('}\n')).toBe(true);
  return JSON.parse(run.stdout) as T;
}

interface LedgerRow {
  name: string;
  in: number;
  out: number;
  rank: number | null;
  base: number;
  frozen: number;
  lora: number;
  saved: number;
  trainable: number;
  total: number;
  breakEvenRank: number;
}

interface ParamsJson {
  trainable: number;
  all: number;
  trainablePercent: number;
  peft: string;
  layers: LedgerRow[];
}

interface ForwardLayer {
  name: string;
  in: number;
  out: number;
  weight: number[][];
  bias: number[];
  saved: { weight: number[][]; bias: number[] } | null;
  lora: { rank: number; alpha: number; scaling: number; A: number[][]; B: number[][] } | null;
}

interface ForwardJson {
  merged: boolean;
  layers: ForwardLayer[];
  input: number[];
  output: number[];
}

const dot = (row: readonly number[], x: readonly number[]): number => row.reduce((sum, w, j) => sum + w * x[j]!, 0);

/**
 * The forward pass recomputed in float64 from the document's own numbers only:
 * y = W x + b + s·B(A x) per layer (W, b from the saved copy when there is one), ReLU after fc1 and fc2.
 */
function referenceForward(doc: ForwardJson): number[] {
  let h = doc.input;
  for (const layer of doc.layers) {
    const weight = layer.saved?.weight ?? layer.weight;
    const bias = layer.saved?.bias ?? layer.bias;
    let y = weight.map((row, i) => dot(row, h) + bias[i]!);
    const lora = layer.lora;
    if (lora) {
      const down = lora.A.map((row) => dot(row, h));
      y = y.map((v, i) => v + lora.scaling * dot(lora.B[i]!, down));
    }
    h = layer.name === 'fc3' ? y : y.map((v) => Math.max(0, v));
  }
  return h;
}

/** float32 keeps about 7 significant digits: 1e-5 absolute near zero, relative for larger outputs. */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-5): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(Math.abs(a - e), `index ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e)));
  });
}

function expectShape(matrix: readonly number[][], rows: number, columns: number): void {
  expect(matrix).toHaveLength(rows);
  for (const row of matrix) expect(row).toHaveLength(columns);
}

const INPUT = '0.5,-1,0.25,2,-0.75,1.5,0,-2';

describe('lora-viz params', () => {
  it("prints PEFT's line for a classification head with LoRA r=4 on fc1,fc2, and nothing else", async () => {
    const run = await cli('params', '--task', 'classification', '--rank', '4', '--alpha', '8', '--targets', 'fc1,fc2');
    expect(run).toEqual({
      code: 0,
      stdout: 'trainable params: 224 || all params: 708 || trainable%: 31.6384\n',
      stderr: '',
    });
  });

  it('counts a module to save as a whole trainable copy of the layer', async () => {
    const run = await cli('params', '--task', 'classification', '--targets', 'fc1,fc2', '--modules-to-save', 'fc3');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('trainable params: 292 || all params: 776 || trainable%: 37.6289\n');
  });

  it('accepts --flag=value and options before the command', async () => {
    const run = await cli('--task=classification', 'params', '--rank=4', '--alpha=8', '--targets=fc1,fc2');
    expect(run.stdout).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384\n');
  });

  it('makes every parameter trainable with --no-lora, and ignores adapter options there', async () => {
    // Full fine-tuning of the bare classification model: the 708 of the LoRA line minus A and B (224).
    const base = 8 * 16 + 16 + (16 * 16 + 16) + (16 * 4 + 4);
    expect(base).toBe(708 - 224);
    for (const extra of [[], ['--rank', '0', '--targets', 'fc9', '--init', 'maybe']]) {
      const run = await cli('params', '--task', 'classification', '--no-lora', ...extra);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`trainable params: ${base} || all params: ${base} || trainable%: 100.0000\n`);
    }
    const doc = await json<ParamsJson>('params', '--task', 'classification', '--no-lora');
    expect(doc.trainable).toBe(base);
    expect(doc.all).toBe(base);
    expect(doc.layers.every((l) => l.rank === null && l.lora === 0 && l.frozen === 0)).toBe(true);
  });

  it('gives the ledger as JSON with per-layer counts derived from the layer sizes', async () => {
    const doc = await json<ParamsJson>('params');
    const r = 4;
    // Default model: sentiment head (2 outputs), input 8, hidden 16, LoRA r=4 on fc1 and fc2.
    const sizes: [string, number, number, boolean][] = [
      ['fc1', 8, 16, true],
      ['fc2', 16, 16, true],
      ['fc3', 16, 2, false],
    ];
    expect(doc.layers.map((l) => l.name)).toEqual(['fc1', 'fc2', 'fc3']);
    sizes.forEach(([name, inF, outF, targeted], i) => {
      const row = doc.layers[i]!;
      const lora = targeted ? r * (inF + outF) : 0;
      expect(row).toMatchObject({ name, in: inF, out: outF, base: outF * inF + outF, lora, trainable: lora });
      expect(row.breakEvenRank).toBeCloseTo((inF * outF) / (inF + outF), 12);
    });
    const trainable = 4 * (8 + 16) + 4 * (16 + 16);
    const all = 8 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2 + trainable;
    expect(doc.trainable).toBe(trainable);
    expect(doc.all).toBe(all);
    expect(doc.trainablePercent).toBeCloseTo((100 * trainable) / all, 12);
    expect(doc.peft).toBe(`trainable params: ${trainable} || all params: ${all} || trainable%: 33.2344`);
  });

  it('warns on stderr, and still succeeds, when the rank exceeds min(in, out) of a targeted layer', async () => {
    const run = await cli('params', '--rank', '10', '--hidden', '16', '--input-dim', '8');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    const warnings = lines(run.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^lora-viz: warning: fc1\b/);
    expect(warnings[0]).toContain('8');
  });

  it('keeps stdout a single JSON document when it warns', async () => {
    const run = await cli('params', '--rank', '10', '--json');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toMatch(/^lora-viz: warning: fc1/);
  });
});

describe('lora-viz forward', () => {
  const cases: [string, string[]][] = [
    ['default init', []],
    ['--init false', ['--init', 'false']],
    ['--init gaussian', ['--init', 'gaussian']],
    ['--rslora', ['--rslora', '--init', 'false']],
    ['targets including fc3', ['--targets', 'fc1,fc2,fc3', '--init', 'false']],
    ['a module to save', ['--targets', 'fc1', '--modules-to-save', 'fc2,fc3', '--init', 'false']],
    [
      'a bigger model',
      ['--input-dim', '8', '--hidden', '64', '--task', 'similarity', '--init', 'false', '--seed', '7'],
    ],
    ['--no-lora', ['--no-lora']],
  ];
  for (const rank of [1, 2, 4, 8]) {
    for (const alpha of [1, 8, 16]) {
      cases.push([`rank ${rank}, alpha ${alpha}`, ['--rank', `${rank}`, '--alpha', `${alpha}`, '--init', 'false']]);
    }
  }

  for (const [title, args] of cases) {
    it(`reproduces its output from its own JSON numbers (${title}), merged or not`, async () => {
      const doc = await json<ForwardJson>('forward', '--input', INPUT, ...args);
      expect(doc.merged).toBe(false);
      expect(doc.input).toEqual(INPUT.split(',').map(Number));
      expectClose(doc.output, referenceForward(doc));

      const merged = await json<ForwardJson>('forward', '--input', INPUT, '--merged', ...args);
      expect(merged.merged).toBe(!args.includes('--no-lora'));
      // The document always carries the unmerged base weights, so the same recomputation applies.
      expect(merged.layers).toEqual(doc.layers);
      expectClose(merged.output, doc.output);
      expectClose(merged.output, referenceForward(merged));
    });
  }

  it('gives every matrix its PyTorch shape: W out×in, A r×in, B out×r', async () => {
    const doc = await json<ForwardJson>('forward', '--input', INPUT, '--targets', 'fc1,fc3', '--rank', '3');
    const sizes = [
      [8, 16],
      [16, 16],
      [16, 2],
    ] as const;
    doc.layers.forEach((layer, i) => {
      const [inF, outF] = sizes[i]!;
      expect([layer.in, layer.out]).toEqual([inF, outF]);
      expectShape(layer.weight, outF, inF);
      expect(layer.bias).toHaveLength(outF);
      if (layer.name === 'fc2') {
        expect(layer.lora).toBeNull();
      } else {
        expectShape(layer.lora!.A, 3, inF);
        expectShape(layer.lora!.B, outF, 3);
      }
    });
  });

  it('starts with B exactly zero and A within ±1/√in, so the adapter changes nothing', async () => {
    const doc = await json<ForwardJson>('forward', '--input', INPUT, '--targets', 'fc1,fc2,fc3');
    for (const layer of doc.layers) {
      const { A, B } = layer.lora!;
      for (const row of B) for (const v of row) expect(v).toBe(0);
      const bound = 1 / Math.sqrt(layer.in);
      const flat = A.flat();
      for (const v of flat) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
      // Not a degenerate all-zero A: the bound is actually being used.
      expect(Math.max(...flat.map(Math.abs))).toBeGreaterThan(bound / 2);
    }
    const base = await json<ForwardJson>('forward', '--input', INPUT, '--no-lora');
    expect(doc.output).toEqual(base.output);
  });

  it('changes the output with --init false, where B starts random', async () => {
    const doc = await json<ForwardJson>('forward', '--input', INPUT, '--init', 'false');
    expect(doc.layers[0]!.lora!.B.flat().some((v) => v !== 0)).toBe(true);
    const base = await json<ForwardJson>('forward', '--input', INPUT, '--no-lora');
    expect(doc.output).not.toEqual(base.output);
  });

  it('scales B·A by alpha/r, or alpha/√r with --rslora', async () => {
    for (const [rank, alpha] of [
      [1, 1],
      [2, 8],
      [4, 16],
      [8, 8],
    ]) {
      const plain = await json<ForwardJson>('forward', '--input', INPUT, '--rank', `${rank}`, '--alpha', `${alpha}`);
      const rs = await json<ForwardJson>(
        'forward',
        '--input',
        INPUT,
        '--rank',
        `${rank}`,
        '--alpha',
        `${alpha}`,
        '--rslora',
      );
      for (const layer of plain.layers.filter((l) => l.lora)) {
        expect(layer.lora).toMatchObject({ rank, alpha });
        expect(layer.lora!.scaling).toBeCloseTo(alpha / rank, 12);
      }
      for (const layer of rs.layers.filter((l) => l.lora)) {
        expect(layer.lora!.scaling).toBeCloseTo(alpha / Math.sqrt(rank), 12);
      }
    }
  });

  it('runs a module to save through its own copy, which starts equal to the base layer', async () => {
    const doc = await json<ForwardJson>('forward', '--input', INPUT, '--modules-to-save', 'fc3');
    expect(doc.layers.map((l) => l.saved !== null)).toEqual([false, false, true]);
    const fc3 = doc.layers[2]!;
    expect(fc3.saved).toEqual({ weight: fc3.weight, bias: fc3.bias });
    expect(fc3.lora).toBeNull();
  });

  it('has no adapter at all under --no-lora, even with --merged', async () => {
    const doc = await json<ForwardJson>('forward', '--input', INPUT, '--no-lora', '--merged', '--rank', '3');
    expect(doc.merged).toBe(false);
    expect(doc.layers.every((l) => l.lora === null && l.saved === null)).toBe(true);
  });

  it('prints a summary with the input, the output and whether the adapter was merged', async () => {
    const doc = await json<ForwardJson>('forward', '--input', INPUT, '--init', 'false');
    for (const merged of [false, true]) {
      const run = await cli('forward', '--input', INPUT, '--init', 'false', ...(merged ? ['--merged'] : []));
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const text = lines(run.stdout);
      expect(text.find((l) => l.startsWith('input:'))).toContain('0.5, -1, 0.25, 2, -0.75, 1.5, 0, -2');
      const outputLine = text.find((l) => l.startsWith('output:'))!;
      const printed = outputLine
        .replace(/^output:\s*/, '')
        .replace(/\s*\(.*$/, '')
        .split(', ')
        .map(Number);
      expectClose(printed, doc.output);
      expect(text.some((l) => (merged ? / merged into/ : /not merged/).test(l))).toBe(true);
    }
  });

  it('takes negative numbers, exponents and spaces in --input', async () => {
    const doc = await json<ForwardJson>('forward', '--input', '-1, 2e-1,+3,-.5,1E2,0,0.0,7.', '--input-dim', '8');
    expect(doc.input).toEqual([-1, 0.2, 3, -0.5, 100, 0, 0, 7]);
  });

  it('agrees with the independent recomputation for any rank, alpha, init, targets and input', async () => {
    const layerSets = ['fc1', 'fc2', 'fc3', 'fc1,fc2', 'fc1,fc3', 'fc2,fc3', 'fc1,fc2,fc3'];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: -32, max: 32, noNaN: true }),
        fc.constantFrom('true', 'false', 'gaussian'),
        fc.boolean(),
        fc.constantFrom(...layerSets),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 5, maxLength: 5 }),
        async (rank, alpha, init, rslora, targets, seed, input) => {
          const args = ['forward', '--input-dim', '5', '--hidden', '12', '--task', 'regression'];
          args.push('--rank', `${rank}`, '--alpha', `${alpha}`, '--init', init, '--targets', targets);
          args.push('--seed', `${seed}`, '--input', input.join(','), ...(rslora ? ['--rslora'] : []));
          const doc = await json<ForwardJson>(...args);
          // JSON has no negative zero; every other double survives toString and JSON exactly.
          expect(doc.input).toEqual(input.map((v) => v + 0));
          expectClose(doc.output, referenceForward(doc));
          const merged = await json<ForwardJson>(...args, '--merged');
          expectClose(merged.output, doc.output);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('lora-viz --help and --version', () => {
  it('prints the usage on stdout and exits 0, even beside other options', async () => {
    for (const argv of [['--help'], ['-h'], ['params', '--help'], ['forward', '--rank', '0', '-h']]) {
      const run = await cli(...argv);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Usage: lora-viz <command> \[options\]\n/);
      for (const word of ['params', 'forward', '--modules-to-save', '--merged', '--input', '--json', '--no-lora']) {
        expect(run.stdout).toContain(word);
      }
    }
  });

  it("prints the package's version", async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('lora-viz tensor hygiene', () => {
  it('leaves tf.memory().numTensors unchanged after runs that succeed and runs that fail', async () => {
    await cli('params');
    const before = tf.memory().numTensors;
    const runs: string[][] = [
      ['params', '--task', 'classification', '--modules-to-save', 'fc3'],
      ['params', '--no-lora', '--json'],
      ['params', '--rank', '10'],
      ['forward', '--input', INPUT, '--json', '--merged', '--init', 'false'],
      ['forward', '--input', INPUT, '--modules-to-save', 'fc3', '--targets', 'fc1'],
      ['forward', '--input', '1,2'],
      ['forward', '--rank', '0', '--input', INPUT],
      ['params', '--targets', 'fc1', '--modules-to-save', 'fc1'],
      ['nope'],
    ];
    for (const argv of runs) {
      await cli(...argv);
      expect(tf.memory().numTensors, argv.join(' ')).toBe(before);
    }
  });
});

const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('the built lora-viz binary', () => {
  it.skipIf(!existsSync(builtCli))('runs under node and prints only the PEFT line (needs `pnpm build` first)', () => {
    const run = spawnSync(process.execPath, [builtCli, 'params', '--task', 'classification'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('trainable params: 224 || all params: 708 || trainable%: 31.6384\n');
    const bad = spawnSync(process.execPath, [builtCli, 'params', '--rank', '0'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(lines(bad.stderr)).toHaveLength(1);
    expect(bad.stderr).toContain('--rank');
    const doc = spawnSync(process.execPath, [builtCli, 'forward', '--input', INPUT, '--json'], { encoding: 'utf8' });
    expect(doc.status).toBe(0);
    expect(() => JSON.parse(doc.stdout)).not.toThrow();
  });
});
