import { splitWords } from './split-words.js';

/**
 * Words after which a negator does not negate ("can't believe how rude", "can't wait", "not only",
 * "can't stop laughing"): the pair is an idiom of emphasis, so no negation window opens.
 */
export const NEGATION_IDIOM_WORDS: readonly string[] = splitWords('believe wait only stop');
