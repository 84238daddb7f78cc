import {
  GPUS,
  MAX_BATCH,
  MAX_MEMORY_RANK,
  MAX_SEQ,
  MEMORY_OPTIMIZERS,
  MODEL_IDS,
  PRECISIONS,
  TASKS,
  TRAINING_METHODS,
  groupDigits,
  type MemoryOptimizer,
  type Precision,
  type TaskName,
  type TrainingMethod,
} from '@lora-viz/core';
import type { AttributeProblem } from '../shared/model-attributes.js';
import { DASHBOARD_UNITS, isDashboardUnit, type DashboardUnit } from './byte-scale.js';

/** The `model` value that selects the toy MLP. */
export const TOY_MODEL = 'toy';
/** The `model` value that selects the pasted or given `config.json`. */
export const CONFIG_MODEL = 'config';

/** Storage precision as the dashboard offers it: `auto` is core's default (fp32 for the toy, bf16 for real models). */
export type PrecisionChoice = 'auto' | Precision;

/** Every precision choice, in the order the select lists them. */
export const PRECISION_CHOICES: readonly PrecisionChoice[] = Object.freeze(['auto', ...PRECISIONS]);

/** The settings of `<lora-memory-dashboard>` with defaults filled in: the `detail` of `lora-memory-change`. */
export interface MemoryDashboardSettings {
  /** `toy`, a preset id from core's `MODEL_IDS`, or `config`. */
  readonly model: string;
  /** Task of the toy MLP (it fixes the output size). */
  readonly task: TaskName;
  /** The parsed `config.json` in use when `model` is `config`, else `null`. */
  readonly config: Readonly<Record<string, unknown>> | null;
  /** The method in focus: the rank curve, the scale-up lens and the highlighted bar and column. */
  readonly method: TrainingMethod;
  /** LoRA rank r. */
  readonly rank: number;
  /** LoRA alpha (scaling alpha / r; it sets no byte). */
  readonly alpha: number;
  /** PEFT's `target_modules` (`['all-linear']` for the shorthand). */
  readonly targets: readonly string[];
  /** Storage of unquantized weights and activations (`auto`: core's default for the model). */
  readonly precision: PrecisionChoice;
  /** Optimizer. */
  readonly optimizer: MemoryOptimizer;
  /** Whether an fp32 master copy of 16-bit trainable weights is kept. */
  readonly masterWeights: boolean;
  /** Whether QLoRA's NF4 constants are double-quantized. */
  readonly doubleQuant: boolean;
  /** Sequences per step. */
  readonly batch: number;
  /** Tokens per sequence. */
  readonly seq: number;
  /** Full gradient checkpointing. */
  readonly checkpointing: boolean;
  /** Whether the assumed framework overhead line is added. */
  readonly overhead: boolean;
  /** GPU id from core's `GPUS`. */
  readonly gpu: string;
  /** Unit of the table, bars and axes. */
  readonly units: DashboardUnit;
  /** The real model of the scale-up lens (a preset id). */
  readonly lens: string;
}

/** The element's raw setting values, as its attributes and properties hold them. */
export interface RawSettings {
  readonly model: string;
  readonly task: string;
  readonly method: string;
  readonly rank: number | undefined;
  readonly alpha: number;
  readonly precision: string;
  readonly optimizer: string;
  readonly batch: number;
  readonly seq: number;
  readonly gpu: string;
  readonly units: string;
  readonly lens: string | undefined;
}

/** A number control: what it accepts, and the name its messages use. */
interface NumberRule {
  readonly label: string;
  readonly integer: boolean;
  readonly min?: number;
  readonly max?: number;
}

/** The numeric settings that have a number input. */
export type NumberField = 'rank' | 'alpha' | 'batch' | 'seq';

const NUMBER_RULES: Readonly<Record<NumberField, NumberRule>> = {
  rank: { label: 'Rank', integer: true, min: 1, max: MAX_MEMORY_RANK },
  alpha: { label: 'Alpha', integer: false },
  batch: { label: 'Batch', integer: true, min: 1, max: MAX_BATCH },
  seq: { label: 'Sequence length', integer: true, min: 1, max: MAX_SEQ },
};

