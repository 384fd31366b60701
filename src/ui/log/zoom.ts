/**
 * Zoom steps of the log grid (a phone's buttons and pinch). A step changes the column width
 * the windowing math uses and the sizes the CSS draws with, from one table, so the columns
 * rendered are always the ones on screen.
 */
import { LOG_GEOMETRY, ROW_CELL_HEIGHT, ROW_LANE_HEIGHT } from './geometry';
import type { ColumnGeometry } from './virtual-columns';

export const LOG_ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
export const DEFAULT_ZOOM_STEP = LOG_ZOOMS.indexOf(1);

/** One object per step, so hooks keyed on the geometry see a change only on a new step. */
const GEOMETRIES: readonly ColumnGeometry[] = LOG_ZOOMS.map((z) => ({
  ...LOG_GEOMETRY,
  columnWidth: Math.round(LOG_GEOMETRY.columnWidth * z),
}));

export function clampZoomStep(step: number): number {
  return Math.min(LOG_ZOOMS.length - 1, Math.max(0, Math.round(step)));
}

export function zoomGeometry(step: number): ColumnGeometry {
  return GEOMETRIES[clampZoomStep(step)]!;
}

/**
 * The grid's custom properties at a step. Zoomed out, cells only get narrower (their text
 * stays readable, the command is cut shorter); zoomed in, the text and the cells grow.
 */
export function zoomStyle(step: number): React.CSSProperties {
  return STYLES[clampZoomStep(step)]!;
}

const STYLES: readonly React.CSSProperties[] = LOG_ZOOMS.map((_, step) => styleAt(step));

function styleAt(step: number): React.CSSProperties {
  const z = LOG_ZOOMS[step]!;
  const grow = Math.max(1, z);
  const cell = Math.round(ROW_CELL_HEIGHT * grow);
  return {
    '--log-col': `${zoomGeometry(step).columnWidth}px`,
    '--log-label': `${LOG_GEOMETRY.labelWidth}px`,
    '--log-row': `${ROW_LANE_HEIGHT * 2 + cell + 1}px`,
    '--log-lane': `${ROW_LANE_HEIGHT}px`,
    '--log-cell': `${cell}px`,
    '--log-font': String(grow),
  } as React.CSSProperties;
}
