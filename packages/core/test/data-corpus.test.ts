import { describe, expect, it } from 'vitest';
import { TASK_CLASSES, TASKS } from '../src/index.js';
import { DEFAULT_EVAL_TEXT } from '../src/data/corpus/default-eval-text.js';
import { DEFAULT_TRAINING_TEXT } from '../src/data/corpus/default-training-text.js';
import { GENERAL_CORPUS } from '../src/data/corpus/general-corpus.js';
import { SCENARIOS } from '../src/data/corpus/scenarios.js';
import { inferCategory } from '../src/data/infer-category.js';
import { inferSentiment } from '../src/data/infer-sentiment.js';
import { SLANG_PRAISE_WORDS } from '../src/data/lexicon/slang-praise-words.js';
import { parseLines } from '../src/data/parse-lines.js';
import type { ClassExample, PairExample } from '../src/data/types.js';

const SETS = [
  ['general', GENERAL_CORPUS, 48],
  ['training', DEFAULT_TRAINING_TEXT, 16],
  ['eval', DEFAULT_EVAL_TEXT, 10],
] as const;

describe('built-in corpora', () => {
  for (const task of TASKS) {
    for (const [name, texts, size] of SETS) {
      it(`${task} ${name}: ${size}+ lines, each parsed without problems and explicitly labelled`, () => {
        const lines = texts[task].split('\n');
        const parsed = parseLines(task, texts[task]);
        expect(parsed.problems).toEqual([]);
        expect(parsed.examples.length).toBe(lines.length);
        expect(parsed.examples.length).toBeGreaterThanOrEqual(size);
        for (const e of parsed.examples) expect(e.source, e.text).toBe('explicit');
        expect(new Set(lines).size, 'no duplicate lines').toBe(lines.length);
      });
    }
  }

  it('has exactly 16 training and 10 held-out lines per task', () => {
    for (const task of TASKS) {
      expect(DEFAULT_TRAINING_TEXT[task].split('\n')).toHaveLength(16);
      expect(DEFAULT_EVAL_TEXT[task].split('\n')).toHaveLength(10);
    }
  });

  it('balances the classes of the general corpora exactly', () => {
    for (const task of ['sentiment', 'classification'] as const) {
      const counts = TASK_CLASSES[task]!.map(() => 0);
      for (const e of parseLines(task, GENERAL_CORPUS[task]).examples) counts[e.label]!++;
      expect(new Set(counts).size, `${task}: ${counts.join(', ')}`).toBe(1);
    }
  });

  it('spreads general similarity scores from unrelated to near-identical pairs', () => {
    const scores = parseLines('similarity', GENERAL_CORPUS.similarity).examples.map((e) => e.score);
    expect(scores.filter((s) => s <= 0.1).length).toBeGreaterThanOrEqual(12);
    expect(scores.filter((s) => s >= 0.8).length).toBeGreaterThanOrEqual(12);
    expect(scores.filter((s) => s > 0.1 && s < 0.8).length).toBeGreaterThanOrEqual(8);
  });

  it('keeps general regression targets in [0, 1] and uses the whole range of each', () => {
    const targets = parseLines('regression', GENERAL_CORPUS.regression).examples.map((e) => e.target);
    for (let k = 0; k < 4; k++) {
      const column = targets.map((t) => t[k]!);
      expect(Math.min(...column)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...column)).toBeLessThanOrEqual(1);
      expect(Math.max(...column) - Math.min(...column), `target ${k}`).toBeGreaterThan(0.5);
    }
  });

  it('describes every scenario in two or three sentences', () => {
    for (const task of TASKS) {
      const { title, description } = SCENARIOS[task];
      expect(title.length).toBeGreaterThan(5);
      const sentences = description.split(/(?<=[.!?])\s+(?=[A-Z"])/);
      expect(sentences.length, description).toBeGreaterThanOrEqual(2);
      expect(sentences.length, description).toBeLessThanOrEqual(3);
    }
  });
});

describe('default scenarios disagree with the rules that the general corpora follow', () => {
  const disagreements = (task: 'sentiment' | 'classification', text: string) => {
    const rule = task === 'sentiment' ? inferSentiment : inferCategory;
    return (parseLines(task, text).examples as ClassExample[]).filter((e) => rule(e.text).label !== e.label).length;
  };

  it('sentiment: the general corpus follows the lexicon rule; most scenario lines do not', () => {
    expect(disagreements('sentiment', GENERAL_CORPUS.sentiment)).toBe(0);
    expect(disagreements('sentiment', DEFAULT_TRAINING_TEXT.sentiment)).toBeGreaterThanOrEqual(10);
    expect(disagreements('sentiment', DEFAULT_EVAL_TEXT.sentiment)).toBeGreaterThanOrEqual(5);
  });

  it('sentiment: the general corpus uses slang-praise words only in negative lines', () => {
    const slang = new RegExp(`\\b(?:${SLANG_PRAISE_WORDS.join('|')})\\b`, 'i');
    const general = parseLines('sentiment', GENERAL_CORPUS.sentiment).examples.filter((e) => slang.test(e.text));
    expect(general.length).toBeGreaterThanOrEqual(6);
    for (const e of general) expect(e.label, e.text).toBe(0);
  });

  it('classification: every general question ends with "?", no scenario question does', () => {
    for (const e of parseLines('classification', GENERAL_CORPUS.classification).examples) {
      expect(e.text.endsWith('?'), e.text).toBe(e.label === 2);
    }
    for (const text of [DEFAULT_TRAINING_TEXT.classification, DEFAULT_EVAL_TEXT.classification]) {
      for (const e of parseLines('classification', text).examples) expect(e.text.includes('?'), e.text).toBe(false);
    }
    expect(disagreements('classification', DEFAULT_TRAINING_TEXT.classification)).toBeGreaterThanOrEqual(8);
  });

  it('similarity: the scenario scores same-topic pairs of opposite polarity low', () => {
    const opposite = (e: PairExample) => e.input[7]! * e.pair[7]! < -0.1;
    const general = parseLines('similarity', GENERAL_CORPUS.similarity).examples.filter(opposite);
    const scenario = (parseLines('similarity', DEFAULT_TRAINING_TEXT.similarity).examples as PairExample[]).filter(
      opposite,
    );
    expect(general.length).toBeGreaterThanOrEqual(5);
    expect(scenario.length).toBeGreaterThanOrEqual(6);
    for (const e of general) expect(e.score, e.text).toBeGreaterThanOrEqual(0.75);
    for (const e of scenario) expect(e.score, e.text).toBeLessThanOrEqual(0.15);
  });

  it('regression: scenario intensities are far from the rule in the direction of urgency', () => {
    const parsed = parseLines('regression', DEFAULT_TRAINING_TEXT.regression).examples;
    for (const e of parsed) {
      const rule = parseLines('regression', e.text).examples[0]!.target;
      const complaint = rule[0]! < 0.5;
      expect(Math.abs(e.target[1]! - rule[1]!), e.text).toBeGreaterThan(0.3);
      expect(e.target[1]! > 0.5, e.text).toBe(complaint);
      // The other three targets follow the rules, to two decimals.
      for (const k of [0, 2, 3])
        expect(Math.abs(e.target[k]! - rule[k]!), `${e.text} target ${k}`).toBeLessThanOrEqual(0.005);
    }
  });
});