/** What a numeric setting accepts, in words (`a whole number from 1 to 65,536`). */
export function acceptedNumber(field: NumberField): string {
  const rule = NUMBER_RULES[field];
  if (!rule.integer) return 'a finite number';
  return `a whole number from ${groupDigits(rule.min!)} to ${groupDigits(rule.max!)}`;
}

/** Whether `value` is acceptable for a numeric setting. */
export function validNumber(field: NumberField, value: number): boolean {
  const rule = NUMBER_RULES[field];
  if (!Number.isFinite(value)) return false;
  if (!rule.integer) return true;
  return Number.isInteger(value) && value >= rule.min! && value <= rule.max!;
}

/**
 * The message for what a user typed into a number input, naming the field, or `null` when it is valid.
 *
 * @param badInput - The input's `validity.badInput`: the browser could not read the text as a number.
 */
export function numberInputMessage(field: NumberField, text: string, badInput: boolean): string | null {
  const rule = NUMBER_RULES[field];
  const value = text.trim() === '' || badInput ? Number.NaN : Number(text);
  if (validNumber(field, value)) return null;
  const got = badInput ? 'text that is not a number' : text.trim() === '' ? 'nothing' : `“${text}”`;
  return `${rule.label}: enter ${acceptedNumber(field)} (got ${got}).`;
}

function oneOf(problems: AttributeProblem[], attribute: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) problems.push({ attribute, value, accepted: `one of ${allowed.join(', ')}` });
}

/**
 * Every attribute value the dashboard cannot use, each named by its HTML attribute; the combined checks
 * (targets against the model, batch × sequence length) are left to core.
 *
 * @param raw - The current values.
 * @param written - The attribute text as the author wrote it, for messages (falls back to the value).
 */
export function settingProblems(raw: RawSettings, written: (attribute: string) => string | null): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  oneOf(problems, 'model', raw.model, [TOY_MODEL, ...MODEL_IDS, CONFIG_MODEL]);
  oneOf(problems, 'task', raw.task, TASKS);
  oneOf(problems, 'method', raw.method, TRAINING_METHODS);
  oneOf(problems, 'precision', raw.precision, PRECISION_CHOICES);
  oneOf(problems, 'optimizer', raw.optimizer, MEMORY_OPTIMIZERS);
  oneOf(
    problems,
    'gpu',
    raw.gpu,
    GPUS.map((g) => g.id),
  );
  oneOf(problems, 'units', raw.units, DASHBOARD_UNITS);
  if (raw.lens !== undefined) oneOf(problems, 'lens', raw.lens, MODEL_IDS);
  const numbers: [NumberField, number | undefined][] = [
    ['rank', raw.rank],
    ['alpha', raw.alpha],
    ['batch', raw.batch],
    ['seq', raw.seq],
  ];
  for (const [field, value] of numbers) {
    if (value !== undefined && !validNumber(field, value)) {
      problems.push({ attribute: field, value: written(field) ?? String(value), accepted: acceptedNumber(field) });
    }
  }
  return problems;
}

/** The text fields of raw values that passed {@link settingProblems}, narrowed to their types. */
export function typedChoices(raw: RawSettings): {
  task: TaskName;
  method: TrainingMethod;
  precision: PrecisionChoice;
  optimizer: MemoryOptimizer;
  units: DashboardUnit;
} {
  return {
    task: raw.task as TaskName,
    method: raw.method as TrainingMethod,
    precision: raw.precision as PrecisionChoice,
    optimizer: raw.optimizer as MemoryOptimizer,
    units: isDashboardUnit(raw.units) ? raw.units : 'auto',
  };
}

/** Splits a `targets` attribute (`"q_proj, v_proj"`) into module names; blanks are dropped. */
export function splitTargets(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The attribute an option of core's `estimateMemory` is set by, for messages that name it. */
export function attributeOf(field: string): string {
  const names: Record<string, string> = {
    masterWeights: 'master-weights',
    doubleQuant: 'double-quant',
    options: 'model',
  };
  return names[field] ?? field;
}
