import { expect } from '@esm-bundle/chai';
import '../src/lora-matrix.js';
import type { LoraMatrix } from '../src/index.js';
import { emulateMedia, moveMouse, press, resetMouse } from './support/browser-commands.js';

type Rgb = [number, number, number];

// The documented defaults (light scheme) of --lora-matrix-negative/zero/positive-color.
const NEGATIVE: Rgb = [0xd5, 0x5e, 0x00];
const ZERO: Rgb = [0xf2, 0xf2, 0xf2];
const POSITIVE: Rgb = [0x00, 0x72, 0xb2];
// Dark scheme defaults.
const DARK_ZERO: Rgb = [0x26, 0x2c, 0x36];
const DARK_POSITIVE: Rgb = [0x4a, 0xa3, 0xf0];

/** Independent of the element: the colour t of the way from zero to an end colour, per sRGB channel. */
function mix(zero: Rgb, end: Rgb, t: number): Rgb {
  return zero.map((z, k) => Math.round(z + (end[k]! - z) * t)) as Rgb;
}

async function mount(
  values: number[][],
  attributes: Record<string, string> = {},
  style: Record<string, string> = {},
): Promise<LoraMatrix> {
  const el = document.createElement('lora-matrix');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  for (const [name, value] of Object.entries(style)) el.style.setProperty(name, value);
  el.values = values;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function part<T extends Element = HTMLElement>(el: LoraMatrix, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`) as T | null;
}

function canvasOf(el: LoraMatrix): HTMLCanvasElement {
  const canvas = part<HTMLCanvasElement>(el, 'canvas');
  expect(canvas !== null, 'canvas part').to.equal(true);
  return canvas!;
}

/** The canvas pixel at the centre of a cell (0-based row and column). */
function pixel(el: LoraMatrix, row: number, column: number): Rgb {
  const canvas = canvasOf(el);
  const rows = el.values.length;
  const columns = el.values[0]!.length;
  const x = Math.floor(((column + 0.5) * canvas.width) / columns);
  const y = Math.floor(((row + 0.5) * canvas.height) / rows);
  const data = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data;
  return [data[0]!, data[1]!, data[2]!];
}

function liveText(el: LoraMatrix): string {
  const region = el.shadowRoot!.querySelector('[aria-live="polite"]');
  expect(region !== null, 'aria-live region').to.equal(true);
  return region!.textContent!.replace('\u200b', '').trim();
}

function tooltipText(el: LoraMatrix): string | null {
  return part(el, 'tooltip')?.textContent?.trim() ?? null;
}

/** Waits for style changes to land (the element repaints on the probe's transitionrun). */
async function frames(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Parses a shown value (`−0.0123`, `1.234e−5`) back into a number. */
function parseShown(text: string): number {
  return Number(text.replaceAll('\u2212', '-'));
}

before(async () => {
  await emulateMedia({ colorScheme: 'light' });
});

afterEach(async () => {
  for (const el of document.querySelectorAll('lora-matrix')) el.remove();
  await resetMouse();
});

describe('<lora-matrix> colours', () => {
  it('paints positive cells blue, negative cells orange and zero cells light, at the scale ends', async () => {
    const el = await mount([
      [1, -1, 0],
      [0.5, -0.25, 0],
    ]);
    expect(pixel(el, 0, 0)).to.deep.equal(POSITIVE);
    expect(pixel(el, 0, 1)).to.deep.equal(NEGATIVE);
    expect(pixel(el, 0, 2)).to.deep.equal(ZERO);
    // In between, the colour runs straight from the zero colour to the end colour of the sign.
    expect(pixel(el, 1, 0)).to.deep.equal(mix(ZERO, POSITIVE, 0.5));
    expect(pixel(el, 1, 1)).to.deep.equal(mix(ZERO, NEGATIVE, 0.25));
  });

  it('changes the colours when the scale attribute sets the bound', async () => {
    const el = await mount([[0.5, -0.5]]);
    // Unset: the matrix's own largest |value| (0.5) is the bound, so both cells reach the ends.
    expect(pixel(el, 0, 0)).to.deep.equal(POSITIVE);
    expect(pixel(el, 0, 1)).to.deep.equal(NEGATIVE);
    el.setAttribute('scale', '1');
    await el.updateComplete;
    expect(pixel(el, 0, 0)).to.deep.equal(mix(ZERO, POSITIVE, 0.5));
    expect(pixel(el, 0, 1)).to.deep.equal(mix(ZERO, NEGATIVE, 0.5));
    expect(part(el, 'legend')!.textContent).to.contain('1');
    el.setAttribute('scale', '0.25');
    await el.updateComplete;
    expect(pixel(el, 0, 0)).to.deep.equal(POSITIVE);
    expect(part(el, 'note')!.textContent).to.contain('beyond ±0.25');
    el.removeAttribute('scale');
    await el.updateComplete;
    expect(pixel(el, 0, 0)).to.deep.equal(POSITIVE);
    expect(part(el, 'note') === null, 'no clipping note').to.equal(true);
  });

  it('falls back to its own range, and says so, when the scale attribute is not a positive number', async () => {
    const el = await mount([[0.5, -0.5]], { scale: 'wide' });
    expect(pixel(el, 0, 0)).to.deep.equal(POSITIVE);
    expect(part(el, 'note')!.textContent).to.contain('scale="NaN" is not a positive number');
  });

  it('shows the bounds of the scale in its legend', async () => {
    const el = await mount([[0.125, -0.0625]]);
    const legend = part(el, 'legend')!.textContent!.replace(/\s+/g, ' ');
    expect(legend).to.contain('\u22120.125');
    expect(legend).to.contain('0.125');
    expect(legend).to.contain(' 0 ');
  });

  it('takes its colours from --lora-matrix-* custom properties, and repaints when they change', async () => {
    const el = await mount([[2, -2, 0]], {}, { '--lora-matrix-positive-color': 'rgb(0, 0, 255)' });
    expect(pixel(el, 0, 0)).to.deep.equal([0, 0, 255]);
    // Let the first resize observation (which also paints) pass, so that only the token change can repaint.
    await frames();
    el.style.setProperty('--lora-matrix-negative-color', '#ff0000');
    el.style.setProperty('--lora-matrix-zero-color', 'white');
    await frames();
    expect(pixel(el, 0, 1)).to.deep.equal([255, 0, 0]);
    expect(pixel(el, 0, 2)).to.deep.equal([255, 255, 255]);
  });

  it('repaints with the dark colours when the colour scheme turns dark', async () => {
    const el = await mount([[1, 0]]);
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await frames();
      expect(pixel(el, 0, 0)).to.deep.equal(DARK_POSITIVE);
      expect(pixel(el, 0, 1)).to.deep.equal(DARK_ZERO);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
    await frames();
    expect(pixel(el, 0, 1)).to.deep.equal(ZERO);
  });
});

describe('<lora-matrix> reading values', () => {
  const values = [
    [0.5, -0.0123, 7],
    [1234.5678, 0, -2.5],
    [0.00001234, -1, 3],
  ];

  it('is one tab stop, an image named by label, shape, min and max', async () => {
    const el = await mount(values, { label: 'ΔW₁', 'matrix-role': 'trainable' });
    const canvas = canvasOf(el);
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.tabIndex).to.equal(0);
    const focusable = el.shadowRoot!.querySelectorAll('[tabindex], button, input, select, a[href]');
    expect(focusable.length).to.equal(1);
    const name = canvas.getAttribute('aria-label')!;
    expect(name).to.contain('ΔW₁');
    expect(name).to.contain('3 by 3');
    expect(name).to.contain('min \u22122.5');
    expect(name).to.contain('max 1235');
    expect(name).to.contain('trainable');
    expect(part(el, 'shape')!.textContent).to.equal('3 × 3');
  });

  it('moves the active cell with the arrow keys and announces row, column and value', async () => {
    const el = await mount(values);
    canvasOf(el).focus();
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 1, column 1: 0.5');
    await press('ArrowRight');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 1, column 2: \u22120.0123');
    await press('ArrowDown');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 2, column 2: 0');
    await press('ArrowLeft');
    await el.updateComplete;
    // 4 significant digits.
    expect(liveText(el)).to.equal('row 2, column 1: 1235');
    await press('ArrowDown');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 3, column 1: 1.234e\u22125');
    expect(parseShown(liveText(el).split(': ')[1]!)).to.equal(0.00001234);
    await press('ArrowDown'); // the last row: stays
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 3, column 1: 1.234e\u22125');
    await press('ArrowUp');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 2, column 1: 1235');
  });

  it('goes to the ends of a row with Home and End, and to the corners with Ctrl', async () => {
    const el = await mount(values);
    canvasOf(el).focus();
    await press('ArrowDown');
    await press('End');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 2, column 3: \u22122.5');
    await press('Home');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 2, column 1: 1235');
    await press('Control+End');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 3, column 3: 3');
    await press('Control+Home');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 1, column 1: 0.5');
  });

  it('shows the active cell in a tooltip while focused, hidden again by Escape', async () => {
    const el = await mount(values);
    canvasOf(el).focus();
    await press('ArrowRight');
    await el.updateComplete;
    expect(tooltipText(el)).to.equal('row 1, column 2: \u22120.0123');
    expect(part(el, 'cursor') !== null, 'cursor drawn').to.equal(true);
    await press('Escape');
    await el.updateComplete;
    expect(tooltipText(el)).to.equal(null);
    canvasOf(el).blur();
    await el.updateComplete;
    expect(part(el, 'cursor') === null, 'no cursor without focus or hover').to.equal(true);
  });

  it('shows the hovered cell in a tooltip', async () => {
    const el = await mount(values);
    const rect = canvasOf(el).getBoundingClientRect();
    await moveMouse(rect.left + (rect.width * 2.5) / 3, rect.top + (rect.height * 1.5) / 3);
    await el.updateComplete;
    expect(tooltipText(el)).to.equal('row 2, column 3: \u22122.5');
    await moveMouse(rect.left + rect.width / 6, rect.top + rect.height / 6);
    await el.updateComplete;
    expect(tooltipText(el)).to.equal('row 1, column 1: 0.5');
    await moveMouse(rect.right + 40, rect.bottom + 40);
    await el.updateComplete;
    expect(tooltipText(el)).to.equal(null);
  });

  it('keeps the active cell inside the matrix when the values shrink', async () => {
    const el = await mount(values);
    canvasOf(el).focus();
    await press('Control+End');
    el.values = [[4, 5]];
    await el.updateComplete;
    await press('ArrowLeft');
    await el.updateComplete;
    expect(liveText(el)).to.equal('row 1, column 1: 4');
  });
});

describe('<lora-matrix> shape, role and bad input', () => {
  it('draws a 1024 × 1024 matrix within its max size, without throwing', async () => {
    const n = 1024;
    const big = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i - j) / n));
    const el = await mount(big, { label: 'W₂' });
    const canvas = canvasOf(el);
    expect(canvas.getBoundingClientRect().width).to.be.at.most(480);
    expect(canvas.width).to.be.greaterThan(0);
    expect(part(el, 'shape')!.textContent).to.equal('1024 × 1024');
    // Below the diagonal i > j (positive, blue); above it negative (orange).
    const [r1, , b1] = pixel(el, n - 1, 0);
    const [r2, , b2] = pixel(el, 0, n - 1);
    expect(b1).to.be.greaterThan(r1);
    expect(r2).to.be.greaterThan(b2);
  });

  it('sizes cells by cell-size and shows a thin matrix thin', async () => {
    const el = await mount([[1], [2], [3], [4]], { 'cell-size': '10' });
    const rect = canvasOf(el).getBoundingClientRect();
    expect(rect.width).to.be.closeTo(10, 0.01);
    expect(rect.height).to.be.closeTo(40, 0.01);
  });

  it('marks a frozen matrix with a lock, the word and a dashed frame; a trainable one with a solid frame', async () => {
    const frozen = await mount([[1]], { 'matrix-role': 'frozen', label: 'W' });
    expect(part(frozen, 'role')!.textContent!.trim()).to.equal('frozen');
    expect(part(frozen, 'role')!.querySelector('svg') !== null, 'icon').to.equal(true);
    expect(getComputedStyle(part(frozen, 'frame')!).borderTopStyle).to.equal('dashed');
    const trainable = await mount([[1]], { 'matrix-role': 'trainable', label: 'A' });
    expect(getComputedStyle(part(trainable, 'frame')!).borderTopStyle).to.equal('solid');
  });

  it('shows an alert instead of throwing when the rows differ in length', async () => {
    const el = await mount([[1, 2], [3]], { label: 'B' });
    expect(part(el, 'canvas') === null, 'no canvas').to.equal(true);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent!.replace(/\s+/g, ' ')).to.contain('row 2 has 1');
  });

  it('exposes its canvas and legend to ::part() styling', async () => {
    const style = document.createElement('style');
    style.textContent = 'lora-matrix::part(legend) { outline: 3px solid rgb(7, 8, 9); }';
    document.head.append(style);
    try {
      const el = await mount([[1]]);
      expect(getComputedStyle(part(el, 'legend')!).outlineColor).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });
});
