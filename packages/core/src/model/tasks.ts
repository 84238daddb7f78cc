/** The four tasks of the simulator, in the order the demo lists them. */
export const TASKS = ['sentiment', 'classification', 'similarity', 'regression'] as const;

/** One of {@link TASKS}. */
export type TaskName = (typeof TASKS)[number];

/** Size of the model's raw output (fc3) for each task. */
export const TASK_OUTPUT_SIZE: Readonly<Record<TaskName, number>> = Object.freeze({
  sentiment: 2,
  classification: 4,
  similarity: 8,
  regression: 4,
});

/** Whether `value` names a task. */
export function isTaskName(value: unknown): value is TaskName {
  return typeof value === 'string' && (TASKS as readonly string[]).includes(value);
}

/** Class names of the classification tasks, in output order (index i is logit i). */
export const TASK_CLASSES: Readonly<Partial<Record<TaskName, readonly string[]>>> = Object.freeze({
  sentiment: Object.freeze(['negative', 'positive']),
  classification: Object.freeze(['news', 'review', 'question', 'comment']),
});
