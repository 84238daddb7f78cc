import type { TaskName } from '../model/tasks.js';
import { featurize } from './featurize.js';

/** The model input for one text: the values of {@link featurize}, eight finite numbers in input order. */
export function featureVector(task: TaskName, text: string): number[] {
  return featurize(task, text).map((f) => f.value);
}
