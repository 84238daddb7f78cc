import { CONTRAST_WORDS } from './lexicon/contrast-words.js';
import { INTENSIFIERS } from './lexicon/intensifiers.js';
import { LIKE_VERB_CUES } from './lexicon/like-verb-cues.js';
import { NEGATION_IDIOM_WORDS } from './lexicon/negation-idioms.js';
import { NEGATORS } from './lexicon/negators.js';
import { SENTIMENT_LEXICON } from './lexicon/sentiment-lexicon.js';
import { SLANG_PRAISE_WORDS } from './lexicon/slang-praise-words.js';
import { createTermMatcher, type TermMatch } from './term-matcher.js';
import type { TokenizedText } from './tokenize.js';
import { wordForms } from './word-forms.js';

/** Factor applied to a sentiment word inside a negation window ("not good" = −0.5 × good). */
export const NEGATION_FACTOR = -0.5;
/** How many word, number, emoticon or emoji tokens after a negator it reaches. */
export const NEGATION_WINDOW = 3;
/** Factor on a sentiment word written in capitals when the rest of the text is not. */
export const CAPS_FACTOR = 1.5;
/** Weight of the clause after a shift word (`but`); the clause before weighs {@link BEFORE_SHIFT_WEIGHT}. */
export const AFTER_SHIFT_WEIGHT = 1.5;
/** Weight of the clause before a shift word (`but`). */
export const BEFORE_SHIFT_WEIGHT = 0.5;
/** Weight of the clause a concede word (`although`) introduces. */
export const CONCEDE_WEIGHT = 0.5;
/** Added to the magnitude of a non-zero score per `!` (at most three count). */
export const EXCLAMATION_BONUS = 0.25;
/** The compound score is tanh(score / COMPOUND_SCALE). */
export const COMPOUND_SCALE = 4;

/** One sentiment word (or emoticon, or emoji) and what the rules made of it. */
export interface SentimentContribution {
  /** The token as lower-cased in the text. */
  readonly token: string;
  /** Index of the token in the tokenized text. */
  readonly index: number;
  /** Valence in the lexicon, −4 to +4. */
  readonly valence: number;
  /** Valence after intensifiers, capitals, negation and contrast. */
  readonly value: number;
  /** Whether the word is one of `SLANG_PRAISE_WORDS`. */
  readonly slang: boolean;
  /** The negator that flipped the word, or null. */
  readonly negatedBy: string | null;
  /** Why the value differs from the valence, in reading order (`boosted by "very"`, `negated by "not"`). */
  readonly notes: readonly string[];
}

/** The sentiment of a text under the lexicon rules. */
export interface SentimentScore {
  /** Every sentiment word, in order. */
  readonly contributions: readonly SentimentContribution[];
  /** Sum of the contributions' values. */
  readonly sum: number;
  /** Emphasis from `!`: sign(sum) · 0.25 · min(count, 3), 0 when the sum is 0. */
  readonly exclamationBonus: number;
  /** tanh((sum + exclamationBonus) / 4), from −1 to 1. */
  readonly compound: number;
  /** The negators found, in order. */
  readonly negators: readonly string[];
  /** The intensifiers that modified a sentiment word, in order. */
  readonly intensifiers: readonly string[];
  /** The contrast words found, in order. */
  readonly contrastWords: readonly string[];
  /** Sentiment words written in capitals in a mixed-case text. */
  readonly capsWords: readonly string[];
}

const NEGATOR_SET = new Set(NEGATORS);
const SHIFT = new Set(CONTRAST_WORDS.shift);
const CONCEDE = new Set(CONTRAST_WORDS.concede);
const SLANG = new Set(SLANG_PRAISE_WORDS);
const INTENSIFIER_MATCHER = createTermMatcher([...INTENSIFIERS.keys()]);
const LIKE_CUES = new Set(LIKE_VERB_CUES);
const NEGATION_IDIOMS = new Set(NEGATION_IDIOM_WORDS);

function isNegator(token: string): boolean {
  return NEGATOR_SET.has(token) || (token.endsWith("n't") && token.length > 3);
}

function lookupValence(token: string): { word: string; valence: number } | undefined {
  for (const form of wordForms(token)) {
    const valence = SENTIMENT_LEXICON.get(form);
    if (valence !== undefined) return { word: form, valence };
  }
  return undefined;
}

