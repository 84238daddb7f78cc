import { InvalidOptionError } from './errors.js';
import { LAYER_NAMES, isLayerName, type LayerName, type LayerShape } from './layers.js';

/** How A and B start, as PEFT's `init_lora_weights`. */
export type InitLoraWeights = boolean | 'gaussian';

/**
 * Options of one LoRA adapter, mirroring PEFT's `LoraConfig` (camelCase names, same meaning).
 *
 * Defaults differ from PEFT's in two places, chosen for the toy model: `r` 4 (PEFT: 8) and
 * `targetModules` `['fc1', 'fc2']` (PEFT: none, it must be given).
 */
export interface LoraOptions {
  /** Rank r of the update: a positive integer up to 4096 (default 4). */
  r?: number;
  /** The alpha of the scaling s = alpha / r (or alpha / √r with rsLoRA); finite (default 8). */
  alpha?: number;
  /** Dropout probability on the LoRA branch's input while training, in [0, 1) (default 0). */
  dropout?: number;
  /**
   * Layers that get A and B: a list of layer names, or one regular expression matched against the
   * whole layer name, as PEFT does with a string (default `['fc1', 'fc2']`).
   */
  targetModules?: readonly string[] | string;
  /** Layers trained whole: a trainable copy per adapter, the original kept frozen (default none). */
  modulesToSave?: readonly string[];
  /** Use rank-stabilised scaling alpha / √r (default false). */
  useRslora?: boolean;
  /**
   * `true`: A ~ U(−1/√in, 1/√in) (kaiming-uniform with a = √5), B = 0. `'gaussian'`: A ~ N(0, σ = 1/r),
   * B = 0. `false`: A and B both keep `nn.Linear`'s random init, so the adapter is not a no-op.
   * Default `true`.
   */
  initLoraWeights?: InitLoraWeights;
  /** Per-layer rank overrides; keys are layer names or regular expressions, as in PEFT. */
  rankPattern?: Readonly<Record<string, number>>;
  /** Per-layer alpha overrides; keys are layer names or regular expressions, as in PEFT. */
  alphaPattern?: Readonly<Record<string, number>>;
  /** Seed for A and B (default: the model's seed). An unsigned 32-bit integer. */
  seed?: number;
}

/** The resolved settings of an adapter on one layer. */
export interface AdapterLayerSpec {
  /** Layer name. */
  readonly name: LayerName;
  /** Rank on this layer. */
  readonly r: number;
  /** Alpha on this layer. */
  readonly alpha: number;
  /** The scaling s applied to B·A on this layer (before any `setScale`). */
  readonly scaling: number;
}

/** A validated adapter configuration with every default filled in. */
export interface AdapterSpec {
  /** Rank before per-layer overrides. */
  readonly r: number;
  /** Alpha before per-layer overrides. */
  readonly alpha: number;
  /** Dropout probability on the LoRA branch. */
  readonly dropout: number;
  /** Targeted layers, input to output. */
  readonly targetModules: readonly LayerName[];
  /** Layers trained whole through a saved copy. */
  readonly modulesToSave: readonly LayerName[];
  /** Whether scaling is alpha / √r. */
  readonly useRslora: boolean;
  /** How A and B were initialised. */
  readonly initLoraWeights: InitLoraWeights;
  /** Rank overrides as given. */
  readonly rankPattern: Readonly<Record<string, number>>;
  /** Alpha overrides as given. */
  readonly alphaPattern: Readonly<Record<string, number>>;
  /** Seed used for A and B. */
  readonly seed: number;
  /** Resolved rank, alpha and scaling of each targeted layer. */
  readonly layers: readonly AdapterLayerSpec[];
  /** Non-fatal remarks, e.g. a rank above what ΔW can reach. */
  readonly warnings: readonly string[];
}

const LAYER_LIST = LAYER_NAMES.join(', ');

/** Largest accepted rank: no layer of the toy is wider than 4096, so a larger rank is always wasted. */
export const MAX_RANK = 4096;

function checkRank(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RANK) {
    throw new InvalidOptionError(field, `a positive integer up to ${MAX_RANK}`, `got ${String(value)}`);
  }
  return value;
}

function checkFinite(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError(field, 'a finite number', `got ${String(value)}`);
  }
  return value;
}

function checkLayerList(field: string, value: unknown): LayerName[] {
  if (!Array.isArray(value)) {
    throw new InvalidOptionError(field, `a list of layer names from ${LAYER_LIST}`, `got ${String(value)}`);
  }
  const names = new Set<LayerName>();
  for (const item of value) {
    if (!isLayerName(item)) {
      throw new InvalidOptionError(field, `layer names from ${LAYER_LIST}`, `unknown layer "${String(item)}"`);
    }
    names.add(item);
  }
  return LAYER_NAMES.filter((name) => names.has(name));
}

/** PEFT's pattern lookup: the first key k whose `(.*\.)?(k)$` matches the layer name from its start. */
function patternValue(pattern: Readonly<Record<string, number>>, layer: string): number | undefined {
  for (const [key, value] of Object.entries(pattern)) {
    let matcher: RegExp;
    try {
      matcher = new RegExp(`^(?:.*\\.)?(?:${key})$`);
    } catch {
      continue;
    }
    if (matcher.test(layer)) return value;
  }
  return undefined;
}

