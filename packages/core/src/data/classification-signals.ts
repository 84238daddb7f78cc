import { quote } from './format-evidence.js';
import { DATE_WORDS } from './lexicon/date-words.js';
import { HELP_SEEKING_CUES } from './lexicon/help-seeking-cues.js';
import { NEWS_WORDS } from './lexicon/news-words.js';
import { OPINION_MARKERS } from './lexicon/opinion-markers.js';
import { PERSONAL_PRONOUNS } from './lexicon/personal-pronouns.js';
import { QUESTION_OPENERS } from './lexicon/question-openers.js';
import { REVIEW_WORDS } from './lexicon/review-words.js';
import { createTermMatcher } from './term-matcher.js';
import { tokenize, type TokenizedText } from './tokenize.js';
import { wordForms } from './word-forms.js';

/** The cues the classification features and label rule read from a text, as counts with evidence. */
export interface ClassificationSignals {
  /** The tokenized text. */
  readonly tokenized: TokenizedText;
  /** The opening that makes the text a question (`"how"`, `"can you"`), or null. */
  readonly questionOpening: string | null;
  /** Help-seeking cues found (each list holds the matched terms, unquoted). */
  readonly help: readonly string[];
  /** First- and second-person pronouns found. */
  readonly personal: readonly string[];
  /** News words found. */
  readonly news: readonly string[];
  /** Review words found. */
  readonly review: readonly string[];
  /** Numbers, `%` and currency signs, month and weekday names found. */
  readonly numbers: readonly string[];
  /** Opinion markers, emoji and emoticons, and `!` (at most two) found. */
  readonly opinion: readonly string[];
}

const matcher = (terms: readonly string[]) => {
  const m = createTermMatcher(terms);
  return (t: TokenizedText): string[] => m.find(t.texts).map((x) => x.term);
};
const findHelp = matcher(HELP_SEEKING_CUES);
const findPersonal = matcher(PERSONAL_PRONOUNS);
const findNews = matcher(NEWS_WORDS);
const findReview = matcher(REVIEW_WORDS);
const findDates = matcher(DATE_WORDS);
const findOpinion = matcher(OPINION_MARKERS);
const WH = new Set(QUESTION_OPENERS.wh);
const AUX = new Set(QUESTION_OPENERS.auxiliaries);
const SUBJECTS = new Set(QUESTION_OPENERS.subjects);

function opening(t: TokenizedText): string | null {
  const words: string[] = [];
  for (const x of t.tokens) {
    if (x.kind === 'word' || x.kind === 'number') words.push(x.text);
    if (words.length === 2) break;
  }
  const [first, second] = words;
  if (first === undefined) return null;
  // "What a game" and "what an idea" exclaim rather than ask.
  // "What's" and "how's" open questions as "what" and "how" do.
  const wh = wordForms(first).find((form) => WH.has(form));
  if (wh !== undefined && !(wh === 'what' && (second === 'a' || second === 'an'))) return quote(first);
  if (AUX.has(first) && second !== undefined && SUBJECTS.has(second)) return quote(`${first} ${second}`);
  return null;
}

/** Reads the classification cues of a text (see `CLASSIFICATION_FEATURES` for how they become values). */
export function classificationSignals(text: string): ClassificationSignals {
  const t = tokenize(text);
  const numbers = [
    ...t.tokens.filter((x) => x.kind === 'number').map((x) => x.text),
    ...Array.from({ length: t.percentSigns }, () => '%'),
    ...Array.from({ length: t.currencySigns }, () => 'currency sign'),
    ...findDates(t),
  ];
  const opinion = [
    ...findOpinion(t),
    ...t.tokens.filter((x) => x.kind === 'emoji' || x.kind === 'emoticon').map((x) => x.text),
    ...Array.from({ length: Math.min(t.exclamations, 2) }, () => '!'),
  ];
  return {
    tokenized: t,
    questionOpening: opening(t),
    help: findHelp(t),
    personal: findPersonal(t),
    news: findNews(t),
    review: findReview(t),
    numbers,
    opinion,
  };
}
