import * as tf from '@tensorflow/tfjs-core';
import { createRng, MAX_SEED, type Rng } from '../util/prng.js';
import { InvalidOptionError } from './errors.js';
import { heUniformBound, linearDefaultBound, normalValues, uniformValues } from './init.js';
import { LAYER_NAMES, type LayerName, type LayerShape } from './layers.js';
import { resolveLoraOptions, type AdapterLayerSpec, type AdapterSpec, type LoraOptions } from './lora-config.js';
import { TASK_OUTPUT_SIZE, TASKS, isTaskName, type TaskName } from './tasks.js';

/** Options of the toy MLP `fc1: input→hidden`, ReLU, `fc2: hidden→hidden`, ReLU, `fc3: hidden→output`. */
export interface MlpOptions {
  /** Task that fixes the output size (sentiment 2, classification 4, similarity 8, regression 4). */
  task?: TaskName;
  /** Input features (default 8); an integer from 1 to 4096. */
  inputDim?: number;
  /** Hidden width of fc1 and fc2 (default 16); an integer from 1 to 4096. */
  hidden?: number;
  /** Seed of every random number the model draws (default 0); an unsigned 32-bit integer. */
  seed?: number;
}

/** The resolved description of a toy MLP. */
export interface ModelSpec {
  /** The task the output is sized for. */
  readonly task: TaskName;
  /** Input features. */
  readonly inputDim: number;
  /** Hidden width. */
  readonly hidden: number;
  /** Output size (fc3's out features). */
  readonly outputDim: number;
  /** Seed of the base weights. */
  readonly seed: number;
  /** The three linear layers, input to output. */
  readonly layers: readonly LayerShape[];
}

/** What a parameter is within its layer. */
export type ParameterKind = 'weight' | 'bias' | 'lora_A' | 'lora_B' | 'saved_weight' | 'saved_bias';

/** Plain description of one parameter tensor the model currently uses. */
export interface ParameterInfo {
  /** Stable id: `fc1.weight`, `fc1.bias`, `fc1.lora_A`, `fc1.lora_B`, `fc3.modules_to_save.weight` … */
  readonly id: string;
  /** Layer the parameter belongs to. */
  readonly layer: LayerName;
  /** What the parameter is. */
  readonly kind: ParameterKind;
  /** Shape: [out, in] for weights, [out] for biases, [r, in] for A, [out, r] for B. */
  readonly shape: readonly number[];
  /** Number of scalars. */
  readonly size: number;
  /** Whether an optimizer updates it under the current configuration. */
  readonly trainable: boolean;
  /** Adapter that owns it (`null` for base weights). */
  readonly adapter: string | null;
}

/** Plain values of one parameter, row-major. */
export interface ParameterValues {
  /** Parameter id. */
  readonly id: string;
  /** Shape of the tensor. */
  readonly shape: readonly number[];
  /** Values in row-major order (float32 precision). */
  readonly values: Float32Array;
}

/** Options of one forward pass. */
export interface ForwardOptions {
  /** Training mode: applies LoRA dropout (eval mode never does). Default false. */
  training?: boolean;
  /** Generator for dropout masks; default the model's own dropout stream. */
  rng?: Rng;
}

/** What changed in a model; listeners get one per change. */
export interface ModelChange {
  /** `adapters`: added, removed, switched, enabled, disabled, scaled. `weights`: values changed. */
  readonly kind: 'adapters' | 'weights' | 'merge' | 'dispose';
  /** The model's revision after the change. */
  readonly revision: number;
}

interface Linear {
  readonly shape: LayerShape;
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
}

interface AdapterLayer {
  readonly spec: AdapterLayerSpec;
  readonly A: tf.Variable;
  readonly B: tf.Variable;
}

interface Adapter {
  readonly name: string;
  readonly spec: AdapterSpec;
  readonly layers: Map<LayerName, AdapterLayer>;
  readonly saved: Map<LayerName, { weight: tf.Variable; bias: tf.Variable }>;
  /** The multiplier set by `setScale`: effective scaling = scale · spec scaling. */
  scale: number;
}

let modelCounter = 0;