function checkPattern(
  field: string,
  value: unknown,
  check: (field: string, v: unknown) => number,
): Record<string, number> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidOptionError(field, 'an object mapping layer names or patterns to numbers', `got ${String(value)}`);
  }
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    try {
      new RegExp(key);
    } catch {
      throw new InvalidOptionError(field, 'keys that are layer names or regular expressions', `bad key "${key}"`);
    }
    out[key] = check(`${field}.${key}`, v);
  }
  return out;
}

function resolveTargets(value: unknown): LayerName[] {
  if (value === undefined) return ['fc1', 'fc2'];
  if (typeof value === 'string') {
    let matcher: RegExp;
    try {
      matcher = new RegExp(`^(?:${value})$`);
    } catch {
      throw new InvalidOptionError(
        'targetModules',
        `a list of layer names from ${LAYER_LIST} or a regular expression`,
        `bad pattern "${value}"`,
      );
    }
    const names = LAYER_NAMES.filter((name) => matcher.test(name));
    if (names.length === 0) {
      throw new InvalidOptionError(
        'targetModules',
        `a pattern matching one of ${LAYER_LIST}`,
        `"${value}" matches no layer`,
      );
    }
    return names;
  }
  const names = checkLayerList('targetModules', value);
  if (names.length === 0) {
    throw new InvalidOptionError('targetModules', `at least one of ${LAYER_LIST}`, 'the list is empty');
  }
  return names;
}

/**
 * Validates LoRA options against a model's layers and fills in every default, exactly as PEFT would
 * compute rank, alpha and scaling per layer.
 *
 * @throws InvalidOptionError naming the first option outside its accepted values.
 */
export function resolveLoraOptions(
  options: LoraOptions,
  layers: readonly LayerShape[],
  defaultSeed: number,
): AdapterSpec {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', 'an object of LoRA options', `got ${String(options)}`);
  }
  const r = checkRank('r', options.r ?? 4);
  const alpha = checkFinite('alpha', options.alpha ?? 8);
  const dropout = options.dropout ?? 0;
  if (typeof dropout !== 'number' || !Number.isFinite(dropout) || dropout < 0 || dropout >= 1) {
    throw new InvalidOptionError('dropout', 'a number in [0, 1)', `got ${String(dropout)}`);
  }
  const targetModules = resolveTargets(options.targetModules);
  const modulesToSave =
    options.modulesToSave === undefined ? [] : checkLayerList('modulesToSave', options.modulesToSave);
  const both = modulesToSave.filter((name) => targetModules.includes(name));
  if (both.length > 0) {
    throw new InvalidOptionError(
      'modulesToSave',
      'layers that are not also LoRA targets',
      `${both.join(', ')} is both a target and a module to save`,
    );
  }
  const useRslora = options.useRslora ?? false;
  if (typeof useRslora !== 'boolean') {
    throw new InvalidOptionError('useRslora', 'true or false', `got ${String(useRslora)}`);
  }
  const initLoraWeights = options.initLoraWeights ?? true;
  if (initLoraWeights !== true && initLoraWeights !== false && initLoraWeights !== 'gaussian') {
    throw new InvalidOptionError('initLoraWeights', "true, false or 'gaussian'", `got ${String(initLoraWeights)}`);
  }
  const rankPattern = checkPattern('rankPattern', options.rankPattern, checkRank);
  const alphaPattern = checkPattern('alphaPattern', options.alphaPattern, checkFinite);
  const seed = options.seed ?? defaultSeed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new InvalidOptionError('seed', 'an integer from 0 to 4294967295', `got ${String(seed)}`);
  }

  const warnings: string[] = [];
  const resolved: AdapterLayerSpec[] = targetModules.map((name) => {
    const shape = layers.find((layer) => layer.name === name);
    if (!shape) throw new InvalidOptionError('targetModules', `layers of this model`, `no layer "${name}"`);
    const layerR = patternValue(rankPattern, name) ?? r;
    const layerAlpha = patternValue(alphaPattern, name) ?? alpha;
    const maxRank = Math.min(shape.in, shape.out);
    if (layerR > maxRank) {
      warnings.push(
        `${name}: rank ${layerR} exceeds min(in, out) = ${maxRank}; ΔW = B·A cannot have rank above ${maxRank}, ` +
          `so ${(layerR - maxRank) * (shape.in + shape.out)} of its adapter parameters are wasted`,
      );
    }
    const scaling = useRslora ? layerAlpha / Math.sqrt(layerR) : layerAlpha / layerR;
    return Object.freeze({ name, r: layerR, alpha: layerAlpha, scaling });
  });

  return Object.freeze({
    r,
    alpha,
    dropout,
    targetModules: Object.freeze(targetModules),
    modulesToSave: Object.freeze(modulesToSave),
    useRslora,
    initLoraWeights,
    rankPattern: Object.freeze(rankPattern),
    alphaPattern: Object.freeze(alphaPattern),
    seed,
    layers: Object.freeze(resolved),
    warnings: Object.freeze(warnings),
  });
}
