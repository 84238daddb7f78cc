/**
 * Words and phrases that scale the valence of the sentiment word right after them (written for this
 * project): boosters multiply it by 1.5, dampeners by 0.5. Kept disjoint from the sentiment lexicon so a
 * word is never both a modifier and an opinion.
 */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ...`very really so extremely super incredibly totally absolutely completely utterly truly highly hugely
  seriously remarkably exceptionally especially particularly insanely ridiculously deeply thoroughly
  terribly awfully enormously entirely fully purely damn bloody freaking too such mega massively majorly
  unbelievably`
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w): [string, number] => [w, 1.5]),
  ...[
    'slightly',
    'somewhat',
    'kind of',
    'sort of',
    'kinda',
    'sorta',
    'a bit',
    'a little',
    'a tad',
    'barely',
    'marginally',
    'mildly',
    'fairly',
    'partly',
    'partially',
    'relatively',
    'moderately',
  ].map((w): [string, number] => [w, 0.5]),
]);