function checkSize(field: string, value: unknown, fallback: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 4096) {
    throw new InvalidOptionError(field, 'an integer from 1 to 4096', `got ${String(v)}`);
  }
  return v;
}

/** Validates model options and fills in defaults. */
export function resolveMlpOptions(options: MlpOptions = {}): ModelSpec {
  const task = options.task ?? 'sentiment';
  if (!isTaskName(task)) {
    throw new InvalidOptionError('task', TASKS.join(', '), `unknown task "${String(task)}"`);
  }
  const inputDim = checkSize('inputDim', options.inputDim, 8);
  const hidden = checkSize('hidden', options.hidden, 16);
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new InvalidOptionError('seed', 'an integer from 0 to 4294967295', `got ${String(seed)}`);
  }
  const outputDim = TASK_OUTPUT_SIZE[task];
  const layers: LayerShape[] = [
    { name: 'fc1', in: inputDim, out: hidden },
    { name: 'fc2', in: hidden, out: hidden },
    { name: 'fc3', in: hidden, out: outputDim },
  ];
  return Object.freeze({
    task,
    inputDim,
    hidden,
    outputDim,
    seed,
    layers: Object.freeze(layers.map((l) => Object.freeze(l))),
  });
}

function checkAdapterName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z_][\w-]*$/.test(name)) {
    throw new InvalidOptionError(
      'adapterName',
      'letters, digits, "_" or "-", starting with a letter or "_"',
      `got "${String(name)}"`,
    );
  }
  return name;
}

/**
 * The toy MLP with PEFT-style LoRA adapters: a frozen base, any number of named adapters, one active.
 *
 * Holds tfjs variables: call {@link LoraModel.dispose} when done. Every method that computes returns
 * plain data and leaves `tf.memory().numTensors` as it found it.
 */
export class LoraModel {
  /** The model's resolved sizes and seed. */
  readonly spec: ModelSpec;

  private readonly id = ++modelCounter;
  private readonly base = new Map<LayerName, Linear>();
  private readonly adapters = new Map<string, Adapter>();
  private active: string | null = null;
  private enabled = true;
  private merged = false;
  private readonly dropoutRng: Rng;
  private readonly listeners = new Set<(change: ModelChange) => void>();
  private rev = 0;
  private isDisposed = false;

  /** Use {@link createMlp}. */
  constructor(options: MlpOptions = {}) {
    this.spec = resolveMlpOptions(options);
    this.dropoutRng = createRng(this.spec.seed, 'lora-dropout');
    for (const shape of this.spec.layers) {
      const w = uniformValues(shape.out * shape.in, heUniformBound(shape.in), this.spec.seed, `${shape.name}.weight`);
      const b = uniformValues(shape.out, linearDefaultBound(shape.in), this.spec.seed, `${shape.name}.bias`);
      this.base.set(shape.name, {
        shape,
        weight: this.variable(`${shape.name}.weight`, tf.tensor2d(w, [shape.out, shape.in])),
        bias: this.variable(`${shape.name}.bias`, tf.tensor1d(b)),
      });
    }
    this.updateTrainable();
  }

  /** Increases on every change; elements compare it to know when to redraw. */
  get revision(): number {
    return this.rev;
  }

  /** Whether {@link LoraModel.dispose} has run. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /** Names of every adapter, in the order they were added. */
  get adapterNames(): readonly string[] {
    return [...this.adapters.keys()];
  }

  /** The adapter used by forward passes and trained, or `null` without adapters (full fine-tuning). */
  get activeAdapter(): string | null {
    return this.active;
  }

  /** Whether adapter layers take part in the forward pass (PEFT's `enable_adapter_layers`). */
  get adaptersEnabled(): boolean {
    return this.enabled;
  }

  /** Whether the active adapter is merged into the base weights. */
  get isMerged(): boolean {
    return this.merged;
  }

  /** The resolved configuration of an adapter (default: the active one). */
  adapterSpec(name: string | null = this.active): AdapterSpec | undefined {
    return name === null ? undefined : this.adapters.get(name)?.spec;
  }

