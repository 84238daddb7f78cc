import type { TaskName } from '../model/tasks.js';
import { CLASSIFICATION_FEATURES } from './classification-features.js';
import type { FeatureSpec } from './feature-spec.js';
import { REGRESSION_FEATURES } from './regression-features.js';
import { SENTIMENT_FEATURES } from './sentiment-features.js';
import { SIMILARITY_FEATURES } from './similarity-features.js';

/** The eight documented input features of each task, in input order (the model's input size is 8). */
export const FEATURES: Readonly<Record<TaskName, readonly FeatureSpec[]>> = Object.freeze({
  sentiment: SENTIMENT_FEATURES,
  classification: CLASSIFICATION_FEATURES,
  similarity: SIMILARITY_FEATURES,
  regression: REGRESSION_FEATURES,
});
