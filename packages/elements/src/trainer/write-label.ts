import { TASK_CLASSES, type Example, type TaskName } from '@lora-viz/core';

/** A label to write on a line: a class name, the four regression targets, or a similarity score (0 to 1). */
export type LineLabel = string | readonly number[] | number;

/** Line breaks as `parseLines` splits on them; captured so that each line keeps its own. */
const LINE_BREAK = /(\r\n|\n|\r)/;

/**
 * Replaces line `line` (1-based, counted as `parseLines` counts) of `text` by `content`, keeping every
 * other character, including each line's own line break. A line past the end leaves `text` as it is.
 */
export function replaceLine(text: string, line: number, content: string): string {
  const pieces = text.split(LINE_BREAK);
  const index = 2 * (line - 1);
  if (!Number.isInteger(line) || line < 1 || index >= pieces.length) return text;
  pieces[index] = content;
  return pieces.join('');
}

/** The class after `current` in the task's class list, wrapping around (the chip's click). */
export function nextClass(task: TaskName, current: string): string {
  const classes = TASK_CLASSES[task] ?? [];
  const at = classes.indexOf(current);
  return classes[(at + 1) % classes.length] ?? current;
}

/** A number for a label column: shortest round-trip text, without exponent for ordinary values. */
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * The explicit form of an example's line with a new label: `text<TAB>class`, `text<TAB>v1,v2,v3,v4`
 * or `text<TAB>text2<TAB>score`, in the order `parseLines` reads.
 */
export function explicitLine(example: Example, label: LineLabel): string {
  if ('text2' in example) return `${example.text}\t${example.text2}\t${formatNumber(Number(label))}`;
  if (Array.isArray(label)) return `${example.text}\t${label.map(formatNumber).join(',')}`;
  return `${example.text}\t${String(label)}`;
}

/**
 * Writes an explicit label for one parsed example into the text it came from, replacing only that
 * example's line, so that every other line (good, bad or blank) stays exactly as typed.
 */
export function writeLabel(text: string, example: Example, label: LineLabel): string {
  return replaceLine(text, example.line, explicitLine(example, label));
}
