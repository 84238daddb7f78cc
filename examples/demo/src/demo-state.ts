import {
  GPUS,
  LAYER_NAMES,
  MAX_BATCH,
  MAX_MEMORY_RANK,
  MAX_RANK,
  MAX_SEQ,
  MEMORY_OPTIMIZERS,
  MODEL_IDS,
  PRECISIONS,
  TASKS,
  TRAINING_METHODS,
  type InitLoraWeights,
  type LayerName,
  type TaskName,
} from '@lora-viz/core';

/** The sidebar's LoRA settings, as `<lora-controls>` shows them (its options are kept while LoRA is off). */
export interface SidebarState {
  /** LoRA on (adapters) or off (full fine-tuning). */
  readonly lora: boolean;
  /** Rank r: a positive integer. */
  readonly r: number;
  /** Alpha α: a finite number. */
  readonly alpha: number;
  /** What a new rank keeps fixed: `alpha` or `scaling` (α/r). */
  readonly keep: 'alpha' | 'scaling';
  /** rsLoRA's scaling α/√r. */
  readonly useRslora: boolean;
  /** Layers with an adapter, at least one. */
  readonly targetModules: readonly LayerName[];
  /** Layers trained whole. */
  readonly modulesToSave: readonly LayerName[];
  /** How A and B start. */
  readonly initLoraWeights: InitLoraWeights;
}

/** The trainer's settings form, one text per field, as `<lora-trainer>` keeps them. */
export type TrainerSettingsState = Readonly<Record<(typeof TRAINER_SETTING_FIELDS)[number], string>>;

/** The Knowledge Change tab: the task, its text (`null`: the task's default lines) and the settings. */
export interface KnowledgeState {
  /** The task. */
  readonly task: TaskName;
  /** Training lines, or `null` for the task's default lines. */
  readonly training: string | null;
  /** Held-out lines, or `null` for the task's default lines. */
  readonly eval: string | null;
  /** The settings form as typed. */
  readonly settings: TrainerSettingsState;
}

/** The Memory Dashboard's settings, as `<lora-memory-dashboard>` holds them in its properties. */
export interface MemoryState {
  readonly model: string;
  readonly task: string;
  readonly method: string;
  /** `null`: the model's default rank. */
  readonly rank: number | null;
  readonly alpha: number;
  /** `null`: the model's default target modules. */
  readonly targets: string | null;
  readonly precision: string;
  readonly optimizer: string;
  readonly masterWeights: boolean;
  readonly doubleQuant: boolean;
  readonly batch: number;
  readonly seq: number;
  readonly checkpointing: boolean;
  readonly overhead: boolean;
  readonly gpu: string;
  readonly units: string;
  /** `null`: the dashboard's own choice. */
  readonly lens: string | null;
  /** The parsed config.json, kept only while `model` is `config`. */
  readonly config: Readonly<Record<string, unknown>> | null;
}

/** The Forward and Backward Pass tabs' sample: the picker's value, the input box and the label. */
export interface PassState {
  /** A sentence's index in the picker, or `custom`. */
  readonly sample: string;
  /** The input box's text (what a custom sample runs on). */
  readonly input: string;
  /** The label's index, as text. */
  readonly label: string;
}

/** Everything a link or the browser's storage restores, tab aside (the hash holds it). */
export interface DemoState {
  readonly sidebar: SidebarState;
  readonly knowledge: KnowledgeState;
  readonly memory: MemoryState;
  readonly pass: PassState;
  /** The Model Overview graph's detail. */
  readonly level: 'component' | 'neuron';
}

/** A state read from a link or storage: each section and field only where it was usable. */
export type PartialDemoState = { -readonly [K in keyof DemoState]?: Partial<DemoState[K]> };

/** What {@link readDemoState} found: the usable parts, and the names of the parts it had to leave out. */
export interface ReadState {
  readonly state: PartialDemoState;
  /** Human names of fields that were present but unusable (e.g. `rank`, `training text`). */
  readonly unusable: readonly string[];
}

/** Fields of the trainer's settings form, in the form's order. */
export const TRAINER_SETTING_FIELDS = [
  'method',
  'rank',
  'alpha',
  'epochs',
  'lr',
  'batchSize',
  'optimizer',
  'seed',
] as const;

/** Longest text kept for one textarea, in UTF-16 code units (the trainer's own storage limit). */
export const MAX_TEXT = 1_000_000;

/** Longest setting kept, in UTF-16 code units: no form field needs more. */
const MAX_SETTING = 64;

/** Largest config.json kept, as JSON text: real ones are about 1 kB. */
const MAX_CONFIG_JSON = 100_000;

type Check<T> = (value: unknown) => T | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const bool: Check<boolean> = (v) => (typeof v === 'boolean' ? v : undefined);
const finite: Check<number> = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const int =
  (min: number, max: number): Check<number> =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
