/**
 * One node's row in the log grid: a sticky label (node, role, commit/applied numbers) and
 * the visible cells of its log, with the commit line and, for followers, the leader's
 * next/match markers. Renders only the columns in `visible`.
 */
import { memo } from 'react';
import type { Entry } from '../../raft/types';
import { nodeName } from '../../util/node-name';
import { termColor, textOn } from '../colors';
import { formatCommand } from '../format';
import { selectNode } from '../store/store';
import { commitment, describeEntry, isApplied, isConflict, type RowSummary } from './markers';
import { type ColumnGeometry, type ColumnWindow, columnLeft } from './virtual-columns';

interface LogRowProps {
  readonly row: RowSummary;
  readonly log: readonly Entry[];
  /** The reference leader's log, or null for the leader's own row (or no leader). */
  readonly leaderLog: readonly Entry[] | null;
  readonly visible: ColumnWindow;
  /** Column sizes at the grid's zoom. */
  readonly g: ColumnGeometry;
  readonly selected: boolean;
  /** Logs are patched in place: this tells memo that the entries changed. */
  readonly logVersion: number;
  /** Entries a lesson points at, by index. */
  readonly highlighted?: readonly number[];
}

export const LogRow = memo(function LogRow({
  row,
  log,
  leaderLog,
  visible,
  g,
  selected,
  highlighted,
}: LogRowProps) {
  const cells: React.ReactNode[] = [];
  const last = Math.min(visible.last, log.length);
  for (let i = visible.first; i <= last; i++) {
    const entry = log[i - 1]!;
    cells.push(
      <LogCell
        key={i}
        entry={entry}
        row={row}
        conflict={isConflict(entry, leaderLog)}
        left={columnLeft(i, g)}
        pointed={highlighted?.includes(i) === true}
      />,
    );
  }
  const role = row.role ?? 'crashed';
  // A second leader is one of an older term, cut off from the majority.
  const badge = role === 'leader' && !row.isLeader ? 'old leader' : role;
  const name = nodeName(row.id);
  const label = `${name} (${badge}) log: ${log.length} entries${
    row.commitIndex === null
      ? ', on disk'
      : `, commit ${row.commitIndex}, applied ${row.lastApplied}`
  }`;
  return (
    <div
      className={`logrow${row.alive ? '' : ' logrow-crashed'}${selected ? ' logrow-selected' : ''}`}
    >
      <button
        type="button"
        className="logrow-label"
        aria-pressed={selected}
        title={`${name}: click to show its details`}
        onClick={() => selectNode(selected ? null : row.id)}
      >
        <span className="logrow-name">
          {name}{' '}
          <span className={`role-badge role-badge--${badge.replace(' ', '-')}`}>{badge}</span>
        </span>
        {row.commitIndex === null ? (
          <span className="logrow-stat">log on disk: {log.length}</span>
        ) : (
          <>
            <span className="logrow-stat">commit {row.commitIndex}</span>
            <span className="logrow-stat">applied {row.lastApplied}</span>
          </>
        )}
      </button>
      <div className="logrow-track">
        <ol className="logrow-cells" aria-label={label}>
          {cells}
        </ol>
        <RowMarkers row={row} visible={visible} g={g} />
      </div>
    </div>
  );
});

function LogCell({
  entry,
  row,
  conflict,
  left,
  pointed,
}: {
  entry: Entry;
  row: RowSummary;
  conflict: boolean;
  left: number;
  pointed: boolean;
}) {
  const text = formatCommand(entry.command);
  const description = describeEntry(entry, text, row, conflict);
  const background = termColor(entry.term);
  const applied = isApplied(entry.index, row);
  const state = commitment(entry.index, row);
  // Uncommitted cells are washed out (see log.css): theme text reads better there.
  const color = state === 'uncommitted' ? undefined : textOn(background);
  return (
    <li
      aria-label={description}
      title={description}
      aria-posinset={entry.index}
      className={`logcell logcell-${state}${conflict ? ' logcell-conflict' : ''}${pointed ? ' highlighted' : ''}`}
      style={{
        left,
        backgroundColor: background,
        color,
      }}
    >
      <span className="logcell-top" aria-hidden="true">
        <span>t{entry.term}</span>
        {conflict ? <span className="logcell-flag">≠</span> : applied && <span>✓</span>}
      </span>
      <span className="logcell-cmd" aria-hidden="true">
        {text}
      </span>
    </li>
  );
}

/** Commit line (top lane) and the leader's next/match for this follower (bottom lane). */
function RowMarkers(props: { row: RowSummary; visible: ColumnWindow; g: ColumnGeometry }) {
  const { row, visible, g } = props;
  const near = (boundary: number) => boundary >= visible.first - 1 && boundary <= visible.last + 1;
  const marks: React.ReactNode[] = [];
  if (row.commitIndex !== null && row.commitIndex > 0 && near(row.commitIndex)) {
    marks.push(
      <Mark key="commit" kind="commit" left={columnLeft(row.commitIndex + 1, g)} tag="commit" />,
    );
  }
  const p = row.progress;
  if (p !== null) {
    if (p.matchIndex > 0 && near(p.matchIndex)) {
      marks.push(
        <Mark key="match" kind="match" left={columnLeft(p.matchIndex + 1, g)} tag="match" />,
      );
    }
    if (near(p.nextIndex - 1)) {
      const tag = `next${p.state === 'probe' ? ' (probe)' : ''}`;
      marks.push(<Mark key="next" kind="next" left={columnLeft(p.nextIndex, g)} tag={tag} />);
    }
  }
  return (
    <div className="logrow-marks" aria-hidden="true">
      {marks}
    </div>
  );
}

/** A vertical line on a boundary between two entries (`left` px into the track), with its tag. */
function Mark({ kind, left, tag }: { kind: string; left: number; tag: string }) {
  return (
    <div className={`logmark logmark-${kind}`} style={{ left }}>
      <span className="logmark-tag">{tag}</span>
    </div>
  );
}
