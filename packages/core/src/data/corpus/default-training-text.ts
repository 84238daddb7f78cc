import type { TaskName } from '../../model/tasks.js';
import { CORPORA } from './corpora.js';

/** Each task's default fine-tuning lines (16, explicitly labelled) for the scenario in `SCENARIOS`. */
export const DEFAULT_TRAINING_TEXT: Readonly<Record<TaskName, string>> = Object.freeze({
  sentiment: CORPORA.sentiment.training,
  classification: CORPORA.classification.training,
  similarity: CORPORA.similarity.training,
  regression: CORPORA.regression.training,
});
