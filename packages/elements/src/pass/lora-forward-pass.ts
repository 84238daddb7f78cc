import { LoraPassBase } from './lora-pass-base.js';
import type { PassPhase } from './timeline.js';

/**
 * Replays the forward pass of one recorded training step over the model's graph, node by node in
 * topological order and then the loss, with the real numbers of every value. The step is recorded
 * with core's `recordStep` on a copy of the model (`model.clone()`), so the page's model
 * never changes. Each frame highlights its node on an embedded `<lora-graph>` (the loss drawn), shows
 * the node's shape, min, max, mean, norm and first values with a one-line explanation, and for an
 * adapted layer's sum the base term W·x + b against the LoRA term s·B·A·x per output neuron.
 * "LoRA off" records the same step on a full fine-tuning copy (fresh toy model, same options and
 * seed, no adapter).
 *
 * Without a `.model` it traces its own toy model with LoRA built from `task`, `rank`, `alpha` and
 * `targets` (disposed when removed). Without a `.sample` it uses a fixed sample for the task.
 *
 * **Keyboard** (when the element has focus): `Space` play/pause; `←` / `→` step; `Home` / `End`
 * first / last frame. The narration is spoken in an `aria-live` region: every frame when stepping,
 * one frame in four and the frame paused on while playing. Under `prefers-reduced-motion` frames
 * change without transitions.
 *
 * @tagname lora-forward-pass
 * @summary Step-by-step forward pass of one training step, with the real values of every node.
 *
 * @event lora-playback-change - The user played, paused, stepped, scrubbed or jumped (buttons, scrubber or keys).
 *   `detail: { playing, position }`. Bubbles and is composed. Never fired for calls from the page.
 *
 * @csspart graph - The embedded `<lora-graph>` (its own parts are inside it).
 * @csspart readout - The panel with the active frame's real numbers.
 * @csspart readout-title - The readout's heading; `node-label` inside it names the node.
 * @csspart node-label - The active node's label.
 * @csspart explanation - The one-sentence explanation of the frame.
 * @csspart summary - The value summary (also `received` and `passed` for gradients).
 * @csspart stats - A list of min, max, mean and norm.
 * @csspart stat - One number of a summary (also `stat-shape`, `stat-min`, `stat-max`, `stat-mean`, `stat-norm`, `stat-loss`, `stat-probabilities`).
 * @csspart values - The first values of a summary.
 * @csspart toolbar - The transport: restart, step back, play/pause, step forward, scrubber, speed, LoRA off.
 * @csspart button - Every toolbar button (also `restart`, `step-back`, `play`, `step-forward`, `lora-toggle`).
 * @csspart scrubber - The frame slider.
 * @csspart counter - The "frame / frames" text.
 * @csspart speed - The speed select.
 * @csspart narration - The visually hidden `aria-live` region.
 * @csspart error - The alert shown for unusable attributes or a step that cannot be recorded.
 *
 * @cssproperty [--lora-pass-step-duration=900ms] - Time spent on each frame while playing at 1×.
 * @cssproperty [--lora-pass-graph-height=26rem] - Height of the embedded graph.
 * @cssproperty [--lora-pass-color=#1f2328] - Text colour (dark scheme: #e6edf3).
 * @cssproperty [--lora-pass-muted-color=#59636e] - Secondary text (dark scheme: #9198a1).
 * @cssproperty [--lora-pass-background=#ffffff] - Background (dark scheme: #0d1117).
 * @cssproperty [--lora-pass-surface-color=#f6f8fa] - Readout and toolbar background (dark scheme: #151b23).
 * @cssproperty [--lora-pass-border-color=#d1d9e0] - Borders (dark scheme: #3d444d).
 * @cssproperty [--lora-pass-focus-color=#0969da] - Focus rings and pressed buttons (dark scheme: #4493f8).
 * @cssproperty [--lora-pass-font-family=system-ui, sans-serif] - Font of text.
 * @cssproperty [--lora-pass-mono-font-family=ui-monospace, monospace] - Font of numbers.
 * @csspart contributions - The chart of base against LoRA contribution per output neuron (adapted sums).
 *
 * @example
 * <lora-forward-pass rank="4"></lora-forward-pass>
 */
export class LoraForwardPass extends LoraPassBase {
  /** The phase this element replays: always `forward` (also reflected as the `phase` attribute). */
  override get phase(): PassPhase {
    return 'forward';
  }
}
