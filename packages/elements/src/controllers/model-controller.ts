import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LoraModel, ModelChange } from '@lora-viz/core';

/** Options of a {@link ModelController}. */
export interface ModelControllerOptions {
  /** Called on every change of the followed model, just before the host is asked to update. */
  onChange?: (change: ModelChange, model: LoraModel) => void;
}

/**
 * Keeps an element in step with a {@link LoraModel}: it subscribes while the host is connected,
 * follows whichever model `getModel()` returns at each update, and requests an update on every change
 * (adapters, weights, merge, dispose). Disconnecting the host drops the subscription.
 *
 * @example
 * private readonly tracked = new ModelController(this, () => this.model);
 */
export class ModelController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly getModel: () => LoraModel | undefined;
  private readonly onChange: ModelControllerOptions['onChange'];
  private followed: LoraModel | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;
  /** The model and revision the host last updated with, to catch up after a reconnect. */
  private seen: { readonly model: LoraModel; readonly revision: number } | undefined;

  /**
   * @param host - The element to update.
   * @param getModel - Returns the model the host shows now; read on connect and before each update.
   * @param options - Optional change callback.
   */
  constructor(
    host: ReactiveControllerHost,
    getModel: () => LoraModel | undefined,
    options: ModelControllerOptions = {},
  ) {
    this.host = host;
    this.getModel = getModel;
    this.onChange = options.onChange;
    host.addController(this);
  }

  /** The model currently subscribed to, or `undefined` (host disconnected, no model, or disposed). */
  get model(): LoraModel | undefined {
    return this.followed;
  }

  /** Subscribes to the host's model, and updates the host if the model changed while it was away. */
  hostConnected(): void {
    this.connected = true;
    this.sync();
    const model = this.followed;
    if (model !== undefined && (this.seen?.model !== model || this.seen.revision !== model.revision)) {
      this.host.requestUpdate();
    }
  }

  /** Re-subscribes when the host's model object was replaced since the last update. */
  hostUpdate(): void {
    this.sync();
    const model = this.followed;
    this.seen = model === undefined ? undefined : { model, revision: model.revision };
  }

  /** Unsubscribes, so that a removed element is never updated by the model again. */
  hostDisconnected(): void {
    this.connected = false;
    this.release();
  }

  private sync(): void {
    const next = this.connected ? this.getModel() : undefined;
    if (next === this.followed) return;
    this.release();
    if (next === undefined || next.disposed) return;
    this.followed = next;
    this.unsubscribe = next.subscribe((change) => {
      // A disposed model never changes again; let it go so it can be garbage-collected.
      if (change.kind === 'dispose') this.release();
      this.onChange?.(change, next);
      this.host.requestUpdate();
    });
  }

  private release(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.followed = undefined;
  }
}