  /** The scaling currently applied to B·A on a layer of an adapter (after `setScale`), or `null`. */
  scaling(layer: LayerName, name: string | null = this.active): number | null {
    if (name === null) return null;
    const adapter = this.adapters.get(name);
    const spec = adapter?.layers.get(layer)?.spec;
    return adapter && spec ? spec.scaling * adapter.scale : null;
  }

  /**
   * Adds a named adapter (PEFT's `add_adapter`); it becomes active when none is.
   *
   * @returns the adapter's resolved configuration, including warnings.
   * @throws InvalidOptionError for a bad option or a name already in use.
   */
  addAdapter(name: string, options: LoraOptions = {}): AdapterSpec {
    this.checkAlive();
    checkAdapterName(name);
    if (this.adapters.has(name)) {
      throw new InvalidOptionError('adapterName', 'a name not already in use', `adapter "${name}" exists`);
    }
    const spec = resolveLoraOptions(options, this.spec.layers, this.spec.seed);
    const adapter: Adapter = { name, spec, layers: new Map(), saved: new Map(), scale: 1 };
    // Create every tensor before registering the adapter, and free them all if any creation fails,
    // so that a failed call never leaves a half-built adapter or a stray tensor.
    const created: tf.Variable[] = [];
    const make = (variableName: string, initial: tf.Tensor): tf.Variable => {
      const v = this.variable(variableName, initial);
      created.push(v);
      return v;
    };
    try {
      for (const layerSpec of spec.layers) {
        const shape = this.layer(layerSpec.name).shape;
        const { r } = layerSpec;
        const stream = `adapter:${name}:${shape.name}`;
        const aValues =
          spec.initLoraWeights === 'gaussian'
            ? normalValues(r * shape.in, 1 / r, spec.seed, `${stream}.lora_A`)
            : uniformValues(r * shape.in, linearDefaultBound(shape.in), spec.seed, `${stream}.lora_A`);
        const bValues =
          spec.initLoraWeights === false
            ? uniformValues(shape.out * r, linearDefaultBound(r), spec.seed, `${stream}.lora_B`)
            : new Float32Array(shape.out * r);
        adapter.layers.set(shape.name, {
          spec: layerSpec,
          A: make(`${name}/${shape.name}.lora_A`, tf.tensor2d(aValues, [r, shape.in])),
          B: make(`${name}/${shape.name}.lora_B`, tf.tensor2d(bValues, [shape.out, r])),
        });
      }
      for (const layerName of spec.modulesToSave) {
        const original = this.layer(layerName);
        adapter.saved.set(layerName, {
          weight: make(`${name}/${layerName}.modules_to_save.weight`, original.weight.clone()),
          bias: make(`${name}/${layerName}.modules_to_save.bias`, original.bias.clone()),
        });
      }
    } catch (error) {
      created.forEach((v) => v.dispose());
      throw error;
    }
    this.adapters.set(name, adapter);
    if (this.active === null) this.active = name;
    this.updateTrainable();
    this.emit('adapters');
    return spec;
  }

  /** Makes another adapter the active one (PEFT's `set_adapter`); unmerges first if merged. */
  setAdapter(name: string): void {
    this.checkAlive();
    this.requireAdapter(name);
    if (this.active === name) return;
    if (this.merged) this.unmerge();
    this.active = name;
    this.updateTrainable();
    this.emit('adapters');
  }

  /** Removes an adapter and frees its tensors; another adapter becomes active if it was. */
  deleteAdapter(name: string): void {
    this.checkAlive();
    const adapter = this.requireAdapter(name);
    if (this.active === name && this.merged) this.unmerge();
    for (const layer of adapter.layers.values()) {
      layer.A.dispose();
      layer.B.dispose();
    }
    for (const saved of adapter.saved.values()) {
      saved.weight.dispose();
      saved.bias.dispose();
    }
    this.adapters.delete(name);
    if (this.active === name) this.active = this.adapters.keys().next().value ?? null;
    this.updateTrainable();
    this.emit('adapters');
  }

  /** Lets adapter layers take part in forward passes again (PEFT's `enable_adapter_layers`). */
  enableAdapters(): void {
    this.checkAlive();
    if (this.enabled) return;
    this.enabled = true;
    this.emit('adapters');
  }

