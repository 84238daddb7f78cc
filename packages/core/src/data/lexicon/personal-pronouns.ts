import { splitWords } from './split-words.js';

/** First- and second-person pronouns and their contractions (written for this project). */
export const PERSONAL_PRONOUNS: readonly string[] = splitWords(
  `i me my mine myself we us our ours ourselves you your yours yourself yourselves i'm i've i'd i'll you're
  you've you'd you'll we're we've we'd we'll u ur`,
);
