/** How many items an evidence string lists before it summarizes the rest (keeps long texts readable). */
export const MAX_EVIDENCE_ITEMS = 6;

/** Formats a number for evidence text: at most two decimals, a `+` on positive values (`+3`, `-1.5`, `0`). */
export function formatSigned(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const text = String(rounded === 0 ? 0 : rounded);
  return rounded > 0 ? `+${text}` : text;
}

/**
 * Joins evidence items with `; `, listing at most {@link MAX_EVIDENCE_ITEMS} (each through `format`,
 * which runs only on the listed ones, so huge texts stay cheap) and counting the rest.
 */
export function joinEvidence<T>(items: readonly T[], format: (item: T) => string = String): string {
  const listed = items.slice(0, MAX_EVIDENCE_ITEMS).map((item) => format(item));
  if (items.length <= MAX_EVIDENCE_ITEMS) return listed.join('; ');
  return `${listed.join('; ')}; and ${items.length - MAX_EVIDENCE_ITEMS} more`;
}

/** Quotes a token for evidence text, shortening very long ones. */
export function quote(token: string): string {
  return `"${token.length > 40 ? `${token.slice(0, 39)}…` : token}"`;
}
