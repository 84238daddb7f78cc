import type { Box } from './layout.js';

/** Zoom and pan: a graph point p is drawn at `p · scale + (x, y)` in viewport pixels. */
export interface View {
  /** Zoom factor (1 = one graph unit per CSS pixel). */
  readonly scale: number;
  /** Horizontal offset, CSS pixels. */
  readonly x: number;
  /** Vertical offset, CSS pixels. */
  readonly y: number;
}

/** A size in CSS pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The smallest and largest zoom factors. */
export const MIN_SCALE = 0.1;
/** See {@link MIN_SCALE}. */
export const MAX_SCALE = 4;

/** The view before anything was measured: no zoom, no pan. */
export const IDENTITY_VIEW: View = { scale: 1, x: 0, y: 0 };

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/**
 * The view that shows all of `content` centred in `viewport`, never enlarged beyond `maxScale` (a small
 * graph stays at its natural size rather than filling a wide page with huge boxes).
 */
export function fitView(content: Size, viewport: Size, padding = 12, maxScale = 1.25): View {
  if (viewport.width < 1 || viewport.height < 1 || content.width <= 0 || content.height <= 0) return IDENTITY_VIEW;
  const scale = clampScale(
    Math.min(
      (viewport.width - 2 * padding) / content.width,
      (viewport.height - 2 * padding) / content.height,
      maxScale,
    ),
  );
  return {
    scale,
    x: (viewport.width - content.width * scale) / 2,
    y: (viewport.height - content.height * scale) / 2,
  };
}

/** Zooms by `factor` keeping the viewport point `at` (CSS pixels) fixed under the pointer. */
export function zoomAt(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
}

/** Moves the picture by (dx, dy) CSS pixels. */
export function panBy(view: View, dx: number, dy: number): View {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

/** Pans as little as possible so that `box` (graph units) is inside the viewport with `margin` pixels to spare. */
export function ensureVisible(view: View, box: Box, viewport: Size, margin = 24): View {
  const left = box.x * view.scale + view.x;
  const top = box.y * view.scale + view.y;
  const right = left + box.width * view.scale;
  const bottom = top + box.height * view.scale;
  let dx = 0;
  let dy = 0;
  if (right > viewport.width - margin) dx = viewport.width - margin - right;
  if (left + dx < margin) dx = margin - left;
  if (bottom > viewport.height - margin) dy = viewport.height - margin - bottom;
  if (top + dy < margin) dy = margin - top;
  return dx === 0 && dy === 0 ? view : panBy(view, dx, dy);
}

/** Where a graph-space box lands in the viewport, in CSS pixels. */
export function toViewport(view: View, box: Box): Box {
  return {
    x: box.x * view.scale + view.x,
    y: box.y * view.scale + view.y,
    width: box.width * view.scale,
    height: box.height * view.scale,
  };
}
