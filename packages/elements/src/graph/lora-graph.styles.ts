import { css } from 'lit';

/** Styles of `<lora-graph>`: public `--lora-graph-*` tokens feed private `--_*` ones. */
export const styles = css`
  :host {
    --_color: var(--lora-graph-color, #1f2328);
    --_muted: var(--lora-graph-muted-color, #59636e);
    --_background: var(--lora-graph-background, #ffffff);
    --_surface: var(--lora-graph-surface-color, #f6f8fa);
    --_border: var(--lora-graph-border-color, #d1d9e0);
    --_edge: var(--lora-graph-edge-color, #8c959f);
    --_focus: var(--lora-graph-focus-color, #0969da);
    --_input: var(--lora-graph-input-color, #1a7f37);
    --_frozen: var(--lora-graph-frozen-color, #6e7781);
    --_trainable: var(--lora-graph-trainable-color, #0969da);
    --_effective: var(--lora-graph-effective-color, #9a6700);
    --_activation: var(--lora-graph-activation-color, #d15704);
    --_output: var(--lora-graph-output-color, #cf222e);
    --_positive: var(--lora-graph-positive-color, #2a78c8);
    --_negative: var(--lora-graph-negative-color, #e8710a);
    --_zero: var(--lora-graph-zero-color, #f3f4f6);
    --_height: var(--lora-graph-height, 30rem);
    --_duration: var(--lora-graph-transition-duration, 320ms);
    --_font-family: var(--lora-graph-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono-font-family: var(--lora-graph-mono-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);

    display: block;
    position: relative;
    color: var(--_color);
    background: var(--_background);
    font-family: var(--_font-family);
    line-height: 1.4;
    border: 1px solid var(--_border);
    border-radius: 10px;
    overflow: hidden;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color: var(--lora-graph-color, #e6edf3);
      --_muted: var(--lora-graph-muted-color, #9198a1);
      --_background: var(--lora-graph-background, #0d1117);
      --_surface: var(--lora-graph-surface-color, #151b23);
      --_border: var(--lora-graph-border-color, #3d444d);
      --_edge: var(--lora-graph-edge-color, #6e7681);
      --_focus: var(--lora-graph-focus-color, #4493f8);
      --_input: var(--lora-graph-input-color, #3fb950);
      --_frozen: var(--lora-graph-frozen-color, #9198a1);
      --_trainable: var(--lora-graph-trainable-color, #4493f8);
      --_effective: var(--lora-graph-effective-color, #d29922);
      --_activation: var(--lora-graph-activation-color, #f0883e);
      --_output: var(--lora-graph-output-color, #ff7b72);
      --_positive: var(--lora-graph-positive-color, #6cb6ff);
      --_negative: var(--lora-graph-negative-color, #f69d50);
      --_zero: var(--lora-graph-zero-color, #262c36);
    }
  }

  /* System colours win over every token; glyphs, outlines and dash patterns still tell roles apart. */
  @media (forced-colors: active) {
    :host {
      --_color: CanvasText;
      --_muted: CanvasText;
      --_background: Canvas;
      --_surface: Canvas;
      --_border: CanvasText;
      --_edge: CanvasText;
      --_focus: Highlight;
      --_input: CanvasText;
      --_frozen: CanvasText;
      --_trainable: CanvasText;
      --_effective: CanvasText;
      --_activation: CanvasText;
      --_output: CanvasText;
      --_positive: LinkText;
      --_negative: CanvasText;
      --_zero: Canvas;
    }
  }

  :host([hidden]) {
    display: none;
  }

  /* ------------------------------------------------------------------ picture */

  .viewport {
    position: relative;
    height: var(--_height);
    overflow: hidden;
    cursor: grab;
    /* Horizontal drags pan the graph; vertical swipes still scroll the page on touch screens. */
    touch-action: pan-y;
  }

  .viewport.panning {
    cursor: grabbing;
  }

  svg.canvas {
    display: block;
    width: 100%;
    height: 100%;
    user-select: none;
    -webkit-user-select: none;
  }

  .world {
    transition: transform var(--_duration) ease;
  }

  .panning .world,
  .panning .node {
    transition: none;
  }

  .group rect {
    fill: var(--_surface);
    stroke: var(--_border);
    stroke-width: 1;
  }

  .group-title {
    fill: var(--_color);
    font-size: 12.5px;
    font-weight: 600;
  }

  .group-meta {
    fill: var(--_muted);
    font-size: 11.5px;
  }

  .column-label {
    fill: var(--_muted);
    font-size: 12px;
    font-weight: 600;
  }

  .edge {
    fill: none;
    stroke: var(--_edge);
    stroke-width: 1.5;
    stroke-linejoin: round;
    pointer-events: none;
    transition:
      d var(--_duration) ease,
      stroke-width var(--_duration) ease,
      stroke-opacity var(--_duration) ease;
    animation: fade-in var(--_duration) ease both;
  }

  .edge.lora {
    stroke: var(--_trainable);
    stroke-dasharray: 5 4;
  }

  .arrowhead {
    fill: var(--_edge);
  }

  .arrowhead.highlighted {
    fill: var(--_output);
  }

  .arrowhead.lora {
    fill: var(--_trainable);
  }

  .junction {
    fill: var(--_edge);
  }

  /* No transition or animation on the neuron level's lines: hundreds of them change on every rank change,
     and animating each one costs a style recalculation per line per frame. */
  .wire {
    stroke-linecap: round;
    pointer-events: none;
  }

  .wire.pos {
    stroke: var(--_positive);
  }

  .wire.neg {
    stroke: var(--_negative);
  }

  .wire.zero {
    stroke: var(--_edge);
  }

  .wire.lora {
    stroke-dasharray: 4 3;
  }

  .node {
    --_role: var(--_frozen);
    color: var(--_role);
    cursor: pointer;
    outline: none;
    transition: transform var(--_duration) ease;
    animation: fade-in var(--_duration) ease both;
  }

  .node[data-role='input'] {
    --_role: var(--_input);
  }
  .node[data-role='trainable'] {
    --_role: var(--_trainable);
  }
  .node[data-role='effective'] {
    --_role: var(--_effective);
  }
  .node[data-role='activation'] {
    --_role: var(--_activation);
  }
  .node[data-role='output'] {
    --_role: var(--_output);
  }

  .plate {
    fill: var(--_background);
  }

  .tint {
    fill: var(--_role);
    fill-opacity: 0.1;
    transition: fill-opacity 120ms ease;
  }

  .node:hover .tint,
  .node[aria-pressed='true'] .tint {
    fill-opacity: 0.2;
  }

  .outline,
  .inner {
    fill: none;
    stroke: var(--_role);
    stroke-width: 1.5;
  }

  .inner {
    stroke-width: 1;
  }

  .node[data-role='trainable'] .outline {
    stroke-width: 2;
    stroke-dasharray: 6 3.5;
  }

  .node[data-role='output'] .outline {
    stroke-width: 3;
  }

  .node[aria-pressed='true'] .outline {
    stroke-width: 3;
  }

  /* Replay highlight: the active node gets a thick focus-coloured outline and a strong tint, visited
     nodes a lighter tint; both are shapes, not only colours (forced colours keep the outline). */
  .node.visited .tint {
    fill-opacity: 0.22;
  }

  .node.active .tint {
    fill-opacity: 0.38;
  }

  .node.active .outline {
    stroke: var(--_focus);
    stroke-width: 4;
    stroke-dasharray: none;
  }

  .edge.highlighted {
    stroke: var(--_output);
    stroke-linecap: round;
  }

  .neuron .outline {
    stroke-width: 2;
  }

  /* Neurons come and go by the dozen with the rank: fading each in would make it a composited layer. */
  .neuron {
    animation: none;
  }

  .neuron .tint {
    fill-opacity: 0.22;
  }

  .neuron[data-role='trainable'] .outline {
    stroke-dasharray: 3 2;
  }

  .title {
    fill: var(--_color);
    font-size: 13px;
    font-weight: 600;
  }

  .sub {
    fill: var(--_muted);
    font-size: 11.5px;
  }

  .glyph .stroke,
  .swatch .stroke {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .glyph .solid,
  .swatch .solid {
    fill: currentColor;
  }

  .ring {
    fill: none;
    stroke: var(--_focus);
    stroke-width: 2.5;
    opacity: 0;
  }

  .node:focus-visible .ring {
    opacity: 1;
  }

  @keyframes fade-in {
    from {
      opacity: 0;
    }
  }

  /* ------------------------------------------------------------------ overlays */

  .status {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    margin: 0;
    color: var(--_muted);
    pointer-events: none;
  }

  .message {
    margin: 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: 6px;
  }

  .message.error {
    border-color: var(--_output);
    color: var(--_output);
  }

  .message p {
    margin: 0;
    font-weight: 600;
  }

  .message ul {
    margin: 0.35rem 0 0;
    padding-inline-start: 1.25em;
  }

  .card {
    position: absolute;
    z-index: 2;
    box-sizing: border-box;
    width: 19rem;
    max-width: calc(100% - 16px);
    max-height: calc(100% - 16px);
    overflow: auto;
    padding: 0.7rem 0.85rem 0.8rem;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 8px;
    box-shadow:
      0 1px 2px rgb(0 0 0 / 0.08),
      0 8px 24px rgb(0 0 0 / 0.14);
    font-size: 0.8125rem;
    line-height: 1.45;
    cursor: auto;
    animation: fade-in 120ms ease both;
  }

  .card h3 {
    margin: 0 0 0.4rem;
    font-size: 0.95rem;
    line-height: 1.3;
  }

  .card dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.1rem 0.75rem;
    margin: 0 0 0.5rem;
  }

  .card dt {
    color: var(--_muted);
  }

  .card dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }

  .card .role {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }

  .card p {
    margin: 0 0 0.5rem;
  }

  .formula {
    margin: 0 0 0.5rem;
    padding: 0.4rem 0.5rem;
    background: var(--_surface);
    border-radius: 6px;
  }

  .formula code {
    display: block;
    font-family: var(--_mono-font-family);
    font-size: 0.78rem;
    overflow-wrap: anywhere;
  }

  .formula .scaling {
    display: block;
    margin-top: 0.2rem;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .heatmap {
    margin: 0;
  }

  .heatmap canvas {
    display: block;
    image-rendering: pixelated;
    outline: 1px solid var(--_border);
  }

  .heatmap figcaption {
    margin-top: 0.35rem;
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .scale {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    font-variant-numeric: tabular-nums;
  }

  .scale .ramp {
    flex: 1;
    height: 0.5rem;
    border-radius: 2px;
    outline: 1px solid var(--_border);
    background: linear-gradient(to right, var(--_negative), var(--_zero), var(--_positive));
    /* The ramp is the heatmap's key: it must keep the heatmap's colours in forced-colors mode too. */
    forced-color-adjust: none;
  }

  /* ------------------------------------------------------------------ legend and toolbar */

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.5rem 0.75rem;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
    font-size: 0.8125rem;
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }

  .legend .cue {
    color: var(--_muted);
  }

  .swatch {
    flex: none;
    width: 30px;
    height: 20px;
    overflow: visible;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-inline-start: auto;
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.3rem;
    min-width: 2rem;
    height: 2rem;
    padding: 0 0.55rem;
    font: inherit;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 6px;
    cursor: pointer;
  }

  button:hover {
    border-color: var(--_muted);
  }

  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  button svg {
    width: 1rem;
    height: 1rem;
  }

  button .stroke {
    fill: none;
    stroke: currentColor;
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  @media (prefers-reduced-motion: reduce) {
    .world,
    .node,
    .edge,
    .tint,
    .card {
      transition: none;
      animation: none;
    }
  }
`;
