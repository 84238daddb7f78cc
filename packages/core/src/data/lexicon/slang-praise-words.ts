/**
 * Words whose dictionary sense is negative but which informal English often uses as praise ("this
 * track is sick", "killer battery life"). Each also sits in the sentiment lexicon with its negative,
 * dictionary valence; the sentiment featurizer reports their mass separately so that a model can learn
 * the informal sense from examples.
 */
export const SLANG_PRAISE_WORDS: readonly string[] = Object.freeze([
  'sick',
  'insane',
  'killer',
  'wicked',
  'filthy',
  'nasty',
  'ridiculous',
  'crazy',
  'mad',
  'savage',
  'deadly',
  'ill',
]);
