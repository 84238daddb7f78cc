import type { TaskName } from '../../model/tasks.js';
import { CLASSIFICATION_CORPUS } from './classification.js';
import { REGRESSION_CORPUS } from './regression.js';
import { SENTIMENT_CORPUS } from './sentiment.js';
import { SIMILARITY_CORPUS } from './similarity.js';
import type { TaskCorpus } from './task-corpus.js';

/** The built-in text of every task, written for this project. */
export const CORPORA: Readonly<Record<TaskName, TaskCorpus>> = Object.freeze({
  sentiment: SENTIMENT_CORPUS,
  classification: CLASSIFICATION_CORPUS,
  similarity: SIMILARITY_CORPUS,
  regression: REGRESSION_CORPUS,
});