  /**
   * Runs the base model alone, adapters kept (PEFT's `disable_adapter_layers`); a merged adapter is
   * unmerged first, as PEFT does.
   */
  disableAdapters(): void {
    this.checkAlive();
    if (!this.enabled) return;
    if (this.merged) this.unmerge();
    this.enabled = false;
    this.emit('adapters');
  }

  /**
   * Sets the active adapter's scaling to `scale` times its configured alpha/r (or alpha/√r); 1 restores
   * it. Unlike PEFT's `set_scale`, which always multiplies alpha/r, this keeps rsLoRA's √r.
   */
  setScale(scale: number, name: string | null = this.active): void {
    this.checkAlive();
    if (typeof scale !== 'number' || !Number.isFinite(scale)) {
      throw new InvalidOptionError('scale', 'a finite number', `got ${String(scale)}`);
    }
    if (name === null)
      throw new InvalidOptionError('adapterName', 'the name of an adapter', 'the model has no adapter');
    const adapter = this.requireAdapter(name);
    const remerge = this.merged && name === this.active;
    if (remerge) this.unmerge();
    adapter.scale = scale;
    if (remerge) this.merge();
    this.emit('adapters');
  }

  /** Folds the active adapter into the base weights: W ← W + s·B·A (PEFT's `merge_adapter`). */
  merge(): void {
    this.checkAlive();
    const adapter = this.activeAdapterOrThrow('merge');
    if (this.merged) return;
    if (!this.enabled) {
      throw new InvalidOptionError('merge', 'an enabled adapter', 'adapters are disabled; enable them first');
    }
    this.applyDelta(adapter, 1);
    this.merged = true;
    this.emit('merge');
  }

  /** Takes the merged adapter back out: W ← W − s·B·A (PEFT's `unmerge_adapter`). */
  unmerge(): void {
    this.checkAlive();
    if (!this.merged) return;
    this.applyDelta(this.activeAdapterOrThrow('unmerge'), -1);
    this.merged = false;
    this.emit('merge');
  }

  /**
   * One forward pass on a batch [n, inputDim] → [n, outputDim] (fc3's raw output). The caller owns
   * the returned tensor; inside `tf.tidy` or a gradient function nothing leaks.
   */
  forward(x: tf.Tensor2D, options: ForwardOptions = {}): tf.Tensor2D {
    this.checkAlive();
    const training = options.training ?? false;
    return tf.tidy(() => {
      let h: tf.Tensor2D = x;
      for (const name of LAYER_NAMES) {
        h = this.linear(name, h, training, options.rng ?? this.dropoutRng);
        if (name !== 'fc3') h = tf.relu(h);
      }
      return h;
    });
  }

  /**
   * Runs the model in eval mode on plain numbers: one input vector, or a batch of them.
   *
   * @returns one output row per input row.
   * @throws InvalidOptionError when a row is not `inputDim` finite numbers.
   */
  predict(inputs: readonly number[] | readonly (readonly number[])[]): number[][] {
    this.checkAlive();
    const rows = (inputs.length > 0 && Array.isArray(inputs[0]) ? inputs : [inputs]) as readonly (readonly number[])[];
    if (rows.length === 0) throw new InvalidOptionError('input', 'at least one row', 'got none');
    const flat = new Float32Array(rows.length * this.spec.inputDim);
    rows.forEach((row, i) => {
      if (
        !Array.isArray(row) ||
        row.length !== this.spec.inputDim ||
        row.some((v) => typeof v !== 'number' || !Number.isFinite(v))
      ) {
        throw new InvalidOptionError(
          'input',
          `${this.spec.inputDim} finite numbers per row`,
          `row ${i} is ${JSON.stringify(row)}`,
        );
      }
      flat.set(row, i * this.spec.inputDim);
    });
    const out = tf.tidy(() => this.forward(tf.tensor2d(flat, [rows.length, this.spec.inputDim])));
    const values = out.dataSync();
    out.dispose();
    const result: number[][] = [];
    for (let i = 0; i < rows.length; i++) {
      result.push(Array.from(values.subarray(i * this.spec.outputDim, (i + 1) * this.spec.outputDim)));
    }
    return result;
  }

