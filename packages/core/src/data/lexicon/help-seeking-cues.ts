/**
 * Words and phrases with which people ask a forum or a friend for help, with or without a question
 * mark (written for this project).
 */
export const HELP_SEEKING_CUES: readonly string[] = Object.freeze([
  'anyone',
  'anybody',
  'somebody',
  'help',
  'advice',
  'tips',
  'tip',
  'suggestion',
  'recommendation',
  'ideas',
  'idea',
  'wondering',
  'wonder',
  'how to',
  'how do i',
  'how can i',
  'figure out',
  'looking for',
  'stuck',
  'trying to',
  'not sure',
  'no idea',
  'is there a way',
  'best way',
  'any way',
  'explain',
  'clue',
  'pointers',
]);
