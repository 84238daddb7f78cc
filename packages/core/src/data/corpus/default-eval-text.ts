import type { TaskName } from '../../model/tasks.js';
import { CORPORA } from './corpora.js';

/** Each task's default held-out lines (10, explicitly labelled) for the scenario in `SCENARIOS`. */
export const DEFAULT_EVAL_TEXT: Readonly<Record<TaskName, string>> = Object.freeze({
  sentiment: CORPORA.sentiment.eval,
  classification: CORPORA.classification.eval,
  similarity: CORPORA.similarity.eval,
  regression: CORPORA.regression.eval,
});
