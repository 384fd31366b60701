/**
 * The names people read for nodes: S1, S2, … as in the Raft paper and RaftScope. Ids stay
 * 0-based in code (the harness, traces, share links); every word a person reads goes
 * through here, so node 0 is S1 everywhere on the page, and key 1 selects it.
 */
import type { NodeId } from '../raft/types';

/** The name of node `id`: node 0 is S1. */
export function nodeName(id: NodeId): string {
  return `S${id + 1}`;
}

/** The node a person means by its number (the 2 of S2, or key 2): the inverse of nodeName. */
export function nodeIdOfNumber(n: number): NodeId {
  return n - 1;
}
