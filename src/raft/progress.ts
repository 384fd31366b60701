import type { Snapshot } from './types';

/**
 * What a leader knows about one follower (etcd's tracker.Progress).
 * - `probe`: the leader does not know where the logs match; one AppendEntries at a time,
 *   backtracking on rejection (fast, by conflict term).
 * - `replicate`: logs match up to matchIndex; entries stream optimistically (pipelining),
 *   at most `inflightMax` unacknowledged batches.
 * - `snapshot`: the follower is behind the leader's snapshot; the leader sends it the
 *   snapshot, chunk by chunk, and no entries until it is installed.
 */
export type ProgressState = 'probe' | 'replicate' | 'snapshot';

export interface Inflight {
  /** Last index carried by the batch. */
  readonly lastIndex: number;
  readonly sentAt: number;
}

export interface Progress {
  state: ProgressState;
  matchIndex: number;
  nextIndex: number;
  /** Probe state: a probe is outstanding; wait for its reply or the next heartbeat. */
  probeSent: boolean;
  /** Replicate state: unacknowledged batches, oldest first. */
  inflights: Inflight[];
  /** The highest leaderCommit sent to this follower. */
  commitSent: number;
  /**
   * Replicate state: where the earliest batch the follower dropped starts (Infinity if
   * none). A batch that overtakes an earlier one on the network is rejected and dropped,
   * not kept, so it must be sent again once the gap before it is filled.
   */
  discardedFrom: number;
  /** Snapshot state: the snapshot being sent, and how much of it the follower holds. */
  sending: { readonly snapshot: Snapshot; received: number } | null;
}

export function newProgress(lastIndex: number): Progress {
  return {
    state: 'probe',
    matchIndex: 0,
    nextIndex: lastIndex + 1,
    probeSent: false,
    inflights: [],
    commitSent: 0,
    discardedFrom: Infinity,
    sending: null,
  };
}

export function becomeSnapshot(pr: Progress, snapshot: Snapshot): void {
  pr.state = 'snapshot';
  pr.sending = { snapshot, received: 0 };
  pr.probeSent = false;
  pr.inflights = [];
  pr.discardedFrom = Infinity;
}

export function becomeProbe(pr: Progress, nextIndex: number): void {
  pr.state = 'probe';
  pr.sending = null;
  pr.nextIndex = Math.max(pr.matchIndex + 1, nextIndex);
  pr.probeSent = false;
  pr.inflights = [];
  pr.discardedFrom = Infinity;
}

export function becomeReplicate(pr: Progress): void {
  pr.state = 'replicate';
  pr.sending = null;
  pr.nextIndex = pr.matchIndex + 1;
  pr.probeSent = false;
  pr.inflights = [];
  pr.discardedFrom = Infinity;
}

/** Records an acknowledged match; returns true if matchIndex moved forward. */
export function acknowledge(pr: Progress, matchIndex: number): boolean {
  let i = 0;
  while (i < pr.inflights.length && pr.inflights[i]!.lastIndex <= matchIndex) i++;
  if (i > 0) pr.inflights.splice(0, i);
  if (matchIndex <= pr.matchIndex) return false;
  pr.matchIndex = matchIndex;
  if (pr.nextIndex <= matchIndex) pr.nextIndex = matchIndex + 1;
  return true;
}

export function inflightFull(pr: Progress, inflightMax: number): boolean {
  return pr.inflights.length >= inflightMax;
}

export function recordSent(pr: Progress, lastIndex: number, now: number): void {
  if (pr.state === 'probe') {
    pr.probeSent = true;
    return;
  }
  if (lastIndex >= pr.nextIndex) {
    pr.inflights.push({ lastIndex, sentAt: now });
    pr.nextIndex = lastIndex + 1;
  }
}

/**
 * A rejection while batches are in flight may only mean a later batch overtook an
 * earlier one on the network. It signals a real gap only if the batch that should have
 * filled it is older than `patience` (then it was probably lost).
 */
export function rejectionIsReordering(
  pr: Progress,
  conflictIndex: number,
  now: number,
  patience: number,
): boolean {
  for (const inflight of pr.inflights) {
    if (inflight.lastIndex >= conflictIndex) return now - inflight.sentAt < patience;
  }
  return false;
}

/**
 * Replicate state, a rejection taken for reordering (the batch after `prevLogIndex` was
 * dropped by the follower). Returns true if the stream was rewound to matchIndex + 1.
 */
export function noteDiscarded(pr: Progress, prevLogIndex: number): boolean {
  // A batch that started at or before matchIndex carried nothing the follower lacks now.
  if (pr.state !== 'replicate' || prevLogIndex < pr.matchIndex) return false;
  pr.discardedFrom = Math.min(pr.discardedFrom, prevLogIndex + 1);
  return rewindIfGapFilled(pr);
}

/**
 * Replicate state: once the follower holds everything before a dropped batch, stream again
 * from matchIndex + 1 at once, rather than stall until the loss patience runs out. (Batches
 * still in flight may then arrive twice; the follower skips entries it already has.)
 */
export function rewindIfGapFilled(pr: Progress): boolean {
  if (pr.state !== 'replicate' || pr.matchIndex + 1 < pr.discardedFrom) return false;
  becomeReplicate(pr);
  return true;
}

/** Replicate state: the oldest batch waited longer than `patience`, so assume it was lost. */
export function oldestInflightExpired(pr: Progress, now: number, patience: number): boolean {
  const oldest = pr.inflights[0];
  return oldest !== undefined && now - oldest.sentAt >= patience;
}
