import { InvalidOptionError } from '../model/errors.js';
import { breakEvenRank } from '../model/layers.js';
import { formatTrainableParameters } from '../model/ledger.js';
import type { ModelDescription, ModuleDescription, ModuleKind } from './types.js';

/** Largest accepted LoRA rank for the memory maths (wider than any preset's layers). */
export const MAX_MEMORY_RANK = 65_536;

/** PEFT's shorthand for every linear layer except the output head. */
export const ALL_LINEAR = 'all-linear';

/** LoRA settings that decide the adapter's parameter count (alpha and dropout do not). */
export interface LoraCountOptions {
  /** Rank r, a positive integer up to 65,536 (default 8 as in PEFT; 4 for the toy, as in `attachLora`). */
  rank?: number;
  /**
   * PEFT's `target_modules`: module names matched as PEFT does (the full name, or its end after a dot,
   * so `q_proj`, `self_attn.q_proj` or `model.layers.0.self_attn.q_proj`), or `'all-linear'`
   * (every linear and Conv1D module except the output head). Default: the model's `defaultTargets`.
   */
  targets?: readonly string[] | string;
  /** PEFT's `rank_pattern`: per-module rank overrides; keys are names or regular expressions. */
  rankPattern?: Readonly<Record<string, number>>;
}

/** The adapter on one targeted module. */
export interface LoraModuleCount {
  /** Module path (`{i}` for per-layer modules). */
  readonly path: string;
  /** Module name. */
  readonly name: string;
  /** What the module is. */
  readonly kind: ModuleKind;
  /** Input features (vocabulary for an embedding). */
  readonly in: number;
  /** Output features. */
  readonly out: number;
  /** Instances adapted (layers matched). */
  readonly count: number;
  /** Rank on every adapted instance, or `null` when `rankPattern` gives different layers different ranks. */
  readonly rank: number | null;
  /** Adapter parameters over all adapted instances: Σ r·(in + out). */
  readonly params: number;
  /** r* = in·out/(in + out): at this rank one instance's adapter has as many parameters as its weight. */
  readonly breakEvenRank: number;
}

/** What a LoRA adapter adds to a model, counted as PEFT counts it. */
export interface LoraParameters {
  /** Rank before `rankPattern` overrides. */
  readonly rank: number;
  /** Targets as requested (`['all-linear']` when the shorthand was used). */
  readonly targets: readonly string[];
  /** One entry per targeted module, in model order. */
  readonly modules: readonly LoraModuleCount[];
  /** Adapter parameters: A (r×in) and B (out×r) of every targeted module. */
  readonly adapter: number;
  /** Parameters of the base model. */
  readonly base: number;
  /** PEFT's "all params": base + adapter. */
  readonly all: number;
  /** PEFT's "trainable params": the adapter. */
  readonly trainable: number;
  /** 100 · trainable / all. */
  readonly trainablePercent: number;
  /** PEFT's `print_trainable_parameters` line, byte for byte. */
  readonly peft: string;
  /** Σ r over the targeted per-layer modules of each layer (index = layer); empty for the toy. */
  readonly layerRanks: readonly number[];
  /** Σ r over targeted modules outside the layers (embeddings, head, the toy's fc layers). */
  readonly otherRanks: number;
  /** Rank r at which the adapter has as many parameters as the weights it adapts: Σ in·out / Σ (in + out). */
  readonly breakEvenRank: number;
  /** Non-fatal remarks (a rank above min(in, out), a tied head adapted). */
  readonly warnings: readonly string[];
}

function checkRank(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_MEMORY_RANK) {
    throw new InvalidOptionError(field, `a positive integer up to ${MAX_MEMORY_RANK}`, `got ${String(value)}`);
  }
  return value;
}

function patternMatchers(pattern: unknown): [RegExp, number][] {
  if (pattern === undefined) return [];
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) {
    throw new InvalidOptionError(
      'rankPattern',
      'an object mapping module names or patterns to ranks',
      `got ${String(pattern)}`,
    );
  }
  return Object.entries(pattern as Record<string, unknown>).map(([key, value]): [RegExp, number] => {
    try {
      // PEFT's get_pattern_key: the key must match a whole trailing part of the name, after a dot.
      return [new RegExp(`^(?:.*\\.)?(?:${key})$`), checkRank(`rankPattern.${key}`, value)];
    } catch (error) {
      if (error instanceof InvalidOptionError) throw error;
      throw new InvalidOptionError(
        'rankPattern',
        'keys that are module names or regular expressions',
        `bad key "${key}"`,
      );
    }
  });
}

/** Names a user can target in this model, for error messages: each targetable leaf name once, then the shorthand. */
function targetableNames(description: ModelDescription): string[] {
  const names = description.modules.filter((m) => m.kind !== 'norm').map((m) => m.name);
  return [...new Set(names), ALL_LINEAR];
}

function matches(path: string, target: string): boolean {
  return path === target || path.endsWith(`.${target}`);
}

function instancePath(module: ModuleDescription, index: number): string {
  return module.perLayer ? module.path.replace('{i}', String(index)) : module.path;
}

/** Whether any instance of `module` matches `target`; a target without a dot can only match the last name. */
function moduleMatches(module: ModuleDescription, target: string): boolean {
  if (!target.includes('.')) return module.name === target;
  for (let i = 0; i < module.count; i++) if (matches(instancePath(module, i), target)) return true;
  return false;
}

function isLinear(module: ModuleDescription): boolean {
  return (module.kind === 'linear' || module.kind === 'conv1d') && !module.outputHead;
}

