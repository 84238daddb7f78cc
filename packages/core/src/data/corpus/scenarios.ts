import type { TaskName } from '../../model/tasks.js';
import { CORPORA } from './corpora.js';

/** A default fine-tuning scenario: where the base model is wrong and the user's lines fix it. */
export interface Scenario {
  /** A short title. */
  readonly title: string;
  /** Two or three sentences for learners. */
  readonly description: string;
}

/** The default scenario of each task, in plain English. */
export const SCENARIOS: Readonly<Record<TaskName, Scenario>> = Object.freeze({
  sentiment: CORPORA.sentiment.scenario,
  classification: CORPORA.classification.scenario,
  similarity: CORPORA.similarity.scenario,
  regression: CORPORA.regression.scenario,
});