  /** Every parameter the model uses under its current configuration, base layers first. */
  parameters(): ParameterInfo[] {
    this.checkAlive();
    const adapter = this.active === null ? undefined : this.adapters.get(this.active);
    const out: ParameterInfo[] = [];
    const fullFineTune = adapter === undefined;
    for (const name of LAYER_NAMES) {
      const { shape } = this.layer(name);
      const info = (
        id: string,
        kind: ParameterKind,
        dims: number[],
        trainable: boolean,
        owner: string | null,
      ): ParameterInfo =>
        Object.freeze({
          id,
          layer: name,
          kind,
          shape: Object.freeze(dims),
          size: dims.reduce((a, b) => a * b, 1),
          trainable,
          adapter: owner,
        });
      out.push(info(`${name}.weight`, 'weight', [shape.out, shape.in], fullFineTune, null));
      out.push(info(`${name}.bias`, 'bias', [shape.out], fullFineTune, null));
      const lora = adapter?.layers.get(name);
      if (adapter && lora) {
        out.push(info(`${name}.lora_A`, 'lora_A', [lora.spec.r, shape.in], true, adapter.name));
        out.push(info(`${name}.lora_B`, 'lora_B', [shape.out, lora.spec.r], true, adapter.name));
      }
      if (adapter?.saved.has(name)) {
        out.push(info(`${name}.modules_to_save.weight`, 'saved_weight', [shape.out, shape.in], true, adapter.name));
        out.push(info(`${name}.modules_to_save.bias`, 'saved_bias', [shape.out], true, adapter.name));
      }
    }
    return out;
  }

  /**
   * The current values of one parameter of the active configuration (see {@link LoraModel.parameters}).
   * While merged, `fc*.weight` holds W + s·B·A.
   */
  read(id: string): ParameterValues {
    const variable = this.variableById(id);
    return Object.freeze({
      id,
      shape: Object.freeze([...variable.shape]),
      values: variable.dataSync().slice() as Float32Array,
    });
  }

  /**
   * The trainable tfjs variables under the current configuration, by parameter id: every base weight
   * and bias without adapters; otherwise the active adapter's A, B and saved modules.
   */
  trainableVariables(): Map<string, tf.Variable> {
    this.checkAlive();
    const out = new Map<string, tf.Variable>();
    for (const info of this.parameters()) if (info.trainable) out.set(info.id, this.variableById(info.id));
    return out;
  }

  /**
   * Overwrites one parameter of the active configuration with new values (row-major, same size),
   * e.g. after an optimizer step computed outside tfjs. Listeners hear `weights`.
   *
   * @throws InvalidOptionError for an unknown id, a wrong length, or a non-finite value.
   */
  write(id: string, values: ArrayLike<number>): void {
    const variable = this.variableById(id);
    if (values.length !== variable.size) {
      throw new InvalidOptionError('values', `${variable.size} numbers for ${id}`, `got ${values.length}`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new InvalidOptionError('values', 'finite numbers', `${id}[${i}] is ${String(values[i])}`);
      }
    }
    tf.tidy(() => variable.assign(tf.tensor(Float32Array.from(values), variable.shape)));
    this.emit('weights');
  }

  /**
   * Copies the values of every parameter of the active configuration, to restore later with
   * {@link LoraModel.restore} (e.g. to undo a diverged training run).
   */
  snapshot(): ReadonlyMap<string, Float32Array> {
    return new Map(this.parameters().map((p) => [p.id, this.read(p.id).values]));
  }

  /** Puts back the values of a {@link LoraModel.snapshot} taken under the same configuration. */
  restore(snapshot: ReadonlyMap<string, Float32Array>): void {
    this.checkAlive();
    const ids = this.parameters().map((p) => p.id);
    if (ids.length !== snapshot.size || ids.some((id) => !snapshot.has(id))) {
      throw new InvalidOptionError('snapshot', 'a snapshot of the current configuration', 'the parameters differ');
    }
    tf.tidy(() => {
      for (const id of ids) {
        const variable = this.variableById(id);
        variable.assign(tf.tensor(snapshot.get(id)!, variable.shape));
      }
    });
    this.emit('weights');
  }

