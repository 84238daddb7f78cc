import type { FeatureSpec } from './feature-spec.js';
import { joinEvidence, quote } from './format-evidence.js';
import { TOPICS } from './lexicon/topic-words.js';
import { scoreSentiment } from './score-sentiment.js';
import { describeCompound } from './sentiment-features.js';
import { tokenize } from './tokenize.js';
import { topicProfile } from './topic-profile.js';
import type { NamedFeature } from './types.js';

/** The eight input features of the similarity task, in input order: seven topic shares and the polarity. */
export const SIMILARITY_FEATURES: readonly FeatureSpec[] = Object.freeze([
  ...TOPICS.map((topic) => ({
    name: topic,
    description: `The share of the text's topic words that are ${topic} words (${topic} words / all topic words; 0 when there are none) (0 to 1).`,
  })),
  {
    name: 'polarity',
    description:
      "The sentiment task's compound score: tanh((S + E) / 4) over the rule-adjusted sentiment words (−1 to 1).",
  },
]);

/**
 * The similarity task's eight features of one text (see {@link SIMILARITY_FEATURES}), with evidence.
 *
 * @example
 * similarityFeatures('Rain again, so we cooked soup').map((f) => f.value); // food 2/3, weather 1/3, polarity 0
 */
export function similarityFeatures(text: string): NamedFeature[] {
  const tokenized = tokenize(text);
  const profile = topicProfile(tokenized);
  const score = scoreSentiment(tokenized);
  const topics = TOPICS.map((topic, i) => ({
    name: topic,
    value: profile.total === 0 ? 0 : profile.counts[i]! / profile.total,
    evidence: joinEvidence(profile.words[i]!, quote),
  }));
  return [...topics, { name: 'polarity', value: score.compound, evidence: describeCompound(score) }];
}
