import type { FeatureSpec } from './feature-spec.js';
import { joinEvidence, quote } from './format-evidence.js';
import { FORMAL_WORDS } from './lexicon/formal-words.js';
import { scoreSentiment } from './score-sentiment.js';
import { describeCompound, describeContribution } from './sentiment-features.js';
import { describeCues, styleSignals } from './style-signals.js';
import { createTermMatcher } from './term-matcher.js';
import { tokenize } from './tokenize.js';
import type { NamedFeature } from './types.js';

/** The eight input features of the regression task, in input order. */
export const REGRESSION_FEATURES: readonly FeatureSpec[] = Object.freeze([
  {
    name: 'positive',
    description: 'tanh(P / 4), where P sums the rule-adjusted values of all positive sentiment words (0 to 1).',
  },
  {
    name: 'negative',
    description:
      'tanh(N / 4), where N sums the magnitudes of the rule-adjusted values of all negative sentiment words (0 to 1).',
  },
  {
    name: 'compound',
    description:
      "The sentiment task's compound score: tanh((S + E) / 4) over the rule-adjusted sentiment words (−1 to 1).",
  },
  {
    name: 'emphasis',
    description:
      'min(1, C / 3), where C counts intensifiers that modified a sentiment word, "!" marks (at most three) and sentiment words in capitals in a mixed-case text (0 to 1).',
  },
  {
    name: 'informal',
    description:
      'min(1, M / 2), where M counts chat markers (lol, omg, tbh…), emoji and emoticons, stretched words (sooo) and runs like "!!" (0 to 1).',
  },
  {
    name: 'formal',
    description:
      'min(1, F / 2), where F counts formal words and phrases such as regarding, sincerely, kind regards (0 to 1).',
  },
  {
    name: 'wordLength',
    description: 'The mean length of the words in characters, mapped by clamp((mean − 3) / 4, 0, 1) (0 to 1).',
  },
  {
    name: 'length',
    description: 'min(1, log2(1 + number of words) / 6): 1 word gives 0.17, 7 words 0.5, 63 or more words 1 (0 to 1).',
  },
]);

const FORMAL_MATCHER = createTermMatcher(FORMAL_WORDS);

/**
 * The regression task's eight features of a text (see {@link REGRESSION_FEATURES}), with evidence.
 *
 * @example
 * regressionFeatures('Dear team, kindly find the report attached.').find((f) => f.name === 'formal')?.value; // 1
 */
export function regressionFeatures(text: string): NamedFeature[] {
  const tokenized = tokenize(text);
  const score = scoreSentiment(tokenized);
  const style = styleSignals(tokenized, score);
  const positive = score.contributions.filter((c) => c.value > 0);
  const negative = score.contributions.filter((c) => c.value < 0);
  const formal = FORMAL_MATCHER.find(tokenized.texts).map((m) => m.term);
  const mean = tokenized.meanWordLength;
  const values: [number, string][] = [
    [Math.tanh(positive.reduce((s, c) => s + c.value, 0) / 4), joinEvidence(positive, describeContribution)],
    [Math.tanh(-negative.reduce((s, c) => s + c.value, 0) / 4), joinEvidence(negative, describeContribution)],
    [score.compound, describeCompound(score)],
    [Math.min(1, style.emphasis.count / 3), describeCues(style.emphasis)],
    [Math.min(1, style.informal.count / 2), describeCues(style.informal)],
    [Math.min(1, formal.length / 2), joinEvidence(formal, quote)],
    [Math.min(1, Math.max(0, (mean - 3) / 4)), mean === 0 ? '' : `mean word length ${mean.toFixed(2)}`],
    [Math.min(1, Math.log2(1 + tokenized.words) / 6), `${tokenized.words} words`],
  ];
  return REGRESSION_FEATURES.map((spec, i) => ({ name: spec.name, value: values[i]![0], evidence: values[i]![1] }));
}
