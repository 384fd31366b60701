import { describe, expect, it } from 'vitest';
import { LOG_GEOMETRY } from './geometry';
import { visibleColumns } from './virtual-columns';
import { DEFAULT_ZOOM_STEP, LOG_ZOOMS, zoomGeometry, zoomStyle } from './zoom';

describe('zooming the log grid', () => {
  it('at the default step the grid is drawn as without zoom', () => {
    expect(zoomGeometry(DEFAULT_ZOOM_STEP)).toEqual(LOG_GEOMETRY);
    expect(zoomStyle(DEFAULT_ZOOM_STEP)['--log-col' as 'color']).toBe(
      `${LOG_GEOMETRY.columnWidth}px`,
    );
  });

  it('the windowing and the CSS use the same column width at every step', () => {
    LOG_ZOOMS.forEach((_, step) => {
      const g = zoomGeometry(step);
      expect(zoomStyle(step)['--log-col' as 'color']).toBe(`${g.columnWidth}px`);
    });
  });

  it('zoomed out, more columns are rendered for the same width; zoomed in, fewer', () => {
    const shown = (step: number) => visibleColumns(0, 390, 1000, zoomGeometry(step)).last;
    expect(shown(0)).toBeGreaterThan(shown(DEFAULT_ZOOM_STEP));
    expect(shown(LOG_ZOOMS.length - 1)).toBeLessThan(shown(DEFAULT_ZOOM_STEP));
  });

  it('steps past either end stay at the end', () => {
    expect(zoomGeometry(-3)).toBe(zoomGeometry(0));
    expect(zoomGeometry(99)).toBe(zoomGeometry(LOG_ZOOMS.length - 1));
  });

  it('the same step gives the same geometry object (hooks keyed on it stay put)', () => {
    expect(zoomGeometry(1)).toBe(zoomGeometry(1));
  });
});
