import type { Example } from '../data/types.js';
import { InvalidOptionError } from '../model/errors.js';
import type { ModelSpec } from '../model/lora-model.js';
import { TASK_CLASSES } from '../model/tasks.js';

function isFiniteVector(v: unknown, n: number): boolean {
  return Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function describeVector(v: unknown): string {
  if (!Array.isArray(v)) return String(v);
  const bad = v.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  return bad >= 0 ? `entry ${bad} is ${String(v[bad])}` : `${v.length} numbers`;
}

/** What a valid example of the model's task looks like, for error messages. */
function acceptedShape(spec: ModelSpec): string {
  const input = `an input of ${spec.inputDim} finite numbers`;
  const classes = TASK_CLASSES[spec.task];
  if (classes) return `examples with ${input} and a label from 0 to ${classes.length - 1} (${classes.join(', ')})`;
  if (spec.task === 'regression') return `examples with ${input} and a target of ${spec.outputDim} finite numbers`;
  return `pairs with ${input}, a second input (pair) of ${spec.inputDim} finite numbers and a score from 0 to 1`;
}

/**
 * Checks that every example fits the model's task (input length, label range, targets, pair and
 * score) and returns them; the error names the option and the line of the first bad example.
 *
 * @throws InvalidOptionError naming `field` (e.g. `examples` or `eval`) and the line.
 */
export function checkExamples(spec: ModelSpec, examples: unknown, field: string): readonly Example[] {
  const accepted = acceptedShape(spec);
  if (!Array.isArray(examples)) {
    throw new InvalidOptionError(field, `an array of ${accepted}`, `got ${String(examples)}`);
  }
  examples.forEach((example: unknown, i) => {
    const e = (example ?? {}) as Record<string, unknown>;
    const line = Number.isInteger(e.line) && (e.line as number) > 0 ? `line ${String(e.line)}` : `example ${i + 1}`;
    const fail = (detail: string): never => {
      throw new InvalidOptionError(field, accepted, `${line}: ${detail}`);
    };
    if (example === null || typeof example !== 'object') fail(`got ${String(example)}`);
    if (typeof e.text !== 'string') fail('text is not a string');
    if (!isFiniteVector(e.input, spec.inputDim)) {
      fail(`input has ${describeVector(e.input)}, the model takes ${spec.inputDim}`);
    }
    const classes = TASK_CLASSES[spec.task];
    if (classes) {
      const label = e.label;
      if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= classes.length) {
        fail(`label ${String(label)} is not a class of ${spec.task} (0 to ${classes.length - 1})`);
      }
    } else if (spec.task === 'regression') {
      if (!isFiniteVector(e.target, spec.outputDim)) {
        fail(`target has ${describeVector(e.target)}, the task has ${spec.outputDim}`);
      }
    } else {
      if (typeof e.text2 !== 'string') fail('text2 is not a string');
      if (!isFiniteVector(e.pair, spec.inputDim)) {
        fail(`pair has ${describeVector(e.pair)}, the model takes ${spec.inputDim}`);
      }
      const score = e.score;
      if (typeof score !== 'number' || !(score >= 0 && score <= 1)) fail(`score ${String(score)} is not from 0 to 1`);
    }
  });
  return examples as readonly Example[];
}
