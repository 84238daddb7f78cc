import { classificationSignals } from './classification-signals.js';
import type { FeatureSpec } from './feature-spec.js';
import { joinEvidence, quote } from './format-evidence.js';
import type { NamedFeature } from './types.js';

/** The eight input features of the text-classification task, in input order. */
export const CLASSIFICATION_FEATURES: readonly FeatureSpec[] = Object.freeze([
  {
    name: 'questionMark',
    description:
      '1 when the text ends with "?" (emoji and emoticons after it aside), 0.5 when it has a "?" elsewhere, else 0.',
  },
  {
    name: 'questionOpening',
    description:
      '1 when the first word is a wh-word (what, why, how…; not "what a") or an auxiliary followed by a subject (can you, is this, does anyone), else 0.',
  },
  {
    name: 'helpSeeking',
    description:
      'min(1, H / 2), where H counts help-seeking cues such as anyone, advice, tips, how to, looking for (0 to 1).',
  },
  {
    name: 'personal',
    description: 'min(1, P / 3), where P counts first- and second-person pronouns (I, my, we, you, your…) (0 to 1).',
  },
  {
    name: 'newsWords',
    description:
      'min(1, W / 3), where W counts news vocabulary such as officials, reported, according to, percent (0 to 1).',
  },
  {
    name: 'reviewWords',
    description:
      'min(1, R / 3), where R counts review vocabulary such as bought, stars, price, quality, delivery (0 to 1).',
  },
  {
    name: 'numbers',
    description: 'min(1, D / 3), where D counts numbers, "%" and currency signs, month and weekday names (0 to 1).',
  },
  {
    name: 'opinion',
    description:
      'min(1, O / 2), where O counts opinion markers (I think, honestly, lol, love…), emoji and emoticons, and "!" (at most two) (0 to 1).',
  },
]);

/** Quotes a cue for evidence, except the currency placeholder. */
function cue(term: string): string {
  return term === 'currency sign' ? term : quote(term);
}

/**
 * The text-classification task's eight features of a text (see {@link CLASSIFICATION_FEATURES}), with evidence.
 *
 * @example
 * classificationFeatures('Officials reported a 3 percent rise').map((f) => f.value); // [0, 0, 0, 0, 1, 0, 0.67, 0]
 */
export function classificationFeatures(text: string): NamedFeature[] {
  const s = classificationSignals(text);
  const t = s.tokenized;
  const questionMark = t.endsWithQuestion ? 1 : t.questionMarks > 0 ? 0.5 : 0;
  const values: [number, string][] = [
    [questionMark, t.endsWithQuestion ? 'ends with "?"' : t.questionMarks > 0 ? '"?" inside the text' : ''],
    [s.questionOpening === null ? 0 : 1, s.questionOpening === null ? '' : `starts with ${s.questionOpening}`],
    [Math.min(1, s.help.length / 2), joinEvidence(s.help, cue)],
    [Math.min(1, s.personal.length / 3), joinEvidence(s.personal, cue)],
    [Math.min(1, s.news.length / 3), joinEvidence(s.news, cue)],
    [Math.min(1, s.review.length / 3), joinEvidence(s.review, cue)],
    [Math.min(1, s.numbers.length / 3), joinEvidence(s.numbers, cue)],
    [Math.min(1, s.opinion.length / 2), joinEvidence(s.opinion, cue)],
  ];
  return CLASSIFICATION_FEATURES.map((spec, i) => ({ name: spec.name, value: values[i]![0], evidence: values[i]![1] }));
}
