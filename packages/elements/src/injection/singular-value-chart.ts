import { html, svg, nothing, type TemplateResult } from 'lit';
import { formatValue } from '../matrix/format.js';
import { zeroSingularValues } from './format.js';

/** What the chart shows: ΔW's singular values from core, and the limit min(in, out) of its rank. */
export interface SingularValueChartData {
  /** σ₁ ≥ σ₂ ≥ … (r of them), as core's `describeLayer` returns them. */
  readonly values: readonly number[];
  /** min(in, out): bars past it can never be non-zero, whatever the training. */
  readonly reachable: number;
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** σ with a subscript index: `σ₁₂`. */
export function sigma(index: number): string {
  return `σ${String(index).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]!)}`;
}

const HEIGHT = 150;
const TOP = 20; // room for the value labels above the tallest bar
const BOTTOM = 22; // room for the σ labels
const PLOT = HEIGHT - TOP - BOTTOM;
/** Labels above bars need about this many units of width to stay readable. */
const LABEL_SLOT = 46;
/** The accessible name lists values one by one up to this many bars. */
const NAMED_VALUES = 16;

/**
 * ΔW's singular values as an SVG bar chart: one bar per value, its value written above it (when the
 * bars are wide enough) and in a `<title>` (hover), zero values marked by a dashed stub and `0`, and
 * the slots past min(in, out) hatched over the full height: they can never fill. The SVG is an image named by the values.
 */
export function renderSingularValueChart({ values, reachable }: SingularValueChartData): TemplateResult {
  const count = values.length;
  const zero = zeroSingularValues(values);
  const largest = Math.max(0, ...values);
  const slot = Math.max(6, Math.min(LABEL_SLOT, 520 / Math.max(count, 1)));
  const width = Math.max(count * slot, 1);
  const bar = slot * 0.7;
  const labelled = slot >= LABEL_SLOT - 0.5;
  const nonZero = zero.filter((z) => !z).length;

  const listed = values
    .slice(0, NAMED_VALUES)
    .map((v, i) => (zero[i] ? '0' : formatValue(v, 3)))
    .join(', ');
  const more = count > NAMED_VALUES ? ` and ${count - NAMED_VALUES} more` : '';
  const name = `Singular values of ΔW: ${listed}${more}; ${nonZero} of ${count} non-zero.`;

  const bars = values.map((v, i) => {
    const x = i * slot + (slot - bar) / 2;
    const height = zero[i] || largest === 0 ? 0 : Math.max(1, (v / largest) * PLOT);
    const y = TOP + PLOT - height;
    const impossible = i >= reachable;
    const parts = ['sv-bar', zero[i] ? 'sv-bar-zero' : '', impossible ? 'sv-bar-impossible' : '']
      .filter(Boolean)
      .join(' ');
    const shown = zero[i] ? '0' : formatValue(v, 3);
    return svg`<g part=${parts} class=${zero[i] ? 'zero' : 'nonzero'}>
      <title>${sigma(i + 1)} = ${zero[i] ? '0' : formatValue(v)}${impossible ? ' (past min(in, out): always 0)' : ''}</title>
      ${
        impossible
          ? svg`<rect class="impossible" x=${x} y=${TOP} width=${bar} height=${PLOT}></rect>`
          : zero[i]
            ? svg`<rect class="empty" x=${x} y=${TOP + PLOT - 4} width=${bar} height="4"></rect>`
            : svg`<rect class="value" x=${x} y=${y} width=${bar} height=${height}></rect>`
      }
      ${labelled ? svg`<text class="value-label" x=${x + bar / 2} y=${(zero[i] ? TOP + PLOT - 4 : y) - 4}>${impossible ? '' : shown}</text>` : nothing}
      ${labelled || i === 0 || i === count - 1 ? svg`<text class="axis-label" x=${x + bar / 2} y=${HEIGHT - 5}>${sigma(i + 1)}</text>` : nothing}
    </g>`;
  });

  const limit =
    reachable < count
      ? svg`<line class="limit" x1=${reachable * slot} x2=${reachable * slot} y1="2" y2=${TOP + PLOT + 2}></line>
          <text class="limit-label" x=${reachable * slot + 3} y="10">min(in, out) = ${reachable}</text>`
      : nothing;

  return html`<svg
    class="sv-chart"
    role="img"
    aria-label=${name}
    viewBox="0 0 ${width} ${HEIGHT}"
    width=${width}
    height=${HEIGHT}
    preserveAspectRatio="xMinYMax meet"
  >
    <defs>
      <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="4" class="hatch-line"></line>
      </pattern>
    </defs>
    <line class="baseline" x1="0" x2=${width} y1=${TOP + PLOT + 0.5} y2=${TOP + PLOT + 0.5}></line>
    ${limit} ${bars}
  </svg>`;
}
