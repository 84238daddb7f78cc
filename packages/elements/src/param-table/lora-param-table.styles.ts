import { css } from 'lit';

/** Styles of `<lora-param-table>`: public `--lora-param-table-*` tokens feed private `--_*` ones. */
export const styles = css`
  :host {
    --_color: var(--lora-param-table-color, #1f2328);
    --_background: var(--lora-param-table-background, #ffffff);
    --_border-color: var(--lora-param-table-border-color, #d0d7de);
    --_header-background: var(--lora-param-table-header-background, #f6f8fa);
    --_frozen-color: var(--lora-param-table-frozen-color, #57606a);
    --_lora-color: var(--lora-param-table-lora-color, #0969da);
    --_warning-color: var(--lora-param-table-warning-color, #9a6700);
    --_error-color: var(--lora-param-table-error-color, #cf222e);
    --_font-family: var(--lora-param-table-font-family, inherit);
    --_mono-font-family: var(
      --lora-param-table-mono-font-family,
      ui-monospace,
      'SFMono-Regular',
      Menlo,
      Consolas,
      monospace
    );

    display: block;
    /* Contains the visually hidden live region, which is absolutely positioned. */
    position: relative;
    color: var(--_color);
    background: var(--_background);
    font-family: var(--_font-family);
    line-height: 1.4;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_color: var(--lora-param-table-color, #e6edf3);
      --_background: var(--lora-param-table-background, #0d1117);
      --_border-color: var(--lora-param-table-border-color, #3d444d);
      --_header-background: var(--lora-param-table-header-background, #161b22);
      --_frozen-color: var(--lora-param-table-frozen-color, #9198a1);
      --_lora-color: var(--lora-param-table-lora-color, #58a6ff);
      --_warning-color: var(--lora-param-table-warning-color, #d29922);
      --_error-color: var(--lora-param-table-error-color, #ff7b72);
    }
  }

  /* System colours win over every token; meaning never rests on colour (glyphs and words carry it). */
  @media (forced-colors: active) {
    :host {
      --_color: CanvasText;
      --_background: Canvas;
      --_border-color: CanvasText;
      --_header-background: Canvas;
      --_frozen-color: CanvasText;
      --_lora-color: CanvasText;
      --_warning-color: CanvasText;
      --_error-color: CanvasText;
    }
  }

  :host([hidden]) {
    display: none;
  }

  .scroller {
    overflow-x: auto;
  }

  table {
    border-collapse: collapse;
    min-width: 100%;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.5em;
  }

  th,
  td {
    border: 1px solid var(--_border-color);
    padding: 0.35em 0.6em;
    vertical-align: top;
  }

  thead th,
  tfoot th,
  tfoot td {
    background: var(--_header-background);
  }

  th {
    text-align: start;
  }

  .num {
    text-align: right;
    white-space: nowrap;
  }

  .detail {
    display: block;
    font-size: 0.85em;
  }

  .status {
    display: block;
    font-size: 0.85em;
    font-weight: normal;
  }

  .icon {
    vertical-align: -0.125em;
  }

  .frozen {
    color: var(--_frozen-color);
  }

  .lora {
    color: var(--_lora-color);
  }

  code {
    font-family: var(--_mono-font-family);
  }

  .peft {
    margin-block: 0.75em;
  }

  .peft code {
    display: inline-block;
    overflow-wrap: anywhere;
  }

  ul {
    margin-block: 0.5em;
    padding-inline-start: 1.25em;
  }

  .warnings li {
    color: var(--_warning-color);
  }

  .error {
    border: 1px solid var(--_error-color);
    border-inline-start-width: 4px;
    padding: 0.5em 0.75em;
    color: var(--_error-color);
  }

  .error p {
    margin: 0;
    font-weight: 600;
  }
`;
