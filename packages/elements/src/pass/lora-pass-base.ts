import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  createMlp,
  describeGraph,
  recordStep,
  type GraphNode,
  type LayerName,
  type LoraModel,
  type ModelGraph,
  type TraceEvent,
  type TraceSample,
  type ValueSummary,
} from '@lora-viz/core';
import { OwnModelController } from '../controllers/own-model-controller.js';
import { PLAYBACK_SPEEDS, PlaybackController, type PlaybackSpeed } from '../controllers/playback-controller.js';
import type { LoraGraphHighlight } from '../graph/lora-graph.js';
import { numberOr, textOr } from '../shared/attribute-converters.js';
import { renderProblems } from '../shared/render-problems.js';
import { styles } from './lora-pass.styles.js';
import { visuallyHidden } from '../shared/shared.styles.js';
import { formatValue, narrate, nodeSymbol, type NarrationContext } from './narration.js';
import {
  buildTimeline,
  defaultSample,
  gradientEdgeWidths,
  storedGradients,
  visitedNodes,
  type PassFrame,
  type PassPhase,
} from './timeline.js';

/** Payload of `lora-playback-change`. */
export interface LoraPlaybackChangeDetail {
  /** Whether playback runs after the user's action. */
  readonly playing: boolean;
  /** Index of the frame shown after the user's action, from 0. */
  readonly position: number;
}

/** While playing, the live region speaks one frame in this many (and the frame paused on). */
export const ANNOUNCE_EVERY = 4;

/** Values listed in the readout; the rest are summarized by min, max, mean and norm. */
const SHOWN_VALUES = 8;

interface Recording {
  readonly key: string;
  readonly model: LoraModel;
  readonly events: readonly TraceEvent[];
  readonly frames: readonly PassFrame[];
  readonly graph: ModelGraph;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly stored: ReadonlyMap<string, ValueSummary>;
}

