import { wordForms } from './word-forms.js';

/** A word-list term found in a token sequence. */
export interface TermMatch {
  /** The term as listed (`according to`, `recommend`). */
  readonly term: string;
  /** Index of the first token of the match. */
  readonly start: number;
  /** Index after the last token of the match. */
  readonly end: number;
}

/** Finds the terms of one word list in token sequences. */
export interface TermMatcher {
  /** Every non-overlapping match, left to right, preferring the longest term at each position. */
  find(tokens: readonly string[]): TermMatch[];
}

/**
 * Builds a matcher for a list of terms; a term is one word or several separated by spaces (`kind of`).
 * Each token is compared under its {@link wordForms}, so plurals and possessives match their base word.
 * Matching costs O(tokens × terms sharing a first word), so it stays linear in the text.
 */
export function createTermMatcher(terms: readonly string[]): TermMatcher {
  const byFirst = new Map<string, string[][]>();
  for (const term of terms) {
    const words = term.split(' ').filter((w) => w.length > 0);
    if (words.length === 0) continue;
    const list = byFirst.get(words[0]!) ?? [];
    list.push(words);
    byFirst.set(words[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);

  const tokenMatches = (token: string | undefined, word: string): boolean =>
    token !== undefined && (token === word || wordForms(token).includes(word));

  return {
    find(tokens) {
      const out: TermMatch[] = [];
      let i = 0;
      while (i < tokens.length) {
        let best: string[] | undefined;
        for (const form of wordForms(tokens[i]!)) {
          const candidates = byFirst.get(form);
          if (candidates === undefined) continue;
          for (const words of candidates) {
            if (best && words.length <= best.length) continue;
            if (words.every((w, k) => k === 0 || tokenMatches(tokens[i + k], w))) best = words;
          }
        }
        if (best) {
          out.push({ term: best.join(' '), start: i, end: i + best.length });
          i += best.length;
        } else {
          i++;
        }
      }
      return out;
    },
  };
}
