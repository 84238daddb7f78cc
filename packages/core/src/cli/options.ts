import { LAYER_NAMES, TASKS } from '../index.js';

/** The commands of `lora-viz`, in the order the help lists them. */
export const COMMANDS = ['params', 'forward', 'graph', 'trace'] as const;

/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/** One command-line option: its name, whether it takes a value, and where it applies. */
export interface OptionSpec {
  /** Name as typed, with the leading dashes (`--rank`). */
  readonly name: string;
  /** Placeholder of its value in the help (`R`), or `null` for a switch that takes none. */
  readonly value: string | null;
  /** Commands that accept it. */
  readonly commands: readonly CommandName[];
  /** One line of help, defaults included. */
  readonly help: string;
}

const ALL: readonly CommandName[] = COMMANDS;
const LAYERS = LAYER_NAMES.join(',');

/** Every option of every command; the parser and the help are both generated from this table. */
export const OPTIONS: readonly OptionSpec[] = [
  { name: '--task', value: 'T', commands: ALL, help: `${TASKS.join('|')} (default sentiment)` },
  { name: '--input-dim', value: 'N', commands: ALL, help: 'input features, 1..4096 (default 8)' },
  {
    name: '--hidden',
    value: 'N',
    commands: ALL,
    help: 'hidden width of fc1 and fc2, 1..4096 (default 16)',
  },
  {
    name: '--seed',
    value: 'N',
    commands: ALL,
    help: 'seed of every random number, 0..4294967295 (default 0)',
  },
  {
    name: '--no-lora',
    value: null,
    commands: ALL,
    help: 'no adapter: full fine-tuning, every parameter trainable',
  },
  {
    name: '--rank',
    value: 'R',
    commands: ALL,
    help: 'LoRA rank r, a positive integer up to 4096 (default 4)',
  },
  { name: '--alpha', value: 'A', commands: ALL, help: 'LoRA alpha, a finite number (default 8)' },
  {
    name: '--rslora',
    value: null,
    commands: ALL,
    help: 'rank-stabilised scaling alpha/sqrt(r) instead of alpha/r',
  },
  {
    name: '--dropout',
    value: 'P',
    commands: ALL,
    help: 'dropout on the LoRA branch, in [0, 1) (default 0)',
  },
  {
    name: '--targets',
    value: 'LIST',
    commands: ALL,
    help: `layers that get A and B, from ${LAYERS} (default fc1,fc2)`,
  },
  {
    name: '--modules-to-save',
    value: 'LIST',
    commands: ALL,
    help: `layers trained whole, from ${LAYERS}, not also targets (default none)`,
  },
  {
    name: '--init',
    value: 'I',
    commands: ALL,
    help: 'init of A and B: true|false|gaussian (default true)',
  },
  { name: '--json', value: null, commands: ALL, help: 'print one JSON document instead of text' },
  {
    name: '--input',
    value: 'V1,...,VN',
    commands: ['forward', 'trace'],
    help: 'input vector, N = --input-dim numbers',
  },
  {
    name: '--merged',
    value: null,
    commands: ['forward'],
    help: 'merge the adapter (W + s*B*A) before running',
  },
  {
    name: '--level',
    value: 'L',
    commands: ['graph'],
    help: 'component (W, b, A, B, ΔW per layer) or neuron (one node per neuron) (default component)',
  },
  { name: '--loss', value: null, commands: ['graph'], help: "add the task's loss node after the output" },
  {
    name: '--phase',
    value: 'P',
    commands: ['trace'],
    help: 'forward|backward|step: which events to print (default step: all of them)',
  },
  {
    name: '--label',
    value: 'L',
    commands: ['trace'],
    help: 'class of the sample (sentiment, classification): a class name or index',
  },
  { name: '--target', value: 'V1,...,V4', commands: ['trace'], help: 'the 4 targets of the sample (regression)' },
  { name: '--pair', value: 'V1,...,VN', commands: ['trace'], help: 'the second input of the pair (similarity)' },
  { name: '--score', value: 'S', commands: ['trace'], help: 'similarity of the pair, 0..1 (similarity)' },
  { name: '--steps', value: 'N', commands: ['trace'], help: 'training steps to record, 1..1000 (default 1)' },
  { name: '--lr', value: 'X', commands: ['trace'], help: 'learning rate, positive (default 0.1)' },
  { name: '--optimizer', value: 'O', commands: ['trace'], help: 'sgd|adam (default sgd)' },
];

/** The spec of an option by its name (`--rank`), or `undefined` for an unknown one. */
export function findOption(name: string): OptionSpec | undefined {
  return OPTIONS.find((option) => option.name === name);
}
