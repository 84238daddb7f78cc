const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Presentation properties copied from the live picture into the exported file, so that it looks the
 * same without the element's stylesheet (custom properties and `color-mix()` are resolved by then).
 */
const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'color',
] as const;

/** Attributes that only make sense in the live, interactive picture. */
const DROPPED = ['tabindex', 'role', 'part', 'class', 'style', 'aria-pressed', 'aria-describedby', 'aria-label'];

/** Options of {@link serializeSvg}. */
export interface SerializeSvgOptions {
  /** Width of the picture, graph units. */
  readonly width: number;
  /** Height of the picture, graph units. */
  readonly height: number;
  /** Background colour painted behind everything (the exported file has no page behind it). */
  readonly background: string;
  /** Title stored in the file (its text alternative). */
  readonly title: string;
}

/**
 * A standalone SVG document of `source`'s picture: computed styles inlined, interactive attributes
 * and elements marked `data-export="omit"` (focus rings, hover state) dropped, the zoom and pan of
 * the `[data-export="world"]` group reset so the whole graph is shown at its natural size.
 */
export function serializeSvg(source: SVGSVGElement, options: SerializeSvgOptions): string {
  // Styles are read from the live picture: a fade-in or move still running would be frozen into the
  // file half-way (nodes at opacity 0 right after a change), so let them reach their end first.
  for (const animation of source.getAnimations({ subtree: true })) animation.finish();
  const clone = source.cloneNode(true) as SVGSVGElement;
  const live = [source, ...source.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  live.forEach((element, i) => {
    const copy = copies[i]!;
    if (element.getAttribute('data-export') === 'omit') return;
    const style = getComputedStyle(element);
    computed.set(element, style);
    // Every inlined property but opacity is inherited in SVG: write only what differs from the parent,
    // which keeps a neuron-level file with hundreds of edges small.
    const parent = element === source ? undefined : computed.get(element.parentElement!);
    const declarations: string[] = [];
    if (style.display === 'none') declarations.push('display:none');
    for (const name of INLINED) {
      const value = style.getPropertyValue(name);
      if (value === '') continue;
      if (name === 'opacity' ? value === '1' : parent?.getPropertyValue(name) === value) continue;
      declarations.push(`${name}:${value}`);
    }
    for (const name of [...copy.getAttributeNames()]) {
      if (DROPPED.includes(name) || name.startsWith('aria-')) copy.removeAttribute(name);
    }
    if (declarations.length > 0) copy.setAttribute('style', declarations.join(';'));
  });
  for (const omitted of clone.querySelectorAll('[data-export="omit"]')) omitted.remove();
  clone.querySelector('[data-export="world"]')?.removeAttribute('transform');

  const { width, height } = options;
  clone.setAttribute('width', String(Math.ceil(width)));
  clone.setAttribute('height', String(Math.ceil(height)));
  clone.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  clone.removeAttribute('aria-labelledby');
  clone.setAttribute('role', 'img');
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = options.title;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', options.background);
  clone.prepend(title, background);
  return new XMLSerializer().serializeToString(clone);
}

async function loadImage(src: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = src;
  await image.decode();
  return image;
}

/**
 * Renders an SVG document to a PNG: the browser draws it as an image from a blob URL (nothing leaves
 * the page) onto a canvas `pixelRatio` times its size. A page whose Content-Security-Policy allows
 * `data:` images but not `blob:` ones gets the same picture through a data URL.
 */
export async function svgToPng(svgText: string, width: number, height: number, pixelRatio = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  let image: HTMLImageElement;
  try {
    image = await loadImage(url);
  } catch {
    image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`);
  } finally {
    URL.revokeObjectURL(url);
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.ceil(width * pixelRatio));
  canvas.height = Math.max(1, Math.ceil(height * pixelRatio));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('lora-graph: this browser cannot draw on a canvas, so it cannot make a PNG.');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('lora-graph: the browser could not encode the PNG.'))),
      'image/png',
    ),
  );
}

/** Offers `blob` to the user as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.click();
  // The click starts the download synchronously; the URL only has to live until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
