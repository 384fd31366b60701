/**
 * LogView: every node's log side by side, one column per log index, virtualised so a
 * 10,000-entry log scrolls smoothly. Reads the logs (patched in place) and re-renders when
 * `logVersion`, a row's marks (role, commit, applied, next/match) or the visible window
 * change, never just because a frame arrived.
 */
import { useState } from 'react';
import { nodeName } from '../../util/node-name';
import '../log/badges.css';
import '../log/log.css';
import { LogLegend } from '../log/LogLegend';
import { LogRow } from '../log/LogRow';
import { LogZoom } from '../log/LogZoom';
import { type LogSummary, summarize, summaryEqual } from '../log/markers';
import { useColumnWindow } from '../log/use-column-window';
import { usePacedStore } from '../log/use-paced-store';
import { usePinch } from '../log/use-pinch';
import {
  type ColumnGeometry,
  type ColumnWindow,
  columnLeft,
  contentWidth,
} from '../log/virtual-columns';
import { clampZoomStep, DEFAULT_ZOOM_STEP, zoomGeometry, zoomStyle } from '../log/zoom';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';
import { useNarrow } from '../use-narrow';

interface LogViewModel {
  readonly summary: LogSummary | null;
  readonly selected: number | null;
}

const selectModel = (s: StoreState): LogViewModel => ({
  summary: summarize(s.view),
  selected: s.selection.node,
});
const modelEqual = (a: LogViewModel, b: LogViewModel) =>
  a.selected === b.selected && summaryEqual(a.summary, b.summary);
/** A click on a node shows in its row at once; the logs themselves redraw at most this often. */
const selectionChanged = (a: LogViewModel, b: LogViewModel) => a.selected !== b.selected;
/**
 * The logs change every frame at a high speed; nobody reads faster than this, and the
 * grid is the page's costliest part to lay out. At full speed a column scrolls past
 * faster than it can be read at all: there it redraws less often still.
 */
const LOG_REDRAW_MS = 100;
const LOG_REDRAW_FULL_SPEED_MS = 500;

export function LogView() {
  const fullSpeed = useStore((s) => s.playback.speed === 'max');
  const { summary, selected } = usePacedStore(
    selectModel,
    modelEqual,
    fullSpeed ? LOG_REDRAW_FULL_SPEED_MS : LOG_REDRAW_MS,
    selectionChanged,
  );
  const pointedAt = useStore((s) => s.highlight.entries);
  // Zoom is for phones (buttons and pinch); a wider screen shows the grid at its size.
  const narrow = useNarrow();
  const [zoomStep, setZoomStep] = useState(DEFAULT_ZOOM_STEP);
  const zoom = narrow ? zoomStep : DEFAULT_ZOOM_STEP;
  const g = zoomGeometry(zoom);
  const columns = summary?.columns ?? 0;
  const scroll = useColumnWindow(columns, g);
  usePinch(scroll.ref, narrow, (by) => setZoomStep((z) => clampZoomStep(z + by)));
  if (summary === null) return null;
  const leaderLog = summary.leader === null ? null : (summary.logs[summary.leader] ?? null);
  return (
    <div className="logview" style={zoomStyle(zoom)}>
      <div className="logview-bar">
        <h2>Logs</h2>
        <span className="logview-count">
          {columns} {columns === 1 ? 'entry' : 'entries'} ·{' '}
          {summary.leader === null
            ? 'no leader'
            : `compared with leader ${nodeName(summary.leader)}`}
        </span>
        {scroll.following ? (
          <span className="logview-follow">showing the newest</span>
        ) : (
          <button type="button" className="logview-jump" onClick={scroll.jumpToEnd}>
            Jump to end →
          </button>
        )}
        {narrow && <LogZoom step={zoomStep} onStep={setZoomStep} />}
      </div>
      <section
        ref={scroll.ref}
        className="logview-scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll region must be focusable to scroll with keys
        tabIndex={0}
        aria-label="Logs, one row per node and one column per log index. Arrow keys, Page Up, Page Down, Home and End scroll."
        onScroll={scroll.onScroll}
        onKeyDown={scroll.onKeyDown}
      >
        <div className="logview-content" style={{ width: contentWidth(columns, g) }}>
          <IndexHeader visible={scroll.visible} g={g} />
          {summary.rows.map((row) => (
            <LogRow
              key={row.id}
              row={row}
              log={summary.logs[row.id] ?? []}
              leaderLog={row.isLeader ? null : leaderLog}
              visible={scroll.visible}
              g={g}
              selected={selected === row.id}
              logVersion={summary.logVersion}
              highlighted={entriesOf(pointedAt, row.id)}
            />
          ))}
          {columns === 0 && (
            <p className="logview-empty">
              No entries yet. A new leader adds a no-op entry; commands from the KV console follow.
            </p>
          )}
        </div>
      </section>
      <LogLegend />
    </div>
  );
}

function IndexHeader({ visible, g }: { visible: ColumnWindow; g: ColumnGeometry }) {
  const labels: React.ReactNode[] = [];
  for (let i = visible.first; i <= visible.last; i++) {
    labels.push(
      <span key={i} className="logindex" style={{ left: columnLeft(i, g) }}>
        {i}
      </span>,
    );
  }
  return (
    <div className="logview-header" aria-hidden="true">
      <span className="logview-corner">index</span>
      <div className="logview-header-track">{labels}</div>
    </div>
  );
}

const NONE: readonly number[] = [];

/** The indexes a lesson points at in one node's log (the same empty list when none). */
function entriesOf(entries: readonly { node: number; index: number }[], node: number) {
  const mine = entries.filter((e) => e.node === node).map((e) => e.index);
  return mine.length === 0 ? NONE : mine;
}
