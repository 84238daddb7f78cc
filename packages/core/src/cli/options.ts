import { LAYER_NAMES, TASKS } from '../index.js';
import { GPUS } from '../memory/gpus.js';

/** The commands of `lora-viz`, in the order the help lists them. */
export const COMMANDS = ['params', 'forward', 'graph', 'trace', 'train', 'models', 'memory'] as const;

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
/** The commands that build the toy MLP and take every model option. */
export const TOY_COMMANDS: readonly CommandName[] = ['params', 'forward', 'graph', 'trace', 'train'];
/** Toy commands plus `memory`, which sizes the toy (or an adapter on a real model) with these. */
const SIZING: readonly CommandName[] = [...TOY_COMMANDS, 'memory'];
const LAYERS = LAYER_NAMES.join(',');

/** Every option of every command; the parser and the help are both generated from this table. */
export const OPTIONS: readonly OptionSpec[] = [
  { name: '--task', value: 'T', commands: SIZING, help: `${TASKS.join('|')} (default sentiment)` },
  { name: '--input-dim', value: 'N', commands: SIZING, help: 'input features, 1..4096 (default 8)' },
  {
    name: '--hidden',
    value: 'N',
    commands: SIZING,
    help: 'hidden width of fc1 and fc2, 1..4096 (default 16)',
  },
  {
    name: '--seed',
    value: 'N',
    commands: TOY_COMMANDS,
    help: 'seed of every random number, 0..4294967295 (default 0)',
  },
  {
    name: '--no-lora',
    value: null,
    commands: TOY_COMMANDS,
    help: 'no adapter: full fine-tuning, every parameter trainable',
  },
  {
    name: '--rank',
    value: 'R',
    commands: SIZING,
    help: 'LoRA rank r, a positive integer up to 4096 (default 4; memory: up to 65536, default 8 for real models)',
  },
  { name: '--alpha', value: 'A', commands: SIZING, help: 'LoRA alpha, a finite number (default 8)' },
  {
    name: '--rslora',
    value: null,
    commands: TOY_COMMANDS,
    help: 'rank-stabilised scaling alpha/sqrt(r) instead of alpha/r',
  },
  {
    name: '--dropout',
    value: 'P',
    commands: TOY_COMMANDS,
    help: 'dropout on the LoRA branch, in [0, 1) (default 0)',
  },
  {
    name: '--targets',
    value: 'LIST',
    commands: SIZING,
    help: `layers that get A and B, from ${LAYERS} (default fc1,fc2); memory: module names or all-linear`,
  },
  {
    name: '--modules-to-save',
    value: 'LIST',
    commands: TOY_COMMANDS,
    help: `layers trained whole, from ${LAYERS}, not also targets (default none)`,
  },
  {
    name: '--init',
    value: 'I',
    commands: TOY_COMMANDS,
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
    name: '--text',
    value: 'TEXT',
    commands: ['trace'],
    help: 'a sentence instead of --input, featurized by the task (label inferred unless given; TASKS.md)',
  },
  {
    name: '--text2',
    value: 'TEXT',
    commands: ['trace'],
    help: 'the second sentence of a pair (similarity, with --text)',
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
  {
    name: '--lr',
    value: 'X',
    commands: ['trace', 'train'],
    help: 'learning rate, positive (default: trace 0.1, train 0.01)',
  },
  {
    name: '--optimizer',
    value: 'O',
    commands: ['trace', 'train', 'memory'],
    help: 'trace: sgd|adam (default sgd); train: adam|sgd (default adam); memory: adamw|adamw-8bit|sgd|sgd-momentum (default adamw)',
  },
  {
    name: '--data',
    value: 'FILE',
    commands: ['train'],
    help: 'training lines: text, or text<TAB>label (see TASKS.md); - reads standard input',
  },
  { name: '--eval', value: 'FILE', commands: ['train'], help: 'held-out lines, scored before and after training' },
  { name: '--epochs', value: 'N', commands: ['train'], help: 'passes over the data, 1..100000 (default 60)' },
  {
    name: '--model',
    value: 'NAME',
    commands: ['memory'],
    help: 'a built-in model (see lora-viz models); without --model or --config: the toy MLP',
  },
  {
    name: '--config',
    value: 'FILE',
    commands: ['memory'],
    help: 'a Hugging Face config.json (model_type llama, mistral or gpt2) instead of --model',
  },
  {
    name: '--method',
    value: 'M',
    commands: ['train', 'memory'],
    help: 'full|lora|qlora (default lora; train: full with --no-lora)',
  },
  {
    name: '--precision',
    value: 'P',
    commands: ['memory'],
    help: 'fp32|fp16|bf16: weights not quantized, and activations (default bf16; toy fp32)',
  },
  {
    name: '--adapter-precision',
    value: 'P',
    commands: ['memory'],
    help: 'fp32|fp16|bf16: LoRA A and B (default fp32, as PEFT upcasts them)',
  },
  {
    name: '--master-weights',
    value: null,
    commands: ['memory'],
    help: 'keep an fp32 master copy of 16-bit trainable weights (mixed precision)',
  },
  { name: '--quant', value: 'Q', commands: ['memory'], help: 'qlora base: nf4|int8 (default nf4)' },
  {
    name: '--double-quant',
    value: null,
    commands: ['memory'],
    help: 'qlora nf4: quantize the quantization constants too (the default)',
  },
  { name: '--no-double-quant', value: null, commands: ['memory'], help: 'qlora nf4: one fp32 absmax per 64 weights' },
  {
    name: '--batch',
    value: 'B',
    commands: ['train', 'memory'],
    help: 'train: lines per update (default 4); memory: sequences per step, 1..65536 (default 1)',
  },
  { name: '--seq', value: 'S', commands: ['memory'], help: 'tokens per sequence, 1..1048576 (default 512)' },
  { name: '--checkpointing', value: null, commands: ['memory'], help: 'full gradient checkpointing' },
  {
    name: '--attention',
    value: 'K',
    commands: ['memory'],
    help: 'eager (scores stored, the default) or flash (no s² scores)',
  },
  {
    name: '--overhead',
    value: null,
    commands: ['memory'],
    help: 'add an assumed framework overhead line (512 MiB + 10 %)',
  },
  {
    name: '--gpu',
    value: 'NAME',
    commands: ['memory'],
    help: `whether it fits on ${GPUS.map((g) => g.id).join('|')}, and the largest batch that does`,
  },
];

/** The spec of an option by its name (`--rank`), or `undefined` for an unknown one. */
export function findOption(name: string): OptionSpec | undefined {
  return OPTIONS.find((option) => option.name === name);
}
