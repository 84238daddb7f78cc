import { MAX_EVIDENCE_ITEMS, quote } from './format-evidence.js';
import { INFORMAL_MARKERS } from './lexicon/informal-markers.js';
import type { SentimentScore } from './score-sentiment.js';
import { createTermMatcher } from './term-matcher.js';
import type { TokenizedText } from './tokenize.js';

/** A count of cues in a text with the first few cues themselves, for evidence. */
export interface CueCount {
  /** How many cues were found. */
  readonly count: number;
  /** The first {@link MAX_EVIDENCE_ITEMS} cues as they read in evidence text (`"very"`, `"sooo" (stretched)`). */
  readonly cues: readonly string[];
}

/** Emphasis and informality cues shared by the sentiment and regression featurizers. */
export interface StyleSignals {
  /** Intensifiers that modified a sentiment word + `!` (at most 3) + sentiment words in capitals. */
  readonly emphasis: CueCount;
  /** Informal markers + emoji and emoticons + stretched words + runs of two or more `!`/`?`. */
  readonly informal: CueCount;
}

const INFORMAL_MATCHER = createTermMatcher(INFORMAL_MARKERS);

// Keeps the count of every cue but formats only the ones evidence will show: a text of 5,000 emoji
// should not build 5,000 strings.
function collector() {
  const cues: string[] = [];
  let count = 0;
  return {
    add(token: string, suffix = ''): void {
      count++;
      if (cues.length < MAX_EVIDENCE_ITEMS) cues.push(`${quote(token)}${suffix}`);
    },
    result: (): CueCount => ({ count, cues }),
  };
}

const isMark = (text: string | undefined): boolean => text === '!' || text === '?';

/** Counts the emphasis and informality cues of a tokenized, scored text. */
export function styleSignals(tokenized: TokenizedText, sentiment: SentimentScore): StyleSignals {
  const emphasis = collector();
  for (const term of sentiment.intensifiers) emphasis.add(term);
  for (let k = Math.min(tokenized.exclamations, 3); k > 0; k--) emphasis.add('!');
  for (const word of sentiment.capsWords) emphasis.add(word, ' in capitals');

  const informal = collector();
  for (const match of INFORMAL_MATCHER.find(tokenized.texts)) informal.add(match.term);
  const { tokens, texts } = tokenized;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'emoji' || token.kind === 'emoticon') informal.add(token.text);
    if (token.elongated) informal.add(token.text, ' (stretched)');
    // A run of marks counts once, at its second mark.
    if (isMark(texts[i]) && isMark(texts[i - 1]) && !isMark(texts[i - 2])) {
      let end = i;
      while (isMark(texts[end + 1])) end++;
      informal.add(texts.slice(i - 1, end + 1).join(''));
    }
  }
  return { emphasis: emphasis.result(), informal: informal.result() };
}

/** Evidence text for a cue count: the listed cues, then how many more there are. */
export function describeCues(cues: CueCount): string {
  const more = cues.count - cues.cues.length;
  return more > 0 ? `${cues.cues.join('; ')}; and ${more} more` : cues.cues.join('; ');
}
