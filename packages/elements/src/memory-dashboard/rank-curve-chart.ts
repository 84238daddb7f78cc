import { html, svg, nothing, type SVGTemplateResult, type TemplateResult } from 'lit';
import { BYTES_PER_UNIT, groupDigits, type ByteUnit, type RankCurve } from '@lora-viz/core';
import { formatInUnit, formatTick, niceAxis, unitName } from './byte-scale.js';
import { CURVE_MAX_RANK } from './compute-dashboard.js';
import { METHOD_LABELS } from './components.js';

/** What the rank curve draws. */
export interface RankCurveInput {
  /** Core's rank curve, r = 1 … 256. */
  readonly curve: RankCurve;
  /** The adapter method swept. */
  readonly method: 'lora' | 'qlora';
  /** Unit of the memory axis. */
  readonly unit: ByteUnit;
  /** The rank chosen in the controls, marked when on the axis. */
  readonly rank: number;
  /** The model's name. */
  readonly model: string;
}

const G = { width: 560, height: 334, left: 72, right: 18, topA: 44, heightA: 90, topB: 168, heightB: 96 } as const;
const PLOT_W = G.width - G.left - G.right;
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const RANK = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Horizontal position of rank r on the log₂ axis from 1 to 256. */
export function rankX(r: number): number {
  return G.left + (Math.log2(r) / Math.log2(CURVE_MAX_RANK)) * PLOT_W;
}

function line(points: readonly [number, number][]): string {
  return points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
}

function breakEvenMark(rStar: number): SVGTemplateResult {
  const bottom = G.topB + G.heightB;
  const label = `break-even r* = ${RANK.format(rStar)}`;
  if (rStar > CURVE_MAX_RANK) {
    return svg`<g part="break-even" class="break-even">
      <text class="mark-label" x=${G.left + PLOT_W} y=${G.topA - 8} text-anchor="end">${label} is beyond r = ${CURVE_MAX_RANK} →</text>
    </g>`;
  }
  const x = rankX(Math.max(1, rStar));
  return svg`<g part="break-even" class="break-even">
    <line class="mark-line" x1=${x} x2=${x} y1=${G.topA - 4} y2=${bottom}></line>
    <text class="mark-label" x=${x + 4} y=${G.topA - 8}>${rStar < 1 ? `${label}: even r = 1 is larger than the layers` : label}</text>
  </g>`;
}

/**
 * Trainable parameters (log scale, top) and total bytes (linear from 0, bottom) against the LoRA rank
 * r = 1, 2, 4 … 256 on a log₂ axis, with the break-even rank r* (where the adapter has as many
 * parameters as the weights it adapts) and the chosen rank marked. A table of the same points follows
 * in a `<details>` as the text alternative.
 */
