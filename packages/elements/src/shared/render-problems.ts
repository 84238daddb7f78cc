import { html, nothing, type TemplateResult } from 'lit';
import type { AttributeProblem } from './model-attributes.js';

/**
 * The alert listing unusable attribute values, or nothing when there are none: `"<start>: fix this
 * attribute."` followed by one item per problem naming the attribute, its value and what it accepts.
 *
 * @param start - The sentence's beginning, e.g. `Cannot build the model`.
 * @param problems - The attribute problems to list.
 * @param classes - The alert's classes, for the element's styles.
 */
export function renderProblems(
  start: string,
  problems: readonly AttributeProblem[],
  classes = 'error',
): TemplateResult | typeof nothing {
  if (problems.length === 0) return nothing;
  return html`<div part="error" class=${classes} role="alert">
    <p>${start}: fix ${problems.length === 1 ? 'this attribute' : 'these attributes'}.</p>
    <ul>
      ${problems.map((p) => html`<li><code>${p.attribute}="${p.value}"</code> is not valid: expected ${p.accepted}.</li>`)}
    </ul>
  </div>`;
}
