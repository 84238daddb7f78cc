import { formatSigned, joinEvidence, quote } from './format-evidence.js';
import type { FeatureSpec } from './feature-spec.js';
import { scoreSentiment, type SentimentContribution, type SentimentScore } from './score-sentiment.js';
import { describeCues, styleSignals } from './style-signals.js';
import { tokenize } from './tokenize.js';
import type { NamedFeature } from './types.js';

/** The eight input features of the sentiment task, in input order. */
export const SENTIMENT_FEATURES: readonly FeatureSpec[] = Object.freeze([
  {
    name: 'positive',
    description:
      'tanh(P / 4), where P sums the rule-adjusted values of the positive sentiment words that are not slang-praise words (0 to 1).',
  },
  {
    name: 'negative',
    description:
      'tanh(N / 4), where N sums the magnitudes of the rule-adjusted values of the negative sentiment words that are not slang-praise words (0 to 1).',
  },
  {
    name: 'compound',
    description:
      'tanh((S + E) / 4), where S sums every rule-adjusted value and E adds 0.25 per "!" (at most three) in the direction of S (−1 to 1).',
  },
  {
    name: 'negation',
    description:
      "min(1, negators / 2), counting words such as not, never, no, without, hardly and any n't form, except before believe, wait, only or stop (0 to 1).",
  },
  {
    name: 'intensity',
    description:
      'min(1, C / 3), where C counts boosters and dampeners that modified a sentiment word, "!" marks (at most three) and sentiment words in capitals in a mixed-case text (0 to 1).',
  },
  {
    name: 'contrast',
    description:
      '1 when the text contains a contrast word (but, however, although, though, whereas, despite…), else 0.',
  },
  {
    name: 'slang',
    description:
      'tanh(L / 4), where L sums the magnitudes of the rule-adjusted values of slang-praise words such as sick, insane and killer (0 to 1).',
  },
  {
    name: 'informal',
    description:
      'min(1, M / 2), where M counts chat markers (lol, omg, tbh…), emoji and emoticons, stretched words (sooo) and runs like "!!" (0 to 1).',
  },
]);

/** Evidence for one contribution: `"great" +3`, or `"bad" -2 → +1 (negated by "not")`. */
export function describeContribution(c: SentimentContribution): string {
  const head = `${quote(c.token)} ${formatSigned(c.valence)}`;
  return c.notes.length === 0 ? head : `${head} → ${formatSigned(c.value)} (${c.notes.join(', ')})`;
}

function mass(contributions: readonly SentimentContribution[], keep: (c: SentimentContribution) => boolean) {
  const picked = contributions.filter(keep);
  return {
    total: picked.reduce((s, c) => s + Math.abs(c.value), 0),
    evidence: joinEvidence(picked, describeContribution),
  };
}

/** Evidence for the compound score: the sum and the `!` bonus. */
export function describeCompound(score: SentimentScore): string {
  if (score.contributions.length === 0) return '';
  const bonus = score.exclamationBonus === 0 ? '' : `, "!" ${formatSigned(score.exclamationBonus)}`;
  return `sum ${formatSigned(score.sum)}${bonus}`;
}

/** Evidence for negation: what each negator flipped (`"not" flips "bad"`), then negators that flipped nothing. */
export function describeNegation(score: SentimentScore): string {
  const flips = score.contributions.filter((c) => c.negatedBy !== null);
  const used = new Set(flips.map((c) => c.negatedBy));
  const idle = [...new Set(score.negators)].filter((w) => !used.has(w));
  return joinEvidence<SentimentContribution | string>([...flips, ...idle], (item) =>
    typeof item === 'string' ? quote(item) : `${quote(item.negatedBy!)} flips ${quote(item.token)}`,
  );
}

/**
 * The sentiment task's eight features of a text (see {@link SENTIMENT_FEATURES}), with evidence.
 *
 * @example
 * sentimentFeatures('not bad at all').find((f) => f.name === 'positive'); // value tanh(1/4), evidence '"bad" -2 → +1 (negated by "not")'
 */
export function sentimentFeatures(text: string): NamedFeature[] {
  const tokenized = tokenize(text);
  const score = scoreSentiment(tokenized);
  const style = styleSignals(tokenized, score);
  const positive = mass(score.contributions, (c) => !c.slang && c.value > 0);
  const negative = mass(score.contributions, (c) => !c.slang && c.value < 0);
  const slang = mass(score.contributions, (c) => c.slang);
  const values: [number, string][] = [
    [Math.tanh(positive.total / 4), positive.evidence],
    [Math.tanh(negative.total / 4), negative.evidence],
    [score.compound, describeCompound(score)],
    [Math.min(1, score.negators.length / 2), describeNegation(score)],
    [Math.min(1, style.emphasis.count / 3), describeCues(style.emphasis)],
    [score.contrastWords.length > 0 ? 1 : 0, joinEvidence(score.contrastWords, quote)],
    [Math.tanh(slang.total / 4), slang.evidence],
    [Math.min(1, style.informal.count / 2), describeCues(style.informal)],
  ];
  return SENTIMENT_FEATURES.map((spec, i) => ({ name: spec.name, value: values[i]![0], evidence: values[i]![1] }));
}
