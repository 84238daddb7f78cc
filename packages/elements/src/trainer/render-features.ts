import { html, nothing, type TemplateResult } from 'lit';
import type { FeatureSpec, NamedFeature } from '@lora-viz/core';
import { formatNumber, shownText } from './format.js';

/**
 * The feature inspector's table: each of a text's eight features with its value, a bar centred at
 * zero (right for positive, left for negative; the number is beside it) and the evidence that
 * produced it. The feature's documentation is its row header's tooltip.
 *
 * @param specs - The task's documented features (core's `FEATURES[task]`).
 * @param features - The text's features (core's `featurize`).
 * @param heading - A heading above the table (a pair's `text` or `text2`), or `''` for none.
 */
export function renderFeatures(
  specs: readonly FeatureSpec[],
  features: readonly NamedFeature[],
  heading: string,
): TemplateResult {
  return html`${heading ? html`<h4>${heading}</h4>` : nothing}
    <table class="features">
      <thead>
        <tr>
          <th scope="col">feature</th>
          <th scope="col">value</th>
          <th scope="col"><span class="visually-hidden">bar</span></th>
          <th scope="col">evidence</th>
        </tr>
      </thead>
      <tbody>
        ${features.map((f) => {
          const magnitude = Math.min(1, Math.abs(f.value));
          const description = specs.find((s) => s.name === f.name)?.description ?? '';
          return html`<tr part="feature">
            <th scope="row" title=${description}>${f.name}</th>
            <td class="num">${formatNumber(f.value)}</td>
            <td>
              <span class="feature-bar ${f.value < 0 ? 'negative' : ''}" aria-hidden="true"
                ><span class="fill" style="width: ${(50 * magnitude).toFixed(1)}%"></span
              ></span>
            </td>
            <td class="evidence">${f.evidence ? shownText(f.evidence) : '—'}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}