const text =
  (max: number, pattern?: RegExp): Check<string> =>
  (v) =>
    typeof v === 'string' && v.length <= max && (pattern === undefined || pattern.test(v)) ? v : undefined;
const oneOf =
  <T extends string>(choices: readonly T[]): Check<T> =>
  (v) =>
    (choices as readonly unknown[]).includes(v) ? (v as T) : undefined;
const orNull =
  <T>(check: Check<T>): Check<T | null> =>
  (v) =>
    v === null ? null : check(v);
const layers =
  (min: number): Check<LayerName[]> =>
  (v) => {
    if (!Array.isArray(v) || v.length < min || new Set(v).size !== v.length) return undefined;
    return v.every((name) => (LAYER_NAMES as readonly unknown[]).includes(name))
      ? LAYER_NAMES.filter((name) => v.includes(name))
      : undefined;
  };
const init: Check<InitLoraWeights> = (v) => (v === true || v === false || v === 'gaussian' ? v : undefined);
const config: Check<Readonly<Record<string, unknown>>> = (v) =>
  isRecord(v) && JSON.stringify(v).length <= MAX_CONFIG_JSON ? v : undefined;

/** Per section: each field's check and its name in a notice. */
const SCHEMA = {
  sidebar: {
    lora: [bool, 'LoRA on/off'],
    r: [int(1, MAX_RANK), 'rank'],
    alpha: [finite, 'alpha'],
    keep: [oneOf(['alpha', 'scaling'] as const), 'what a new rank keeps'],
    useRslora: [bool, 'rsLoRA'],
    targetModules: [layers(1), 'target layers'],
    modulesToSave: [layers(0), 'modules to save'],
    initLoraWeights: [init, 'initialisation'],
  },
  knowledge: {
    task: [oneOf(TASKS), 'task'],
    training: [orNull(text(MAX_TEXT)), 'training lines'],
    eval: [orNull(text(MAX_TEXT)), 'held-out lines'],
    settings: [
      (v: unknown) => {
        if (!isRecord(v)) return undefined;
        const out: Record<string, string> = {};
        for (const field of TRAINER_SETTING_FIELDS) {
          const value = text(MAX_SETTING)(v[field]);
          if (value === undefined) return undefined;
          out[field] = value;
        }
        return out as TrainerSettingsState;
      },
      'training settings',
    ],
  },
  memory: {
    model: [oneOf(['toy', 'config', ...MODEL_IDS]), 'memory model'],
    task: [oneOf(TASKS), 'memory task'],
    method: [oneOf(TRAINING_METHODS), 'memory method'],
    rank: [orNull(int(1, MAX_MEMORY_RANK)), 'memory rank'],
    alpha: [finite, 'memory alpha'],
    targets: [orNull(text(2000)), 'memory target modules'],
    precision: [oneOf(['auto', ...PRECISIONS]), 'precision'],
    optimizer: [oneOf(MEMORY_OPTIMIZERS), 'optimizer'],
    masterWeights: [bool, 'master weights'],
    doubleQuant: [bool, 'double quantization'],
    batch: [int(1, MAX_BATCH), 'batch'],
    seq: [int(1, MAX_SEQ), 'sequence length'],
    checkpointing: [bool, 'checkpointing'],
    overhead: [bool, 'overhead'],
    gpu: [oneOf(GPUS.map((g) => g.id)), 'GPU'],
    units: [text(16, /^[A-Za-z]+$/), 'units'],
    lens: [orNull(oneOf(MODEL_IDS)), 'scale-up lens'],
    config: [orNull(config), 'config.json'],
  },
  pass: {
    sample: [text(8, /^(\d{1,4}|custom)$/), 'sample'],
    input: [text(2000), 'input numbers'],
    label: [text(4, /^\d{1,4}$/), 'label'],
  },
} as const;

/**
 * Reads a state from untrusted JSON (a link someone sent, or storage another version wrote): keeps
 * every field that has the right type and range and names the ones it had to leave out. Unknown
 * sections and fields are ignored. Whether the fields fit together (say, a layer both adapted and
 * saved) is left to the page, which checks them against the model. Never throws.
 */
export function readDemoState(data: unknown): ReadState {
  const state: Record<string, Record<string, unknown>> = {};
  const unusable: string[] = [];
  if (!isRecord(data)) return { state: {}, unusable: ['everything'] };
  for (const [section, fields] of Object.entries(SCHEMA)) {
    const given = data[section];
    if (given === undefined) continue;
    if (!isRecord(given)) {
      unusable.push(section);
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [field, [check, name]] of Object.entries(fields) as [string, readonly [Check<unknown>, string]][]) {
      if (!(field in given)) continue;
      const value = check(given[field]);
      if (value === undefined) unusable.push(name);
      else kept[field] = value;
    }
    state[section] = kept;
  }
  if ('level' in data) {
    if (data.level === 'component' || data.level === 'neuron') (state as PartialDemoState).level = data.level;
    else unusable.push('graph detail');
  }
  return { state: state as PartialDemoState, unusable };
}