  /**
   * An independent copy: same sizes, adapters (with their scales), active adapter, enabled and merged
   * state, and every parameter value. Changing or training the copy never touches this model or
   * notifies its listeners; dispose the copy when done.
   */
  clone(): LoraModel {
    this.checkAlive();
    const { task, inputDim, hidden, seed } = this.spec;
    const copy = new LoraModel({ task, inputDim, hidden, seed });
    try {
      for (const adapter of this.adapters.values()) {
        // A resolved spec carries every LoRA option (plus derived fields, which are ignored).
        copy.addAdapter(adapter.name, adapter.spec);
        const mine = copy.adapters.get(adapter.name)!;
        mine.scale = adapter.scale;
        tf.tidy(() => {
          for (const [name, layer] of adapter.layers) {
            mine.layers.get(name)!.A.assign(layer.A);
            mine.layers.get(name)!.B.assign(layer.B);
          }
          for (const [name, saved] of adapter.saved) {
            mine.saved.get(name)!.weight.assign(saved.weight);
            mine.saved.get(name)!.bias.assign(saved.bias);
          }
        });
      }
      tf.tidy(() => {
        for (const [name, layer] of this.base) {
          copy.layer(name).weight.assign(layer.weight);
          copy.layer(name).bias.assign(layer.bias);
        }
      });
      // Stored values were copied as they are (merged weights included), so only the flags follow.
      copy.active = this.active;
      copy.enabled = this.enabled;
      copy.merged = this.merged;
      copy.updateTrainable();
    } catch (error) {
      copy.dispose();
      throw error;
    }
    return copy;
  }

  /** Tells listeners that parameter values changed (called by training code after an update). */
  notifyWeightsChanged(): void {
    this.emit('weights');
  }

