/**
 * The partition tool's draft: which group (A, B, C) each node goes to before Apply. It is
 * the cluster view's own state (nothing else reads it), so it lives in a small store here
 * and both the toolbar (React) and the node drawing (d3) subscribe to it.
 */
import { create } from 'zustand';

export const GROUP_NAMES = ['A', 'B', 'C'] as const;
export type Group = 0 | 1 | 2;

export interface PartitionDraft {
  readonly active: boolean;
  /** The group a click puts a node in. */
  readonly brush: Group;
  /** groupOf[node]. */
  readonly groupOf: readonly Group[];
}

export const usePartitionDraft = create<PartitionDraft>(() => ({
  active: false,
  brush: 1,
  groupOf: [],
}));

export function startPartition(size: number): void {
  usePartitionDraft.setState({ active: true, brush: 1, groupOf: new Array(size).fill(0) });
}

export function cancelPartition(): void {
  usePartitionDraft.setState({ active: false });
}

export function setBrush(brush: Group): void {
  usePartitionDraft.setState({ brush });
}

/** Puts a node in the brush's group (or back in A if it already is in that group). */
export function assignNode(node: number): void {
  usePartitionDraft.setState((s) => {
    if (node < 0 || node >= s.groupOf.length) return s;
    const groupOf = s.groupOf.slice();
    groupOf[node] = groupOf[node] === s.brush && s.brush !== 0 ? 0 : s.brush;
    return { groupOf };
  });
}

/** The non-empty groups, as a partition action takes them. */
export function groupsOf(groupOf: readonly Group[]): number[][] {
  const groups: number[][] = [[], [], []];
  groupOf.forEach((g, node) => {
    groups[g]!.push(node);
  });
  return groups.filter((g) => g.length > 0);
}

/** Whether applying the draft would cut the link between these two nodes. */
export function cutByDraft(groupOf: readonly Group[], a: number, b: number): boolean {
  return groupOf[a] !== undefined && groupOf[b] !== undefined && groupOf[a] !== groupOf[b];
}
