import { TOPIC_WORDS, TOPICS, type Topic } from './lexicon/topic-words.js';
import { createTermMatcher } from './term-matcher.js';
import type { TokenizedText } from './tokenize.js';

/** How many words of each topic a text contains, with the words. */
export interface TopicProfile {
  /** Count per topic, in `TOPICS` order. */
  readonly counts: readonly number[];
  /** The matched words per topic, in `TOPICS` order. */
  readonly words: readonly (readonly string[])[];
  /** Total topic words. */
  readonly total: number;
}

const TOPIC_OF = new Map<string, number>(
  TOPICS.flatMap((topic: Topic, i) => TOPIC_WORDS[topic].map((word): [string, number] => [word, i])),
);
const MATCHER = createTermMatcher([...TOPIC_OF.keys()]);

/** Counts the topic words of a tokenized text (see `TOPIC_WORDS`). */
export function topicProfile(tokenized: TokenizedText): TopicProfile {
  const words: string[][] = TOPICS.map(() => []);
  for (const match of MATCHER.find(tokenized.texts)) words[TOPIC_OF.get(match.term)!]!.push(match.term);
  const counts = words.map((w) => w.length);
  return { counts, words, total: counts.reduce((a, b) => a + b, 0) };
}
