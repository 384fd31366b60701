/** Sizes of the log grid, shared by the windowing math and the CSS (set as custom properties). */
import type { ColumnGeometry } from './virtual-columns';

export const LOG_GEOMETRY: ColumnGeometry = {
  columnWidth: 58,
  labelWidth: 108,
  overscan: 4,
  // Room for the leader's "next" marker, which sits one past the longest log.
  endPadding: 72,
};

/** Lane for commit markers, entry cells, lane for next/match markers. */
export const ROW_LANE_HEIGHT = 15;
export const ROW_CELL_HEIGHT = 40;
/** Plus the 1px border between rows, so markers end where the sticky label does. */
export const ROW_HEIGHT = ROW_LANE_HEIGHT * 2 + ROW_CELL_HEIGHT + 1;
