/** What a token is: a word (letters with inner apostrophes), a number, an emoticon, an emoji or punctuation. */
export type TokenKind = 'word' | 'number' | 'emoticon' | 'emoji' | 'punct';

/** One token of a text, lower-cased, with the facts about its original spelling that features need. */
export interface Token {
  /** The token, NFKC-normalized and lower-cased (`don't`, `:)`, `👍`, `?`). */
  readonly text: string;
  /** What the token is. */
  readonly kind: TokenKind;
  /** Whether the word was written in capitals (two or more letters, none lower-case), e.g. `LOVE`. */
  readonly caps: boolean;
  /** Whether the word stretches a letter three or more times in a row (`sooo`, `yesss`). */
  readonly elongated: boolean;
}

/** A tokenized text with the counts that several featurizers share. */
export interface TokenizedText {
  /** Every token, in order. */
  readonly tokens: readonly Token[];
  /** The lower-cased text of each token, in order (the input of term matching). */
  readonly texts: readonly string[];
  /** Number of word and number tokens. */
  readonly words: number;
  /** Number of `!` characters. */
  readonly exclamations: number;
  /** Number of `?` characters. */
  readonly questionMarks: number;
  /** Whether the last token that is not an emoji or emoticon is a `?`. */
  readonly endsWithQuestion: boolean;
  /** Whether the text mixes lower- and upper-case letters (so that capitals read as emphasis). */
  readonly mixedCase: boolean;
  /** Number of `%` characters. */
  readonly percentSigns: number;
  /** Number of currency signs (`$`, `€`, `£`, `¥`). */
  readonly currencySigns: number;
  /** Mean length of word tokens, in UTF-16 code units (0 without words). */
  readonly meanWordLength: number;
  /** Whether the text was longer than {@link MAX_ANALYZED_CHARS} and only its start was analysed. */
  readonly truncated: boolean;
}

/**
 * Texts are analysed on their first 10,000 UTF-16 code units (about 1,500 words), plus their last 200 for
 * the closing `?`. Every feature saturates long before (counts are capped at 2 or 3, masses pass through
 * tanh, length saturates at 63 words), and the cap bounds the time a hostile 100 kB line can take.
 */
export const MAX_ANALYZED_CHARS = 10_000;
const TAIL_CHARS = 200;

// Lone surrogates are replaced first so that every later step sees well-formed UTF-16.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Curly and modifier apostrophes are folded into the ASCII one so that `don’t` and `don't` agree.
const APOSTROPHES = /[\u2018\u2019\u02BC\uFF07]/g;
// One pass over the text, one capture group per token kind: emoticons (not inside a word, so `http://`
// and `10:30` are not faces), words with inner apostrophes, emoji with their modifiers and joiners, and
// the punctuation that features count. Every alternative consumes at least one character and no
// quantifier can match the same text two ways, so matching is linear in the length of the text.
const TOKEN =
  /(?<![\p{L}\p{N}])((?:[:;=][-^]?[)(\][dDpPoO3/|*]|<\/?3))(?![\p{L}\p{N}])|([\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:'[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*)|(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*)|([.,;:!?])/gu;
const NUMBER = /^\p{N}+$/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const EMOJI_VARIATION = /\uFE0F|\p{Emoji_Modifier}/gu;

function countChar(text: string, pattern: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}

function stretched(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // Digits repeat in ordinary words ("a111"); only letters stretch.
    if (c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2) && (c < 48 || c > 57)) return true;
  }
  return false;
}

/**
 * Splits a text into tokens, the same way in every process and on every platform: NFKC normalization,
 * locale-independent lower-casing, words as runs of Unicode letters and digits with inner apostrophes,
 * emoticons, emoji and `. , ; : ! ?`; everything else (symbols, HTML brackets, control characters) only
 * separates tokens. Never throws; texts longer than {@link MAX_ANALYZED_CHARS} are analysed on their start.
 *
 * @example
 * tokenize("Don’t buy it :(").texts; // ["don't", 'buy', 'it', ':(']
 */
export function tokenize(text: string): TokenizedText {
  const full = String(text);
  if (full.length <= MAX_ANALYZED_CHARS) return tokenizePart(full, false);
  const head = tokenizePart(full.slice(0, MAX_ANALYZED_CHARS), true);
  return { ...head, endsWithQuestion: tokenizePart(full.slice(-TAIL_CHARS), true).endsWithQuestion };
}

function tokenizePart(text: string, truncated: boolean): TokenizedText {
  // Slicing may have cut a surrogate pair in two; the replacement below repairs that as well.
  const normalized = text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFKC').replace(APOSTROPHES, "'");
  const tokens: Token[] = [];
  const texts: string[] = [];
  let exclamations = 0;
  let questionMarks = 0;
  let letterChars = 0;
  let wordCount = 0;
  let numberCount = 0;
  for (const match of normalized.matchAll(TOKEN)) {
    const [raw, emoticon, word, emoji] = match;
    let kind: TokenKind;
    let lower = raw;
    let caps = false;
    let elongated = false;
    if (word !== undefined) {
      lower = raw.toLowerCase();
      if (NUMBER.test(raw)) {
        kind = 'number';
        numberCount++;
      } else {
        kind = 'word';
        wordCount++;
        letterChars += raw.length;
        caps = raw !== lower && raw.length >= 2 && raw === raw.toUpperCase();
        elongated = raw.length >= 3 && stretched(lower);
      }
    } else if (emoticon !== undefined) {
      kind = 'emoticon';
      lower = raw.toLowerCase();
    } else if (emoji !== undefined) {
      kind = 'emoji';
      // Variation selectors and skin tones do not change what an emoji means, so lookups ignore them
      // (a bare emoji, one code point, has none).
      const bare = raw.length === 1 || (raw.length === 2 && raw.charCodeAt(0) >= 0xd800 && raw.charCodeAt(0) < 0xdc00);
      lower = bare ? raw : raw.replace(EMOJI_VARIATION, '');
    } else {
      kind = 'punct';
      if (raw === '!') exclamations++;
      else if (raw === '?') questionMarks++;
    }
    tokens.push({ text: lower, kind, caps, elongated });
    texts.push(lower);
  }
  let last = tokens.length - 1;
  while (last >= 0 && (tokens[last]!.kind === 'emoji' || tokens[last]!.kind === 'emoticon')) last--;
  return {
    tokens,
    texts,
    words: wordCount + numberCount,
    exclamations,
    questionMarks,
    endsWithQuestion: last >= 0 && tokens[last]!.text === '?',
    mixedCase: UPPER.test(normalized) && LOWER.test(normalized),
    percentSigns: countChar(normalized, /%/g),
    currencySigns: countChar(normalized, /[$€£¥]/gu),
    meanWordLength: wordCount === 0 ? 0 : letterChars / wordCount,
    truncated,
  };
}
