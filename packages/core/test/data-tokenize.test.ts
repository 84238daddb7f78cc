import { describe, expect, it } from 'vitest';
import { createTermMatcher } from '../src/data/term-matcher.js';
import { MAX_ANALYZED_CHARS, tokenize } from '../src/data/tokenize.js';
import { wordForms } from '../src/data/word-forms.js';

describe('tokenize', () => {
  it('lower-cases words, keeps inner apostrophes and folds curly ones into ASCII', () => {
    // A trailing apostrophe is not inner, so it only ends the word.
    expect(tokenize('Don’t STOP believin\u2019').texts).toEqual(["don't", 'stop', 'believin']);
  });

  it('applies NFKC first, so ligatures, full-width letters and circled digits read as plain text', () => {
    expect(tokenize('ﬁne Ｇｒｅａｔ ①').texts).toEqual(['fine', 'great', '1']);
  });

  it('lower-cases without locale rules (Turkish dotted capital I keeps its combining dot)', () => {
    expect(tokenize('İSTANBUL').texts).toEqual(['i\u0307stanbul']);
  });

  it('tells words, numbers, emoticons, emoji and punctuation apart', () => {
    const t = tokenize('Price: 20 dollars :) 👍🏽 ok?');
    expect(t.tokens.map((x) => [x.text, x.kind])).toEqual([
      ['price', 'word'],
      [':', 'punct'],
      ['20', 'number'],
      ['dollars', 'word'],
      [':)', 'emoticon'],
      ['👍', 'emoji'],
      ['ok', 'word'],
      ['?', 'punct'],
    ]);
  });

  it('does not read faces inside URLs or clock times', () => {
    const kinds = tokenize('see http://x.io at 10:30').tokens.map((x) => x.kind);
    expect(kinds).not.toContain('emoticon');
  });

  it('reads emoticons with capital letters and noses', () => {
    expect(tokenize(':D :-( ;) <3 </3').texts).toEqual([':d', ':-(', ';)', '<3', '</3']);
  });

  it('keeps a ZWJ emoji sequence as one token and drops variation selectors', () => {
    expect(tokenize('👨‍👩‍👧 ❤️').texts).toEqual(['👨\u200d👩\u200d👧', '❤']);
  });

  it('marks capitals only for words of two or more letters, and stretched letters', () => {
    const t = tokenize('I LOVE it, sooo good, OK 1000');
    expect(t.tokens.filter((x) => x.caps).map((x) => x.text)).toEqual(['love', 'ok']);
    expect(t.tokens.filter((x) => x.elongated).map((x) => x.text)).toEqual(['sooo']);
    expect(t.mixedCase).toBe(true);
    expect(tokenize('ALL CAPS HERE').mixedCase).toBe(false);
  });

  it('counts marks and signs and measures words', () => {
    const t = tokenize('Wow!! 50% off, $5 or €4?');
    expect([t.exclamations, t.questionMarks, t.percentSigns, t.currencySigns]).toEqual([2, 1, 1, 2]);
    expect(t.words).toBe(6);
    expect(t.meanWordLength).toBeCloseTo((3 + 3 + 2) / 3, 12);
  });

  it('sees a closing question mark through trailing emoji and emoticons only', () => {
    expect(tokenize('is it open? 🙏 :)').endsWithQuestion).toBe(true);
    expect(tokenize('is it open? yes').endsWithQuestion).toBe(false);
    expect(tokenize('').endsWithQuestion).toBe(false);
  });

  it('treats HTML, control characters and lone surrogates as separators', () => {
    expect(tokenize('<b>bold</b>\u0000x\uD800y\uDFFFz').texts).toEqual(['b', 'bold', 'b', 'x', 'y', 'z']);
  });

  it('analyses only the start of a huge text but still sees how it ends', () => {
    const text = `${'word '.repeat(MAX_ANALYZED_CHARS)}is that all?`;
    const t = tokenize(text);
    expect(t.truncated).toBe(true);
    expect(t.words).toBe(MAX_ANALYZED_CHARS / 5);
    expect(t.endsWithQuestion).toBe(true);
    expect(tokenize('short').truncated).toBe(false);
  });
});

describe('wordForms', () => {
  it('adds the singular and the word without a possessive, most specific first', () => {
    expect(wordForms('officials')).toEqual(['officials', 'official']);
    expect(wordForms("company's")).toEqual(["company's", 'company']);
    expect(wordForms('good')).toEqual(['good']);
  });

  it('leaves short words and -ss, -us, -is endings alone', () => {
    for (const word of ['bus', 'was', 'glass', 'virus', 'this', 'news']) {
      expect(wordForms(word).slice(0, 1)).toEqual([word]);
    }
    expect(wordForms('glass')).toEqual(['glass']);
    expect(wordForms('virus')).toEqual(['virus']);
    expect(wordForms('analysis')).toEqual(['analysis']);
  });
});

describe('createTermMatcher', () => {
  it('finds phrases, prefers the longest term and never overlaps matches', () => {
    const m = createTermMatcher(['kind', 'kind of', 'of', 'according to']);
    expect(m.find(['kind', 'of', 'sad', 'according', 'to', 'them'])).toEqual([
      { term: 'kind of', start: 0, end: 2 },
      { term: 'according to', start: 3, end: 5 },
    ]);
  });

  it('matches plural tokens to singular terms inside phrases too', () => {
    const m = createTermMatcher(['customer service']);
    expect(m.find(['customer', 'services']).map((x) => x.term)).toEqual(['customer service']);
  });

  it('does not let a phrase run past the end of the tokens', () => {
    expect(createTermMatcher(['a bit']).find(['a'])).toEqual([]);
  });
});
