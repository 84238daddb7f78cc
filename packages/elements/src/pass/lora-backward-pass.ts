import { LoraPassBase } from './lora-pass-base.js';
import type { PassPhase } from './timeline.js';

/**
 * Replays the backward pass of one recorded training step: from the loss back through the graph in
 * reverse order, with the real gradient at every node. The step is recorded with core's `recordStep`
 * on a copy of the model (`model.clone()`), so the page's model never changes. Edges of the
 * embedded `<lora-graph>` grow as thick as the gradient they carry; a frozen weight is marked
 * "passes through, not stored" (its gradient goes on to earlier layers and none is kept), and A and B
 * show the gradient they receive (at step 0, ∂L/∂A is exactly 0 because B starts at 0). "LoRA off"
 * records the same step on a full fine-tuning copy (fresh toy model, same options and seed, no
 * adapter), so learners see every weight get a gradient instead.
 *
 * Without a `.model` it traces its own toy model with LoRA built from `task`, `rank`, `alpha` and
 * `targets` (disposed when removed). Without a `.sample` it uses a fixed sample for the task.
 *
 * **Keyboard** (when the element has focus): `Space` play/pause; `←` / `→` step; `Home` / `End`
 * first / last frame. The narration is spoken in an `aria-live` region: every frame when stepping,
 * one frame in four and the frame paused on while playing. Under `prefers-reduced-motion` frames
 * change without transitions.
 *
 * @tagname lora-backward-pass
 * @summary Step-by-step backward pass: gradient sizes on the edges, frozen weights passing it through.
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
 * @csspart badge - "passes through, not stored" on a frozen parameter (also `badge-passthrough`), "gradient stored" otherwise (`badge-stored`).
 * @csspart ledger - The parameters the gradient has reached, each `ledger-item` with `ledger-passthrough` or `ledger-stored`.
 *
 * @example
 * <lora-backward-pass rank="4"></lora-backward-pass>
 */
export class LoraBackwardPass extends LoraPassBase {
  /** The phase this element replays: always `backward` (also reflected as the `phase` attribute). */
  override get phase(): PassPhase {
    return 'backward';
  }
}
