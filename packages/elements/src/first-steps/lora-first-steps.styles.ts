import { css } from 'lit';

/** Styles of `<lora-first-steps>`: public `--lora-first-steps-*` tokens feed private `--_*` ones. */
export const styles = css`
  :host {
    --_color: var(--lora-first-steps-color, #1f2328);
    --_muted: var(--lora-first-steps-muted-color, #59636e);
    --_background: var(--lora-first-steps-background, #ffffff);
    --_surface: var(--lora-first-steps-surface-color, #f6f8fa);
    --_border: var(--lora-first-steps-border-color, #d1d9e0);
    --_focus: var(--lora-first-steps-focus-color, #0969da);
    --_grad: var(--lora-first-steps-grad-color, #1a7f37);
    --_change: var(--lora-first-steps-change-color, #0969da);
    --_error: var(--lora-first-steps-error-color, #cf222e);
    --_mono: var(--lora-first-steps-mono-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    display: block;
    color: var(--_color);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 12px;
    padding: 0.75rem 1rem;
    font-family: var(--lora-first-steps-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.45;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color: var(--lora-first-steps-color, #e6edf3);
      --_muted: var(--lora-first-steps-muted-color, #9198a1);
      --_background: var(--lora-first-steps-background, #0d1117);
      --_surface: var(--lora-first-steps-surface-color, #151b23);
      --_border: var(--lora-first-steps-border-color, #3d444d);
      --_focus: var(--lora-first-steps-focus-color, #4493f8);
      --_grad: var(--lora-first-steps-grad-color, #3fb950);
      --_change: var(--lora-first-steps-change-color, #4493f8);
      --_error: var(--lora-first-steps-error-color, #ff7b72);
    }
  }

  /* System colours win; every bar has its number beside it, so nothing rests on colour. */
  @media (forced-colors: active) {
    :host {
      --_color: CanvasText;
      --_muted: CanvasText;
      --_background: Canvas;
      --_surface: Canvas;
      --_border: CanvasText;
      --_focus: Highlight;
      --_grad: CanvasText;
      --_change: CanvasText;
      --_error: CanvasText;
    }

    .fill {
      forced-color-adjust: none;
      background: CanvasText;
    }
  }

  :host([hidden]) {
    display: none;
  }

  fieldset {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
  }

  legend {
    padding: 0 0.25rem;
    font-weight: 600;
  }

  .choice {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    padding: 0.15rem 0;
    cursor: pointer;
  }

  .choice .hint {
    color: var(--_muted);
  }

  input[type='radio'] {
    accent-color: var(--_focus);
    margin: 0;
  }

  input[type='radio']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  code,
  .num {
    font-family: var(--_mono);
  }

  .noop {
    margin: 0 0 0.75rem;
  }

  .tables {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.5rem;
  }

  .scroller {
    overflow-x: auto;
    max-width: 100%;
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

  caption .detail {
    display: block;
    font-weight: normal;
    color: var(--_muted);
    font-size: 0.9em;
  }

  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.3rem 0.5rem;
    text-align: start;
    white-space: nowrap;
  }

  thead th {
    background: var(--_surface);
    font-weight: 600;
  }

  tbody th {
    font-weight: normal;
  }

  .cell {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }

  .bar {
    flex: none;
    width: 4rem;
    height: 0.6rem;
    border: 1px solid var(--_border);
    border-radius: 2px;
    overflow: hidden;
  }

  .fill {
    display: block;
    height: 100%;
    width: var(--_fill, 0%);
  }

  .grad .fill {
    background: var(--_grad);
  }

  .change .fill {
    background: var(--_change);
  }

  .num {
    min-width: 5.5em;
    text-align: end;
  }

  .scale-note {
    margin: 0.5rem 0 0;
    color: var(--_muted);
    font-size: 0.85em;
  }

  /* The live region stays rendered (never display: none) so that screen readers keep watching it. */
  .explanation.filled {
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_focus);
    background: var(--_surface);
  }

  .explanation p {
    margin: 0.2rem 0;
  }

  .notice {
    margin: 0.5rem 0;
  }

  .error {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_error);
    border-inline-start-width: 4px;
    border-radius: 6px;
    color: var(--_error);
  }

  .error p {
    margin: 0;
    font-weight: 600;
  }

  .error ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25em;
  }
`;
