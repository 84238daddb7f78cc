import { cosine } from './cosine.js';
import { tokenize } from './tokenize.js';
import { topicProfile } from './topic-profile.js';

/**
 * The similarity rule for a pair without a score: the cosine of the two texts' topic-word counts
 * (food, sport, weather, technology, travel, money, music), from 0 (no topic in common, or a text
 * without topic words) to 1 (the same topic mix). Stance is deliberately ignored: the rule says what
 * two texts are about, not whether they agree.
 */
export function inferSimilarity(text: string, text2: string): number {
  const a = topicProfile(tokenize(text)).counts;
  const b = topicProfile(tokenize(text2)).counts;
  return cosine(a, b);
}
