import { InvalidOptionError } from '../model/errors.js';
import { isTaskName, TASKS, type TaskName } from '../model/tasks.js';
import { classificationFeatures } from './classification-features.js';
import { regressionFeatures } from './regression-features.js';
import { sentimentFeatures } from './sentiment-features.js';
import { similarityFeatures } from './similarity-features.js';
import type { NamedFeature } from './types.js';

const FEATURIZERS: Readonly<Record<TaskName, (text: string) => NamedFeature[]>> = {
  sentiment: sentimentFeatures,
  classification: classificationFeatures,
  similarity: similarityFeatures,
  regression: regressionFeatures,
};

/**
 * Turns one text into the task's eight named input features, each with the evidence that produced it.
 * Deterministic across processes and platforms; never throws on any string.
 *
 * @example
 * featurize('sentiment', 'Not bad, but the battery is great!');
 * @throws InvalidOptionError for an unknown task.
 */
export function featurize(task: TaskName, text: string): NamedFeature[] {
  if (!isTaskName(task)) throw new InvalidOptionError('task', TASKS.join(', '), `unknown task "${String(task)}"`);
  return FEATURIZERS[task](typeof text === 'string' ? text : String(text));
}
