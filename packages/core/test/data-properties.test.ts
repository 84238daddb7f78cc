import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASKS } from '../src/index.js';
import { featurize } from '../src/data/featurize.js';
import { parseLines } from '../src/data/parse-lines.js';
import { inferSimilarity } from '../src/data/infer-similarity.js';
import { regressionTargets } from '../src/data/regression-targets.js';

// Any UTF-16 code unit, lone surrogates and control characters included.
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  codeUnits,
  fc
    .array(
      fc.constantFrom(
        'not',
        'very',
        'good',
        'SICK',
        'but',
        ':)',
        '😡',
        '!',
        '?',
        ' ',
        "don't",
        'kind of',
        'officials',
        'rain',
      ),
    )
    .map((words) => words.join(' ')),
);

function expectEightFinite(values: readonly number[]): void {
  expect(values).toHaveLength(8);
  for (const v of values) expect(Number.isFinite(v)).toBe(true);
}

describe('featurizers on any input', () => {
  it('return 8 named, finite features in [-1, 1] for any string and every task', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const task of TASKS) {
          const features = featurize(task, text);
          expectEightFinite(features.map((f) => f.value));
          for (const f of features) {
            expect(Math.abs(f.value)).toBeLessThanOrEqual(1);
            expect(typeof f.evidence).toBe('string');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('are deterministic: the same text gives the same features', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const task of TASKS) expect(featurize(task, text)).toEqual(featurize(task, String(text)));
      }),
      { numRuns: 100 },
    );
  });

  it('keep rule outputs in range for any text', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const score = inferSimilarity(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        for (const t of regressionTargets(a)) expect(t >= 0 && t <= 1).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('survive hostile text: a 100 kB line, HTML, emoji, NUL and lone surrogates', () => {
    const hostile = [
      `${'a very good day '.repeat(6400)}`.slice(0, 100_000),
      '<script>alert("x")</script><img src=x onerror=alert(1)>',
      '😀'.repeat(5000) + '👨‍👩‍👧‍👦🏳️‍🌈',
      '\u0000\u0001\u001b[31m\u007f',
      '\uD800\uDBFF\uDC00x\uDFFF',
      '\u202Eevil\u200B\uFEFF',
      '!'.repeat(10_000),
      "'".repeat(5000),
      ':'.repeat(3000) + ')'.repeat(3000),
    ];
    for (const text of hostile) for (const task of TASKS) expectEightFinite(featurize(task, text).map((f) => f.value));
  });
});

describe('parseLines on any input', () => {
  const column = fc.oneof(
    anyText,
    fc.constantFrom('positive', 'NEGATIVE', 'news', 'question', 'happy', '0.5', '1.5', '0.1,0.2,0.3,0.4', 'x,y', ''),
  );
  const line = fc.array(column, { minLength: 1, maxLength: 4 }).map((cols) => cols.join('\t'));
  const document = fc
    .array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 12 })
    .map((rows) => rows.map(([l, end]) => l + end).join(''));

  it('never throws and accounts for every non-blank line exactly once, by its 1-based number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TASKS), document, (task, text) => {
        const parsed = parseLines(task, text);
        const lines = text.split(/\r\n|\n|\r/);
        const seen = [...parsed.examples.map((e) => e.line), ...parsed.problems.map((p) => p.line)].sort(
          (a, b) => a - b,
        );
        const expected = lines.flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
        expect(seen).toEqual(expected);
        for (const p of parsed.problems) expect(p.message.startsWith(`line ${p.line}: `)).toBe(true);
        for (const e of parsed.examples) expectEightFinite(e.input);
      }),
      { numRuns: 300 },
    );
  });
});