export function renderRankCurve(input: RankCurveInput): TemplateResult {
  const { curve, method, unit, rank, model } = input;
  const points = curve.points;
  const unitBytes = BYTES_PER_UNIT[unit];
  const trainable = points.map((p) => p.trainable);
  const lo = 10 ** Math.floor(Math.log10(Math.max(1, Math.min(...trainable))));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(1, ...trainable)));
  if (hi <= lo) hi = lo * 10;
  const yA = (v: number) =>
    G.topA + G.heightA - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * G.heightA;
  const decades = Math.round(Math.log10(hi / lo));
  const every = decades > 5 ? 2 : 1;
  const ticksA = Array.from({ length: decades + 1 }, (_, i) => lo * 10 ** i).filter((_, i) => i % every === 0);
  const axisB = niceAxis(Math.max(...points.map((p) => p.totalBytes)) / unitBytes, 4);
  const bottomB = G.topB + G.heightB;
  const yB = (bytes: number) => bottomB - (bytes / unitBytes / axisB.top) * G.heightB;

  const first = points[0]!;
  const last = points.at(-1)!;
  const u = unitName(unit);
  const summary =
    `${METHOD_LABELS[method]} on ${model}: trainable parameters grow from ${groupDigits(first.trainable)} at r = ${first.rank} ` +
    `to ${groupDigits(last.trainable)} at r = ${last.rank}, while the total memory goes from ` +
    `${formatInUnit(first.totalBytes, unit)} to ${formatInUnit(last.totalBytes, unit)} ${u}; ` +
    `the break-even rank is r* = ${RANK.format(curve.breakEvenRank)}.`;
  const inRange = rank >= 1 && rank <= CURVE_MAX_RANK;

  return html`<figure part="rank-curve" class="rank-curve">
      <svg class="curve" viewBox="0 0 ${G.width} ${G.height}" role="img" aria-label=${summary}>
        <text class="panel-title" x=${G.left} y="14">Trainable parameters (log scale)</text>
        ${ticksA.map(
          (v) => svg`<line class="grid" x1=${G.left} x2=${G.left + PLOT_W} y1=${yA(v)} y2=${yA(v)}></line>
            <text part="curve-tick-label" class="tick-label" x=${G.left - 6} y=${yA(v) + 4}>${COMPACT.format(v)}</text>`,
        )}
        <text class="panel-title" x=${G.left} y=${G.topB - 8}>Total memory (${u})</text>
        ${axisB.ticks.map(
          (
            v,
          ) => svg`<line class="grid" x1=${G.left} x2=${G.left + PLOT_W} y1=${bottomB - (v / axisB.top) * G.heightB} y2=${bottomB - (v / axisB.top) * G.heightB}></line>
            <text part="curve-tick-label" class="tick-label" x=${G.left - 6} y=${bottomB - (v / axisB.top) * G.heightB + 4}>${formatTick(v, axisB.step)}</text>`,
        )}
        ${points.map((p) => svg`<text class="x-label" x=${rankX(p.rank)} y=${bottomB + 16}>${p.rank}</text>`)}
        <text class="axis-title" x=${G.left + PLOT_W / 2} y=${bottomB + 36}>rank r (log scale)</text>
        ${breakEvenMark(curve.breakEvenRank)}
        ${
          inRange
            ? svg`<g part="chosen-rank" class="chosen-rank">
                <line class="chosen-line" x1=${rankX(rank)} x2=${rankX(rank)} y1=${G.topA} y2=${bottomB}></line>
                <text class="mark-label" x=${rankX(rank) + 4} y=${bottomB - 6}>r = ${rank}</text>
              </g>`
            : nothing
        }
        <polyline
          part="curve-trainable"
          class="series trainable"
          points=${line(points.map((p) => [rankX(p.rank), yA(Math.max(1, p.trainable))]))}
        ></polyline>
        <polyline
          part="curve-total"
          class="series total"
          points=${line(points.map((p) => [rankX(p.rank), yB(p.totalBytes)]))}
        ></polyline>
        ${points.map(
          (
            p,
          ) => svg`<rect class="marker trainable" x=${rankX(p.rank) - 3} y=${yA(Math.max(1, p.trainable)) - 3} width="6" height="6"><title>r = ${p.rank}: ${groupDigits(p.trainable)} trainable parameters</title></rect>
            <circle class="marker total" cx=${rankX(p.rank)} cy=${yB(p.totalBytes)} r="3.5"><title>r = ${p.rank}: ${formatInUnit(p.totalBytes, unit)} ${u} in total</title></circle>`,
        )}
      </svg>
      <figcaption>${summary}</figcaption>
    </figure>
    <details part="curve-data" class="curve-data">
      <summary>The rank curve as a table</summary>
      <table>
        <thead>
          <tr>
            <th scope="col" class="num">Rank r</th>
            <th scope="col" class="num">Trainable parameters</th>
            <th scope="col" class="num">Total (${u})</th>
          </tr>
        </thead>
        <tbody>
          ${points.map(
            (p) =>
              html`<tr>
                <th scope="row" class="num">${p.rank}</th>
                <td class="num">${groupDigits(p.trainable)}</td>
                <td class="num"><data value=${p.totalBytes}>${formatInUnit(p.totalBytes, unit)}</data></td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
}
