import { InvalidOptionError } from '../model/errors.js';

/**
 * Cosine similarity of two vectors of the same length, from −1 to 1; 0 when either is all zeros.
 *
 * @throws InvalidOptionError when the lengths differ or a value is not finite.
 */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) {
    throw new InvalidOptionError('b', `${a.length} numbers (the length of a)`, `got ${b.length}`);
  }
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new InvalidOptionError(Number.isFinite(x) ? 'b' : 'a', 'finite numbers', `element ${i} is not finite`);
    }
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  // Rounding can push |cos| a hair above 1 for parallel vectors.
  return Math.max(-1, Math.min(1, dot / (Math.sqrt(na) * Math.sqrt(nb))));
}
