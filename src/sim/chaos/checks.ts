/**
 * The end-of-run checks, beyond the invariants the cluster checks after every event:
 * committed prefixes agree, each node applied exactly its committed prefix, and every
 * command seen committed is applied by every node exactly once, at its index.
 */
import { sameCommand } from '../../check/log-registry';
import type { Entry, NodeId } from '../types';
import { commandNumber, type Submission } from './workload';

/** What the checks read of one node at the end of a run. */
export interface FinalNode {
  readonly id: NodeId;
  readonly log: readonly Entry[];
  readonly commitIndex: number;
  readonly applied: readonly Entry[];
}

/** Most sentences one check reports; the rest are counted. */
export const FAILURES_MAX = 20;

export class Failures {
  readonly sentences: string[] = [];
  private more = 0;

  add(sentence: string): void {
    if (this.sentences.length < FAILURES_MAX) this.sentences.push(sentence);
    else this.more++;
  }

  list(): string[] {
    return this.more === 0
      ? this.sentences.slice()
      : [...this.sentences, `... and ${this.more} more failures`];
  }
}

export function checkFinalState(
  nodes: readonly FinalNode[],
  committed: readonly Submission[],
  seed: number,
): string[] {
  const failures = new Failures();
  checkCommittedPrefixes(nodes, failures);
  for (const node of nodes) checkAppliedPrefix(node, failures);
  checkCommittedCommands(nodes, committed, seed, failures);
  return failures.list();
}

/** Every node's committed prefix is a prefix of the longest one. */
function checkCommittedPrefixes(nodes: readonly FinalNode[], failures: Failures): void {
  let longest = nodes[0];
  for (const node of nodes)
    if (longest === undefined || node.commitIndex > longest.commitIndex) longest = node;
  if (longest === undefined) return;
  for (const node of nodes) {
    for (let i = 0; i < node.commitIndex; i++) {
      const mine = node.log[i];
      const theirs = longest.log[i];
      if (!sameEntry(mine, theirs)) {
        failures.add(
          `Committed prefixes: node ${node.id} holds ${describeEntry(mine)} at index ${i + 1}, node ${longest.id} holds ${describeEntry(theirs)}`,
        );
        break;
      }
    }
  }
}

/** A node applied its log's committed prefix, in order, nothing else. */
function checkAppliedPrefix(node: FinalNode, failures: Failures): void {
  if (node.applied.length !== node.commitIndex) {
    failures.add(
      `Applied sequence: node ${node.id} applied ${node.applied.length} entries with commit index ${node.commitIndex}`,
    );
  }
  for (let i = 0; i < node.applied.length; i++) {
    if (!sameEntry(node.applied[i], node.log[i])) {
      failures.add(
        `Applied sequence: node ${node.id} applied ${describeEntry(node.applied[i])} at index ${i + 1}, its log holds ${describeEntry(node.log[i])}`,
      );
      return;
    }
  }
}

function checkCommittedCommands(
  nodes: readonly FinalNode[],
  committed: readonly Submission[],
  seed: number,
  failures: Failures,
): void {
  for (const node of nodes) {
    const positions = commandPositions(node.applied, seed);
    for (const [n, indices] of positions) {
      if (indices.length > 1) {
        failures.add(
          `Exactly once: node ${node.id} applied command ${n} ${indices.length} times, at indices ${indices.join(', ')}`,
        );
      }
    }
    for (const sub of committed) {
      const at = positions.get(sub.n);
      if (at === undefined || at[0] !== sub.index) {
        failures.add(
          `Committed commands: command ${sub.n}, seen committed at index ${sub.index} term ${sub.term} by node ${sub.node}, is ${at === undefined ? 'missing from' : `at index ${at.join(', ')} of`} node ${node.id}'s applied sequence`,
        );
      } else if (node.applied[sub.index - 1]!.term !== sub.term) {
        failures.add(
          `Committed commands: node ${node.id} applied command ${sub.n} at index ${sub.index} with term ${node.applied[sub.index - 1]!.term}, not ${sub.term}`,
        );
      }
    }
  }
}

/** Workload number → the indices where it was applied. */
function commandPositions(applied: readonly Entry[], seed: number): Map<number, number[]> {
  const positions = new Map<number, number[]>();
  for (const e of applied) {
    const n = commandNumber(e.command, seed);
    if (n === null) continue;
    const list = positions.get(n);
    if (list === undefined) positions.set(n, [e.index]);
    else list.push(e.index);
  }
  return positions;
}

function sameEntry(a: Entry | undefined, b: Entry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.index === b.index && a.term === b.term && sameCommand(a.command, b.command);
}

function describeEntry(e: Entry | undefined): string {
  if (e === undefined) return 'nothing';
  return `entry ${e.index} of term ${e.term} (${JSON.stringify(e.command) ?? 'undefined'})`;
}
