/**
 * What the log grid marks, computed from a cluster view: one summary per node row (role,
 * commit and applied indices, the leader's next/match for it), which leader the rows are
 * compared with, and which entries conflict with that leader's log. Pure, so the view can
 * skip rendering when the summary did not change and the rules are unit-tested.
 */
import type { FollowerProgressView } from '../../raft/node';
import type { Entry, NodeId, Role } from '../../raft/types';
import type { NodeSnapshot } from '../../runtime/snapshot';
import type { ClusterView } from '../store/types';
import { plainEqual } from './plain-equal';

export interface RowSummary {
  readonly id: NodeId;
  readonly alive: boolean;
  /** null when crashed (the role is volatile). */
  readonly role: Role | null;
  /** Volatile indices; null when crashed. */
  readonly commitIndex: number | null;
  readonly lastApplied: number | null;
  /** The reference leader's view of this follower; null for the leader itself or no leader. */
  readonly progress: Pick<FollowerProgressView, 'nextIndex' | 'matchIndex' | 'state'> | null;
  /** This row is the leader every other row is compared with. */
  readonly isLeader: boolean;
}

export interface LogSummary {
  readonly rows: readonly RowSummary[];
  readonly leader: NodeId | null;
  /** Patched in place: compared by reference, with `logVersion` telling that they changed. */
  readonly logs: ReadonlyArray<readonly Entry[]>;
  readonly logVersion: number;
  /** Longest log: the number of columns. */
  readonly columns: number;
}

/**
 * The leader the grid compares logs with: the cluster's leader if it is alive and leading,
 * else the alive leader with the highest term (a stale leader may linger in a partition).
 */
export function referenceLeader(
  nodes: readonly NodeSnapshot[],
  hint: NodeId | null,
): NodeId | null {
  const hinted = hint === null ? undefined : nodes[hint];
  if (hinted?.status?.role === 'leader') return hint;
  let best: NodeSnapshot | null = null;
  for (const n of nodes) {
    if (n.status?.role !== 'leader') continue;
    if (best === null || n.status.term > best.status!.term) best = n;
  }
  return best === null ? null : best.id;
}

export function summarize(view: ClusterView | null): LogSummary | null {
  if (view === null) return null;
  const leader = referenceLeader(view.nodes, view.leader);
  const progress = leader === null ? [] : (view.nodes[leader]?.status?.progress ?? []);
  const rows = view.nodes.map((n): RowSummary => {
    const p = progress.find((x) => x.peer === n.id);
    return {
      id: n.id,
      alive: n.alive && n.status !== null,
      role: n.status?.role ?? null,
      commitIndex: n.status?.commitIndex ?? null,
      lastApplied: n.status?.lastApplied ?? null,
      progress:
        p === undefined
          ? null
          : { nextIndex: p.nextIndex, matchIndex: p.matchIndex, state: p.state },
      isLeader: n.id === leader,
    };
  });
  let columns = 0;
  for (const log of view.logs) columns = Math.max(columns, log.length);
  return { rows, leader, logs: view.logs, logVersion: view.logVersion, columns };
}

export function summaryEqual(a: LogSummary | null, b: LogSummary | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.logs === b.logs &&
    a.logVersion === b.logVersion &&
    a.columns === b.columns &&
    a.leader === b.leader &&
    plainEqual(a.rows, b.rows)
  );
}

/** How an entry is drawn: committed (solid), uncommitted (hatched), or unknown (crashed). */
export type Commitment = 'committed' | 'uncommitted' | 'unknown';

export function commitment(index: number, row: RowSummary): Commitment {
  if (row.commitIndex === null) return 'unknown';
  return index <= row.commitIndex ? 'committed' : 'uncommitted';
}

export function isApplied(index: number, row: RowSummary): boolean {
  return row.lastApplied !== null && index <= row.lastApplied;
}

/**
 * The entry differs from the leader's at the same index (a different term means a
 * different entry, by the Log Matching property, §5.3). No leader or no leader entry
 * there: nothing to compare with, so no conflict.
 */
export function isConflict(entry: Entry, leaderLog: readonly Entry[] | null): boolean {
  if (leaderLog === null) return false;
  const theirs = leaderLog[entry.index - 1];
  return theirs !== undefined && theirs.term !== entry.term;
}

/** A short spoken description of one entry, for its accessible name and tooltip. */
export function describeEntry(
  entry: Entry,
  commandText: string,
  row: RowSummary,
  conflict: boolean,
): string {
  const state = commitment(entry.index, row);
  const parts = [`Entry ${entry.index}`, `term ${entry.term}`, commandText];
  if (state === 'committed') parts.push('committed');
  else if (state === 'uncommitted') parts.push('not committed yet');
  else parts.push('on disk (node crashed)');
  if (isApplied(entry.index, row)) parts.push('applied');
  if (conflict) parts.push("conflicts with the leader's entry");
  return parts.join(', ');
}