// Drawn, not typed: the media-control characters (⏮ ⏸ …) are missing from many system fonts.
const icon = (d: string) => html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d=${d}></path></svg>`;
const ICON_RESTART = icon('M3 3h2v10H3zM13 3v10L6 8z');
const ICON_BACK = icon('M11 3v10L4 8z');
const ICON_FORWARD = icon('M5 3v10l7-5z');
const ICON_PLAY = icon('M4 2.5v11l9.5-5.5z');
const ICON_PAUSE = icon('M4 3h3v10H4zM9 3h3v10H9z');
const ICON_LOCK = icon('M5 7V5a3 3 0 0 1 6 0v2h1v7H4V7zm1.5 0h3V5a1.5 1.5 0 0 0-3 0z');

const SPEED_LABELS: Readonly<Record<PlaybackSpeed, string>> = { 0.5: '0.5×', 1: '1×', 2: '2×' };

function parseDuration(text: string): number {
  const match = /^\s*([\d.]+)\s*(ms|s)?\s*$/.exec(text);
  if (!match) return 900;
  const value = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  return Number.isFinite(value) ? value : 900;
}

/**
 * What `<lora-forward-pass>` and `<lora-backward-pass>` share: the recording of one step on a
 * cloned model, the embedded graph, the transport, the readout and the narration. Not an
 * element of its own; each subclass names its phase.
 */
export abstract class LoraPassBase extends LitElement {
  static override styles = [styles, visuallyHidden];

  /** The model to trace, followed live; when unset, the element builds its own toy model with LoRA. */
  @property({ attribute: false }) model?: LoraModel;

  /**
   * The sample to train on: `{ input, label }`, `{ input, target }` or `{ input, pair, score }` for
   * the model's task; when unset, input [1, 0, 0, 1, 0, 1, 0, 1] (repeated to the input size) with
   * label 1 (sentiment), class 2 (classification), targets [0.5, −0.5, 1, 0] (regression) or its mirror
   * image at score 0.8 (similarity).
   */
  @property({ attribute: false }) sample?: TraceSample;

  /**
   * Whether the step is recorded on a full fine-tuning copy of the model instead (a fresh toy model
   * with the same options and seed, no adapter), to compare which weights get gradients. Reflected.
   */
  @property({ type: Boolean, reflect: true, attribute: 'lora-off' }) loraOff = false;

  /** Task of the element's own model: sentiment, classification, similarity or regression. */
  @property({ converter: textOr('sentiment') }) task = 'sentiment';

  /** LoRA rank r of the element's own model: a positive integer. */
  @property({ converter: numberOr(4) }) rank = 4;

  /** LoRA alpha of the element's own model (scaling s = alpha / r): a finite number. */
  @property({ converter: numberOr(8) }) alpha = 8;

  /** Comma-separated layers of the element's own model that get A and B, from fc1, fc2, fc3. */
  @property({ converter: textOr('fc1,fc2') }) targets = 'fc1,fc2';

  @state() private announcement = '';
  @state() private recordError: string | null = null;

  /** Which half of the step this element replays. */
  abstract get phase(): PassPhase;

  private readonly own = new OwnModelController(this, {
    pageModel: () => this.model,
    values: () => ({ task: this.task, lora: true, rank: this.rank, alpha: this.alpha, targets: this.targets }),
    properties: ['task', 'rank', 'alpha', 'targets'],
    fallbackAttribute: 'rank',
  });

  private readonly playback = new PlaybackController(this, {
    frames: () => this.recording?.frames.length ?? 0,
    frameDuration: () => parseDuration(getComputedStyle(this).getPropertyValue('--lora-pass-step-duration')),
  });

  private recording: Recording | undefined;
  private copy: LoraModel | undefined;
  private spoken = { position: 0, playing: false };

  constructor() {
    super();
    this.addEventListener('keydown', this.onKeyDown);
  }

  /** Index of the frame shown, from 0. */
  get position(): number {
    return this.playback.position;
  }

  /** Whether playback runs. */
  get playing(): boolean {
    return this.playback.playing;
  }

  /** Number of frames of the replay (one per node event, plus the loss); 0 while nothing is recorded. */
  get frameCount(): number {
    return this.recording?.frames.length ?? 0;
  }

  /** The trace events of the recorded step (plain data), or an empty list. */
  get events(): readonly TraceEvent[] {
    return this.recording?.events ?? [];
  }

  /** The playback controller: diagnostic, for tests (e.g. that no timer runs after removal). */
  get playbackController(): PlaybackController {
    return this.playback;
  }

  /** Starts playing (fires no event: only the user's actions do). */
  play(): void {
    this.playback.play();
  }

  /** Pauses. */
  pause(): void {
    this.playback.pause();
  }

  /** Shows frame `index`, clamped to the frames. */
  seek(index: number): void {
    this.playback.seek(index);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('phase', this.phase);
    // The element is one tab stop so that its keyboard shortcuts work without reaching for a button.
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.releaseCopy();
    this.recording = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.own.update(changed);
    if (changed.has('loraOff') && !this.loraOff) this.releaseCopy();
    this.record();
    this.playback.clamp();
    this.updateAnnouncement();
  }

  // ------------------------------------------------------------------ recording

  private record(): void {
    const base = this.own.model;
    if (base === undefined || base.disposed || !this.isConnected) {
      this.recording = undefined;
      return;
    }
    const model = this.loraOff ? this.fullCopy(base) : base;
    const sample = this.sample ?? defaultSample(base.spec.task, base.spec.inputDim);
    const key = `${this.loraOff}|${base.revision}|${JSON.stringify(sample)}`;
    if (this.recording?.key === key && this.recording.model === model) return;
    try {
      // Record on a copy: replaying must never change the page's model, nor notify its listeners
      // (other views of the same model, e.g. a second pass element, would otherwise re-record in turn).
      const copy = model.clone();
      let events: TraceEvent[];
      try {
        events = recordStep(copy, sample);
      } finally {
        copy.dispose();
      }
      const graph = describeGraph(model, { loss: true });
      const frames = buildTimeline(events, this.phase);
      const previous = this.recording;
      this.recording = {
        key,
        model,
        events,
        frames,
        graph,
        nodes: new Map(graph.nodes.map((n) => [n.id, n])),
        stored: storedGradients(events),
      };
      this.recordError = null;
      if (previous?.model !== model) this.playback.seek(0);
    } catch (error) {
      this.recording = undefined;
      this.recordError = error instanceof Error ? error.message : String(error);
    }
  }

  private fullCopy(base: LoraModel): LoraModel {
    const { task, inputDim, hidden, seed } = base.spec;
    const same = this.copy?.spec;
    if (this.copy && !this.copy.disposed && same?.task === task && same.inputDim === inputDim && same.seed === seed) {
      return this.copy;
    }
    this.releaseCopy();
    this.copy = createMlp({ task, inputDim, hidden, seed });
    return this.copy;
  }

  private releaseCopy(): void {
    const copy = this.copy;
    this.copy = undefined;
    if (this.recording?.model === copy) this.recording = undefined;
    copy?.dispose();
  }

  // ------------------------------------------------------------------ narration

  private context(recording: Recording): NarrationContext {
    return {
      nodes: recording.nodes,
      stored: recording.stored,
      scaling: (layer) => {
        try {
          return recording.model.scaling(layer as LayerName);
        } catch {
          return null;
        }
      },
    };
  }

  /** One sentence per frame when stepping; while playing, every few frames and on pause. */
  private updateAnnouncement(): void {
    const { position, playing } = this.playback;
    const before = this.spoken;
    if (before.position === position && before.playing === playing) return;
    this.spoken = { position, playing };
    const frame = this.recording?.frames[position];
    if (!frame || !this.recording) return;
    const sentence = narrate(frame, this.context(this.recording));
    if (!playing || !before.playing || position % ANNOUNCE_EVERY === 0) {
      this.announcement = `${position + 1} of ${this.recording.frames.length}: ${sentence}`;
    }
  }

  // ------------------------------------------------------------------ user intent

  private userAction(run: () => void): void {
    run();
    const detail: LoraPlaybackChangeDetail = { playing: this.playback.playing, position: this.playback.position };
    this.dispatchEvent(new CustomEvent('lora-playback-change', { bubbles: true, composed: true, detail }));
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const origin = event.composedPath()[0];
    if (origin instanceof Element) {
      // The graph, the scrubber and the speed select handle their own keys.
      if (
        origin.closest('lora-graph') ||
        event.composedPath().some((t) => t instanceof Element && t.localName === 'lora-graph')
      )
        return;
      if (origin.localName === 'input' || origin.localName === 'select') return;
      if (origin.localName === 'button' && (event.key === ' ' || event.key === 'Enter')) return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = Math.max(0, this.frameCount - 1);
    const actions: Record<string, () => void> = {
      ' ': () => this.playback.toggle(),
      ArrowRight: () => this.playback.step(1),
      ArrowLeft: () => this.playback.step(-1),
      Home: () => this.playback.step(-this.playback.position),
      End: () => this.playback.step(last - this.playback.position),
    };
    const action = actions[event.key];
    if (!action || this.frameCount === 0) return;
    event.preventDefault();
    this.userAction(action);
  };

  private readonly onScrub = (event: Event): void => {
    this.playback.seek(Number((event.target as HTMLInputElement).value));
  };

  private readonly onScrubCommit = (event: Event): void => {
    this.userAction(() => this.playback.seek(Number((event.target as HTMLInputElement).value)));
  };

  private readonly onSpeed = (event: Event): void => {
    this.playback.setSpeed(Number((event.target as HTMLSelectElement).value) as PlaybackSpeed);
  };

  private readonly onToggleLora = (): void => {
    this.playback.pause();
    this.loraOff = !this.loraOff;
  };

  // ------------------------------------------------------------------ rendering

  /** The graph highlight for a frame; the backward pass adds gradient edge widths. */
  private highlightFor(recording: Recording, position: number): LoraGraphHighlight {
    const frame = recording.frames[position];
    const highlight: LoraGraphHighlight = {
      active: frame?.nodeId ?? null,
      visited: visitedNodes(recording.frames, position),
    };
    if (this.phase !== 'backward') return highlight;
    return { ...highlight, edgeWidths: gradientEdgeWidths(recording.graph.edges, recording.frames, position) };
  }

  protected override render(): TemplateResult {
    const recording = this.recording;
    const { position, playing, speed, reducedMotion } = this.playback;
    const frame = recording?.frames[position];
    const count = recording?.frames.length ?? 0;
    const title = this.phase === 'forward' ? 'Forward pass' : 'Backward pass';
    return html`
      ${renderProblems('Cannot build the model', this.own.problems)}
      ${
        this.recordError === null
          ? nothing
          : html`<div part="error" class="error" role="alert">Cannot record the step: ${this.recordError}</div>`
      }
      <div class="layout">
        <lora-graph
          part="graph"
          loss
          .model=${recording?.model}
          .highlight=${recording ? this.highlightFor(recording, position) : null}
          style=${reducedMotion ? '--lora-graph-transition-duration: 0s' : ''}
        ></lora-graph>
        <section part="readout" class="readout" aria-label="${title}: frame ${position + 1} of ${count}">
          ${frame && recording ? this.renderReadout(frame, recording) : nothing}
        </section>
        <div part="toolbar" class="toolbar" role="group" aria-label="${title} playback">
          <button
            type="button"
            part="button restart"
            aria-label="Restart"
            title="Restart (Home)"
            ?disabled=${count === 0}
            @click=${() => this.userAction(() => this.playback.step(-this.playback.position))}
          >
            ${ICON_RESTART}
          </button>
          <button
            type="button"
            part="button step-back"
            aria-label="Step back"
            title="Step back (←)"
            ?disabled=${count === 0}
            @click=${() => this.userAction(() => this.playback.step(-1))}
          >
            ${ICON_BACK}
          </button>
          <button
            type="button"
            part="button play"
            aria-label=${playing ? 'Pause' : 'Play'}
            title="Play or pause (Space)"
            aria-pressed=${playing ? 'true' : 'false'}
            ?disabled=${count === 0}
            @click=${() => this.userAction(() => this.playback.toggle())}
          >
            ${playing ? ICON_PAUSE : ICON_PLAY}
          </button>
          <button
            type="button"
            part="button step-forward"
            aria-label="Step forward"
            title="Step forward (→)"
            ?disabled=${count === 0}
            @click=${() => this.userAction(() => this.playback.step(1))}
          >
            ${ICON_FORWARD}
          </button>
          <input
            type="range"
            part="scrubber"
            aria-label="Frame"
            min="0"
            max=${Math.max(0, count - 1)}
            step="1"
            .value=${String(position)}
            aria-valuetext=${frame ? `Frame ${position + 1} of ${count}: ${this.frameName(frame, recording!)}` : 'No frames'}
            ?disabled=${count === 0}
            @input=${this.onScrub}
            @change=${this.onScrubCommit}
          />
          <span part="counter" class="counter">${count === 0 ? '–' : `${position + 1} / ${count}`}</span>
          <label class="speed"
            >Speed
            <select part="speed" @change=${this.onSpeed}>
              ${PLAYBACK_SPEEDS.map((s) => html`<option value=${s} ?selected=${s === speed}>${SPEED_LABELS[s]}</option>`)}
            </select>
          </label>
          <button
            type="button"
            part="button lora-toggle"
            aria-pressed=${this.loraOff ? 'true' : 'false'}
            title="Record the same step with full fine-tuning (no adapter) to compare which weights get gradients"
            @click=${this.onToggleLora}
          >
            LoRA off
          </button>
        </div>
      </div>
      <p part="narration" class="visually-hidden" aria-live="polite">${this.announcement}</p>
    `;
  }

  private frameName(frame: PassFrame, recording: Recording): string {
    if (frame.kind === 'loss') return 'loss';
    const label = recording.nodes.get(frame.nodeId)?.label ?? frame.nodeId;
    // A similarity pair runs the same nodes twice; say which of the two inputs a frame belongs to.
    const pass = frame.event.pass;
    return pass === undefined ? label : `${label} · ${pass === 0 ? 'first' : 'second'} input`;
  }

  private renderReadout(frame: PassFrame, recording: Recording): TemplateResult {
    const sentence = narrate(frame, this.context(recording));
    const node = recording.nodes.get(frame.nodeId);
    const heading = html`<h3 part="readout-title" class="readout-title">
      <span part="node-label">${this.frameName(frame, recording)}</span>
      <span class="kind">${frame.kind === 'backward' ? 'gradient' : frame.kind === 'loss' ? 'loss' : 'value'}</span>
    </h3>`;
    const explanation = html`<p part="explanation" class="explanation">${sentence}</p>`;
    if (frame.kind === 'loss') {
      const { value, probabilities, cosine } = frame.event;
      return html`${heading}${explanation}
        <dl part="stats" class="stats">
          <div>
            <dt>value</dt>
            <dd part="stat stat-loss">${formatValue(value)}</dd>
          </div>
          ${
            probabilities
              ? html`<div>
                  <dt>probabilities</dt>
                  <dd part="stat stat-probabilities">${probabilities.map(formatValue).join(', ')}</dd>
                </div>`
              : nothing
          }
          ${
            cosine === undefined
              ? nothing
              : html`<div>
                  <dt>cosine</dt>
                  <dd part="stat">${formatValue(cosine)}</dd>
                </div>`
          }
        </dl>`;
    }
    if (frame.kind === 'forward') {
      return html`${heading}${explanation}${this.renderSummary(frame.event.value, 'value')}
      ${frame.event.parts ? this.renderContributions(frame.event.parts.base, frame.event.parts.lora) : nothing}`;
    }
    const { grad, passed, stored } = frame.event;
    const received = node?.paramId === undefined ? undefined : recording.stored.get(node.paramId);
    const symbol = nodeSymbol(node, frame.nodeId);
    return html`${heading}
    ${
      stored === false
        ? html`<p part="badge badge-passthrough" class="badge passthrough">${ICON_LOCK} passes through, not stored</p>`
        : stored === true
          ? html`<p part="badge badge-stored" class="badge stored">gradient stored</p>`
          : nothing
    }
    ${explanation}${this.renderSummary(grad, `∂L/∂(${symbol} output)`)}
    ${received ? this.renderSummary(received, `∂L/∂${symbol} received`, 'received') : nothing}
    ${passed ? this.renderSummary(passed, 'sent on', 'passed') : nothing} ${this.renderLedger(recording)}`;
  }

  private renderSummary(summary: ValueSummary, caption: string, name = 'summary'): TemplateResult {
    const values = summary.values ?? [];
    return html`<div part=${name} class="summary">
      <p class="caption">${caption} · shape <span part="stat stat-shape">[${summary.shape.join(', ')}]</span></p>
      <dl part="stats" class="stats">
        <div>
          <dt>min</dt>
          <dd part="stat stat-min">${formatValue(summary.min)}</dd>
        </div>
        <div>
          <dt>max</dt>
          <dd part="stat stat-max">${formatValue(summary.max)}</dd>
        </div>
        <div>
          <dt>mean</dt>
          <dd part="stat stat-mean">${formatValue(summary.mean)}</dd>
        </div>
        <div>
          <dt>norm</dt>
          <dd part="stat stat-norm">${formatValue(summary.norm)}</dd>
        </div>
      </dl>
      <p class="values" aria-label="first values">
        <span part="values">${values.slice(0, SHOWN_VALUES).map(formatValue).join(', ')}</span
        >${values.length > SHOWN_VALUES ? ' …' : ''}
      </p>
    </div>`;
  }

  /** Base W·x + b and LoRA s·B·A·x per output neuron, as paired bars around 0. */
  private renderContributions(base: ValueSummary, lora: ValueSummary): TemplateResult {
    const b = base.values ?? [];
    const l = lora.values ?? [];
    const extent = Math.max(1e-12, ...b.map(Math.abs), ...l.map(Math.abs));
    const bar = 7;
    const gap = 5;
    const width = b.length * (2 * bar + gap);
    const mid = 36;
    const scale = (v: number) => (32 * v) / extent;
    const rect = (x: number, v: number, cls: string) =>
      svg`<rect class=${cls} x=${x} y=${v >= 0 ? mid - scale(v) : mid} width=${bar} height=${Math.max(0.5, Math.abs(scale(v)))}></rect>`;
    return html`<figure part="contributions" class="contributions">
      <figcaption>
        Per output neuron: <span class="key base">base W·x + b</span> vs <span class="key lora">LoRA s·B·A·x</span>
        (norms ${formatValue(base.norm)} and ${formatValue(lora.norm)})
      </figcaption>
      <svg
        viewBox="0 0 ${width} ${2 * mid}"
        role="img"
        aria-label="Base contribution norm ${formatValue(base.norm)}, LoRA contribution norm ${formatValue(lora.norm)}, over ${b.length} neurons"
      >
        <line class="axis" x1="0" x2=${width} y1=${mid} y2=${mid}></line>
        ${b.map((v, i) => rect(i * (2 * bar + gap), v, 'base'))}
        ${l.map((v, i) => rect(i * (2 * bar + gap) + bar, v, 'lora'))}
      </svg>
    </figure>`;
  }

  /** The parameter nodes the gradient has reached so far: frozen ones pass it through, others store it. */
  private renderLedger(recording: Recording): TemplateResult | typeof nothing {
    const reached = recording.frames
      .slice(0, this.playback.position + 1)
      .filter(
        (f): f is Extract<PassFrame, { kind: 'backward' }> => f.kind === 'backward' && f.event.stored !== undefined,
      );
    if (reached.length === 0) return nothing;
    return html`<ul part="ledger" class="ledger" aria-label="Parameters reached">
      ${reached.map((f) => {
        const node = recording.nodes.get(f.nodeId);
        const received = node?.paramId === undefined ? undefined : recording.stored.get(node.paramId);
        return html`<li part=${f.event.stored ? 'ledger-item ledger-stored' : 'ledger-item ledger-passthrough'}>
          <span class="symbol">${nodeSymbol(node, f.nodeId)}</span>
          ${f.event.stored ? html`stored, norm ${formatValue(received?.norm ?? 0)}` : html`passes through, not stored`}
        </li>`;
      })}
    </ul>`;
  }
}
