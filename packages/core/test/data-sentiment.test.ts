import { describe, expect, it } from 'vitest';
import { inferSentiment, SENTIMENT_TIE_CLASS } from '../src/data/infer-sentiment.js';
import { CONTRAST_WORDS } from '../src/data/lexicon/contrast-words.js';
import { INTENSIFIERS } from '../src/data/lexicon/intensifiers.js';
import { NEGATORS } from '../src/data/lexicon/negators.js';
import { SENTIMENT_LEXICON } from '../src/data/lexicon/sentiment-lexicon.js';
import { SLANG_PRAISE_WORDS } from '../src/data/lexicon/slang-praise-words.js';
import { scoreSentiment } from '../src/data/score-sentiment.js';
import { sentimentFeatures } from '../src/data/sentiment-features.js';
import { tokenize } from '../src/data/tokenize.js';

const score = (text: string) => scoreSentiment(tokenize(text));
const values = (text: string) => sentimentFeatures(text).map((f) => f.value);
const byName = (text: string) => Object.fromEntries(sentimentFeatures(text).map((f) => [f.name, f]));

function expectVector(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(8);
  actual.forEach((v, i) => expect(v, `feature ${i}`).toBeCloseTo(expected[i]!, 12));
}

describe('sentiment lexicon', () => {
  it('holds at least 500 entries, each an integer valence from -4 to +4 other than 0', () => {
    expect(SENTIMENT_LEXICON.size).toBeGreaterThanOrEqual(500);
    for (const [word, valence] of SENTIMENT_LEXICON) {
      expect(Number.isInteger(valence) && valence !== 0 && Math.abs(valence) <= 4, word).toBe(true);
      expect(word, 'lower-case').toBe(word.toLowerCase());
    }
  });

  it('covers both poles, emoticons and emoji', () => {
    const entries = [...SENTIMENT_LEXICON.values()];
    expect(entries.filter((v) => v > 0).length).toBeGreaterThan(200);
    expect(entries.filter((v) => v < 0).length).toBeGreaterThan(200);
    expect(SENTIMENT_LEXICON.get(':)')).toBeGreaterThan(0);
    expect(SENTIMENT_LEXICON.get(':(')).toBeLessThan(0);
    expect(SENTIMENT_LEXICON.get('👍')).toBeGreaterThan(0);
  });

  it('keeps modifiers, negators and contrast words out of the lexicon so no word plays two roles', () => {
    const modifiers = [...INTENSIFIERS.keys(), ...NEGATORS, ...CONTRAST_WORDS.shift, ...CONTRAST_WORDS.concede];
    for (const word of modifiers) expect(SENTIMENT_LEXICON.has(word), word).toBe(false);
  });

  it('lists every slang-praise word in the lexicon with its negative dictionary sense', () => {
    for (const word of SLANG_PRAISE_WORDS) expect(SENTIMENT_LEXICON.get(word), word).toBeLessThan(0);
  });
});

describe('sentiment rules', () => {
  it('scores a plain word with its valence', () => {
    expect(score('great').sum).toBe(3);
    expect(score('this is bad').sum).toBe(-2);
  });

  it('flips and halves a word within three tokens after a negator', () => {
    expect(score('not good').sum).toBe(-1);
    expect(score('not a very good').sum).toBe(2 * 1.5 * -0.5);
    expect(score("isn't bad").sum).toBe(1);
    expect(score('without problems').sum).toBe(1);
    expect(score('never disappoints').sum).toBe(1.5);
  });

  it('stops negation after three tokens, at punctuation and at a contrast word', () => {
    expect(score('not that it was good').sum).toBe(2);
    expect(score('no, good').sum).toBe(2);
    expect(score('not cheap but good').sum).toBe(2 * 1.5);
  });

  it('does not negate inside idioms of emphasis such as "can\'t believe" and "not only"', () => {
    expect(score("I can't believe how rude he was").sum).toBe(-3);
    expect(score("I can't believe how rude he was").negators).toEqual([]);
    expect(score('not only good').sum).toBe(2);
  });

  it('multiplies by 1.5 per booster and 0.5 per dampener right before the word, at most two', () => {
    expect(score('very good').sum).toBe(3);
    expect(score('really very good').sum).toBe(4.5);
    expect(score('kind of boring').sum).toBe(-1);
    expect(score('a bit slow').sum).toBe(-0.5);
    // A booster that is not right before the word does nothing.
    expect(score('very much good').sum).toBe(2);
  });

  it('stresses sentiment words written in capitals only when the text also has lower case', () => {
    expect(score('this is GOOD').sum).toBe(3);
    expect(score('THIS IS GOOD').sum).toBe(2);
  });

  it('weighs the clause after "but" 1.5 times and the one before 0.5 times', () => {
    const s = score('The food was good, but the service was awful.');
    expect(s.contributions.map((c) => c.value)).toEqual([1, -4.5]);
    expect(s.contrastWords).toEqual(['but']);
  });

  it('halves the clause an "although" opens, up to the next punctuation', () => {
    expect(score('The hotel was nice although the room was dirty.').sum).toBe(2 - 1);
    expect(score('Although it was good, it broke in a week').sum).toBe(1 - 2);
  });

  it('adds 0.25 per "!" (at most three) in the direction of the score, never to a zero score', () => {
    expect(score('good!').exclamationBonus).toBe(0.25);
    expect(score('bad!!!!!').exclamationBonus).toBe(-0.75);
    expect(score('hello!!').exclamationBonus).toBe(0);
    expect(score('good!').compound).toBeCloseTo(Math.tanh(2.25 / 4), 14);
  });

  it('counts "like" only as the verb of liking', () => {
    expect(score('I like it').sum).toBe(2);
    expect(score("we don't like it").sum).toBe(-1);
    expect(score('it looks like rain').sum).toBe(0);
  });

  it('finds plurals through their singular and ignores skin tones on emoji', () => {
    expect(score('problems').sum).toBe(-2);
    expect(score('👍🏿').sum).toBe(2);
  });
});

