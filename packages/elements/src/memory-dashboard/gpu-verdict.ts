import { html, type TemplateResult } from 'lit';
import {
  MAX_BATCH,
  TRAINING_METHODS,
  groupDigits,
  type ByteUnit,
  type GpuFit,
  type TrainingMethod,
} from '@lora-viz/core';
import { formatInUnit, unitName } from './byte-scale.js';
import { METHOD_LABELS } from './components.js';

/** What a GPU verdict says, in words: `fits` or `does not fit`. */
export function verdictText(fit: GpuFit): string {
  return fit.fits ? 'fits' : 'does not fit';
}

/** The largest batch that fits, in words. */
export function largestBatchText(fit: GpuFit): string {
  if (fit.largestBatch === 0) return 'none: not even batch 1 fits';
  if (fit.largestBatch === MAX_BATCH) return `${groupDigits(MAX_BATCH)} (the largest batch considered)`;
  return groupDigits(fit.largestBatch);
}

/**
 * The GPU verdict per method: what it needs against what the GPU has, fits or does not fit (with a
 * ✓ or ✗ and the words, never colour alone), the headroom, and the largest batch that fits with every
 * other setting unchanged.
 */
export function renderGpuVerdict(fits: Readonly<Record<TrainingMethod, GpuFit>>, unit: ByteUnit): TemplateResult {
  const gpu = fits.full.gpu;
  const u = unitName(unit);
  return html`<table part="gpu-verdict" class="gpu-verdict">
    <caption>
      On ${gpu.name} (${formatInUnit(gpu.bytes, unit)} ${u}), at the chosen batch
    </caption>
    <thead>
      <tr>
        <th scope="col">Method</th>
        <th scope="col" class="num">Needs (${u})</th>
        <th scope="col">Verdict</th>
        <th scope="col" class="num">Headroom (${u})</th>
        <th scope="col" class="num">Largest batch that fits</th>
      </tr>
    </thead>
    <tbody>
      ${TRAINING_METHODS.map((m) => {
        const fit = fits[m];
        return html`<tr part="gpu-row gpu-row-${m}">
          <th scope="row">${METHOD_LABELS[m]}</th>
          <td class="num"><data value=${fit.required}>${formatInUnit(fit.required, unit)}</data></td>
          <td part="verdict verdict-${m}" class=${fit.fits ? 'verdict fits' : 'verdict no-fit'}>
            <span aria-hidden="true">${fit.fits ? '✓' : '✗'}</span> ${verdictText(fit)}
          </td>
          <td class="num"><data value=${fit.headroom}>${formatInUnit(fit.headroom, unit)}</data></td>
          <td part="largest-batch largest-batch-${m}" class="num">${largestBatchText(fit)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
