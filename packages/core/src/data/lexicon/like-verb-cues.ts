import { splitWords } from './split-words.js';

/**
 * Words after which `like` is the verb of liking ("I like it", "we don't like", "really like") rather
 * than the far more frequent preposition ("looks like rain"); elsewhere `like` carries no sentiment.
 */
export const LIKE_VERB_CUES: readonly string[] = splitWords(
  `i you we they he she people everyone kids really also actually totally still just do don't didn't doesn't
  dont didnt doesnt not never`,
);
