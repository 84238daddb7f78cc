import { describe, expect, it } from 'vitest';
import { FLAG_OF_FIELD, usageErrorFromCore } from '../src/cli/core-error.js';
import { InvalidOptionError, tf } from '../src/index.js';
import { cli } from './cli-helpers.js';

const INPUT = '1,2,3,4,5,6,7,8';

/** [what is wrong, argv, text the one stderr line must contain (the option, or the bad command)]. */
const BAD: [string, string[], string][] = [
  ['no command', [], 'command'],
  ['an unknown command', ['tune'], '"tune"'],
  ['an unknown command after options', ['--rank', '4', 'paramz'], '"paramz"'],
  ['a second positional argument', ['params', 'forward'], '"forward"'],
  ['an unknown flag', ['params', '--bogus'], '--bogus'],
  ['an unknown flag with a value', ['params', '--bogus=3'], '--bogus'],
  ['a single-dash flag', ['params', '-r', '4'], '-r'],
  ['an option of another command', ['params', '--input', INPUT], '--input'],
  ['--merged on params', ['params', '--merged'], '--merged'],
  ['a value given to a switch', ['params', '--json=yes'], '--json'],
  ['a value given to --no-lora', ['params', '--no-lora=1'], '--no-lora'],
  ['a missing value at the end', ['params', '--rank'], '--rank'],
  ['a missing value before another flag', ['params', '--alpha', '--json'], '--alpha'],
  ['a missing --task value', ['params', '--task'], '--task'],
  ['rank 0', ['params', '--rank', '0'], '--rank'],
  ['a negative rank', ['params', '--rank', '-2'], '--rank'],
  ['a fractional rank', ['params', '--rank', '1.5'], '--rank'],
  ['a rank in exponent notation', ['params', '--rank', '1e1'], '--rank'],
  ['a non-numeric rank', ['params', '--rank', 'four'], '--rank'],
  ['an empty rank', ['params', '--rank='], '--rank'],
  ['an astronomically large rank', ['params', '--rank', '99999999999999999999'], '--rank'],
  ['a non-finite alpha', ['params', '--alpha', 'Infinity'], '--alpha'],
  ['a NaN alpha', ['params', '--alpha', 'NaN'], '--alpha'],
  ['an overflowing alpha', ['params', '--alpha', '1e999'], '--alpha'],
  ['a hexadecimal alpha', ['params', '--alpha', '0x10'], '--alpha'],
  ['dropout 1', ['params', '--dropout', '1'], '--dropout'],
  ['a negative dropout', ['params', '--dropout=-0.1'], '--dropout'],
  ['a non-numeric dropout', ['params', '--dropout', 'half'], '--dropout'],
  ['an unknown task', ['params', '--task', 'translation'], '--task'],
  ['an unknown target', ['params', '--targets', 'fc1,fc4'], '--targets'],
  ['an empty target item', ['params', '--targets', 'fc1,'], '--targets'],
  ['an empty target list', ['params', '--targets='], '--targets'],
  ['an unknown module to save', ['params', '--modules-to-save', 'head'], '--modules-to-save'],
  [
    'a layer both target and saved',
    ['params', '--targets', 'fc1,fc3', '--modules-to-save', 'fc3'],
    '--modules-to-save',
  ],
  ['a default target saved', ['params', '--modules-to-save', 'fc2'], '--modules-to-save'],
  ['an unknown --init', ['params', '--init', 'kaiming'], '--init'],
  ['a capitalised --init', ['params', '--init', 'True'], '--init'],
  ['input dim 0', ['params', '--input-dim', '0'], '--input-dim'],
  ['input dim 4097', ['params', '--input-dim', '4097'], '--input-dim'],
  ['a fractional input dim', ['params', '--input-dim', '8.5'], '--input-dim'],
  ['hidden 0', ['params', '--hidden', '0'], '--hidden'],
  ['hidden 4097', ['params', '--hidden', '4097'], '--hidden'],
  ['a non-numeric hidden', ['params', '--hidden', 'wide'], '--hidden'],
  ['a negative seed', ['params', '--seed', '-1'], '--seed'],
  ['a seed of 2^32', ['params', '--seed', '4294967296'], '--seed'],
  ['a fractional seed', ['params', '--seed', '0.5'], '--seed'],
  ['a missing --input', ['forward'], '--input'],
  ['a missing --input value', ['forward', '--input'], '--input'],
  ['a short --input', ['forward', '--input', '1,2,3'], '--input'],
  ['a long --input', ['forward', '--input', `${INPUT},9`], '--input'],
  ['a non-number in --input', ['forward', '--input', '1,2,x,4,5,6,7,8'], '--input'],
  ['an empty --input item', ['forward', '--input', '1,2,,4,5,6,7,8'], '--input'],
  ['an empty --input', ['forward', '--input='], '--input'],
  ['NaN in --input', ['forward', '--input', '1,2,3,NaN,5,6,7,8'], '--input'],
  ['Infinity in --input', ['forward', '--input', '1,2,3,4,5,6,7,Infinity'], '--input'],
  ['an overflow in --input', ['forward', '--input', '1,2,3,4,5,6,7,1e400'], '--input'],
  [
    '--input of the default length with a smaller --input-dim',
    ['forward', '--input-dim', '4', '--input', INPUT],
    '--input',
  ],
  ['a newline inside a bad value', ['params', '--task', 'a\nb'], '--task'],
];

