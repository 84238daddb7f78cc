import { html, svg, nothing, type TemplateResult } from 'lit';
import { MODEL_PRESETS, formatBytes, type ByteUnit } from '@lora-viz/core';
import type { DashboardUnit } from './byte-scale.js';
import { COMPONENTS, METHOD_LABELS, bytesOf, patternId } from './components.js';
import type { LensSide, ScaleUpLens } from './compute-dashboard.js';

/** What the scale-up lens shows, and how its model select reports a choice. */
export interface ScaleUpLensInput {
  /** The computed lens. */
  readonly lens: ScaleUpLens;
  /** The dashboard's unit: a fixed unit applies to both sides; `auto` picks one per side. */
  readonly units: DashboardUnit;
  /** Called with the `change` event of the real-model select. */
  readonly onLensChange: (event: Event) => void;
}

const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const PERCENT_FINE = new Intl.NumberFormat('en-US', { style: 'percent', maximumSignificantDigits: 2 });

/** A share (0 to 1) as a percentage, keeping two significant digits for small shares (`0.0031%`). */
export function formatShare(share: number): string {
  return share !== 0 && share < 0.001 ? PERCENT_FINE.format(share) : PERCENT.format(share);
}

function amount(bytes: number, units: DashboardUnit): string {
  return formatBytes(bytes, units === 'auto' ? 'auto-binary' : (units as ByteUnit));
}

/** What doubling the rank adds to the total, as a share of the total at the current rank. */
export function doublingGrowth(side: LensSide): number | null {
  if (side.doubled === null) return null;
  return (side.doubled.bytes.total - side.estimate.bytes.total) / side.estimate.bytes.total;
}

function shareBar(side: LensSide): TemplateResult {
  const total = side.estimate.bytes.total;
  let x = 0;
  const segments = COMPONENTS.filter((c) => bytesOf(side.estimate.bytes, c.key) > 0).map((c) => {
    const w = (bytesOf(side.estimate.bytes, c.key) / total) * 100;
    const s = svg`<rect class="segment fill-${c.slug}" x=${x} y="0" width=${w} height="14" fill="url(#${patternId(c.slug)})"></rect>`;
    x += w;
    return s;
  });
  return html`<svg class="share-bar" viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true">
    ${segments}
  </svg>`;
}

function renderSide(side: LensSide, which: 'toy' | 'real', units: DashboardUnit, rank: number): TemplateResult {
  const { estimate } = side;
  const total = estimate.bytes.total;
  const growth = doublingGrowth(side);
  const dominant = COMPONENTS.find((c) => c.key === side.dominant.component)!;
  return html`<section part="lens-side lens-${which}" class="lens-side">
    <h4>${side.description.label}</h4>
    <p class="detail">Targets: <code>${side.targets.join(', ')}</code> (${side.targetsNote})</p>
    <p part="lens-peft" class="peft"><code>${estimate.peft}</code></p>
    ${shareBar(side)}
    <table class="lens-table">
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col" class="num">Memory</th>
          <th scope="col" class="num">Share</th>
        </tr>
      </thead>
      <tbody>
        ${COMPONENTS.filter((c) => c.key !== 'overhead' || estimate.bytes.overhead !== undefined).map(
          (c) =>
            html`<tr part="lens-row lens-row-${c.slug}">
              <th scope="row">${c.label}</th>
              <td class="num">
                <data value=${bytesOf(estimate.bytes, c.key)}>${amount(bytesOf(estimate.bytes, c.key), units)}</data>
              </td>
              <td class="num">${formatShare(bytesOf(estimate.bytes, c.key) / total)}</td>
            </tr>`,
        )}
        <tr>
          <th scope="row">Total</th>
          <td class="num"><data value=${total}>${amount(total, units)}</data></td>
          <td class="num">100%</td>
        </tr>
      </tbody>
    </table>
    <ul class="lens-facts">
      <li part="lens-dominant">
        Largest: <strong>${dominant.label}</strong>, ${formatShare(side.dominant.share)} of the total.
      </li>
      <li part="lens-adapter-share">
        Because of the adapter (its weights, gradients and optimizer states): ${formatShare(side.adapterShare)}.
      </li>
      ${
        growth === null
          ? nothing
          : html`<li part="lens-doubling">
              Doubling the rank to r = ${rank * 2} adds ${amount(side.doubled!.bytes.total - total, units)}
              (${formatShare(growth)} more).
            </li>`
      }
    </ul>
  </section>`;
}

/**
 * The scale-up lens: the same LoRA settings on the toy MLP and on a real model side by side, with the
 * trainable share, the bytes by component, what dominates, and what doubling the rank costs, so that a
 * reader sees why adapters matter at toy scale and barely at 7B, where weights and activations dominate.
 */
export function renderScaleUpLens(input: ScaleUpLensInput): TemplateResult {
  const { lens, units, onLensChange } = input;
  const { toy, real } = lens;
  const realDominant = COMPONENTS.find((c) => c.key === real.dominant.component)!;
  const toyGrowth = doublingGrowth(toy);
  const realGrowth = doublingGrowth(real);
  return html`<div part="lens" class="lens">
    <p class="lens-intro">
      ${METHOD_LABELS[lens.method]} with r = ${lens.rank} and the settings above, on the toy and on
      <label>
        <span class="visually-hidden">Real model of the scale-up lens</span>
        <select part="lens-select" @change=${onLensChange}>
          ${MODEL_PRESETS.map(
            (p) => html`<option value=${p.id} ?selected=${p.id === real.description.id}>${p.label}</option>`,
          )}
        </select> </label
      >.
    </p>
    <div class="lens-sides">
      ${renderSide(toy, 'toy', units, lens.rank)} ${renderSide(real, 'real', units, lens.rank)}
    </div>
    <p part="lens-summary" class="lens-summary">
      On the toy the adapter accounts for ${formatShare(toy.adapterShare)} of the memory; on ${real.description.label}
      for ${formatShare(real.adapterShare)}, and ${realDominant.label.toLowerCase()} dominate
      (${formatShare(real.dominant.share)}).
      ${
        toyGrowth !== null && realGrowth !== null
          ? `Doubling the rank adds ${formatShare(toyGrowth)} to the toy's total and ${formatShare(realGrowth)} to ${real.description.label}'s.`
          : ''
      }
    </p>
  </div>`;
}
