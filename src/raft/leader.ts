/** The leader: replication (§5.3), the commit rule (§5.4.2), heartbeats, pipelining. */

import { roundTime } from '../util/time';
import {
  acknowledge,
  becomeProbe,
  becomeReplicate,
  inflightFull,
  newProgress,
  noteDiscarded,
  oldestInflightExpired,
  type Progress,
  recordSent,
  rejectionIsReordering,
  rewindIfGapFilled,
} from './progress';
import { quorumIndex } from './quorum';
import { advanceCommit, appendLocal, type Core, type LeaderState } from './state';
import type { AppendEntriesReply, Entry, NodeId } from './types';
import { switchedOff } from './unsafe';

/** Why an AppendEntries is sent: new entries, the heartbeat, or a commit index to announce. */
type SendMode = 'new' | 'heartbeat' | 'commit';

/** How long an unacknowledged batch may take before it is presumed lost. */
function lossPatience(core: Core): number {
  return 2 * core.config.heartbeatInterval;
}

/**
 * A new leader appends a no-op entry of its own term: it may only commit by counting
 * replicas of an entry of its own term (§5.4.2), so the no-op commits everything before
 * it without waiting for a client command (§8).
 */
export function becomeLeader(core: Core): void {
  const progress = new Map<NodeId, Progress>();
  for (const peer of core.peers) progress.set(peer, newProgress(core.log.lastIndex));
  const leader: LeaderState = {
    role: 'leader',
    progress,
    heartbeatDeadline: roundTime(core.now + core.config.heartbeatInterval),
  };
  core.role = leader;
  core.out.emit({ type: 'becameLeader', term: core.term });
  appendLocal(core, null);
  broadcast(core, leader, 'new');
  maybeCommit(core, leader);
}

/**
 * Client commands: append them and send them to followers at once, not at the next
 * heartbeat. Several commands proposed together go out together (one batch, not one
 * small AppendEntries each).
 */
export function propose(core: Core, leader: LeaderState, commands: readonly unknown[]): Entry[] {
  const entries = commands.map((command) => appendLocal(core, command));
  broadcast(core, leader, 'new');
  maybeCommit(core, leader);
  return entries;
}

export function onHeartbeatTimeout(core: Core, leader: LeaderState): void {
  leader.heartbeatDeadline = roundTime(core.now + core.config.heartbeatInterval);
  for (const pr of leader.progress.values()) {
    if (pr.state === 'replicate' && oldestInflightExpired(pr, core.now, lossPatience(core))) {
      becomeProbe(pr, pr.matchIndex + 1);
    }
  }
  broadcast(core, leader, 'heartbeat');
}

export function onAppendEntriesReply(core: Core, leader: LeaderState, m: AppendEntriesReply): void {
  if (m.term !== core.term) return;
  const pr = leader.progress.get(m.from);
  if (pr === undefined) return;
  if (m.success) {
    const wasProbe = pr.state === 'probe';
    const moved = acknowledge(pr, m.matchIndex);
    if (wasProbe) becomeReplicate(pr);
    else rewindIfGapFilled(pr);
    if (moved) maybeCommit(core, leader);
    sendAppend(core, m.from, pr, 'new');
    return;
  }
  if (isStaleRejection(core, pr, m)) {
    // Not a reason to probe, but the rejected batch is gone: resend it when due.
    if (noteDiscarded(pr, m.prevLogIndex)) sendAppend(core, m.from, pr, 'new');
    return;
  }
  becomeProbe(pr, Math.min(backtrack(core, m), core.log.lastIndex + 1));
  sendAppend(core, m.from, pr, 'new');
}

function isStaleRejection(core: Core, pr: Progress, m: AppendEntriesReply): boolean {
  if (m.prevLogIndex <= pr.matchIndex) return true;
  if (pr.state === 'probe') return m.prevLogIndex !== pr.nextIndex - 1;
  return rejectionIsReordering(pr, m.conflictIndex, core.now, lossPatience(core));
}

/** Fast backtracking: skip a whole conflicting term per round trip, not one entry. */
function backtrack(core: Core, m: AppendEntriesReply): number {
  if (m.conflictTerm !== null) {
    const last = core.log.lastIndexOfTerm(m.conflictTerm, m.prevLogIndex);
    if (last > 0) return last + 1;
  }
  return m.conflictIndex;
}

/** §5.4.2: commit the highest index stored on a majority, if it is of the current term. */
function maybeCommit(core: Core, leader: LeaderState): void {
  const matches = [core.log.lastIndex];
  for (const pr of leader.progress.values()) matches.push(pr.matchIndex);
  const n = quorumIndex(matches);
  if (n <= core.commitIndex) return;
  // Unsafe switch commitOldTerms: an entry of an older term commits by counting replicas.
  if (core.log.term(n) !== core.term && !switchedOff(core.config, 'commitOldTerms')) return;
  advanceCommit(core, n);
  broadcast(core, leader, 'commit');
}

function broadcast(core: Core, leader: LeaderState, mode: SendMode): void {
  for (const [peer, pr] of leader.progress) sendAppend(core, peer, pr, mode);
}

function sendAppend(core: Core, peer: NodeId, pr: Progress, mode: SendMode): void {
  if (pr.state === 'probe') {
    if (pr.probeSent && mode !== 'heartbeat') return;
    sendEntries(core, peer, pr, pr.nextIndex);
    return;
  }
  let sent = false;
  while (pr.nextIndex <= core.log.lastIndex && !inflightFull(pr, core.config.inflightMax)) {
    sendEntries(core, peer, pr, pr.nextIndex);
    sent = true;
  }
  if (sent) return;
  if (mode === 'heartbeat' || (mode === 'commit' && pr.commitSent < core.commitIndex)) {
    // Anchored at matchIndex, where the logs are known to match: it never fails because
    // a batch is still in flight, and it tells the follower the commit index.
    sendEntries(core, peer, pr, pr.matchIndex + 1, 0);
  }
}

function sendEntries(
  core: Core,
  peer: NodeId,
  pr: Progress,
  from: number,
  countMax = core.config.entriesPerAppendMax,
): void {
  const prevLogIndex = from - 1;
  const entries = countMax > 0 ? core.log.slice(from, countMax) : [];
  core.out.send({
    type: 'AppendEntries',
    from: core.config.id,
    to: peer,
    term: core.term,
    leaderId: core.config.id,
    prevLogIndex,
    prevLogTerm: core.log.term(prevLogIndex),
    entries,
    leaderCommit: core.commitIndex,
  });
  pr.commitSent = core.commitIndex;
  recordSent(pr, prevLogIndex + entries.length, core.now);
}