describe('lora-viz bad input', () => {
  for (const [what, argv, needle] of BAD) {
    it(`exits 2 with one stderr line naming ${needle} for ${what}`, async () => {
      const before = tf.memory().numTensors;
      const run = await cli(...argv);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.endsWith('\n')).toBe(true);
      const errorLines = run.stderr.slice(0, -1).split('\n');
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(/^lora-viz: /);
      expect(errorLines[0]).toContain(needle);
      expect(errorLines[0]).not.toMatch(/warning/);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('says what --rank accepts and echoes the bad value', async () => {
    expect((await cli('params', '--rank', '0')).stderr).toMatch(
      /^lora-viz: --rank must be a positive integer.* \(got "0"\)\n$/,
    );
  });

  it('says which values --task, --init, --targets and --input accept', async () => {
    expect((await cli('params', '--task', 'x')).stderr).toContain('sentiment, classification, similarity, regression');
    expect((await cli('params', '--init', 'x')).stderr).toContain('true, false or gaussian');
    expect((await cli('params', '--targets', 'x')).stderr).toContain('fc1, fc2, fc3');
    expect((await cli('forward', '--input-dim', '3', '--input', '1,2')).stderr).toContain(
      '3 comma-separated finite numbers',
    );
  });

  it('lists the accepted options for an unknown one', async () => {
    const { stderr } = await cli('forward', '--rnak', '4');
    for (const flag of ['--rank', '--alpha', '--input', '--merged', '--help']) expect(stderr).toContain(flag);
  });

  it('prints no warning when the run fails after a rank that would warn', async () => {
    const run = await cli('forward', '--rank', '10', '--input', '1,2');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--input');
    expect(run.stderr).not.toContain('warning');
  });
});

describe('mapping errors thrown by core to CLI options', () => {
  const cases: [string, string][] = [
    ['r', '--rank'],
    ['alpha', '--alpha'],
    ['dropout', '--dropout'],
    ['targetModules', '--targets'],
    ['modulesToSave', '--modules-to-save'],
    ['initLoraWeights', '--init'],
    ['inputDim', '--input-dim'],
    ['hidden', '--hidden'],
    ['seed', '--seed'],
    ['task', '--task'],
    ['input', '--input'],
  ];

  for (const [field, flag] of cases) {
    it(`names ${flag} for core's field ${field}, with what it accepts and the detail`, async () => {
      const message = usageErrorFromCore(new InvalidOptionError(field, 'ACCEPTED', 'DETAIL')).message;
      expect(message).toBe(`${flag} must be ACCEPTED (DETAIL)`);
      expect(FLAG_OF_FIELD[field]).toBe(flag);
    });
  }

  it('keeps a field it does not know, even one named like an Object.prototype member', async () => {
    expect(usageErrorFromCore(new InvalidOptionError('constructor', 'x', 'y')).message).toBe(
      'constructor must be x (y)',
    );
    expect(usageErrorFromCore(new InvalidOptionError('scale', 'a finite number', 'got NaN')).message).toBe(
      'scale must be a finite number (got NaN)',
    );
  });
});
