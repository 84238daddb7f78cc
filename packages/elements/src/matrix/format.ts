/** The typographic minus sign: a hyphen is too short to read as a sign next to digits. */
const MINUS = '\u2212';

/**
 * A matrix entry with `digits` significant digits and a true minus sign: `−0.0123`, `0.5`, `1.235e−7`.
 * Trailing zeros are dropped; exponent notation is used outside [0.001, 100000), where a decimal would
 * need more than a handful of leading or trailing zeros. Zero (also −0) reads `0`.
 */
export function formatValue(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e-3 && magnitude < 1e5) {
    // Number() drops the trailing zeros toPrecision keeps; in this range String() never uses exponents.
    text = String(Number(value.toPrecision(digits)));
  } else {
    const [mantissa, exponent] = value.toExponential(digits - 1).split('e') as [string, string];
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    text = `${trimmed}e${exponent.replace('+', '')}`;
  }
  return text.replaceAll('-', MINUS);
}

/** A matrix shape as rows × columns: `16 × 8`. */
export function formatShape(rows: number, columns: number): string {
  return `${rows} × ${columns}`;
}
