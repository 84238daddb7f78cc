/**
 * The forms under which a lower-cased token is looked up in a word list, most specific first: the token
 * itself, then without a possessive `'s`, then without a plural `s` (only for words of four or more
 * letters not ending in `ss`, `us` or `is`, so that `officials` finds `official` but `bus` stays `bus`).
 */
export function wordForms(token: string): string[] {
  // Most tokens end in neither `s` nor `'s`: skip the allocations below for them (this runs per token).
  if (token.charCodeAt(token.length - 1) !== 115) return [token];
  const forms = [token];
  const base = token.endsWith("'s") ? token.slice(0, -2) : token;
  if (base !== token && base.length > 0) forms.push(base);
  if (base.length >= 4 && base.endsWith('s')) {
    const before = base.charAt(base.length - 2);
    if (before !== 's' && before !== 'u' && before !== 'i') forms.push(base.slice(0, -1));
  }
  return forms;
}
