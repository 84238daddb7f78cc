import { describe, expect, it } from 'vitest';
import { TASKS, InvalidOptionError } from '../src/index.js';
import { featureVector } from '../src/data/feature-vector.js';
import { FEATURES } from '../src/data/features.js';
import { featurize } from '../src/data/featurize.js';
import { inferCategory } from '../src/data/infer-category.js';
import { inferSimilarity } from '../src/data/infer-similarity.js';
import { TOPIC_WORDS, TOPICS } from '../src/data/lexicon/topic-words.js';
import { REGRESSION_TARGETS, regressionTargets } from '../src/data/regression-targets.js';

function expectVector(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(expected[i]!, 12));
}

describe('FEATURES', () => {
  it('documents eight features per task, in the order featurize returns them', () => {
    for (const task of TASKS) {
      expect(FEATURES[task]).toHaveLength(8);
      expect(featurize(task, 'Any text at all.').map((f) => f.name)).toEqual(FEATURES[task].map((f) => f.name));
      expect(new Set(FEATURES[task].map((f) => f.name)).size).toBe(8);
    }
  });

  it('describes each feature in one sentence that states its range or its values', () => {
    for (const task of TASKS) {
      for (const f of FEATURES[task]) {
        expect(f.description.length, f.name).toBeGreaterThan(30);
        expect(/\((?:−1|0) to 1\)\.$|else 0\.$|\(−1 to 1\)\.$/.test(f.description), `${task}.${f.name}`).toBe(true);
      }
    }
  });

  it('rejects an unknown task naming the field', () => {
    expect(() => featurize('poetry' as never, 'x')).toThrow(InvalidOptionError);
    expect(() => featurize('poetry' as never, 'x')).toThrow(/^task: /);
  });
});

describe('classification features (hand-derived values)', () => {
  it('reads a news sentence: three news words, a number and a weekday', () => {
    // questionMark, questionOpening, helpSeeking, personal, newsWords, reviewWords, numbers, opinion
    expectVector(featureVector('classification', 'Officials reported a 3 percent rise on Monday'), [
      0,
      0,
      0,
      0,
      1,
      0,
      2 / 3,
      0,
    ]);
  });

  it('reads an inverted question without a question mark and its help cue', () => {
    expectVector(featureVector('classification', 'Does anyone know a good plumber'), [0, 1, 0.5, 0, 0, 0, 0, 0]);
  });

  it('reads a review: a pronoun, two review words, a price and an exclamation', () => {
    expectVector(featureVector('classification', 'I bought it for $20 and the quality is great!'), [
      0,
      0,
      0,
      1 / 3,
      0,
      2 / 3,
      2 / 3,
      0.5,
    ]);
  });

  it('gives 0.5 for a "?" that does not end the text, and counts emoji and "I think" as opinion', () => {
    expectVector(featureVector('classification', 'Is this worth it? I think so 😂'), [
      0.5,
      1,
      0,
      1 / 3,
      0,
      1 / 3,
      0,
      1,
    ]);
  });

  it('does not take an exclaiming "what a" for a question', () => {
    expectVector(featureVector('classification', 'What a game!'), [0, 0, 0, 0, 0, 0, 0, 0.5]);
    expect(featureVector('classification', "What's the time")[1]).toBe(1);
  });
});

describe('inferCategory', () => {
  it('applies the documented precedence: question, news, review, comment', () => {
    expect(inferCategory('Officials reported a rise. Is it true?').className).toBe('question');
    expect(inferCategory('Can you believe the price officials reported').className).toBe('question');
    expect(inferCategory('Officials reported a 3 percent rise').className).toBe('news');
    expect(inferCategory('I read that officials reported a rise').className).toBe('comment');
    expect(inferCategory('The price and quality are great, officials said').className).toBe('review');
    expect(inferCategory('I bought it last week').className).toBe('review');
    expect(inferCategory('Love this photo!').className).toBe('comment');
  });

  it('returns class indices in TASK_CLASSES order and a reason', () => {
    expect(inferCategory('Why?')).toEqual({ label: 2, className: 'question', reason: 'ends with "?"' });
    expect(inferCategory('how do i fix this')).toEqual({ label: 2, className: 'question', reason: 'opens with "how"' });
    expect(inferCategory('Officials said the mayor resigned')).toEqual({
      label: 0,
      className: 'news',
      reason: '3 news words ("officials", "said", "mayor") and no I/you',
    });
  });
});

