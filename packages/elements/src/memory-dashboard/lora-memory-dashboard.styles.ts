import { css } from 'lit';

/** Styles of `<lora-memory-dashboard>`: public `--lora-memory-*` tokens feed private `--_*` ones. */
export const styles = css`
  :host {
    --_color: var(--lora-memory-color, #1f2328);
    --_muted: var(--lora-memory-muted-color, #59636e);
    --_background: var(--lora-memory-background, #ffffff);
    --_surface: var(--lora-memory-surface-color, #f6f8fa);
    --_border: var(--lora-memory-border-color, #d1d9e0);
    --_focus: var(--lora-memory-focus-color, #0969da);
    --_error: var(--lora-memory-error-color, #cf222e);
    --_warning: var(--lora-memory-warning-color, #9a6700);
    --_weights: var(--lora-memory-weights-color, #8c959f);
    --_quant-constants: var(--lora-memory-quant-constants-color, #bf8700);
    --_adapters: var(--lora-memory-adapters-color, #0969da);
    --_gradients: var(--lora-memory-gradients-color, #4ac26b);
    --_optimizer: var(--lora-memory-optimizer-color, #8250df);
    --_activations: var(--lora-memory-activations-color, #e16f24);
    --_overhead: var(--lora-memory-overhead-color, #d1d9e0);
    --_pattern: var(--lora-memory-pattern-color, rgb(255 255 255 / 0.75));
    --_mono: var(--lora-memory-mono-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    display: block;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 12px;
    padding: 0.75rem 1rem;
    font-family: var(--lora-memory-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.45;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color: var(--lora-memory-color, #e6edf3);
      --_muted: var(--lora-memory-muted-color, #9198a1);
      --_background: var(--lora-memory-background, #0d1117);
      --_surface: var(--lora-memory-surface-color, #151b23);
      --_border: var(--lora-memory-border-color, #3d444d);
      --_focus: var(--lora-memory-focus-color, #4493f8);
      --_error: var(--lora-memory-error-color, #ff7b72);
      --_warning: var(--lora-memory-warning-color, #d29922);
      --_weights: var(--lora-memory-weights-color, #6e7681);
      --_quant-constants: var(--lora-memory-quant-constants-color, #d29922);
      --_adapters: var(--lora-memory-adapters-color, #4493f8);
      --_gradients: var(--lora-memory-gradients-color, #3fb950);
      --_optimizer: var(--lora-memory-optimizer-color, #a371f7);
      --_activations: var(--lora-memory-activations-color, #f0883e);
      --_overhead: var(--lora-memory-overhead-color, #3d444d);
      --_pattern: var(--lora-memory-pattern-color, rgb(1 4 9 / 0.7));
    }
  }

  /* System colours: fills become Canvas with CanvasText textures, so the patterns alone tell segments apart. */
  @media (forced-colors: active) {
    :host {
      --_color: CanvasText;
      --_muted: CanvasText;
      --_background: Canvas;
      --_surface: Canvas;
      --_border: CanvasText;
      --_focus: Highlight;
      --_error: CanvasText;
      --_warning: CanvasText;
      --_weights: Canvas;
      --_quant-constants: Canvas;
      --_adapters: Canvas;
      --_gradients: Canvas;
      --_optimizer: Canvas;
      --_activations: Canvas;
      --_overhead: Canvas;
      --_pattern: CanvasText;
    }

    svg {
      forced-color-adjust: none;
    }

    .segment {
      stroke: CanvasText;
    }
  }

  :host([hidden]) {
    display: none;
  }

  .defs {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
  }

  code,
  .num,
  .formula,
  .peft {
    font-family: var(--_mono);
  }

  .num {
    font-variant-numeric: tabular-nums;
    text-align: end;
  }

  h3 {
    margin: 1.25rem 0 0.5rem;
    font-size: 1.05em;
  }

  h4 {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }

  .hint,
  .detail {
    color: var(--_muted);
  }

  /* ——— Controls ——— */

  .controls {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
    gap: 0.75rem;
    margin-block-end: 0.75rem;
  }

  fieldset {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 8px;
    min-width: 0;
  }

  fieldset.group {
    background: var(--_surface);
  }

  fieldset fieldset {
    margin-block: 0.35rem;
  }

  legend {
    padding: 0 0.25rem;
    font-weight: 600;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    margin-block: 0.35rem;
  }

  .choice {
    display: flex;
    align-items: baseline;
    gap: 0.4rem;
    padding: 0.1rem 0;
  }

  /* Stacked radios 24px apart at least, so each keeps the target spacing of WCAG 2.5.8. */
  .radios .choice {
    min-block-size: 24px;
  }

  .targets {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.9rem;
  }

  .targets legend {
    width: 100%;
  }

  select,
  input[type='number'],
  textarea,
  button {
    font: inherit;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 6px;
    padding: 0.2rem 0.4rem;
    max-width: 100%;
  }

  input[type='number'] {
    width: 9em;
  }

  textarea {
    font-family: var(--_mono);
    font-size: 0.9em;
    width: 100%;
    box-sizing: border-box;
    resize: vertical;
  }

  button {
    align-self: flex-start;
    cursor: pointer;
  }

  input[type='checkbox'],
  input[type='radio'] {
    accent-color: var(--_focus);
    margin: 0;
  }

  :is(select, input, textarea, button, td, rect, summary):focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  [aria-invalid='true'] {
    border-color: var(--_error);
  }

  .input-error {
    color: var(--_error);
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .error {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_error);
    border-inline-start-width: 4px;
    border-radius: 6px;
    color: var(--_error);
    overflow-wrap: anywhere;
  }

  .error p {
    margin: 0;
    font-weight: 600;
  }

  .error ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25em;
  }

  .warnings {
    color: var(--_warning);
    margin: 0.5rem 0;
    padding-inline-start: 1.25em;
  }

  /* ——— Chart and table ——— */

  .summary {
    margin: 0 0 0.5rem;
  }

  .summary .peft {
    display: inline-block;
    overflow-wrap: anywhere;
  }

  .side-by-side {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 1rem 1.5rem;
  }

  .chart {
    flex: 1 1 20rem;
    max-width: 30rem;
  }

  /* The table needs about 34rem for its three method columns; below that it moves under the chart
     instead of scrolling sideways. */
  .table-wrap {
    flex: 1 1 34rem;
    overflow-x: auto;
  }

  svg.bars,
  svg.curve {
    display: block;
    width: 100%;
    height: auto;
    overflow: visible;
  }

  .fill-ground {
    stroke: none;
  }

  .fill-stroke {
    stroke: var(--_pattern);
    stroke-width: 1.6;
  }

  .fill-ink {
    fill: var(--_pattern);
  }

  .fill-weights .fill-ground,
  rect.fill-weights:not(.segment) {
    fill: var(--_weights);
  }

  .fill-quant-constants .fill-ground {
    fill: var(--_quant-constants);
  }

  .fill-adapters .fill-ground {
    fill: var(--_adapters);
  }

  .fill-gradients .fill-ground {
    fill: var(--_gradients);
  }

  .fill-optimizer .fill-ground {
    fill: var(--_optimizer);
  }

  .fill-activations .fill-ground {
    fill: var(--_activations);
  }

  .fill-overhead .fill-ground {
    fill: var(--_overhead);
  }

  .segment {
    stroke: var(--_background);
    stroke-width: 1;
    cursor: help;
  }

  .segment-group.selected .segment {
    stroke: var(--_focus);
    stroke-width: 2.5;
  }

  .segment:focus-visible {
    outline: none;
    stroke: var(--_focus);
    stroke-width: 3;
  }

  .segment-label {
    text-anchor: middle;
    font-size: 11px;
    fill: var(--_color);
    paint-order: stroke;
    stroke: var(--_background);
    stroke-width: 3px;
    pointer-events: none;
  }

  .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }

  .baseline {
    stroke: var(--_muted);
    stroke-width: 1.5;
  }

  .tick-label {
    text-anchor: end;
    font-size: 11px;
    fill: var(--_muted);
    font-variant-numeric: tabular-nums;
  }

  .axis-title,
  .bar-label,
  .bar-total,
  .bar-focus-label,
  .x-label {
    text-anchor: middle;
    font-size: 12px;
    fill: var(--_color);
  }

  .bar-total {
    font-family: var(--_mono);
    font-size: 11px;
  }

  .bar.focus .bar-label {
    font-weight: 700;
  }

  .bar-focus-label {
    font-size: 10px;
    fill: var(--_focus);
  }

  .focus-frame {
    fill: none;
    stroke: var(--_focus);
    stroke-width: 1.5;
    stroke-dasharray: 4 3;
  }

  .legend {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.2rem 0.9rem;
    font-size: 0.9em;
  }

  .legend li {
    display: flex;
    align-items: center;
    gap: 0.3rem;
  }

  .swatch {
    flex: none;
    border: 1px solid var(--_border);
    vertical-align: middle;
  }

  table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.35rem;
  }

  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.25rem 0.5rem;
    text-align: start;
    white-space: nowrap;
  }

  thead th,
  tfoot th,
  tfoot td {
    background: var(--_surface);
  }

  thead th {
    font-weight: 600;
  }

  tbody th {
    font-weight: normal;
  }

  th.num,
  td.num {
    text-align: end;
  }

  .memory-table td {
    cursor: help;
  }

  .memory-table .focus {
    border-inline: 2px solid var(--_focus);
  }

  .focus-mark {
    font-weight: normal;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .memory-table td.selected {
    outline: 2px dashed var(--_focus);
    outline-offset: -3px;
  }

  .memory-table td:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }

  .explain {
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_border);
    background: var(--_surface);
    min-height: 2.5em;
  }

  .explain.filled {
    border-inline-start-color: var(--_focus);
  }

  .explain p {
    margin: 0.15rem 0;
  }

  .explain-title {
    font-weight: 600;
  }

  .formula {
    font-size: 0.9em;
    overflow-wrap: anywhere;
    white-space: normal;
  }

  .verdict.fits span,
  .verdict.no-fit span {
    font-weight: 700;
  }

  .verdict.no-fit {
    color: var(--_error);
  }

  /* ——— Rank curve ——— */

  .rank-curve {
    margin: 0;
    max-width: 40rem;
  }

  .rank-curve figcaption {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .panel-title {
    font-size: 12px;
    font-weight: 600;
    fill: var(--_color);
  }

  .series {
    fill: none;
    stroke-width: 2;
  }

  .series.trainable {
    stroke: var(--_adapters);
  }

  .series.total {
    stroke: var(--_activations);
    stroke-dasharray: 6 3;
  }

  .marker.trainable {
    fill: var(--_adapters);
  }

  .marker.total {
    fill: var(--_activations);
  }

  .mark-line {
    stroke: var(--_color);
    stroke-width: 1.5;
    stroke-dasharray: 2 3;
  }

  .chosen-line {
    stroke: var(--_focus);
    stroke-width: 1;
  }

  .mark-label {
    font-size: 11px;
    fill: var(--_color);
  }

  .curve-data {
    margin-block: 0.5rem;
  }

  /* ——— Scale-up lens ——— */

  .lens-sides {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }

  .lens-side {
    flex: 1 1 18rem;
    min-width: 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 8px;
  }

  .lens-side .peft {
    overflow-wrap: anywhere;
    font-size: 0.85em;
  }

  .share-bar {
    display: block;
    width: 100%;
    height: 14px;
    margin-block: 0.4rem;
    border: 1px solid var(--_border);
  }

  .lens-facts {
    margin: 0.4rem 0 0;
    padding-inline-start: 1.25em;
  }

  .lens-summary {
    margin: 0.75rem 0 0;
  }

  .notice {
    margin: 0.5rem 0;
  }
`;
