import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/index.js';
import { cosine } from '../src/data/cosine.js';
import { featureVector } from '../src/data/feature-vector.js';
import { interpretOutput } from '../src/data/interpret-output.js';
import { parseLines } from '../src/data/parse-lines.js';

const messages = (task: Parameters<typeof parseLines>[0], text: string) =>
  parseLines(task, text).problems.map((p) => p.message);

describe('parseLines: good lines', () => {
  it('reads explicit labels case-insensitively and infers missing ones, keeping line numbers', () => {
    const parsed = parseLines('sentiment', 'Great film\tPOSITIVE\r\n\r\n   \nawful service\n\tx\n');
    expect(parsed.task).toBe('sentiment');
    expect(parsed.examples.map((e) => [e.line, e.text, e.label, e.source])).toEqual([
      [1, 'Great film', 1, 'explicit'],
      [4, 'awful service', 0, 'inferred'],
    ]);
    expect(parsed.problems.map((p) => p.line)).toEqual([5]);
  });

  it('featurizes each example with the task featurizer', () => {
    const [e] = parseLines('classification', 'Why is it late?').examples;
    expect(e!.input).toEqual(featureVector('classification', 'Why is it late?'));
    expect(e!.label).toBe(2);
  });

  it('treats a lone \\r as a line break too', () => {
    expect(parseLines('sentiment', 'good\rbad').examples.map((e) => e.line)).toEqual([1, 2]);
  });

  it('reads regression targets and infers them when absent', () => {
    const parsed = parseLines('regression', 'Thanks!\t0.9, 0.5 ,0.2,1e-1\nDear team, kindly find the report attached.');
    const [explicit, inferred] = parsed.examples;
    expect(explicit!.target).toEqual([0.9, 0.5, 0.2, 0.1]);
    expect(explicit!.source).toBe('explicit');
    expect(inferred!.source).toBe('inferred');
    expect(inferred!.target[0]).toBe(0.5);
    expect(inferred!.target[2]).toBeCloseTo(2.5 / 3, 12);
  });

  it('reads similarity pairs with and without a score', () => {
    const parsed = parseLines('similarity', 'Rain again\tMore rain\t0.9\nPasta for dinner\tSoup for lunch\n');
    expect(parsed.problems).toEqual([]);
    const [a, b] = parsed.examples;
    expect([a!.text, a!.text2, a!.score, a!.source]).toEqual(['Rain again', 'More rain', 0.9, 'explicit']);
    expect(a!.pair).toEqual(featureVector('similarity', 'More rain'));
    expect([b!.score, b!.source]).toEqual([1, 'inferred']);
  });

  it('accepts scores at both ends of [0, 1]', () => {
    expect(parseLines('similarity', 'a\tb\t0\nc\td\t1\ne\tf\t1.0').problems).toEqual([]);
  });
});

