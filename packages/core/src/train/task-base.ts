import { GENERAL_CORPUS } from '../data/corpus/general-corpus.js';
import { parseLines } from '../data/parse-lines.js';
import type { Example } from '../data/types.js';
import { InvalidOptionError } from '../model/errors.js';
import type { LoraModel } from '../model/lora-model.js';
import { isTaskName, TASKS, type TaskName } from '../model/tasks.js';
import { pretrainBase, pretrainBaseAsync, type PretrainOptions } from './pretrain.js';

/** The built-in general corpus of a task, parsed (every line carries an explicit label). */
export function generalExamples(task: TaskName): readonly Example[] {
  if (!isTaskName(task)) throw new InvalidOptionError('task', TASKS.join(', '), `got ${String(task)}`);
  const parsed = parseLines(task, GENERAL_CORPUS[task]);
  // The corpus ships with the library and its tests check it parses cleanly; a problem here is a bug.
  if (parsed.problems.length > 0) throw new Error(`general corpus of ${task}: ${parsed.problems[0]!.message}`);
  return parsed.examples;
}

/**
 * The task's base model: the toy MLP pretrained on the task's built-in general corpus
 * ({@link GENERAL_CORPUS}) with {@link pretrainBase}'s recipe, so that fine-tuning changes what it
 * already knows. Deterministic for a seed.
 *
 * @returns a new model without adapters; the caller disposes it.
 * @example
 * const base = createTaskBase('sentiment');
 * const result = await fineTune(base, parseLines('sentiment', DEFAULT_TRAINING_TEXT.sentiment).examples);
 */
export function createTaskBase(task: TaskName, options: PretrainOptions = {}): LoraModel {
  return pretrainBase(task, generalExamples(task), options);
}

/** {@link createTaskBase} for pages: the same weights, without holding the main thread; stops on `signal`. */
export function createTaskBaseAsync(
  task: TaskName,
  options: PretrainOptions & { signal?: AbortSignal } = {},
): Promise<LoraModel> {
  return pretrainBaseAsync(task, generalExamples(task), options);
}