  /**
   * Calls `listener` after every change (adapters, weights, merge, dispose).
   *
   * @returns a function that unsubscribes.
   */
  subscribe(listener: (change: ModelChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Frees every tensor the model holds; later calls throw. */
  dispose(): void {
    if (this.isDisposed) return;
    for (const name of [...this.adapters.keys()]) this.deleteAdapter(name);
    for (const layer of this.base.values()) {
      layer.weight.dispose();
      layer.bias.dispose();
    }
    this.base.clear();
    this.isDisposed = true;
    this.emit('dispose');
    this.listeners.clear();
  }

  private linear(name: LayerName, x: tf.Tensor2D, training: boolean, rng: Rng): tf.Tensor2D {
    const adapter = this.enabled && this.active !== null ? this.adapters.get(this.active) : undefined;
    const base = adapter?.saved.get(name) ?? this.layer(name);
    let y: tf.Tensor2D = tf.add(tf.matMul(x, base.weight as tf.Tensor2D, false, true), base.bias);
    const lora = adapter && !this.merged ? adapter.layers.get(name) : undefined;
    if (adapter && lora) {
      const p = adapter.spec.dropout;
      const input = training && p > 0 ? tf.mul(x, this.dropoutMask(x.shape, p, rng)) : x;
      const down = tf.matMul(input, lora.A as tf.Tensor2D, false, true);
      const up = tf.matMul(down, lora.B as tf.Tensor2D, false, true);
      y = tf.add(y, tf.mul(up, lora.spec.scaling * adapter.scale));
    }
    return y;
  }

  /** Inverted dropout: keep with probability 1 − p and scale kept values by 1 / (1 − p). */
  private dropoutMask(shape: [number, number], p: number, rng: Rng): tf.Tensor2D {
    const mask = new Float32Array(shape[0] * shape[1]);
    const kept = 1 / (1 - p);
    for (let i = 0; i < mask.length; i++) mask[i] = rng.next() >= p ? kept : 0;
    return tf.tensor2d(mask, shape);
  }

  private applyDelta(adapter: Adapter, sign: 1 | -1): void {
    for (const [name, lora] of adapter.layers) {
      const { weight } = this.layer(name);
      const s = lora.spec.scaling * adapter.scale * sign;
      tf.tidy(() => {
        weight.assign(tf.add(weight, tf.mul(tf.matMul(lora.B, lora.A), s)));
      });
    }
  }

  private updateTrainable(): void {
    const adapter = this.active === null ? undefined : this.adapters.get(this.active);
    for (const layer of this.base.values()) {
      layer.weight.trainable = adapter === undefined;
      layer.bias.trainable = adapter === undefined;
    }
    for (const other of this.adapters.values()) {
      const on = other === adapter;
      for (const l of other.layers.values()) {
        l.A.trainable = on;
        l.B.trainable = on;
      }
      for (const s of other.saved.values()) {
        s.weight.trainable = on;
        s.bias.trainable = on;
      }
    }
  }

  private variableById(id: string): tf.Variable {
    this.checkAlive();
    const match = /^(fc\d)\.(weight|bias|lora_A|lora_B|modules_to_save\.weight|modules_to_save\.bias)$/.exec(id);
    const layerName = match?.[1] as LayerName | undefined;
    const layer = layerName ? this.base.get(layerName) : undefined;
    const adapter = this.active === null ? undefined : this.adapters.get(this.active);
    let variable: tf.Variable | undefined;
    if (layer && layerName && match) {
      switch (match[2]) {
        case 'weight':
          variable = layer.weight;
          break;
        case 'bias':
          variable = layer.bias;
          break;
        case 'lora_A':
          variable = adapter?.layers.get(layerName)?.A;
          break;
        case 'lora_B':
          variable = adapter?.layers.get(layerName)?.B;
          break;
        case 'modules_to_save.weight':
          variable = adapter?.saved.get(layerName)?.weight;
          break;
        case 'modules_to_save.bias':
          variable = adapter?.saved.get(layerName)?.bias;
          break;
      }
    }
    if (!variable) {
      const ids = this.parameters().map((p) => p.id);
      throw new InvalidOptionError('id', `one of ${ids.join(', ')}`, `no parameter "${id}"`);
    }
    return variable;
  }

  private variable(name: string, initial: tf.Tensor): tf.Variable {
    const v = tf.variable(initial, true, `lora-viz/m${this.id}/${name}`);
    initial.dispose();
    return v;
  }

  private layer(name: LayerName): Linear {
    const layer = this.base.get(name);
    if (!layer) throw new Error(`internal: no layer ${name}`);
    return layer;
  }

  private requireAdapter(name: string): Adapter {
    const adapter = this.adapters.get(name);
    if (!adapter) {
      const known = this.adapterNames.length > 0 ? this.adapterNames.join(', ') : 'none yet';
      throw new InvalidOptionError('adapterName', `an existing adapter (${known})`, `no adapter "${name}"`);
    }
    return adapter;
  }

  private activeAdapterOrThrow(action: string): Adapter {
    if (this.active === null)
      throw new InvalidOptionError(action, 'a model with an adapter', 'the model has no adapter');
    return this.requireAdapter(this.active);
  }

  private checkAlive(): void {
    if (this.isDisposed) throw new Error('This LoraModel was disposed; create a new one with createMlp().');
  }

  private emit(kind: ModelChange['kind']): void {
    this.rev += 1;
    const change: ModelChange = Object.freeze({ kind, revision: this.rev });
    for (const listener of [...this.listeners]) listener(change);
  }
}

/**
 * Creates the toy MLP with Kaiming (He) uniform weights and PyTorch-style biases from a seeded PRNG.
 *
 * @example
 * const model = createMlp({ task: 'classification', seed: 0 });
 * attachLora(model, { r: 4, alpha: 8, targetModules: ['fc1', 'fc2'] });
 * model.predict([0, 1, 0, 0, 1, 0, 0, 1]);
 * model.dispose();
 */
export function createMlp(options: MlpOptions = {}): LoraModel {
  return new LoraModel(options);
}

/**
 * Attaches a LoRA adapter and makes it active, as PEFT's `get_peft_model(model, LoraConfig(...))`.
 *
 * @returns the adapter's resolved configuration (its `warnings` say when a rank exceeds min(in, out)).
 */
export function attachLora(model: LoraModel, options: LoraOptions = {}, adapterName = 'default'): AdapterSpec {
  const spec = model.addAdapter(adapterName, options);
  model.setAdapter(adapterName);
  return spec;
}
