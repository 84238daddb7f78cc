import { splitWords } from './split-words.js';

/**
 * Month and weekday names, and `yesterday`: the dates that news reports give (written for this project).
 * May and March are left out because they are far more often a verb.
 */
export const DATE_WORDS: readonly string[] = splitWords(
  `january february april june july august september october november december monday tuesday
  wednesday thursday friday saturday sunday yesterday`,
);
