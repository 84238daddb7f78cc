/** A matrix of numbers, row-major. A vector is one row. */
export interface Heatmap {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** `rows · cols` values, row-major. */
  readonly values: ArrayLike<number>;
}

/** An sRGB colour, 0 to 255 per channel. */
export type Rgb = readonly [number, number, number];

/** The three colours of a diverging scale. */
export interface DivergingColors {
  /** Colour of the most negative value. */
  readonly negative: Rgb;
  /** Colour of zero. */
  readonly zero: Rgb;
  /** Colour of the most positive value. */
  readonly positive: Rgb;
}

/** Smallest value, largest value, and the largest magnitude (the scale's half-width, 0 for all zeros). */
export interface HeatmapRange {
  readonly min: number;
  readonly max: number;
  readonly extent: number;
}

/** A heatmap from a list of rows. */
export function heatmapFromRows(rows: readonly (readonly number[])[]): Heatmap {
  const cols = rows[0]?.length ?? 0;
  const values = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => values.set(row, i * cols));
  return { rows: rows.length, cols, values };
}

/** The range of a heatmap's values. */
export function heatmapRange(map: Heatmap): HeatmapRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.values.length; i++) {
    const v = map.values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 0, extent: 0 };
  return { min, max, extent: Math.max(Math.abs(min), Math.abs(max)) };
}

/**
 * The colour of `value` on a diverging scale centred at 0: `zero` at 0, `positive` at +extent,
 * `negative` at −extent, linear in between. With extent 0 everything is `zero`.
 */
export function divergingColor(value: number, extent: number, colors: DivergingColors): Rgb {
  const t = extent > 0 ? Math.max(-1, Math.min(1, value / extent)) : 0;
  const end = t < 0 ? colors.negative : colors.positive;
  const w = Math.abs(t);
  const mix = (c: 0 | 1 | 2) => Math.round(colors.zero[c] + (end[c] - colors.zero[c]) * w);
  return [mix(0), mix(1), mix(2)];
}

/**
 * Parses any CSS colour to sRGB by letting a 2D context normalise it (it returns `#rrggbb` or
 * `rgba(…)`); `fallback` when the text is not a colour.
 */
export function parseColor(text: string, fallback: Rgb): Rgb {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return fallback;
  context.fillStyle = '#010203';
  context.fillStyle = text.trim();
  const normal = String(context.fillStyle);
  if (normal === '#010203' && text.trim() !== '#010203') return fallback;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(normal);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : fallback;
}

/**
 * Draws the heatmap one pixel per value into `canvas` (CSS scales it up with `image-rendering:
 * pixelated`), so a 1024×1024 matrix costs one `putImageData`, not a million elements.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, map: Heatmap, colors: DivergingColors): HeatmapRange {
  const range = heatmapRange(map);
  canvas.width = Math.max(1, map.cols);
  canvas.height = Math.max(1, map.rows);
  const context = canvas.getContext('2d');
  if (!context || map.cols === 0 || map.rows === 0) return range;
  const image = context.createImageData(map.cols, map.rows);
  for (let i = 0; i < map.values.length; i++) {
    const [r, g, b] = divergingColor(map.values[i]!, range.extent, colors);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  return range;
}

/**
 * CSS size of a heatmap's cells: as large as fits `maxWidth` × `maxHeight` pixels, at most 18 and at
 * least 1 pixel per value (square cells).
 */
export function heatmapCellSize(map: Heatmap, maxWidth = 240, maxHeight = 160): number {
  const fit = Math.min(maxWidth / Math.max(1, map.cols), maxHeight / Math.max(1, map.rows), 18);
  return Math.max(1, Math.floor(fit));
}