describe('similarity features and rule (hand-derived values)', () => {
  it('reads the topic shares and the polarity', () => {
    // food: cooked, soup, pasta; weather: rain → 3/4 and 1/4; no sentiment words.
    expectVector(
      featureVector('similarity', 'Rain again, so we cooked soup and pasta'),
      [0.75, 0, 0.25, 0, 0, 0, 0, 0],
    );
    expectVector(featureVector('similarity', 'The striker scored a brilliant goal'), [
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      Math.tanh(3 / 4),
    ]);
  });

  it('scores an unlabelled pair by the cosine of the topic counts', () => {
    // [food 2, weather 1] · [food 2] / (√5 · 2) = 2/√5.
    expect(inferSimilarity('We cooked pasta in the rain', 'Soup for dinner')).toBeCloseTo(2 / Math.sqrt(5), 12);
    expect(inferSimilarity('The match was great', 'The match was awful')).toBeCloseTo(1, 12);
    expect(inferSimilarity('The match was great', 'My rent is due')).toBe(0);
    expect(inferSimilarity('Hello there', 'My rent is due')).toBe(0);
  });

  it('keeps each topic word in exactly one topic', () => {
    const seen = new Map<string, string>();
    for (const topic of TOPICS) {
      for (const word of TOPIC_WORDS[topic]) {
        expect(seen.get(word), `${word} in ${topic}`).toBeUndefined();
        seen.set(word, topic);
      }
    }
  });
});

describe('regression features and targets (hand-derived values)', () => {
  it('reads a formal note: three formal words, mean word length 5, seven words', () => {
    // positive, negative, compound, emphasis, informal, formal, wordLength, length
    const f = featureVector('regression', 'Dear team, kindly find the report attached.');
    expectVector(f, [0, 0, 0, 0, 0, 1, (5 - 3) / 4, Math.log2(8) / 6]);
    expectVector(regressionTargets('Dear team, kindly find the report attached.'), [0.5, 0, (0.5 + 1 + 1) / 3, 0.5]);
  });

  it('reads chat: "omg", two emoji and a stretched word make it informal', () => {
    // good +2, 😂 +1 twice → S = 4; words omg this is sooo good → mean 17/5 = 3.4.
    const text = 'omg this is sooo good 😂😂';
    expectVector(featureVector('regression', text), [Math.tanh(1), 0, Math.tanh(1), 0, 1, 0, 0.1, Math.log2(6) / 6]);
    expectVector(regressionTargets(text), [(1 + Math.tanh(1)) / 2, Math.tanh(1) / 2, 0.1 / 3, Math.log2(6) / 6]);
  });

  it('reads emphasis from a booster, capitals and "!" marks', () => {
    // absolutely LOVE: 3 × 1.5 × 1.5 = 6.75, plus 3 × 0.25 for "!!!"; emphasis counts 1 + 1 + 3 = 5 → 1.
    const text = 'I absolutely LOVE this!!!';
    const f = featureVector('regression', text);
    expect(f[0]).toBeCloseTo(Math.tanh(6.75 / 4), 12);
    expect(f[2]).toBeCloseTo(Math.tanh(7.5 / 4), 12);
    expect(f[3]).toBe(1);
    expect(regressionTargets(text)[1]).toBeCloseTo((Math.tanh(7.5 / 4) + 1) / 2, 12);
  });

  it('names four targets, each documented', () => {
    expect(REGRESSION_TARGETS.map((t) => t.name)).toEqual(['positivity', 'intensity', 'formality', 'length']);
  });

  it('keeps every target in [0, 1]', () => {
    for (const text of [
      '',
      '!!!!!!!!',
      'HATE HATE hate!!!',
      'lol '.repeat(50),
      'Sincerely regarding herewith'.repeat(9),
    ]) {
      for (const v of regressionTargets(text)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('determinism', () => {
  it('returns identical features for the same text, call after call', () => {
    const text = "Honestly?! The update isn't bad, but the battery is AWFUL 😡 — 40% by noon.";
    for (const task of TASKS) expect(featurize(task, text)).toEqual(featurize(task, text));
  });

  it('matches a snapshot of vectors written by hand from the documented formulas', () => {
    expectVector(featureVector('sentiment', 'very good'), [Math.tanh(3 / 4), 0, Math.tanh(3 / 4), 0, 1 / 3, 0, 0, 0]);
    expectVector(featureVector('classification', 'Any tips for Tokyo?'), [1, 0, 0.5, 0, 0, 0, 0, 0]);
    expectVector(featureVector('similarity', 'flight delayed, bad weather'), [
      0,
      0,
      0.5,
      0,
      0.5,
      0,
      0,
      Math.tanh(-3 / 4),
    ]);
    expectVector(featureVector('regression', 'ok'), [Math.tanh(0), 0, 0, 0, 0, 0, 0, 1 / 6]);
  });
});
