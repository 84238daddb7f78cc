import { html, svg, nothing, type TemplateResult } from 'lit';
import {
  BYTES_PER_UNIT,
  TRAINING_METHODS,
  type ByteUnit,
  type MemoryEstimate,
  type TrainingMethod,
} from '@lora-viz/core';
import { formatInUnit, formatTick, niceAxis, unitName } from './byte-scale.js';
import { METHOD_LABELS, METHOD_SHORT, bytesOf, patternId, type ComponentStyle } from './components.js';
import { formulaId, sameKey, type CellKey } from './cell-key.js';

/** What the stacked bars draw. */
export interface StackedBarsInput {
  /** One estimate per method; the table reads the same objects. */
  readonly estimates: Readonly<Record<TrainingMethod, MemoryEstimate>>;
  /** The components to stack, bottom to top. */
  readonly components: readonly ComponentStyle[];
  /** Unit of the axis. */
  readonly unit: ByteUnit;
  /** The method in focus, outlined. */
  readonly focus: TrainingMethod;
  /** The number being explained (hovered or focused), marked on its segment. */
  readonly selected: CellKey | null;
  /** The segment reached with Tab (roving focus: one tab stop for the chart). */
  readonly tabStop: CellKey;
}

/** Geometry of the chart, in SVG user units. */
export const BARS_GEOMETRY = Object.freeze({ width: 420, height: 300, left: 64, right: 10, top: 26, bottom: 40 });

/** A segment shorter than this (user units) gets no label inside it. */
const LABEL_MIN_HEIGHT = 14;

/** The segments a bar draws: the components with a non-zero byte count, bottom to top. */
export function drawnSegments(estimate: MemoryEstimate, components: readonly ComponentStyle[]): ComponentStyle[] {
  return components.filter((c) => bytesOf(estimate.bytes, c.key) > 0);
}

/**
 * The three methods as stacked SVG bars on one linear axis from 0 (heights proportional to bytes), one
 * segment per component with its own fill pattern, a short label inside when it is tall enough, the
 * total above each bar and the method below. Each segment is focusable (one tab stop, arrow keys move;
 * see the element) and described by its formula. The table beside the chart holds the same numbers.
 */
export function renderStackedBars(input: StackedBarsInput): TemplateResult {
  const { estimates, components, unit, focus, selected, tabStop } = input;
  const { width, height, left, right, top, bottom } = BARS_GEOMETRY;
  const plot = height - top - bottom;
  const base = top + plot;
  const unitBytes = BYTES_PER_UNIT[unit];
  const largest = Math.max(...TRAINING_METHODS.map((m) => estimates[m].bytes.total));
  const axis = niceAxis(largest / unitBytes);
  const perByte = plot / (axis.top * unitBytes);
  const slot = (width - left - right) / TRAINING_METHODS.length;
  const barWidth = slot * 0.56;

  const ticks = axis.ticks.map((value) => {
    const y = base - value * unitBytes * perByte;
    return svg`<line part="tick" class="grid" data-value=${value} x1=${left} x2=${width - right} y1=${y} y2=${y}></line>
      <text part="tick-label" class="tick-label" x=${left - 6} y=${y + 4}>${formatTick(value, axis.step)}</text>`;
  });

  const bars = TRAINING_METHODS.map((method, index) => {
    const estimate = estimates[method];
    const x = left + index * slot + (slot - barWidth) / 2;
    let cursor = base;
    const segments = drawnSegments(estimate, components).map((c) => {
      const bytes = bytesOf(estimate.bytes, c.key);
      const h = bytes * perByte;
      cursor -= h;
      const key: CellKey = { method, row: c.key };
      const shown = `${formatInUnit(bytes, unit)} ${unitName(unit)}`;
      return svg`<g class=${sameKey(selected, key) ? 'segment-group selected' : 'segment-group'}>
        <rect
          part="segment segment-${method} segment-${c.slug}"
          class="segment fill-${c.slug}"
          x=${x}
          y=${cursor}
          width=${barWidth}
          height=${h}
          fill="url(#${patternId(c.slug)})"
          data-method=${method}
          data-row=${c.key}
          data-bytes=${bytes}
          tabindex=${sameKey(tabStop, key) ? 0 : -1}
          role="img"
          aria-label="${METHOD_LABELS[method]}, ${c.label}: ${shown}"
          aria-describedby=${formulaId(key)}
        ></rect>
        ${
          h >= LABEL_MIN_HEIGHT
            ? svg`<text class="segment-label" x=${x + barWidth / 2} y=${cursor + h / 2 + 4} aria-hidden="true">${c.short}</text>`
            : nothing
        }
      </g>`;
    });
    const total = estimate.bytes.total;
    const focused = method === focus;
    return svg`<g part="bar bar-${method}${focused ? ' bar-focus' : ''}" class=${focused ? 'bar focus' : 'bar'}>
      ${
        focused
          ? svg`<rect class="focus-frame" x=${x - 4} y=${base - total * perByte - 4} width=${barWidth + 8} height=${total * perByte + 4}></rect>`
          : nothing
      }
      ${segments}
      <text part="bar-total" class="bar-total" x=${x + barWidth / 2} y=${base - total * perByte - 8}>${formatInUnit(total, unit)}</text>
      <text part="bar-label" class="bar-label" x=${x + barWidth / 2} y=${base + 16}>${METHOD_SHORT[method]}</text>
      ${focused ? svg`<text class="bar-focus-label" x=${x + barWidth / 2} y=${base + 31}>▲ in focus</text>` : nothing}
    </g>`;
  });

  const totals = TRAINING_METHODS.map(
    (m) => `${METHOD_LABELS[m]} ${formatInUnit(estimates[m].bytes.total, unit)} ${unitName(unit)}`,
  ).join(', ');
  return html`<svg
    part="bars"
    class="bars"
    viewBox="0 0 ${width} ${height}"
    role="group"
    aria-labelledby="bars-title"
    aria-describedby="bars-desc"
  >
    <title id="bars-title">Memory by component, stacked, for each method</title>
    <desc id="bars-desc">Totals: ${totals}. The table beside the chart gives every component.</desc>
    ${ticks}
    <text part="axis-title" class="axis-title" x="12" y=${top + plot / 2} transform="rotate(-90 12 ${top + plot / 2})">
      ${unitName(unit)}
    </text>
    <line class="baseline" x1=${left} x2=${width - right} y1=${base} y2=${base}></line>
    ${bars}
  </svg>`;
}
