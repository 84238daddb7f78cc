import { svg, type SVGTemplateResult } from 'lit';
import type { GraphNodeRole } from '@lora-viz/core';

/**
 * The glyph of each role, drawn in a 16×16 box with `currentColor`: the non-colour cue that tells
 * roles apart for readers who cannot rely on hue (and in forced-colors mode). Drawn as paths rather
 * than emoji so they look the same with every font.
 */
export const ROLE_GLYPHS: Readonly<Record<GraphNodeRole, SVGTemplateResult>> = {
  // An arrow entering a bar: data comes in here.
  input: svg`<path class="stroke" d="M1.5 8h8.5M7 4.5 10.5 8 7 11.5M14 2.5v11"></path>`,
  // A padlock: the value is locked, nothing updates it.
  frozen: svg`<path class="stroke" d="M5 7.5V5.5a3 3 0 0 1 6 0v2"></path><rect class="solid" x="3" y="7.5" width="10" height="7" rx="1.5"></rect>`,
  // Nabla: this node receives a gradient and is updated.
  trainable: svg`<path class="stroke" d="M2 3.5h12L8 13.5z"></path>`,
  // Capital sigma: a computed combination, not stored.
  effective: svg`<path class="stroke" d="M12.5 3h-9l5 5-5 5h9"></path>`,
  // The ReLU curve: flat, then rising.
  activation: svg`<path class="stroke" d="M1.5 11.5h6.5l6.5-8"></path>`,
  // A bar with an arrow leaving it: data goes out here.
  output: svg`<path class="stroke" d="M2 2.5v11M5 8h8.5M10.5 4.5 14 8l-3.5 3.5"></path>`,
};
