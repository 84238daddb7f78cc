/** An opaque colour as red, green, blue in 0 to 255. */
export type Rgb = readonly [number, number, number];

/** A diverging colour scale: `negative` at −bound, `zero` at 0, `positive` at +bound. */
export interface DivergingScale {
  /** Colour of −bound and below. */
  readonly negative: Rgb;
  /** Colour of 0. */
  readonly zero: Rgb;
  /** Colour of +bound and above. */
  readonly positive: Rgb;
  /** The symmetric bound; 0 draws every entry in the zero colour. */
  readonly bound: number;
}

/**
 * The colour of one value: a straight line in sRGB from the zero colour to the end colour of the
 * value's sign, clamped at ±bound. sRGB is where CSS gradients interpolate too, so the legend's
 * colour bar and the cells agree. NaN gets the zero colour (the tooltip still says NaN).
 */
export function colorOf(value: number, scale: DivergingScale): Rgb {
  const t = scale.bound > 0 && !Number.isNaN(value) ? Math.min(1, Math.abs(value) / scale.bound) : 0;
  const end = value < 0 ? scale.negative : scale.positive;
  const { zero } = scale;
  return [
    Math.round(zero[0] + (end[0] - zero[0]) * t),
    Math.round(zero[1] + (end[1] - zero[1]) * t),
    Math.round(zero[2] + (end[2] - zero[2]) * t),
  ];
}

/**
 * Writes one opaque RGBA pixel per entry (row-major) into `pixels`, which holds rows·columns·4 bytes:
 * the matrix at one pixel per cell, to be scaled up by the canvas. Kept free of allocation per cell,
 * because a 1024 × 1024 matrix is a million of them.
 */
export function paintCells(
  values: readonly (readonly number[])[],
  columns: number,
  scale: DivergingScale,
  pixels: Uint8ClampedArray,
): void {
  const { negative, zero, positive, bound } = scale;
  const inverse = bound > 0 ? 1 / bound : 0;
  let p = 0;
  for (const row of values) {
    for (let j = 0; j < columns; j++) {
      const v = row[j] ?? NaN;
      const t = Number.isNaN(v) ? 0 : Math.min(1, Math.abs(v) * inverse);
      const end = v < 0 ? negative : positive;
      // Uint8ClampedArray rounds half to even on store; Math.round keeps colorOf and the canvas identical.
      pixels[p] = Math.round(zero[0] + (end[0] - zero[0]) * t);
      pixels[p + 1] = Math.round(zero[1] + (end[1] - zero[1]) * t);
      pixels[p + 2] = Math.round(zero[2] + (end[2] - zero[2]) * t);
      pixels[p + 3] = 255;
      p += 4;
    }
  }
}
