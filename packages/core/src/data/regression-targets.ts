import type { FeatureSpec } from './feature-spec.js';
import { regressionFeatures } from './regression-features.js';

/** The four regression targets, in output order, each a documented function of the text from 0 to 1. */
export const REGRESSION_TARGETS: readonly FeatureSpec[] = Object.freeze([
  {
    name: 'positivity',
    description: 'How positive the text is: (1 + compound) / 2, from 0 (very negative) to 1 (very positive).',
  },
  {
    name: 'intensity',
    description: 'How strongly it is worded: (|compound| + emphasis) / 2, from 0 (flat) to 1 (emphatic).',
  },
  {
    name: 'formality',
    description:
      'How formal it reads: (wordLength + formal + (1 − informal)) / 3, from 0 (chat) to 1 (a formal letter).',
  },
  {
    name: 'length',
    description: 'How long it is: min(1, log2(1 + words) / 6), the length feature, from 0 to 1.',
  },
]);

/** The inferred regression targets of a text, in {@link REGRESSION_TARGETS} order, from its regression features. */
export function regressionTargets(text: string): number[] {
  const f = Object.fromEntries(regressionFeatures(text).map((x) => [x.name, x.value])) as Record<string, number>;
  return [
    (1 + f.compound!) / 2,
    (Math.abs(f.compound!) + f.emphasis!) / 2,
    (f.wordLength! + f.formal! + (1 - f.informal!)) / 3,
    f.length!,
  ];
}
