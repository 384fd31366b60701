import { describe, expect, it } from 'vitest';
import {
  type ColumnGeometry,
  columnLeft,
  contentWidth,
  EMPTY_WINDOW,
  isAtEnd,
  maxScrollLeft,
  scrollForKey,
  visibleColumns,
} from './virtual-columns';

const g: ColumnGeometry = { columnWidth: 50, labelWidth: 100, overscan: 2, endPadding: 20 };

describe('visible columns of the log grid', () => {
  it('at the start, shows what fits right of the labels plus the overscan', () => {
    // 400 px viewport - 100 px labels = 300 px = 6 columns, + 2 overscan on the right.
    expect(visibleColumns(0, 400, 10_000, g)).toEqual({ first: 1, last: 8 });
  });

  it('scrolled into the middle, overscans on both sides', () => {
    // 1000 px in: columns 21..26 are visible.
    expect(visibleColumns(1000, 400, 10_000, g)).toEqual({ first: 19, last: 28 });
  });

  it('a column partly visible counts as visible', () => {
    expect(visibleColumns(1025, 400, 10_000, { ...g, overscan: 0 })).toEqual({
      first: 21,
      last: 27,
    });
  });

  it('never goes past the last entry, however far the scroll', () => {
    const w = visibleColumns(maxScrollLeft(10_000, 400, g), 400, 10_000, g);
    expect(w.last).toBe(10_000);
    expect(w.last - w.first).toBeLessThan(12);
  });

  it('renders a bounded number of columns for any log length', () => {
    for (const count of [1, 10, 1000, 100_000]) {
      const w = visibleColumns(count * 25, 1200, count, g);
      expect(w.last - w.first + 1).toBeLessThanOrEqual(1100 / 50 + 2 * 2 + 1);
    }
  });

  it('an empty log or a zero-width viewport shows nothing', () => {
    expect(visibleColumns(0, 400, 0, g)).toEqual(EMPTY_WINDOW);
    expect(visibleColumns(0, 0, 100, g)).toEqual(EMPTY_WINDOW);
  });

  it('a negative scroll (overscroll bounce) counts as the start', () => {
    expect(visibleColumns(-30, 400, 100, g).first).toBe(1);
  });
});

describe('grid geometry', () => {
  it('the content is labels + one column per entry + end room', () => {
    expect(contentWidth(10_000, g)).toBe(100 + 500_000 + 20);
    expect(contentWidth(0, g)).toBe(120);
  });

  it('column i starts (i-1) widths into the track', () => {
    expect(columnLeft(1, g)).toBe(0);
    expect(columnLeft(3, g)).toBe(100);
  });

  it('no scrolling when everything fits', () => {
    expect(maxScrollLeft(2, 400, g)).toBe(0);
  });
});

describe('following the end', () => {
  it('is at the end within half a column of the right edge', () => {
    expect(isAtEnd(580, 400, 1000, g)).toBe(true);
    expect(isAtEnd(560, 400, 1000, g)).toBe(false);
  });

  it('content narrower than the viewport is always at the end', () => {
    expect(isAtEnd(0, 800, 400, g)).toBe(true);
  });
});

describe('keyboard scrolling', () => {
  const count = 100; // content 5120 px; with a 400 px viewport the max scroll is 4720.
  it.each([
    ['ArrowRight', 500, 550],
    ['ArrowLeft', 500, 450],
    ['ArrowLeft', 20, 0],
    ['PageDown', 500, 750],
    ['PageUp', 500, 250],
    ['Home', 500, 0],
    ['End', 500, 4720],
    ['ArrowRight', 4700, 4720],
  ])('%s from %d goes to %d', (key, from, to) => {
    expect(scrollForKey(key, from, 400, count, g)).toBe(to);
  });

  it('other keys are not scrolling keys', () => {
    expect(scrollForKey('c', 0, 400, count, g)).toBeNull();
    expect(scrollForKey('1', 0, 400, count, g)).toBeNull();
  });
});