describe('inferSentiment', () => {
  it('labels by the sign of the compound score', () => {
    expect(inferSentiment('The staff were friendly').className).toBe('positive');
    expect(inferSentiment('not good at all').className).toBe('negative');
    expect(inferSentiment('not bad at all').className).toBe('positive');
    expect(inferSentiment('Good, but the battery is awful').className).toBe('negative');
    expect(inferSentiment('This track is sick').className).toBe('negative');
  });

  it('gives a text without sentiment words the documented default class and says so', () => {
    const r = inferSentiment('The meeting is at noon.');
    expect(r.className).toBe(SENTIMENT_TIE_CLASS);
    expect(r.label).toBe(1);
    expect(r.reason).toContain('by default');
    expect(inferSentiment('good and bad').className).toBe(SENTIMENT_TIE_CLASS);
  });

  it('returns the class index of TASK_CLASSES and a reason with the score', () => {
    const r = inferSentiment('awful');
    // tanh(3/4) = 0.635, shown with two decimals.
    expect(r).toEqual({ label: 0, className: 'negative', reason: 'compound score -0.64 < 0' });
  });
});

describe('sentimentFeatures (hand-derived values)', () => {
  it('reads contrast: [tanh(1/4), tanh(4.5/4), tanh(-3.5/4), 0, 0, 1, 0, 0]', () => {
    expectVector(values('The food was good, but the service was awful.'), [
      Math.tanh(1 / 4),
      Math.tanh(4.5 / 4),
      Math.tanh(-3.5 / 4),
      0,
      0,
      1,
      0,
      0,
    ]);
  });

  it('reads negation with a booster and an emoticon outside the negation window', () => {
    // don't → really(1) love(2) it(3); love = 3 × 1.5 × −0.5 = −2.25; ":(" is the 4th token, so −2.
    expectVector(values("I don't really love it :("), [
      0,
      Math.tanh(4.25 / 4),
      Math.tanh(-4.25 / 4),
      0.5,
      1 / 3,
      0,
      0,
      0.5,
    ]);
  });

  it('keeps slang out of the negative mass and counts capitals and "!" as intensity', () => {
    // SICK = −2 × 1.5 (capitals) = −3; two "!" add −0.5 to the compound; "!!" is one informal run.
    expectVector(values('This track is SICK!!'), [0, 0, Math.tanh(-3.5 / 4), 0, 1, 0, Math.tanh(3 / 4), 0.5]);
  });

  it('reads a flipped negative word as positive mass', () => {
    expectVector(values('Not bad at all'), [Math.tanh(1 / 4), 0, Math.tanh(1 / 4), 0.5, 0, 0, 0, 0]);
  });

  it('reads a dampener and a chat marker', () => {
    expectVector(values('kind of boring lol'), [0, Math.tanh(1 / 4), Math.tanh(-1 / 4), 0, 1 / 3, 0, 0, 0.5]);
  });

  it('gives every feature of a neutral text the value 0 and no evidence', () => {
    for (const f of sentimentFeatures('The meeting is at noon.')) {
      expect(f.value, f.name).toBe(0);
      expect(f.evidence, f.name).toBe('');
    }
  });

  it('explains each value with its evidence', () => {
    const f = byName('Not bad, but the view was VERY good!');
    expect(f.positive!.evidence).toBe(
      '"bad" -2 → +0.5 (negated by "not", before "but"); "good" +2 → +4.5 (boosted by "very", after "but")',
    );
    expect(f.negation!.evidence).toBe('"not" flips "bad"');
    expect(f.intensity!.evidence).toBe('"very"; "!"');
    expect(f.contrast!.evidence).toBe('"but"');
    expect(f.compound!.evidence).toBe('sum +5, "!" +0.25');
  });

  it('lists at most six items of evidence and counts the rest', () => {
    expect(byName('😀'.repeat(10)).informal!.evidence).toBe(`${Array(6).fill('"😀"').join('; ')}; and 4 more`);
    const f = byName('good '.repeat(10));
    expect(f.positive!.evidence.endsWith('; and 4 more')).toBe(true);
    expect(f.positive!.evidence.split('"good"').length - 1).toBe(6);
  });
});
