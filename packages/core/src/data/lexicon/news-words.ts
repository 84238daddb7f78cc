import { splitWords } from './split-words.js';

/** Vocabulary of news reports: institutions, reporting verbs, figures (written for this project). */
export const NEWS_WORDS: readonly string[] = Object.freeze([
  ...splitWords(
    `reported report officials official announced announces announcement government minister ministry
    president police spokesperson spokesman spokeswoman statement council election vote voters parliament
    senate agency authorities authority court judge ruling company firm shares market economy economic
    inflation percent billion million quarter annual residents citizens county region regional national
    federal international said says reporters investigation investigators suspect arrested charged
    launched unveiled plans proposal policy law legislation budget rose fell increase decrease growth
    record data survey study researchers scientists university hospital department mayor governor
    nationwide worldwide officers confirmed estimated`,
  ),
  'according to',
  'per cent',
  'told reporters',
]);
