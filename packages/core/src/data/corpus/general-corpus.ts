import type { TaskName } from '../../model/tasks.js';
import { CORPORA } from './corpora.js';

/**
 * Each task's general corpus (at least 48 lines, every one explicitly labelled, classes balanced) in
 * the user format; each task's base model is pretrained on it. Parse with `parseLines`.
 */
export const GENERAL_CORPUS: Readonly<Record<TaskName, string>> = Object.freeze({
  sentiment: CORPORA.sentiment.general,
  classification: CORPORA.classification.general,
  similarity: CORPORA.similarity.general,
  regression: CORPORA.regression.general,
});
