import { InvalidOptionError } from '../model/errors.js';
import { isTaskName, TASK_CLASSES, TASKS, type TaskName } from '../model/tasks.js';
import { featureVector } from './feature-vector.js';
import { quote } from './format-evidence.js';
import { inferCategory } from './infer-category.js';
import { inferSentiment } from './infer-sentiment.js';
import { inferSimilarity } from './infer-similarity.js';
import { REGRESSION_TARGETS, regressionTargets } from './regression-targets.js';
import type { ClassExample, Example, LineProblem, PairExample, ParsedLines, RegressionExample } from './types.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const TARGET_NAMES = REGRESSION_TARGETS.map((t) => t.name).join(',');

/** A line's fault: thrown inside the parser, collected as a {@link LineProblem}. */
class LineFault {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

function listClasses(classes: readonly string[]): string {
  return classes.length <= 2 ? classes.join(' or ') : `${classes.slice(0, -1).join(', ')} or ${classes.at(-1)}`;
}

function parseNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function columns(line: string): string[] {
  return line.split('\t').map((c) => c.trim());
}

function classLine(task: 'sentiment' | 'classification', cols: string[], line: number): ClassExample {
  const classes = TASK_CLASSES[task]!;
  const format = `${task} takes text or text<TAB>label`;
  if (cols.length > 2) throw new LineFault(`${cols.length} columns separated by TABs; ${format}`);
  const [text, rawLabel] = cols as [string, string | undefined];
  if (text === '') throw new LineFault(`no text before the TAB; ${format}`);
  const input = featureVector(task, text);
  if (rawLabel === undefined) {
    const inferred = task === 'sentiment' ? inferSentiment(text) : inferCategory(text);
    return { text, input, label: inferred.label, source: 'inferred', line };
  }
  if (rawLabel === '') {
    throw new LineFault(`nothing after the TAB; write a label (${listClasses(classes)}) or remove the TAB`);
  }
  const label = classes.indexOf(rawLabel.toLowerCase());
  if (label < 0) {
    throw new LineFault(`label ${quote(rawLabel)} is not a class of ${task}; use ${listClasses(classes)}`);
  }
  return { text, input, label, source: 'explicit', line };
}

function regressionLine(cols: string[], line: number): RegressionExample {
  const format = `regression takes text or text<TAB>${TARGET_NAMES} (4 comma-separated numbers)`;
  if (cols.length > 2) throw new LineFault(`${cols.length} columns separated by TABs; ${format}`);
  const [text, rawTargets] = cols as [string, string | undefined];
  if (text === '') throw new LineFault(`no text before the TAB; ${format}`);
  const input = featureVector('regression', text);
  if (rawTargets === undefined) return { text, input, target: regressionTargets(text), source: 'inferred', line };
  if (rawTargets === '') throw new LineFault(`nothing after the TAB; write ${TARGET_NAMES} or remove the TAB`);
  const parts = rawTargets.split(',');
  if (parts.length !== REGRESSION_TARGETS.length) {
    throw new LineFault(`${parts.length} target${parts.length === 1 ? '' : 's'} after the TAB; ${format}`);
  }
  const target = parts.map((part, i) => {
    const value = parseNumber(part);
    if (value === undefined) {
      throw new LineFault(
        `target ${REGRESSION_TARGETS[i]!.name} ${quote(part.trim())} is not a finite number; ${format}`,
      );
    }
    return value;
  });
  return { text, input, target, source: 'explicit', line };
}

function pairLine(cols: string[], line: number): PairExample {
  const format = 'similarity takes text<TAB>text2 or text<TAB>text2<TAB>score (a number from 0 to 1)';
  if (cols.length > 3) throw new LineFault(`${cols.length} columns separated by TABs; ${format}`);
  const [text, text2, rawScore] = cols as [string, string | undefined, string | undefined];
  if (text === '') throw new LineFault(`no text before the TAB; ${format}`);
  if (text2 === undefined) throw new LineFault(`a similarity line needs two texts; ${format}`);
  if (text2 === '') throw new LineFault(`no second text after the TAB; ${format}`);
  const base = {
    text,
    text2,
    input: featureVector('similarity', text),
    pair: featureVector('similarity', text2),
    line,
  };
  if (rawScore === undefined) return { ...base, score: inferSimilarity(text, text2), source: 'inferred' };
  const score = parseNumber(rawScore);
  if (score === undefined || score < 0 || score > 1) {
    throw new LineFault(
      rawScore === ''
        ? `nothing after the second TAB; ${format}`
        : `score ${quote(rawScore)} is not a number from 0 to 1`,
    );
  }
  return { ...base, score, source: 'explicit' };
}

/** Parses user text for the sentiment or text-classification task. */
export function parseLines(task: 'sentiment' | 'classification', text: string): ParsedLines<ClassExample>;
/** Parses user text for the similarity task. */
export function parseLines(task: 'similarity', text: string): ParsedLines<PairExample>;
/** Parses user text for the regression task. */
export function parseLines(task: 'regression', text: string): ParsedLines<RegressionExample>;
/** Parses user text for any task. */
export function parseLines(task: TaskName, text: string): ParsedLines;
/**
 * Parses user text, one sample per line (`\n`, `\r\n` or `\r`): `text` alone gets an inferred label,
 * `text<TAB>label` an explicit one (class names case-insensitive; regression `v1,v2,v3,v4`; similarity
 * `text<TAB>text2[<TAB>score]`). Blank lines are skipped; every other line becomes exactly one example
 * or one {@link LineProblem} naming its 1-based line number and the accepted format. Never throws on
 * any text.
 *
 * @example
 * parseLines('sentiment', 'great film\tpositive\nmeh\thappy').problems[0]?.message;
 * // 'line 2: label "happy" is not a class of sentiment; use negative or positive'
 * @throws InvalidOptionError for an unknown task or a text that is not a string.
 */
export function parseLines(task: TaskName, text: string): ParsedLines {
  if (!isTaskName(task)) throw new InvalidOptionError('task', TASKS.join(', '), `unknown task "${String(task)}"`);
  if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', `got ${typeof text}`);
  const examples: Example[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cols = columns(raw);
    try {
      if (task === 'regression') examples.push(regressionLine(cols, line));
      else if (task === 'similarity') examples.push(pairLine(cols, line));
      else examples.push(classLine(task, cols, line));
    } catch (error) {
      if (!(error instanceof LineFault)) throw error;
      problems.push({ line, message: `line ${line}: ${error.message}` });
    }
  });
  return { task, examples, problems };
}
