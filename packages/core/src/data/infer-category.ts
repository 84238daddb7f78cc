import { TASK_CLASSES } from '../model/tasks.js';
import { classificationSignals } from './classification-signals.js';
import { quote } from './format-evidence.js';
import type { InferredClass } from './infer-sentiment.js';

function result(className: string, reason: string): InferredClass {
  return { label: TASK_CLASSES.classification!.indexOf(className), className, reason };
}

/**
 * The text-classification label rule, first match wins:
 * 1. `question` when the text ends with "?" or opens with a question (a wh-word, or an auxiliary
 *    followed by a subject: "can you", "is this");
 * 2. `news` when it has at least two news words, more news than review words, and no first- or
 *    second-person pronoun;
 * 3. `review` when it has at least one review word and at least as many review as news words;
 * 4. `comment` otherwise.
 */
export function inferCategory(text: string): InferredClass {
  const s = classificationSignals(text);
  if (s.tokenized.endsWithQuestion) return result('question', 'ends with "?"');
  if (s.questionOpening !== null) return result('question', `opens with ${s.questionOpening}`);
  const news = s.news.length;
  const review = s.review.length;
  if (news >= 2 && news > review && s.personal.length === 0) {
    return result('news', `${news} news words (${s.news.slice(0, 3).map(quote).join(', ')}) and no I/you`);
  }
  if (review >= 1 && review >= news) {
    return result(
      'review',
      `${review} review word${review === 1 ? '' : 's'} (${s.review.slice(0, 3).map(quote).join(', ')})`,
    );
  }
  return result('comment', 'no question, news or review cues');
}
