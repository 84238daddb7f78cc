import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { attachLora, createMlp, type LoraModel, type LoraOptions } from '@lora-viz/core';
import { parseModelAttributes, type AttributeProblem, type ModelAttributeValues } from '../shared/model-attributes.js';
import { ModelController } from './model-controller.js';

/** What an element adds to the five shared model attributes: its own checks and LoRA options. */
export interface OwnModelExtra {
  /** Problems with the element's further attributes (e.g. `init-lora-weights`), reported after the shared ones. */
  readonly problems: readonly AttributeProblem[];
  /** LoRA options merged over those parsed from the attributes. */
  readonly lora?: Partial<LoraOptions>;
}

/** Options of an {@link OwnModelController}. */
export interface OwnModelControllerOptions {
  /** The page's model; while it is set the own model is disposed and the attributes are ignored. */
  readonly pageModel: () => LoraModel | undefined;
  /** The attribute values to build the own model from, read at each rebuild. */
  readonly values: () => ModelAttributeValues;
  /** Host properties whose change rebuilds the own model. */
  readonly properties: readonly PropertyKey[];
  /** Further checks and LoRA options of the element, read at each rebuild. */
  readonly extra?: () => OwnModelExtra;
  /** Attribute blamed should `attachLora` still throw after the checks passed; `lora` unless given. */
  readonly fallbackAttribute?: keyof ModelAttributeValues;
}

/**
 * Gives an element its own toy model, built from its attributes, whenever the page sets no `.model`:
 * it builds the model at the first update while connected, rebuilds it when one of the attributes
 * changes, disposes it when the host is disconnected or the page gives a model, and builds it again
 * on reconnect. It follows whichever model is shown with a {@link ModelController}. Call
 * {@link OwnModelController.update} at the start of the host's `willUpdate`.
 *
 * @example
 * private readonly own = new OwnModelController(this, {
 *   pageModel: () => this.model,
 *   values: () => ({ task: this.task, lora: this.lora, rank: this.rank, alpha: this.alpha, targets: this.targets }),
 *   properties: ['task', 'lora', 'rank', 'alpha', 'targets'],
 * });
 */
export class OwnModelController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: OwnModelControllerOptions;
  /** Follows the shown model, so that its changes update the host. */
  private readonly tracked: ModelController;
  private own: LoraModel | undefined;
  private stale = true;
  private found: readonly AttributeProblem[] = [];

  /**
   * @param host - The element that owns the model.
   * @param options - Where the page's model and the attribute values come from.
   */
  constructor(host: ReactiveControllerHost & HTMLElement, options: OwnModelControllerOptions) {
    this.host = host;
    this.options = options;
    // Added first so that it unsubscribes on disconnect before the own model is disposed.
    this.tracked = new ModelController(host, () => this.model);
    host.addController(this);
  }

  /** The model to show: the page's, else the own one (`undefined` while it cannot be built or is disconnected). */
  get model(): LoraModel | undefined {
    return this.options.pageModel() ?? this.own;
  }

  /** Problems with the attributes found at the last build; none while the page gives the model. */
  get problems(): readonly AttributeProblem[] {
    return this.found;
  }

  /**
   * Builds, rebuilds or disposes the own model for the coming update.
   *
   * @param changed - The host's changed properties, as `willUpdate` receives them.
   */
  update(changed: ReadonlyMap<PropertyKey, unknown>): void {
    if (this.options.pageModel() !== undefined) {
      this.dispose();
      this.found = [];
      return;
    }
    if (this.options.properties.some((name) => changed.has(name))) this.stale = true;
    // Never build while disconnected: nothing would dispose the model.
    if (this.host.isConnected && (this.stale || this.own === undefined)) this.rebuild();
  }

  /** Asks for an update when the own model was disposed on disconnect, so that it is built again. */
  hostConnected(): void {
    if (this.model === undefined) this.host.requestUpdate();
  }

  /** Disposes the own model: a removed element holds no tensors. */
  hostDisconnected(): void {
    this.dispose();
  }

  private rebuild(): void {
    this.dispose();
    this.stale = false;
    const values = this.options.values();
    const parsed = parseModelAttributes(values, (name) => this.attributeText(name, values));
    const extra = this.options.extra?.() ?? { problems: [] };
    const problems = [...(parsed.ok ? [] : parsed.problems), ...extra.problems];
    if (!parsed.ok || problems.length > 0) {
      this.found = problems;
      return;
    }
    const model = createMlp(parsed.mlp);
    try {
      if (parsed.lora) attachLora(model, { ...parsed.lora, ...extra.lora });
    } catch (error) {
      // parseModelAttributes ran the same checks; this is a safety net, not an expected path.
      model.dispose();
      const attribute = this.options.fallbackAttribute ?? 'lora';
      const accepted = error instanceof Error ? error.message : String(error);
      this.found = [{ attribute, value: attribute === 'lora' ? '' : String(values[attribute]), accepted }];
      return;
    }
    this.found = [];
    this.own = model;
  }

  /** The attribute as written, if it is where the current value came from (not a later property set). */
  private attributeText(name: keyof ModelAttributeValues, values: ModelAttributeValues): string | null {
    const text = this.host.getAttribute(name);
    if (text === null) return null;
    const fromText = name === 'rank' || name === 'alpha' ? Number(text) : text;
    return Object.is(fromText, values[name]) ? text : null;
  }

  private dispose(): void {
    const model = this.own;
    this.own = undefined;
    this.stale = true;
    model?.dispose();
  }
}
