import { css } from 'lit';

/**
 * The heatmap's colour tokens, shared by `<lora-matrix>` and by panels that draw a legend for several
 * heatmaps at once, so both read the same `--lora-matrix-*` properties with the same defaults.
 */
export const heatmapTokens = css`
  :host {
    --_negative: var(--lora-matrix-negative-color, #d55e00);
    --_zero: var(--lora-matrix-zero-color, #f2f2f2);
    --_positive: var(--lora-matrix-positive-color, #0072b2);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_negative: var(--lora-matrix-negative-color, #f0883e);
      --_zero: var(--lora-matrix-zero-color, #262c36);
      --_positive: var(--lora-matrix-positive-color, #4aa3f0);
    }
  }
`;