describe('parseLines: every bad line is reported with its number and the accepted values', () => {
  it('names the classes when a label is not one of them', () => {
    expect(messages('sentiment', 'fine\tpositive\nok\tneutral\nmeh\thappy')).toEqual([
      'line 2: label "neutral" is not a class of sentiment; use negative or positive',
      'line 3: label "happy" is not a class of sentiment; use negative or positive',
    ]);
    expect(messages('classification', 'x\tspam')).toEqual([
      'line 1: label "spam" is not a class of classification; use news, review, question or comment',
    ]);
  });

  it('reports an empty label, empty text and too many columns', () => {
    expect(messages('sentiment', 'good\t\n\tpositive\na\tpositive\tz')).toEqual([
      'line 1: nothing after the TAB; write a label (negative or positive) or remove the TAB',
      'line 2: no text before the TAB; sentiment takes text or text<TAB>label',
      'line 3: 3 columns separated by TABs; sentiment takes text or text<TAB>label',
    ]);
  });

  it('reports a wrong number of regression targets and each kind of bad number', () => {
    const format =
      'regression takes text or text<TAB>positivity,intensity,formality,length (4 comma-separated numbers)';
    expect(
      messages('regression', 'a\t1,2,3\nb\t1,2,3,4,5\nc\t1,NaN,3,4\nd\t1,2,1e999,4\ne\t0x10,1,1,1\nf\t1,,1,1'),
    ).toEqual([
      `line 1: 3 targets after the TAB; ${format}`,
      `line 2: 5 targets after the TAB; ${format}`,
      `line 3: target intensity "NaN" is not a finite number; ${format}`,
      `line 4: target formality "1e999" is not a finite number; ${format}`,
      `line 5: target positivity "0x10" is not a finite number; ${format}`,
      `line 6: target intensity "" is not a finite number; ${format}`,
    ]);
    expect(messages('regression', 'a\t\n\t1,1,1,1\na\tb\tc')).toEqual([
      'line 1: nothing after the TAB; write positivity,intensity,formality,length or remove the TAB',
      `line 2: no text before the TAB; ${format}`,
      `line 3: 3 columns separated by TABs; ${format}`,
    ]);
  });

  it('reports a single text, an empty second text, a bad score and extra columns for similarity', () => {
    const format = 'similarity takes text<TAB>text2 or text<TAB>text2<TAB>score (a number from 0 to 1)';
    expect(
      messages('similarity', 'alone\na\t\na\tb\t1.5\na\tb\t-0.1\na\tb\tInfinity\na\tb\t\na\tb\t1\td\n\tb'),
    ).toEqual([
      `line 1: a similarity line needs two texts; ${format}`,
      `line 2: no second text after the TAB; ${format}`,
      'line 3: score "1.5" is not a number from 0 to 1',
      'line 4: score "-0.1" is not a number from 0 to 1',
      'line 5: score "Infinity" is not a number from 0 to 1',
      `line 6: nothing after the second TAB; ${format}`,
      `line 7: 4 columns separated by TABs; ${format}`,
      `line 8: no text before the TAB; ${format}`,
    ]);
  });

  it('shortens a very long bad label in the message', () => {
    const [message] = messages('sentiment', `x\t${'z'.repeat(500)}`);
    expect(message!.length).toBeLessThan(150);
  });

  it('rejects an unknown task and a non-string text naming the field', () => {
    expect(() => parseLines('poetry' as never, 'x')).toThrow(InvalidOptionError);
    try {
      parseLines('sentiment', 42 as never);
    } catch (error) {
      expect((error as InvalidOptionError).field).toBe('text');
      return;
    }
    throw new Error('expected a throw');
  });
});

describe('interpretOutput', () => {
  it('turns sentiment logits into softmax probabilities and the top class', () => {
    const r = interpretOutput('sentiment', [0, Math.log(3)]);
    expect(r.kind).toBe('classes');
    if (r.kind !== 'classes') return;
    expect(r.probabilities.map((p) => p.className)).toEqual(['negative', 'positive']);
    expect(r.probabilities[0]!.probability).toBeCloseTo(0.25, 14);
    expect(r.probabilities[1]!.probability).toBeCloseTo(0.75, 14);
    expect([r.predicted, r.predictedIndex]).toEqual(['positive', 1]);
  });

  it('picks the first class on a tie and stays finite for huge logits', () => {
    const r = interpretOutput('classification', [5, 5, 1e30, 1e30]);
    if (r.kind !== 'classes') throw new Error('expected classes');
    expect(r.predicted).toBe('question');
    expect(r.probabilities.map((p) => p.probability)).toEqual([0, 0, 0.5, 0.5]);
  });

  it('names the regression values and returns the embedding with its norm', () => {
    expect(interpretOutput('regression', [0.1, 0.2, 0.3, 0.4])).toEqual({
      kind: 'regression',
      task: 'regression',
      values: [
        { name: 'positivity', value: 0.1 },
        { name: 'intensity', value: 0.2 },
        { name: 'formality', value: 0.3 },
        { name: 'length', value: 0.4 },
      ],
    });
    const e = interpretOutput('similarity', [3, 4, 0, 0, 0, 0, 0, 0]);
    expect(e).toEqual({ kind: 'embedding', task: 'similarity', embedding: [3, 4, 0, 0, 0, 0, 0, 0], norm: 5 });
  });

  it('rejects an output of the wrong size or with a non-finite value', () => {
    expect(() => interpretOutput('sentiment', [1, 2, 3])).toThrow(
      /^output: .*expected 2 finite numbers for sentiment$/,
    );
    expect(() => interpretOutput('regression', [1, 2, 3, Number.NaN])).toThrow(InvalidOptionError);
  });
});

describe('cosine', () => {
  it('computes the cosine and is 0 for a zero vector', () => {
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(cosine([1, 2, 3], [-2, -4, -6])).toBe(-1);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });

  it('rejects vectors of different lengths or with non-finite values', () => {
    expect(() => cosine([1], [1, 2])).toThrow(InvalidOptionError);
    expect(() => cosine([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(/^a: /);
  });
});
