import { TASK_CLASSES } from '../model/tasks.js';
import { formatSigned } from './format-evidence.js';
import { scoreSentiment } from './score-sentiment.js';
import { tokenize } from './tokenize.js';

/** A class chosen by a label rule, with the reason in plain words. */
export interface InferredClass {
  /** Class index into the task's class names. */
  readonly label: number;
  /** The class name. */
  readonly className: string;
  /** Why the rule chose it (`compound +0.46 > 0`). */
  readonly reason: string;
}

/** The sentiment class of a text whose compound score is exactly 0 (no sentiment words, or they cancel). */
export const SENTIMENT_TIE_CLASS = 'positive';

/**
 * The sentiment label rule: the sign of the lexicon's compound score (negation, intensifiers, capitals,
 * contrast and `!` applied); `negative` below 0, `positive` above; a score of exactly 0 gives
 * {@link SENTIMENT_TIE_CLASS}, because a line with no opinion words at all is not a complaint.
 */
export function inferSentiment(text: string): InferredClass {
  const { compound } = scoreSentiment(tokenize(text));
  const classes = TASK_CLASSES.sentiment!;
  const name = compound < 0 ? 'negative' : compound > 0 ? 'positive' : SENTIMENT_TIE_CLASS;
  const reason =
    compound === 0
      ? `compound score 0 (no sentiment words or they cancel): ${SENTIMENT_TIE_CLASS} by default`
      : `compound score ${formatSigned(compound)} ${compound < 0 ? '< 0' : '> 0'}`;
  return { label: classes.indexOf(name), className: name, reason };
}
