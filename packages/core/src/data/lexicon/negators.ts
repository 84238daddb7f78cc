import { splitWords } from './split-words.js';

/**
 * Words that negate what follows them (written for this project). Any other word ending in `n't`
 * (`isn't`, `wouldn't`) is a negator too, so only the apostrophe-less spellings are listed.
 */
export const NEGATORS: readonly string[] = splitWords(
  `not no never none nobody nothing neither nor nowhere cannot without hardly scarcely rarely seldom lack
  lacks lacked lacking dont doesnt didnt isnt arent wasnt werent cant couldnt wouldnt shouldnt wont havent
  hasnt hadnt aint`,
);
