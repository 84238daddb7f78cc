/** Splits a whitespace-separated word list written as a template string into a frozen array. */
export function splitWords(list: string): readonly string[] {
  return Object.freeze(list.split(/\s+/).filter((w) => w.length > 0));
}
