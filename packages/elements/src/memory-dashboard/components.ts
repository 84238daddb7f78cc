import { svg, type SVGTemplateResult } from 'lit';
import type { MemoryBytes, MemoryComponent, MemoryEstimate, TrainingMethod } from '@lora-viz/core';

/** A memory component drawn as a bar segment and shown as a table row (every one but `total`). */
export type PartComponent = Exclude<MemoryComponent, 'total'>;

/** How one component is named and drawn. */
export interface ComponentStyle {
  /** Key in `MemoryEstimate.bytes`. */
  readonly key: PartComponent;
  /** Name in the table, legend and tooltips. */
  readonly label: string;
  /** Short name written inside a bar segment tall enough for it. */
  readonly short: string;
  /** Kebab-case name used in part names and pattern ids (`quant-constants`). */
  readonly slug: string;
  /** How its fill differs from the others without colour, for the legend's text. */
  readonly pattern: string;
}

/** The components in stacking order, bottom to top (the order of `MemoryBytes`). */
export const COMPONENTS: readonly ComponentStyle[] = Object.freeze([
  { key: 'weights', label: 'Weights', short: 'weights', slug: 'weights', pattern: 'solid' },
  {
    key: 'quantConstants',
    label: 'Quantization constants',
    short: 'constants',
    slug: 'quant-constants',
    pattern: 'dots',
  },
  { key: 'adapters', label: 'Adapters (A, B)', short: 'adapters', slug: 'adapters', pattern: 'rising lines' },
  { key: 'gradients', label: 'Gradients', short: 'gradients', slug: 'gradients', pattern: 'horizontal lines' },
  { key: 'optimizer', label: 'Optimizer states', short: 'optimizer', slug: 'optimizer', pattern: 'cross-hatch' },
  { key: 'activations', label: 'Activations', short: 'activations', slug: 'activations', pattern: 'falling lines' },
  {
    key: 'overhead',
    label: 'Framework overhead (assumed)',
    short: 'overhead',
    slug: 'overhead',
    pattern: 'vertical lines',
  },
] satisfies ComponentStyle[]);

/** Names of the training methods as the dashboard writes them. */
export const METHOD_LABELS: Readonly<Record<TrainingMethod, string>> = Object.freeze({
  full: 'Full fine-tuning',
  lora: 'LoRA',
  qlora: 'QLoRA',
});

/** Short method names for columns and bar labels. */
export const METHOD_SHORT: Readonly<Record<TrainingMethod, string>> = Object.freeze({
  full: 'Full',
  lora: 'LoRA',
  qlora: 'QLoRA',
});

/** The component styles to show for a set of estimates: the overhead line only when it was asked for. */
export function shownComponents(estimates: readonly MemoryEstimate[]): ComponentStyle[] {
  return COMPONENTS.filter((c) => c.key !== 'overhead' || estimates.some((e) => e.bytes.overhead !== undefined));
}

/** Bytes of a component in an estimate (0 for an overhead that is off). */
export function bytesOf(bytes: MemoryBytes, key: MemoryComponent): number {
  return bytes[key] ?? 0;
}

/** The id of a component's fill pattern, unique within the element's shadow root. */
export function patternId(slug: string): string {
  return `memory-fill-${slug}`;
}

function lines(slug: string, body: SVGTemplateResult, size = 6, rotate = 0): SVGTemplateResult {
  return svg`<pattern
    id=${patternId(slug)}
    class="fill-pattern fill-${slug}"
    width=${size}
    height=${size}
    patternUnits="userSpaceOnUse"
    patternTransform=${rotate === 0 ? '' : `rotate(${rotate})`}
  >
    <rect class="fill-ground" width=${size} height=${size}></rect>
    ${body}
  </pattern>`;
}

/**
 * The fill patterns of every component, one `<pattern>` each: a coloured ground (from the component's
 * CSS colour) with its own texture on top, so that segments differ in print, to colour-blind readers and
 * in forced colours too.
 */
export function renderPatternDefs(): SVGTemplateResult {
  return svg`<defs>
    ${lines('weights', svg``)}
    ${lines('quant-constants', svg`<circle class="fill-ink" cx="3" cy="3" r="1.3"></circle>`)}
    ${lines('adapters', svg`<line class="fill-stroke" x1="0" y1="0" x2="0" y2="6"></line>`, 6, 45)}
    ${lines('gradients', svg`<line class="fill-stroke" x1="0" y1="3" x2="6" y2="3"></line>`)}
    ${lines(
      'optimizer',
      svg`<line class="fill-stroke" x1="0" y1="0" x2="0" y2="6"></line><line class="fill-stroke" x1="0" y1="0" x2="6" y2="0"></line>`,
      6,
      45,
    )}
    ${lines('activations', svg`<line class="fill-stroke" x1="0" y1="0" x2="0" y2="6"></line>`, 6, -45)}
    ${lines('overhead', svg`<line class="fill-stroke" x1="3" y1="0" x2="3" y2="6"></line>`)}
  </defs>`;
}
