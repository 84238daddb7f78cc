import { css } from 'lit';
import { heatmapTokens } from './heatmap-tokens.styles.js';

/** Styles of `<lora-matrix>`: public `--lora-matrix-*` tokens feed private `--_*` ones. */
export const styles = [
  heatmapTokens,
  css`
    :host {
      --_grid: var(--lora-matrix-grid-color, #ffffff);
      --_color: var(--lora-matrix-color, #1f2328);
      --_muted: var(--lora-matrix-muted-color, #59636e);
      --_frozen: var(--lora-matrix-frozen-color, #6e7781);
      --_trainable: var(--lora-matrix-trainable-color, #0969da);
      --_effective: var(--lora-matrix-effective-color, #9a6700);
      --_focus: var(--lora-matrix-focus-color, #0969da);
      --_tooltip-background: var(--lora-matrix-tooltip-background, #1f2328);
      --_tooltip-color: var(--lora-matrix-tooltip-color, #ffffff);
      --_font-family: var(--lora-matrix-font-family, inherit);
      --_mono-font-family: var(
        --lora-matrix-mono-font-family,
        ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace
      );

      display: inline-block;
      vertical-align: top;
      max-width: 100%;
      /* Contains the visually hidden texts, which are absolutely positioned. */
      position: relative;
      color: var(--_color);
      font-family: var(--_font-family);
      line-height: 1.4;
    }

    @media (prefers-color-scheme: dark) {
      :host {
        --_grid: var(--lora-matrix-grid-color, #0d1117);
        --_color: var(--lora-matrix-color, #e6edf3);
        --_muted: var(--lora-matrix-muted-color, #9198a1);
        --_frozen: var(--lora-matrix-frozen-color, #9198a1);
        --_trainable: var(--lora-matrix-trainable-color, #58a6ff);
        --_effective: var(--lora-matrix-effective-color, #d29922);
        --_focus: var(--lora-matrix-focus-color, #58a6ff);
        --_tooltip-background: var(--lora-matrix-tooltip-background, #f0f6fc);
        --_tooltip-color: var(--lora-matrix-tooltip-color, #0d1117);
      }
    }

    /*
   * System colours for text, frames and the tooltip. The cells keep their data colours (a canvas is
   * not recoloured, and the legend bar opts out to match it): values are also read out as text.
   */
    @media (forced-colors: active) {
      :host {
        --_color: CanvasText;
        --_muted: CanvasText;
        --_frozen: CanvasText;
        --_trainable: CanvasText;
        --_effective: CanvasText;
        --_focus: Highlight;
        --_tooltip-background: Canvas;
        --_tooltip-color: CanvasText;
      }

      [part~='tooltip'] {
        border: 1px solid CanvasText;
      }
    }

    :host([hidden]) {
      display: none;
    }

    /*
   * Inline content (not flex) in the label and an inline-block frame: both follow the host's
   * text-align, so a page can right-align a thin matrix against its neighbour.
   */
    [part~='label'] {
      margin-block-end: 0.25em;
      font-size: 0.9em;
    }

    [part~='label'] > * + * {
      margin-inline-start: 0.45em;
    }

    .name {
      font-weight: 600;
    }

    [part~='shape'],
    .badge {
      color: var(--_muted);
      font-size: 0.9em;
      white-space: nowrap;
    }

    .badge svg {
      vertical-align: -0.125em;
    }

    [part~='frame'] {
      display: inline-block;
      position: relative;
      max-width: 100%;
      /* No padding: the cursor and tooltip are positioned in percentages of the canvas. */
      padding: 0;
      border: 2px solid transparent;
      line-height: 0;
    }

    /* Each role has its own border pattern, so the cue survives without colour (forced colours, greyscale). */
    :host([matrix-role='frozen']) [part~='frame'] {
      border: 2px dashed var(--_frozen);
    }

    :host([matrix-role='trainable']) [part~='frame'] {
      border: 2px solid var(--_trainable);
    }

    :host([matrix-role='effective']) [part~='frame'] {
      border: 4px double var(--_effective);
    }

    [part~='canvas'] {
      display: block;
      max-width: 100%;
      height: auto;
      /* Nearest-neighbour when the browser rescales the backing store (zoom), so cells stay crisp. */
      image-rendering: pixelated;
      cursor: crosshair;
      forced-color-adjust: none;
    }

    [part~='canvas']:focus {
      outline: none;
    }

    [part~='canvas']:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 4px;
    }

    [part~='cursor'] {
      position: absolute;
      box-sizing: border-box;
      min-width: 4px;
      min-height: 4px;
      border: 1px solid #ffffff;
      outline: 2px solid #1f2328;
      pointer-events: none;
    }

    [part~='tooltip'] {
      position: absolute;
      z-index: 1;
      padding: 0.2em 0.5em;
      border-radius: 4px;
      background: var(--_tooltip-background);
      color: var(--_tooltip-color);
      font-family: var(--_mono-font-family);
      font-size: 12px;
      line-height: 1.4;
      white-space: nowrap;
      pointer-events: none;
    }

    [part~='legend'] {
      display: grid;
      grid-template-columns: auto 1fr auto;
      align-items: center;
      column-gap: 0.3em;
      width: 100%;
      min-width: 7rem;
      max-width: 14rem;
      margin-block-start: 0.35em;
      font-family: var(--_mono-font-family);
      font-size: 0.72em;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }

    .bar {
      position: relative;
      height: 0.7em;
      min-width: 2.5em;
      border-radius: 2px;
      background: linear-gradient(to right, var(--_negative), var(--_zero), var(--_positive));
      forced-color-adjust: none;
    }

    /* The zero tick: the middle of the bar. */
    .bar::after {
      content: '';
      position: absolute;
      inset-block: -2px;
      inset-inline-start: calc(50% - 0.5px);
      width: 1px;
      background: var(--_muted);
    }

    .zero-tick {
      grid-column: 2;
      text-align: center;
    }

    .note {
      margin: 0.25em 0 0;
      max-width: 20rem;
      font-size: 0.8em;
      color: var(--_muted);
    }

    [part~='error'] {
      margin: 0;
      padding: 0.4em 0.6em;
      border: 1px solid currentColor;
      border-inline-start-width: 4px;
    }

    /*
   * An invisible probe whose colours are the heatmap's tokens. Its 1 ms transitions fire
   * 'transitionrun' whenever a token's computed value changes (theme class, colour scheme, forced
   * colours), which tells the element to repaint the canvas.
   */
    .probe {
      position: absolute;
      width: 0;
      height: 0;
      overflow: hidden;
      visibility: hidden;
      color: var(--_negative);
      background-color: var(--_zero);
      border-top: 0 solid var(--_positive);
      outline: 0 solid var(--_grid);
      forced-color-adjust: none;
      transition:
        color 1ms,
        background-color 1ms,
        border-top-color 1ms,
        outline-color 1ms;
    }
  `,
];
