import { css } from 'lit';

/** Styles of `<lora-controls>`: public `--lora-controls-*` tokens feed private `--_*` ones. */
export const styles = css`
  :host {
    --_color: var(--lora-controls-color, #1f2328);
    --_background: var(--lora-controls-background, transparent);
    --_muted-color: var(--lora-controls-muted-color, #57606a);
    --_border-color: var(--lora-controls-border-color, #d0d7de);
    --_input-background: var(--lora-controls-input-background, #ffffff);
    --_accent-color: var(--lora-controls-accent-color, #0969da);
    --_on-accent-color: var(--lora-controls-on-accent-color, #ffffff);
    --_value-background: var(--lora-controls-value-background, #ddf4ff);
    --_error-color: var(--lora-controls-error-color, #cf222e);
    --_warning-color: var(--lora-controls-warning-color, #9a6700);
    --_focus-color: var(--lora-controls-focus-color, #0969da);
    --_font-family: var(--lora-controls-font-family, inherit);
    --_mono-font-family: var(
      --lora-controls-mono-font-family,
      ui-monospace,
      'SFMono-Regular',
      Menlo,
      Consolas,
      monospace
    );
    --_gap: var(--lora-controls-gap, 1rem);

    display: block;
    position: relative;
    color: var(--_color);
    background: var(--_background);
    font-family: var(--_font-family);
    line-height: 1.45;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color: var(--lora-controls-color, #e6edf3);
      --_muted-color: var(--lora-controls-muted-color, #9198a1);
      --_border-color: var(--lora-controls-border-color, #3d444d);
      --_input-background: var(--lora-controls-input-background, #0d1117);
      --_accent-color: var(--lora-controls-accent-color, #58a6ff);
      --_on-accent-color: var(--lora-controls-on-accent-color, #0d1117);
      --_value-background: var(--lora-controls-value-background, #0c2d6b);
      --_error-color: var(--lora-controls-error-color, #ff7b72);
      --_warning-color: var(--lora-controls-warning-color, #d29922);
      --_focus-color: var(--lora-controls-focus-color, #58a6ff);
    }
  }

  /* System colours win over every token; state is carried by native controls and words, not colour. */
  @media (forced-colors: active) {
    :host {
      --_color: CanvasText;
      --_background: Canvas;
      --_muted-color: CanvasText;
      --_border-color: CanvasText;
      --_input-background: Canvas;
      --_accent-color: Highlight;
      --_on-accent-color: HighlightText;
      --_value-background: Canvas;
      --_error-color: CanvasText;
      --_warning-color: CanvasText;
      --_focus-color: Highlight;
    }

    .select {
      appearance: auto;
      background-image: none;
      padding-inline-end: 0.5rem;
    }

    .switch input {
      appearance: auto;
      width: auto;
      height: auto;
      background: none;
    }
  }

  :host([hidden]) {
    display: none;
  }

  /* The page's box-sizing does not cross the shadow boundary: without this, width: 100% plus padding overflows. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .base,
  .settings {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  .settings {
    margin: 0;
    padding: var(--_gap) 0 0;
    border: 0;
    border-top: 1px solid var(--_border-color);
    min-width: 0;
  }

  .settings:disabled .field,
  .settings:disabled .group {
    opacity: 0.55;
  }

  .field,
  .group {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
    min-width: 0;
  }

  .group {
    margin: 0;
    padding: 0;
    border: 0;
  }

  .group legend {
    padding: 0;
    margin-bottom: 0.3rem;
  }

  .row {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 1rem;
  }

  .label {
    font-weight: 600;
    font-size: 0.9375rem;
  }

  var {
    font-family: var(--_mono-font-family);
    font-style: normal;
  }

  .hint {
    margin: 0;
    color: var(--_muted-color);
    font-size: 0.8125rem;
  }

  .blocked {
    border-inline-start: 3px solid var(--_border-color);
    padding-inline-start: 0.5rem;
  }

  .value {
    font-family: var(--_mono-font-family);
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    min-width: 2ch;
    text-align: center;
    padding: 0.0625rem 0.5rem;
    border-radius: 6px;
    background: var(--_value-background);
  }

  :focus-visible {
    outline: 3px solid var(--_focus-color);
    outline-offset: 2px;
  }

  input,
  select {
    font: inherit;
    color: inherit;
    accent-color: var(--_accent-color);
  }

  input:disabled,
  select:disabled {
    cursor: not-allowed;
  }

  /* The switch: a native checkbox with role=switch, drawn as a pill; On/Off repeats its state in words. */
  .switch {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    cursor: pointer;
  }

  .switch .label {
    margin-inline-end: auto;
  }

  .switch-state {
    font-size: 0.75rem;
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--_muted-color);
    min-width: 3ch;
    text-align: end;
  }

  .switch input {
    appearance: none;
    flex: none;
    margin: 0;
    width: 2.75rem;
    height: 1.5rem;
    border-radius: 999px;
    border: 1px solid var(--_border-color);
    background:
      radial-gradient(circle at 0.7rem 50%, var(--_muted-color) 0.45rem, transparent calc(0.45rem + 1px)),
      var(--_input-background);
    cursor: pointer;
  }

  .switch input:checked {
    border-color: var(--_accent-color);
    background:
      radial-gradient(
        circle at calc(100% - 0.7rem) 50%,
        var(--_on-accent-color) 0.45rem,
        transparent calc(0.45rem + 1px)
      ),
      var(--_accent-color);
  }

  .range {
    width: 100%;
    margin: 0.25rem 0 0;
    cursor: pointer;
  }

  .scale {
    display: flex;
    justify-content: space-between;
    color: var(--_muted-color);
    font-family: var(--_mono-font-family);
    font-size: 0.75rem;
    padding-inline: 0.125rem;
  }

  .number,
  .select {
    width: 100%;
    min-width: 0;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border-color);
    border-radius: 6px;
    background: var(--_input-background);
  }

  /* Drawn without the native arrow's wide gutter, so that the longest label fits a narrow sidebar. */
  .select {
    appearance: none;
    padding-inline-end: 1.5rem;
    font-size: 0.78125rem;
    text-overflow: ellipsis;
    background-image:
      linear-gradient(45deg, transparent 50%, currentColor 50%),
      linear-gradient(135deg, currentColor 50%, transparent 50%);
    background-position:
      calc(100% - 0.85rem) 55%,
      calc(100% - 0.55rem) 55%;
    background-size: 0.3rem 0.3rem;
    background-repeat: no-repeat;
    cursor: pointer;
  }

  .number {
    font-family: var(--_mono-font-family);
    font-variant-numeric: tabular-nums;
  }

  .number[aria-invalid='true'] {
    border-color: var(--_error-color);
    border-width: 2px;
  }

  .scaling-line {
    margin: 0.2rem 0 0;
  }

  .scaling {
    display: inline-block;
    font-family: var(--_mono-font-family);
    font-variant-numeric: tabular-nums;
    font-size: 0.875rem;
    padding: 0.125rem 0.5rem;
    border-radius: 6px;
    background: var(--_value-background);
  }

  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }

  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-size: 0.9375rem;
    cursor: pointer;
  }

  .choice input {
    margin: 0;
    width: 1rem;
    height: 1rem;
    flex: none;
  }

  .aside {
    color: var(--_muted-color);
    font-size: 0.8125rem;
  }

  .layer-name {
    font-family: var(--_mono-font-family);
    font-weight: 600;
  }

  .dims {
    color: var(--_muted-color);
    font-family: var(--_mono-font-family);
    font-size: 0.75rem;
  }

  .error {
    margin: 0;
    color: var(--_error-color);
    font-size: 0.8125rem;
    font-weight: 600;
  }

  .error::before {
    content: '✕ ' / '';
  }

  .warnings {
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_warning-color);
    font-size: 0.8125rem;
  }

  .problems,
  .notice {
    margin: 0;
    border: 1px solid var(--_error-color);
    border-inline-start-width: 4px;
    border-radius: 4px;
    padding: 0.5rem 0.75rem;
    font-size: 0.8125rem;
  }

  .problems p {
    margin: 0;
  }

  code {
    font-family: var(--_mono-font-family);
  }
`;