/**
 * Scores a tokenized text with the lexicon and rules in the spirit of VADER (Hutto & Gilbert 2014):
 * each sentiment word's valence is multiplied by 1.5 per booster and 0.5 per dampener right before it
 * (at most two), by 1.5 when written in capitals in a mixed-case text, by −0.5 when a negator precedes
 * it within three tokens of the same clause (unless the negator opens an idiom such as "can't
 * believe"), by 0.5 before the last `but`-like word and 1.5 after it, and by 0.5 inside a clause opened
 * by `although`-like words. `like` counts only after a `LIKE_VERB_CUES` word.
 */
export function scoreSentiment(tokenized: TokenizedText): SentimentScore {
  const { tokens, texts } = tokenized;
  const n = tokens.length;
  const intensifierEndingAt = new Map<number, TermMatch>();
  const insideIntensifier = new Uint8Array(n);
  for (const match of INTENSIFIER_MATCHER.find(texts)) {
    intensifierEndingAt.set(match.end - 1, match);
    for (let k = match.start; k < match.end; k++) insideIntensifier[k] = 1;
  }

  let lastShift = -1;
  const contrastWords: string[] = [];
  const conceded = new Uint8Array(n);
  const concedeWord: string[] = new Array<string>(n);
  // One pass: a concede word opens a clause that the next punctuation closes.
  let openConcede: string | null = null;
  for (let i = 0; i < n; i++) {
    const text = texts[i]!;
    if (tokens[i]!.kind === 'punct') {
      openConcede = null;
    } else if (CONCEDE.has(text)) {
      contrastWords.push(text);
      openConcede = text;
    } else {
      if (SHIFT.has(text)) {
        lastShift = i;
        contrastWords.push(text);
      }
      if (openConcede !== null) {
        conceded[i] = 1;
        concedeWord[i] = openConcede;
      }
    }
  }

  const contributions: SentimentContribution[] = [];
  const negators: string[] = [];
  const intensifiers: string[] = [];
  const capsWords: string[] = [];
  let negator: string | null = null;
  let window = 0;
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    const text = texts[i]!;
    if (token.kind === 'punct' || SHIFT.has(text) || CONCEDE.has(text)) {
      window = 0;
      continue;
    }
    if (
      token.kind === 'word' &&
      isNegator(text) &&
      insideIntensifier[i] === 0 &&
      !NEGATION_IDIOMS.has(texts[i + 1] ?? '')
    ) {
      negators.push(text);
      negator = text;
      window = NEGATION_WINDOW;
      continue;
    }
    const negatedBy = window > 0 ? negator : null;
    if (window > 0) window--;
    if (insideIntensifier[i] === 1 || token.kind === 'number') continue;
    const entry = lookupValence(text);
    if (!entry) continue;
    if (entry.word === 'like' && !LIKE_CUES.has(texts[i - 1] ?? '')) continue;

    let value = entry.valence;
    const notes: string[] = [];
    // Intensifiers are read right to left so that "really very good" multiplies twice.
    let end = i - 1;
    for (let k = 0; k < 2; k++) {
      const match = intensifierEndingAt.get(end);
      if (!match) break;
      const scale = INTENSIFIERS.get(match.term)!;
      value *= scale;
      notes.unshift(`${scale > 1 ? 'boosted' : 'damped'} by "${match.term}"`);
      intensifiers.push(match.term);
      end = match.start - 1;
    }
    if (token.caps && tokenized.mixedCase) {
      value *= CAPS_FACTOR;
      notes.push('in capitals');
      capsWords.push(text);
    }
    if (negatedBy !== null) {
      value *= NEGATION_FACTOR;
      notes.push(`negated by "${negatedBy}"`);
    }
    if (lastShift >= 0) {
      const after = i > lastShift;
      value *= after ? AFTER_SHIFT_WEIGHT : BEFORE_SHIFT_WEIGHT;
      notes.push(`${after ? 'after' : 'before'} "${texts[lastShift]}"`);
    }
    if (conceded[i] === 1) {
      value *= CONCEDE_WEIGHT;
      notes.push(`in the "${concedeWord[i]}" clause`);
    }
    contributions.push({
      token: text,
      index: i,
      valence: entry.valence,
      value,
      slang: SLANG.has(entry.word),
      negatedBy,
      notes,
    });
  }

  const sum = contributions.reduce((s, c) => s + c.value, 0);
  const exclamationBonus = sum === 0 ? 0 : Math.sign(sum) * EXCLAMATION_BONUS * Math.min(tokenized.exclamations, 3);
  return {
    contributions,
    sum,
    exclamationBonus,
    compound: Math.tanh((sum + exclamationBonus) / COMPOUND_SCALE),
    negators,
    intensifiers,
    contrastWords,
    capsWords,
  };
}