/**
 * Counts what LoRA adds to a model: r·(in + out) per targeted module (A is r×in, B is out×r), PEFT's
 * totals and its `print_trainable_parameters` line. Pure arithmetic over the description.
 *
 * @throws InvalidOptionError (`rank`, `targets`, `rankPattern`) for a bad rank, a target that matches
 *   no module (the message lists the model's module names), or a target that is a norm.
 * @example
 * loraParameters(describeModel('llama-2-7b'), { rank: 8, targets: ['q_proj', 'v_proj'] }).peft;
 * // 'trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622'
 */
export function loraParameters(description: ModelDescription, options: LoraCountOptions = {}): LoraParameters {
  // Defaults: core's r = 4 for the toy (as `attachLora`), PEFT's r = 8 for real models.
  const rank = checkRank('rank', options.rank ?? (description.family === 'mlp' ? 4 : 8));
  const patterns = patternMatchers(options.rankPattern);
  const requested = options.targets ?? description.defaultTargets;
  const accepted = `module names of ${description.id}: ${targetableNames(description).join(', ')}`;
  const list = typeof requested === 'string' ? [requested] : requested;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidOptionError('targets', `a non-empty list of ${accepted}`, 'the list is empty');
  }
  for (const target of list) {
    if (typeof target !== 'string' || target === '') {
      throw new InvalidOptionError('targets', accepted, `got ${JSON.stringify(target)}`);
    }
  }
  // PEFT takes the shorthand only as the whole of target_modules (a string, compared case-insensitively).
  const allLinear = list.length === 1 && list[0]!.toLowerCase() === ALL_LINEAR;
  if (!allLinear && list.some((target) => target.toLowerCase() === ALL_LINEAR)) {
    throw new InvalidOptionError('targets', `${ALL_LINEAR} alone, or a list of ${accepted}`, `got ${list.join(',')}`);
  }
  if (!allLinear && typeof requested === 'string') {
    throw new InvalidOptionError('targets', `a list of ${accepted}`, `got the string "${requested}"`);
  }
  if (!allLinear) {
    for (const target of list) {
      const hits = description.modules.filter((m) => moduleMatches(m, target));
      if (hits.length === 0) throw new InvalidOptionError('targets', accepted, `"${target}" matches no module`);
      const norm = hits.find((m) => m.kind === 'norm');
      if (norm) {
        throw new InvalidOptionError(
          'targets',
          `linear, Conv1D or embedding modules (${accepted})`,
          `"${target}" is the norm ${norm.path}, which LoRA cannot adapt`,
        );
      }
    }
  }
  const targets: readonly string[] = allLinear ? [ALL_LINEAR] : [...list];
  // Layer-by-layer matching is only needed for dotted targets and rank patterns; otherwise a module's
  // instances all match or all miss, which keeps a 70B model's count well under a millisecond.
  const perInstance = patterns.length > 0 || (!allLinear && list.some((target) => target.includes('.')));
  const wanted = (module: ModuleDescription, path: string): boolean =>
    allLinear ? isLinear(module) : list.some((target) => matches(path, target));

  const layers = description.family === 'mlp' ? 0 : description.sizes.layers;
  const layerRanks = new Array<number>(layers).fill(0);
  let otherRanks = 0;
  let weights = 0;
  let widths = 0;
  const warnings: string[] = [];
  const modules: LoraModuleCount[] = [];
  for (const module of description.modules) {
    let count = 0;
    let params = 0;
    const ranks = new Set<number>();
    if (!perInstance) {
      if (!(allLinear ? isLinear(module) : list.includes(module.name))) continue;
      count = module.count;
      params = count * rank * (module.in + module.out);
      ranks.add(rank);
      if (module.perLayer) for (let i = 0; i < count; i++) layerRanks[i]! += rank;
      else otherRanks += rank;
    }
    for (let i = 0; perInstance && i < module.count; i++) {
      const path = instancePath(module, i);
      if (!wanted(module, path)) continue;
      const r = patterns.find(([matcher]) => matcher.test(path))?.[1] ?? rank;
      count++;
      params += r * (module.in + module.out);
      ranks.add(r);
      if (module.perLayer) layerRanks[i]! += r;
      else otherRanks += r;
    }
    if (count === 0) continue;
    weights += count * module.in * module.out;
    widths += count * (module.in + module.out);
    const highest = Math.max(...ranks);
    const limit = Math.min(module.in, module.out);
    if (highest > limit) {
      warnings.push(
        `${module.name}: rank ${highest} exceeds min(in, out) = ${limit}; ΔW = B·A cannot have rank above ${limit}, so the extra adapter parameters are wasted`,
      );
    }
    if (module.tiedTo !== null) {
      warnings.push(
        `${module.name} shares its weight with ${module.tiedTo} (tie_word_embeddings); PEFT warns that merging such an adapter needs the embeddings untied first`,
      );
    }
    modules.push(
      Object.freeze({
        path: module.path,
        name: module.name,
        kind: module.kind,
        in: module.in,
        out: module.out,
        count,
        rank: ranks.size === 1 ? highest : null,
        params,
        breakEvenRank: breakEvenRank(module.in, module.out),
      }),
    );
  }
  const adapter = modules.reduce((sum, m) => sum + m.params, 0);
  const base = description.totalParams;
  const all = base + adapter;
  return Object.freeze({
    rank,
    targets: Object.freeze(targets),
    modules: Object.freeze(modules),
    adapter,
    base,
    all,
    trainable: adapter,
    trainablePercent: (100 * adapter) / all,
    peft: formatTrainableParameters(adapter, all),
    layerRanks: Object.freeze(layerRanks),
    otherRanks,
    breakEvenRank: weights / widths,
    warnings: Object.freeze(warnings),
  });
}
