/**
 * Horizontal windowing for the log grid: which log indices (columns) are on screen, how
 * wide the whole grid is, and where keys move the scroll position. Pure numbers, so the
 * view renders only the visible columns of a 10,000-entry log.
 *
 * Content coordinates: a sticky label column of `labelWidth` px on the left, then one
 * column of `columnWidth` px per log index (index 1 first).
 */

export interface ColumnGeometry {
  readonly columnWidth: number;
  readonly labelWidth: number;
  /** Columns rendered beyond each edge, so a quick scroll does not show a blank strip. */
  readonly overscan: number;
  /** Room after the last column for marker labels. */
  readonly endPadding: number;
}

/** Log indices first..last (1-based, inclusive) are rendered; empty when last < first. */
export interface ColumnWindow {
  readonly first: number;
  readonly last: number;
}

export const EMPTY_WINDOW: ColumnWindow = { first: 1, last: 0 };

export function contentWidth(count: number, g: ColumnGeometry): number {
  return g.labelWidth + Math.max(0, count) * g.columnWidth + g.endPadding;
}

/** The columns to render when the region is scrolled to `scrollLeft` and `viewportWidth` wide. */
export function visibleColumns(
  scrollLeft: number,
  viewportWidth: number,
  count: number,
  g: ColumnGeometry,
): ColumnWindow {
  if (count <= 0 || viewportWidth <= 0) return EMPTY_WINDOW;
  const left = Math.max(0, scrollLeft);
  // The sticky labels cover the first labelWidth px of the viewport.
  const trackWidth = Math.max(0, viewportWidth - g.labelWidth);
  const first = Math.floor(left / g.columnWidth) + 1 - g.overscan;
  const last = Math.ceil((left + trackWidth) / g.columnWidth) + g.overscan;
  const window = { first: Math.max(1, first), last: Math.min(count, last) };
  return window.last < window.first ? EMPTY_WINDOW : window;
}

export function sameWindow(a: ColumnWindow, b: ColumnWindow): boolean {
  return a.first === b.first && a.last === b.last;
}

/** Left edge of column `index` inside the track (the part right of the labels). */
export function columnLeft(index: number, g: ColumnGeometry): number {
  return (index - 1) * g.columnWidth;
}

export function maxScrollLeft(count: number, viewportWidth: number, g: ColumnGeometry): number {
  return Math.max(0, contentWidth(count, g) - viewportWidth);
}

/** Scrolled (close enough) to the right end: the view keeps following new entries. */
export function isAtEnd(
  scrollLeft: number,
  viewportWidth: number,
  scrollWidth: number,
  g: ColumnGeometry,
): boolean {
  return scrollLeft + viewportWidth >= scrollWidth - g.columnWidth / 2;
}

/** Where a key moves the scroll position, or null when the key is not a scrolling key. */
export function scrollForKey(
  key: string,
  scrollLeft: number,
  viewportWidth: number,
  count: number,
  g: ColumnGeometry,
): number | null {
  const max = maxScrollLeft(count, viewportWidth, g);
  const page = Math.max(g.columnWidth, viewportWidth - g.labelWidth - g.columnWidth);
  let target: number;
  switch (key) {
    case 'ArrowLeft':
      target = scrollLeft - g.columnWidth;
      break;
    case 'ArrowRight':
      target = scrollLeft + g.columnWidth;
      break;
    case 'PageUp':
      target = scrollLeft - page;
      break;
    case 'PageDown':
      target = scrollLeft + page;
      break;
    case 'Home':
      target = 0;
      break;
    case 'End':
      target = max;
      break;
    default:
      return null;
  }
  return Math.min(max, Math.max(0, target));
}
