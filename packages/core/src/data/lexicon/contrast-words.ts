/**
 * Contrast words (written for this project). `shift` words (`but`) move the weight to what follows:
 * the clause before counts half, the clause after one and a half times. `concede` words (`although`)
 * introduce a clause that counts half, up to the next `,` `;` `.` `!` or `?`.
 */
export const CONTRAST_WORDS: Readonly<{ shift: readonly string[]; concede: readonly string[] }> = Object.freeze({
  shift: Object.freeze(['but', 'however', 'nevertheless', 'nonetheless']),
  concede: Object.freeze(['although', 'though', 'whereas', 'despite']),
});
