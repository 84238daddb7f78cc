import { css } from 'lit';
import { heatmapTokens } from '../matrix/heatmap-tokens.styles.js';

/**
 * Styles of `<lora-injection>`: public `--lora-injection-*` tokens feed private `--_*` ones; the
 * shared legend reads the same `--lora-matrix-*` colour tokens as the heatmaps.
 */
export const styles = [
  heatmapTokens,
  css`
    :host {
      --_color: var(--lora-injection-color, #1f2328);
      --_background: var(--lora-injection-background, transparent);
      --_muted: var(--lora-injection-muted-color, #59636e);
      --_border: var(--lora-injection-border-color, #d0d7de);
      --_accent: var(--lora-injection-accent-color, #0969da);
      --_frozen: var(--lora-injection-frozen-color, #6e7781);
      --_warning: var(--lora-injection-warning-color, #9a6700);
      --_error: var(--lora-injection-error-color, #cf222e);
      --_font-family: var(--lora-injection-font-family, inherit);
      --_mono-font-family: var(
        --lora-injection-mono-font-family,
        ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace
      );

      display: block;
      position: relative;
      color: var(--_color);
      background: var(--_background);
      font-family: var(--_font-family);
      line-height: 1.45;
    }

    @media (prefers-color-scheme: dark) {
      :host {
        --_color: var(--lora-injection-color, #e6edf3);
        --_muted: var(--lora-injection-muted-color, #9198a1);
        --_border: var(--lora-injection-border-color, #3d444d);
        --_accent: var(--lora-injection-accent-color, #58a6ff);
        --_frozen: var(--lora-injection-frozen-color, #9198a1);
        --_warning: var(--lora-injection-warning-color, #d29922);
        --_error: var(--lora-injection-error-color, #ff7b72);
      }
    }

    /* System colours win; every cue also has a word, a pattern or a number next to it. */
    @media (forced-colors: active) {
      :host {
        --_color: CanvasText;
        --_background: Canvas;
        --_muted: CanvasText;
        --_border: CanvasText;
        --_accent: CanvasText;
        --_frozen: GrayText;
        --_warning: CanvasText;
        --_error: CanvasText;
      }
    }

    :host([hidden]) {
      display: none;
    }

    p {
      margin: 0;
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.75rem 1.5rem;
      margin-block-end: 0.75rem;
    }

    .field {
      display: inline-flex;
      flex-direction: column;
      gap: 0.2em;
      font-size: 0.85em;
      color: var(--_muted);
    }

    select,
    input {
      font: inherit;
      accent-color: var(--_accent);
    }

    select {
      padding: 0.25em 0.4em;
      color: var(--_color);
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: 6px;
      font-size: 1.05em;
    }

    select option {
      color: initial;
    }

    select:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }

    .toggle {
      display: inline-flex;
      gap: 0.9em;
      margin: 0;
      padding: 0.25em 0.7em 0.35em;
      border: 1px solid var(--_border);
      border-radius: 6px;
      font-size: 0.85em;
    }

    .toggle legend {
      padding: 0 0.3em;
      color: var(--_muted);
    }

    .toggle label {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      cursor: pointer;
    }

    .equation {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.3em 0.6em;
      margin-block-end: 0.75rem;
    }

    .formula {
      font-family: var(--_mono-font-family);
      font-size: 0.95em;
    }

    .equation > .formula {
      font-size: 1.1em;
      font-weight: 600;
    }

    .scaling {
      font-family: var(--_mono-font-family);
      padding: 0.05em 0.45em;
      border: 1px solid var(--_border);
      border-radius: 999px;
    }

    .matrices {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 0.9rem;
    }

    figure {
      margin: 0;
      min-width: 0;
    }

    figcaption {
      margin-block-start: 0.15em;
      font-size: 0.78em;
      color: var(--_muted);
    }

    .operator {
      font-family: var(--_mono-font-family);
      font-size: 1.6em;
      color: var(--_muted);
    }

    /*
   * B · A laid out as the product is computed: A above ΔW shares its columns (in), B left of ΔW
   * shares its rows (out), so the shapes show why ΔW is out × in yet has rank at most r.
   */
    .delta-group {
      display: grid;
      grid-template-columns: auto auto;
      gap: 0.4rem 0.5rem;
      padding: 0.6rem 0.7rem;
      border: 1px dashed var(--_border);
      border-radius: 10px;
    }

    .corner {
      grid-area: 1 / 1;
      align-self: end;
      justify-self: end;
      display: flex;
      flex-direction: column;
      align-items: end;
      gap: 0.2em;
      padding-block-end: 0.4em;
      text-align: end;
    }

    .a {
      grid-area: 1 / 2;
      align-self: end;
    }

    .b {
      grid-area: 2 / 1;
      justify-self: end;
      /* Right-aligns B's heatmap (and its label) against ΔW, so their rows line up. */
      text-align: end;
    }

    .d {
      grid-area: 2 / 2;
    }

    .b,
    .d {
      align-self: start;
    }

    .note {
      margin-block-start: 0.6rem;
      max-width: 60rem;
      font-size: 0.9em;
    }

    .no-adapter {
      margin-block: 0 0.75rem;
    }

    [part~='zero-note'] {
      padding: 0.35em 0.7em;
      border-inline-start: 3px solid var(--_warning);
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      align-items: start;
      gap: 1rem 2.5rem;
      margin-block-start: 1rem;
      padding-block-start: 0.9rem;
      border-block-start: 1px solid var(--_border);
    }

    .fact {
      flex: 1 1 16rem;
      max-width: 32rem;
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
      font-size: 0.9em;
    }

    .fact-title {
      font-weight: 600;
      font-size: 1.05em;
    }

    .fact .note {
      margin: 0;
      color: var(--_muted);
    }

    .sv-chart {
      max-width: 100%;
      height: auto;
      overflow: visible;
      font-family: var(--_mono-font-family);
    }

    .sv-chart .value {
      fill: var(--_accent);
    }

    .sv-chart .empty {
      fill: none;
      stroke: var(--_muted);
      stroke-width: 1;
      stroke-dasharray: 2 2;
    }

    .sv-chart .impossible {
      fill: url(#hatch);
      stroke: var(--_border);
      stroke-dasharray: 2 2;
    }

    .sv-chart .hatch-line {
      stroke: var(--_border);
      stroke-width: 1.5;
    }

    .sv-chart .baseline,
    .sv-chart .limit {
      stroke: var(--_muted);
      stroke-width: 1;
    }

    .sv-chart .limit {
      stroke-dasharray: 3 3;
    }

    .sv-chart text {
      fill: var(--_color);
      font-size: 11px;
      text-anchor: middle;
    }

    .sv-chart .axis-label {
      fill: var(--_muted);
    }

    .sv-chart .zero .value-label {
      fill: var(--_muted);
    }

    .sv-chart .limit-label {
      fill: var(--_muted);
      text-anchor: start;
    }

    .bars {
      display: grid;
      grid-template-columns: auto minmax(6rem, 1fr) auto;
      align-items: center;
      gap: 0.3rem 0.6rem;
    }

    .bar-label {
      font-family: var(--_mono-font-family);
      font-size: 0.9em;
    }

    .track {
      display: block;
      height: 0.8em;
      border-radius: 3px;
      background: color-mix(in srgb, var(--_border) 45%, transparent);
    }

    .fill {
      display: block;
      height: 100%;
      border-radius: 3px;
    }

    .fill.adapter {
      background: var(--_accent);
    }

    /* Frozen W: hatched as well as grey, so the two bars differ without colour. */
    .fill.weight {
      background: repeating-linear-gradient(
        135deg,
        var(--_frozen) 0 3px,
        color-mix(in srgb, var(--_frozen) 55%, transparent) 3px 6px
      );
    }

    data {
      font-family: var(--_mono-font-family);
      font-variant-numeric: tabular-nums;
      text-align: end;
    }

    @media (forced-colors: active) {
      .fill.adapter,
      .fill.weight,
      .sv-chart .value {
        forced-color-adjust: none;
        background: CanvasText;
        fill: CanvasText;
      }

      .fill.weight {
        background: repeating-linear-gradient(135deg, CanvasText 0 3px, Canvas 3px 6px);
      }
    }

    .error {
      border: 1px solid var(--_error);
      border-inline-start-width: 4px;
      padding: 0.5em 0.75em;
      color: var(--_error);
    }

    .error p {
      font-weight: 600;
    }

    .error ul {
      margin: 0.4em 0 0;
      padding-inline-start: 1.25em;
    }

    code {
      font-family: var(--_mono-font-family);
    }

    /* One legend for all five heatmaps while they share a scale; each shows its own otherwise. */
    .matrices.shared lora-matrix::part(legend) {
      display: none;
    }

    .legend {
      display: grid;
      grid-template-columns: auto auto minmax(6rem, 10rem) auto;
      align-items: center;
      column-gap: 0.4em;
      padding-block-end: 0.35em;
      font-family: var(--_mono-font-family);
      font-size: 0.8em;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }

    .legend-title {
      font-family: var(--_font-family);
      margin-inline-end: 0.3em;
    }

    .legend .bar {
      position: relative;
      height: 0.8em;
      border-radius: 2px;
      background: linear-gradient(to right, var(--_negative), var(--_zero), var(--_positive));
      forced-color-adjust: none;
    }

    .legend .bar::after {
      content: '';
      position: absolute;
      inset-block: -2px;
      inset-inline-start: calc(50% - 0.5px);
      width: 1px;
      background: var(--_muted);
    }
  `,
];
