import type { TaskName } from '../model/tasks.js';

/** One named input feature of a text, as a featurizer computed it. */
export interface NamedFeature {
  /** Stable feature name, e.g. `positive` or `questionMark`. */
  readonly name: string;
  /** The value fed to the model at this input position. */
  readonly value: number;
  /** What in the text produced the value, e.g. `"great" +3, "not" flips "bad"`; empty when nothing did. */
  readonly evidence: string;
}

/** Where a label or target came from: typed after a TAB on the line, or inferred by the task's rules. */
export type LabelSource = 'explicit' | 'inferred';

/** A line of a classification task (sentiment or text classification), ready to train on. */
export interface ClassExample {
  /** The text as written (without the label column). */
  readonly text: string;
  /** The featurized text (the task's 8 features, in order). */
  readonly input: readonly number[];
  /** Class index into the task's class names. */
  readonly label: number;
  /** Whether the label was typed or inferred. */
  readonly source: LabelSource;
  /** 1-based line number in the parsed text. */
  readonly line: number;
}

/** A line of the regression task, ready to train on. */
export interface RegressionExample {
  /** The text as written (without the target column). */
  readonly text: string;
  /** The featurized text. */
  readonly input: readonly number[];
  /** The four targets, in the order of the task's target names. */
  readonly target: readonly number[];
  /** Whether the targets were typed or inferred. */
  readonly source: LabelSource;
  /** 1-based line number in the parsed text. */
  readonly line: number;
}

/** A line of the similarity task: two texts and how similar they are, ready to train on. */
export interface PairExample {
  /** The first text. */
  readonly text: string;
  /** The second text. */
  readonly text2: string;
  /** The first text featurized. */
  readonly input: readonly number[];
  /** The second text featurized. */
  readonly pair: readonly number[];
  /** Similarity from 0 (unrelated) to 1 (same meaning). */
  readonly score: number;
  /** Whether the score was typed or inferred. */
  readonly source: LabelSource;
  /** 1-based line number in the parsed text. */
  readonly line: number;
}

/** One training or evaluation example of any task. Each variant is also a valid trace sample. */
export type Example = ClassExample | RegressionExample | PairExample;

/** A line that could not be turned into an example, and why. */
export interface LineProblem {
  /** 1-based line number. */
  readonly line: number;
  /** What is wrong and what the line should look like. */
  readonly message: string;
}

/** The result of parsing user text for a task: the examples, and every bad line with its number. */
export interface ParsedLines<E extends Example = Example> {
  /** The task the text was parsed for. */
  readonly task: TaskName;
  /** One example per good, non-empty line, in order. */
  readonly examples: readonly E[];
  /** One entry per bad line (empty lines are skipped, not reported). */
  readonly problems: readonly LineProblem[];
}
