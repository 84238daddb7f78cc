import { css } from 'lit';

/** Styles shared by `<lora-forward-pass>` and `<lora-backward-pass>`. */
export const styles = css`
  :host {
    --_color: var(--lora-pass-color, #1f2328);
    --_muted: var(--lora-pass-muted-color, #59636e);
    --_background: var(--lora-pass-background, #ffffff);
    --_surface: var(--lora-pass-surface-color, #f6f8fa);
    --_border: var(--lora-pass-border-color, #d1d9e0);
    --_focus: var(--lora-pass-focus-color, #0969da);
    --_base: var(--lora-pass-base-color, #6e7781);
    --_lora: var(--lora-pass-lora-color, #0969da);
    /* Frozen marks are small text on the surface colour: #59636e keeps 5.7:1 there (WCAG AA). */
    --_frozen: var(--lora-pass-frozen-color, #59636e);
    --_stored: var(--lora-pass-stored-color, #1a7f37);
    display: block;
    container-type: inline-size;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 12px;
    font-family: var(--lora-pass-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    overflow: hidden;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color: var(--lora-pass-color, #e6edf3);
      --_muted: var(--lora-pass-muted-color, #9198a1);
      --_background: var(--lora-pass-background, #0d1117);
      --_surface: var(--lora-pass-surface-color, #151b23);
      --_border: var(--lora-pass-border-color, #3d444d);
      --_focus: var(--lora-pass-focus-color, #4493f8);
      --_base: var(--lora-pass-base-color, #9198a1);
      --_lora: var(--lora-pass-lora-color, #4493f8);
      --_frozen: var(--lora-pass-frozen-color, #9198a1);
      --_stored: var(--lora-pass-stored-color, #3fb950);
    }
  }

  @media (forced-colors: active) {
    :host {
      --_focus: Highlight;
      --_base: CanvasText;
      --_lora: Highlight;
      --_frozen: CanvasText;
      --_stored: CanvasText;
    }
  }

  :host([hidden]) {
    display: none;
  }

  :host(:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  /* The graph needs the full width to stay legible, so the readout sits beside it only on wide
     hosts; otherwise graph, controls and readout stack, with the controls right under the graph. */
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'graph' 'toolbar' 'readout';
  }

  @container (min-width: 72rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
      grid-template-areas: 'graph readout' 'toolbar toolbar';
    }

    .layout .readout {
      border-top: 0;
      border-left: 1px solid var(--_border);
    }
  }

  lora-graph {
    grid-area: graph;
  }

  .toolbar {
    grid-area: toolbar;
  }

  .readout {
    grid-area: readout;
  }

  lora-graph {
    --lora-graph-height: var(--lora-pass-graph-height, 26rem);
    border: 0;
    min-width: 0;
  }

  .readout {
    border-top: 1px solid var(--_border);
    padding: 0.75rem 1rem;
    background: var(--_surface);
    min-width: 0;
    overflow: auto;
  }

  .readout-title {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
  }

  .readout-title .kind {
    color: var(--_muted);
    font-size: 0.8rem;
    font-weight: 400;
  }

  .explanation {
    margin: 0.25rem 0 0.75rem;
    line-height: 1.4;
  }

  .summary {
    margin-bottom: 0.75rem;
  }

  .caption {
    margin: 0 0 0.25rem;
    color: var(--_muted);
    font-size: 0.85rem;
  }

  .stats {
    display: grid;
    grid-template-columns: repeat(4, auto);
    gap: 0.25rem 0.75rem;
    margin: 0;
  }

  .stats dt {
    color: var(--_muted);
    font-size: 0.75rem;
  }

  .stats dd {
    margin: 0;
    font-family: var(--lora-pass-mono-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    font-variant-numeric: tabular-nums;
  }

  .values {
    margin: 0.25rem 0 0;
    font-family: var(--lora-pass-mono-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    font-size: 0.8rem;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }

  .badge {
    display: inline-block;
    margin: 0.25rem 0;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    border: 1px solid currentColor;
  }

  .badge.passthrough {
    color: var(--_frozen);
    border-style: dashed;
  }

  .badge.stored {
    color: var(--_stored);
  }

  .contributions {
    margin: 0.5rem 0 0;
  }

  .contributions figcaption {
    font-size: 0.8rem;
    color: var(--_muted);
    margin-bottom: 0.25rem;
  }

  .contributions svg {
    width: 100%;
    height: 4.5rem;
  }

  .contributions .axis {
    stroke: var(--_border);
  }

  rect.base,
  .key.base::before {
    fill: var(--_base);
    background: var(--_base);
  }

  rect.lora,
  .key.lora::before {
    fill: var(--_lora);
    background: var(--_lora);
  }

  .key::before {
    content: '';
    display: inline-block;
    width: 0.6rem;
    height: 0.6rem;
    margin-right: 0.25rem;
    border-radius: 2px;
  }

  .ledger {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0.5rem 0 0;
    border-top: 1px solid var(--_border);
    font-size: 0.8rem;
    display: grid;
    gap: 0.15rem;
  }

  .ledger .symbol {
    display: inline-block;
    min-width: 2.5rem;
    font-weight: 600;
  }

  [part~='ledger-passthrough'] {
    color: var(--_frozen);
  }

  [part~='ledger-stored'] {
    color: var(--_stored);
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
  }

  button,
  select {
    font: inherit;
    color: inherit;
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 6px;
    min-height: 2rem;
    min-width: 2rem;
    padding: 0 0.5rem;
    cursor: pointer;
  }

  .icon {
    width: 1rem;
    height: 1rem;
    vertical-align: -0.15rem;
    fill: currentColor;
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }

  button[aria-pressed='true'] {
    border-color: var(--_focus);
    box-shadow: inset 0 0 0 1px var(--_focus);
  }

  button:disabled {
    opacity: 0.5;
    cursor: default;
  }

  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }

  input[type='range'] {
    flex: 1 1 10rem;
    accent-color: var(--_focus);
  }

  .counter {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    min-width: 4rem;
    text-align: center;
  }

  .speed {
    display: inline-flex;
    gap: 0.35rem;
    align-items: center;
    color: var(--_muted);
  }

  .error {
    margin: 0.5rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid #cf222e;
    border-radius: 6px;
    color: #cf222e;
  }

  @media (prefers-reduced-motion: no-preference) {
    .readout {
      transition: background-color 160ms ease;
    }
  }
`;
