import { splitWords } from './split-words.js';

/**
 * First words that open a question (written for this project): a wh-word, or an auxiliary verb
 * followed by one of `subjects` (subject–auxiliary inversion: "can you", "is this", "does anyone").
 */
export const QUESTION_OPENERS: Readonly<{
  wh: readonly string[];
  auxiliaries: readonly string[];
  subjects: readonly string[];
}> = Object.freeze({
  wh: splitWords('what why how when where who whom whose which'),
  auxiliaries: splitWords(
    `is are am was were do does did can could would will should shall may might must has have had isn't
    aren't don't doesn't didn't can't won't wouldn't shouldn't couldn't hasn't haven't`,
  ),
  subjects: splitWords(
    `i you he she it we they this that these those there anyone anybody someone somebody everyone the a an
    my your his her our their its u`,
  ),
});
