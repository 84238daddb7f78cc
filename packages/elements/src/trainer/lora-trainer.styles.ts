import { css } from 'lit';
import { heatmapTokens } from '../matrix/heatmap-tokens.styles.js';

/** Styles of `<lora-trainer>`: public `--lora-trainer-*` tokens feed private `--_*` ones. */
export const styles = [
  heatmapTokens,
  css`
    :host {
      --_color: var(--lora-trainer-color, #1f2328);
      --_muted: var(--lora-trainer-muted-color, #59636e);
      --_background: var(--lora-trainer-background, #ffffff);
      --_surface: var(--lora-trainer-surface-color, #f6f8fa);
      --_border: var(--lora-trainer-border-color, #d1d9e0);
      --_focus: var(--lora-trainer-focus-color, #0969da);
      --_loss: var(--lora-trainer-loss-color, #0969da);
      --_bar: var(--lora-trainer-bar-color, #0969da);
      --_changed: var(--lora-trainer-changed-color, #9a6700);
      --_error: var(--lora-trainer-error-color, #cf222e);
      --_ok: var(--lora-trainer-ok-color, #1a7f37);
      --_race-full: var(--lora-trainer-race-full-color, #bc4c00);
      --_race-lora: var(--lora-trainer-race-lora-color, #0969da);
      --_race-qlora: var(--lora-trainer-race-qlora-color, #8250df);
      --_mono: var(--lora-trainer-mono-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
      --_chart-axis-color: var(--_muted);
      --_chart-grid-color: var(--_border);

      display: block;
      /* Contains the visually hidden texts, which are absolutely positioned. */
      position: relative;
      color: var(--_color);
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: 12px;
      padding: 0.75rem 1rem;
      font-family: var(--lora-trainer-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
      font-size: 14px;
      line-height: 1.45;
      container-type: inline-size;
    }

    @media (prefers-color-scheme: dark) {
      :host {
        --_color: var(--lora-trainer-color, #e6edf3);
        --_muted: var(--lora-trainer-muted-color, #9198a1);
        --_background: var(--lora-trainer-background, #0d1117);
        --_surface: var(--lora-trainer-surface-color, #151b23);
        --_border: var(--lora-trainer-border-color, #3d444d);
        --_focus: var(--lora-trainer-focus-color, #4493f8);
        --_loss: var(--lora-trainer-loss-color, #4493f8);
        --_bar: var(--lora-trainer-bar-color, #4493f8);
        --_changed: var(--lora-trainer-changed-color, #d29922);
        --_error: var(--lora-trainer-error-color, #ff7b72);
        --_ok: var(--lora-trainer-ok-color, #3fb950);
        --_race-full: var(--lora-trainer-race-full-color, #f0883e);
        --_race-lora: var(--lora-trainer-race-lora-color, #4493f8);
        --_race-qlora: var(--lora-trainer-race-qlora-color, #ab7df8);
      }
    }

    /* System colours win; every bar has its number beside it and every mark its word. */
    @media (forced-colors: active) {
      :host {
        --_color: CanvasText;
        --_muted: CanvasText;
        --_background: Canvas;
        --_surface: Canvas;
        --_border: CanvasText;
        --_focus: Highlight;
        --_bar: CanvasText;
        --_changed: CanvasText;
        --_error: CanvasText;
        --_ok: CanvasText;
      }

      .fill {
        forced-color-adjust: none;
        background: CanvasText !important;
      }

      .cosine td {
        forced-color-adjust: auto;
      }
    }

    :host([hidden]) {
      display: none;
    }

    h3,
    h4,
    h5 {
      margin: 0.75rem 0 0.35rem;
      font-size: 1em;
    }

    code,
    .num,
    textarea,
    .line-text,
    .chip-value {
      font-family: var(--_mono);
    }

    .num {
      font-variant-numeric: tabular-nums;
    }

    .hint {
      margin: 0.15rem 0;
      color: var(--_muted);
      font-size: 0.9em;
    }

    .error-text {
      color: var(--_error);
    }

    :focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }

    button,
    select,
    input,
    textarea {
      font: inherit;
      color: inherit;
    }

    button {
      cursor: pointer;
      padding: 0.3rem 0.8rem;
      border: 1px solid var(--_border);
      border-radius: 6px;
      background: var(--_surface);
    }

    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }

    button.primary {
      border-color: var(--_focus);
      font-weight: 600;
    }

    select,
    input,
    textarea {
      border: 1px solid var(--_border);
      border-radius: 6px;
      background: var(--_background);
      padding: 0.25rem 0.4rem;
    }

    input[aria-invalid='true'],
    textarea[aria-invalid='true'] {
      border: 2px solid var(--_error);
    }

    .header {
      display: flex;
      flex-direction: column;
      gap: 0.35rem;
    }

    .task-picker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      font-weight: 600;
    }

    .scenario {
      max-width: 70ch;
    }

    .base-status {
      margin: 0;
      color: var(--_muted);
    }

    .data {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 1rem;
      margin-block-start: 0.75rem;
    }

    @container (min-width: 760px) {
      .data {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
    }

    .editor {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }

    .editor-label {
      font-weight: 600;
    }

    textarea {
      width: 100%;
      box-sizing: border-box;
      resize: vertical;
      tab-size: 4;
      white-space: pre;
      overflow-wrap: normal;
      overflow-x: auto;
    }

    .eval-editor {
      margin-block-start: 0.75rem;
    }

    .eval-editor > summary {
      cursor: pointer;
      font-weight: 600;
    }

    .line-problems {
      padding: 0.4rem 0.6rem;
      border: 1px solid var(--_error);
      border-inline-start-width: 4px;
      border-radius: 4px;
    }

    .line-problems p,
    .line-problems ul {
      margin: 0.15rem 0;
    }

    .line-problems li {
      overflow-wrap: anywhere;
    }

    .lines {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 22rem;
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: 6px;
    }

    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      padding: 0.25rem 0.5rem;
      border-block-end: 1px solid var(--_border);
    }

    .line:last-child {
      border-block-end: none;
    }

    [part~='line-inspected'] {
      background: var(--_surface);
      box-shadow: inset 3px 0 0 var(--_focus);
    }

    .line-number {
      min-width: 2ch;
      color: var(--_muted);
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .line-text {
      flex: 1 1 12rem;
      min-width: 0;
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }

    .pair-sep {
      color: var(--_muted);
    }

    .chip {
      display: inline-flex;
      align-items: baseline;
      gap: 0.35rem;
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      border: 1px solid var(--_focus);
      background: var(--_background);
      font-size: 0.9em;
    }

    /* Inferred labels: a dashed outline and the word; explicit ones: solid, and the word. */
    .chip.inferred {
      border-style: dashed;
      border-color: var(--_muted);
    }

    .chip-source {
      color: var(--_muted);
      font-size: 0.85em;
      font-style: italic;
    }

    .chip.explicit .chip-source {
      font-style: normal;
      font-weight: 600;
    }

    .label-editor {
      flex-basis: 100%;
    }

    .label-editor fieldset {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.35rem 0.75rem;
      margin: 0.25rem 0 0;
      border: 1px solid var(--_border);
      border-radius: 6px;
    }

    .editor-field {
      display: flex;
      flex-direction: column;
      font-size: 0.85em;
    }

    .editor-field input {
      width: 6ch;
    }

    .inspector {
      margin-block-start: 0.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: 8px;
      background: var(--_surface);
      overflow-x: auto;
    }

    .inspector h3,
    .inspector h4 {
      margin-top: 0;
      overflow-wrap: anywhere;
    }

    .features {
      border-collapse: collapse;
      width: 100%;
    }

    .features th,
    .features td {
      padding: 0.1rem 0.4rem;
      text-align: start;
      vertical-align: baseline;
    }

    .features td.num {
      text-align: end;
    }

    .features .evidence {
      color: var(--_muted);
      font-size: 0.9em;
      overflow-wrap: anywhere;
    }

    /* A centred track: positive values grow right of the middle, negative ones left. */
    .feature-bar {
      position: relative;
      display: inline-block;
      width: 6rem;
      height: 0.6rem;
      border: 1px solid var(--_border);
      border-radius: 2px;
    }

    .feature-bar .fill {
      position: absolute;
      inset-block: 0;
      inset-inline-start: 50%;
      background: var(--_bar);
    }

    .feature-bar.negative .fill {
      inset-inline-start: auto;
      inset-inline-end: 50%;
      background: var(--_negative);
    }

    .settings {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      margin: 1rem 0 0;
      border: 1px solid var(--_border);
      border-radius: 8px;
    }

    .settings > legend {
      font-weight: 600;
    }

    .lora-settings {
      display: contents;
    }

    .setting {
      display: flex;
      flex-direction: column;
      gap: 0.1rem;
      max-width: 14rem;
    }

    .setting input {
      width: 8ch;
    }

    .setting .label-text {
      font-weight: 600;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      margin-block-start: 0.75rem;
    }

    .blocked {
      margin: 0;
      color: var(--_error);
    }

    .progress {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-block-start: 0.5rem;
    }

    progress {
      width: min(20rem, 100%);
      accent-color: var(--_focus);
    }

    .line-chart {
      margin-block-start: 0.5rem;
    }

    .outcome {
      margin: 0.5rem 0;
      padding: 0.4rem 0.6rem;
      border-inline-start: 4px solid var(--_ok);
      background: var(--_surface);
    }

    .outcome.cancelled,
    .outcome.diverged,
    .outcome.failed {
      border-inline-start-color: var(--_error);
    }

    .results {
      margin-block-start: 0.5rem;
    }

    .peft-line {
      margin: 0.25rem 0;
      overflow-wrap: anywhere;
    }

    .frozen-check {
      margin: 0.25rem 0;
    }

    .frozen-check.ok {
      color: var(--_ok);
    }

    .frozen-check.bad {
      color: var(--_error);
    }

    .table-scroller {
      max-width: 100%;
      overflow-x: auto;
    }

    table caption {
      text-align: start;
      font-weight: 600;
      padding-block-end: 0.25rem;
    }

    .metrics {
      border-collapse: collapse;
      margin-block: 0.5rem;
    }

    .metrics th,
    .metrics td {
      padding: 0.2rem 0.6rem;
      border-block-end: 1px solid var(--_border);
      text-align: start;
      white-space: nowrap;
    }

    .set {
      margin-block: 0.5rem;
    }

    .set > summary {
      cursor: pointer;
      font-weight: 600;
    }

    .result-rows {
      list-style: none;
      margin: 0.25rem 0 0;
      padding: 0;
    }

    .result-row {
      padding: 0.4rem 0.5rem;
      border-block-end: 1px solid var(--_border);
    }

    [part~='result-row-changed'] {
      box-shadow: inset 3px 0 0 var(--_changed);
    }

    .result-text {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.6rem;
      align-items: baseline;
    }

    .result-text .text {
      font-family: var(--_mono);
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }

    .expected,
    .unchanged {
      color: var(--_muted);
      font-size: 0.9em;
    }

    .changed {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
      color: var(--_changed);
      font-weight: 600;
      font-size: 0.9em;
    }

    .before-after {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      margin-block-start: 0.2rem;
    }

    .distribution {
      display: grid;
      grid-template-columns: auto;
      gap: 0.05rem;
      min-width: 14rem;
    }

    .distribution .when {
      color: var(--_muted);
      font-size: 0.85em;
    }

    .bar-row {
      display: grid;
      grid-template-columns: 6rem 7rem 3rem auto;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.9em;
    }

    .bar-row.top .bar-label {
      font-weight: 600;
    }

    .top-mark {
      font-size: 0.8em;
      color: var(--_muted);
    }

    .bar {
      display: inline-block;
      height: 0.6rem;
      border: 1px solid var(--_border);
      border-radius: 2px;
      overflow: hidden;
    }

    .bar .fill {
      display: block;
      height: 100%;
      background: var(--_bar);
    }

    .regression-values {
      border-collapse: collapse;
      margin-block-start: 0.2rem;
      font-size: 0.9em;
    }

    .regression-values th,
    .regression-values td {
      padding: 0.05rem 0.5rem;
      text-align: end;
    }

    .regression-values th[scope='row'] {
      text-align: start;
    }

    .pair-scores {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin-block-start: 0.2rem;
      font-size: 0.9em;
    }

    .cosine-section .cosine-texts {
      margin: 0.25rem 0;
      padding-inline-start: 1.75rem;
      font-family: var(--_mono);
      font-size: 0.9em;
    }

    .cosine-pair {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
    }

    .cosine {
      border-collapse: collapse;
      font-size: 0.8em;
    }

    .cosine th,
    .cosine td {
      padding: 0.1rem 0.25rem;
      text-align: center;
      border: 1px solid var(--_border);
    }

    .cosine td.positive {
      background: color-mix(in srgb, var(--_positive) var(--_cos), var(--_background));
    }

    .cosine td.negative {
      background: color-mix(in srgb, var(--_negative) var(--_cos), var(--_background));
    }

    .matrices .layer-matrices {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: flex-start;
    }

    .detail {
      color: var(--_muted);
      font-weight: normal;
    }

    .compare {
      margin-block-start: 1rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: 8px;
    }

    .compare > summary {
      cursor: pointer;
      font-weight: 600;
    }

    .compare-results {
      margin-block-start: 0.75rem;
    }

    .compare-table td.ok {
      color: var(--_ok);
    }

    .compare-table td.bad {
      color: var(--_error);
    }

    .sweep-charts {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5rem 1rem;
    }

    @container (min-width: 640px) {
      .sweep-charts {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
    }
  `,
];
