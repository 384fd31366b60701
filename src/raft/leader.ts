/**
 * The leader: replication (§5.3), the commit rule (§5.4.2), heartbeats, pipelining, and
 * what CheckQuorum (§6.2), leadership transfer (§3.10) and reads (§6.4) ask of it.
 */

import { roundTime } from '../util/time';
import {
  acknowledge,
  becomeProbe,
  becomeReplicate,
  becomeSnapshot,
  inflightFull,
  newProgress,
  noteDiscarded,
  oldestInflightExpired,
  type Progress,
  recordSent,
  rejectionIsReordering,
  rewindIfGapFilled,
} from './progress';
import { majority, quorumIndex } from './quorum';
import {
  advanceCommit,
  appendLocal,
  becomeFollower,
  type Core,
  type LeaderState,
  localDuration,
} from './state';
import type { AppendEntriesReply, Entry, InstallSnapshotReply, NodeId } from './types';
import { switchedOff } from './unsafe';

/** Why an AppendEntries is sent: new entries, the heartbeat, or a commit index to announce. */
type SendMode = 'new' | 'heartbeat' | 'commit';

/** Characters of snapshot data per InstallSnapshot, unless the config says otherwise. */
export const SNAPSHOT_CHUNK_MAX = 4096;

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
  const lastHeard = new Map<NodeId, number>();
  const ackedRound = new Map<NodeId, number>();
  for (const peer of core.peers) {
    lastHeard.set(peer, core.now);
    ackedRound.set(peer, 0);
  }
  const leader: LeaderState = {
    role: 'leader',
    progress,
    heartbeatDeadline: heartbeatAfter(core),
    lastHeard,
    round: 0,
    ackedRound,
    roundStarts: [],
    confirmedRound: 0,
    leaseUntil: Number.NEGATIVE_INFINITY,
    reads: [],
    readsAwaitingCommit: [],
    transfer: null,
    leaseBarred: false,
  };
  core.role = leader;
  core.out.emit({ type: 'becameLeader', term: core.term });
  appendLocal(core, null);
  // The no-op's replies confirm the first round: a lease can start with the term.
  if (readsOutsideLog(core)) startRound(core, leader);
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

function heartbeatAfter(core: Core): number {
  return roundTime(core.now + localDuration(core, core.config.heartbeatInterval));
}

export function onHeartbeatTimeout(core: Core, leader: LeaderState): void {
  leader.heartbeatDeadline = heartbeatAfter(core);
  if (core.config.checkQuorum === true && !hearsFromMajority(core, leader)) {
    core.out.emit({ type: 'steppedDown', term: core.term });
    becomeFollower(core, core.term, null);
    return;
  }
  if (leader.transfer !== null && core.now >= leader.transfer.deadline) {
    core.out.emit({ type: 'transferAborted', term: core.term, to: leader.transfer.to });
    leader.transfer = null;
  }
  for (const pr of leader.progress.values()) {
    if (pr.state === 'replicate' && oldestInflightExpired(pr, core.now, lossPatience(core))) {
      becomeProbe(pr, pr.matchIndex + 1);
    }
  }
  // Each heartbeat is a new round, so a lease is renewed while followers answer.
  if (readsOutsideLog(core)) startRound(core, leader);
  broadcast(core, leader, 'heartbeat');
  // Again at each heartbeat, in case the last one was lost.
  if (leader.transfer !== null) maybeSendTimeoutNow(core, leader);
}

/** CheckQuorum (§6.2): a majority, this node included, answered within an election timeout. */
function hearsFromMajority(core: Core, leader: LeaderState): boolean {
  const since = core.now - localDuration(core, core.config.electionTimeoutMin);
  let heard = 1;
  for (const at of leader.lastHeard.values()) if (at >= since) heard++;
  return heard >= majority(core.config.members.length);
}

export function onAppendEntriesReply(core: Core, leader: LeaderState, m: AppendEntriesReply): void {
  if (m.term !== core.term) return;
  const pr = leader.progress.get(m.from);
  if (pr === undefined) return;
  leader.lastHeard.set(m.from, core.now);
  if (m.round !== undefined && m.round > (leader.ackedRound.get(m.from) ?? 0)) {
    leader.ackedRound.set(m.from, m.round);
    confirmRounds(core, leader);
  }
  if (m.success) {
    const wasProbe = pr.state === 'probe';
    const moved = acknowledge(pr, m.matchIndex);
    if (wasProbe) becomeReplicate(pr);
    else rewindIfGapFilled(pr);
    if (moved) maybeCommit(core, leader);
    sendAppend(core, leader, m.from, pr, 'new');
    if (leader.transfer?.to === m.from && !leader.transfer.timeoutNowSent) {
      maybeSendTimeoutNow(core, leader);
    }
    return;
  }
  // A rejection of an AppendEntries sent before the snapshot began says nothing new.
  if (pr.state === 'snapshot') return;
  if (isStaleRejection(core, pr, m)) {
    // Not a reason to probe, but the rejected batch is gone: resend it when due.
    if (noteDiscarded(pr, m.prevLogIndex)) sendAppend(core, leader, m.from, pr, 'new');
    return;
  }
  becomeProbe(pr, Math.min(backtrack(core, m), core.log.lastIndex + 1));
  sendAppend(core, leader, m.from, pr, 'new');
}

/**
 * Leadership transfer (§3.10): stop taking proposals, bring the target's log up to date,
 * then tell it to stand. Gives up after an election timeout (the target may be down).
 */
export function startTransfer(core: Core, leader: LeaderState, to: NodeId): void {
  if (leader.transfer?.to === to) return;
  if (leader.transfer !== null) {
    core.out.emit({ type: 'transferAborted', term: core.term, to: leader.transfer.to });
  }
  const deadline = roundTime(core.now + localDuration(core, core.config.electionTimeoutMax));
  leader.transfer = { to, deadline, timeoutNowSent: false };
  leader.leaseBarred = true;
  core.out.emit({ type: 'transferStarted', term: core.term, to });
  const pr = leader.progress.get(to);
  if (pr === undefined) return;
  if (pr.matchIndex < core.log.lastIndex) sendAppend(core, leader, to, pr, 'heartbeat');
  maybeSendTimeoutNow(core, leader);
}

function maybeSendTimeoutNow(core: Core, leader: LeaderState): void {
  const transfer = leader.transfer;
  if (transfer === null) return;
  const to = transfer.to;
  if (leader.progress.get(to)?.matchIndex !== core.log.lastIndex) return;
  transfer.timeoutNowSent = true;
  core.out.send({
    type: 'TimeoutNow',
    from: core.config.id,
    to,
    term: core.term,
    leaderId: core.config.id,
  });
}

function readsOutsideLog(core: Core): boolean {
  const mode = core.config.readMode;
  return mode === 'readIndex' || mode === 'lease';
}

/**
 * A read (§6.4): with a lease still running, served at once; otherwise at the commit
 * index, once a majority answers a heartbeat round begun after the read arrived. Before
 * an entry of this term commits, the leader's commit index may be behind: reads wait.
 */
export function requestRead(core: Core, leader: LeaderState, id: number): void {
  if (!ownTermCommitted(core)) {
    leader.readsAwaitingCommit.push(id);
    return;
  }
  if (core.config.readMode === 'lease' && !leader.leaseBarred && core.now < leader.leaseUntil) {
    core.out.readState({ id, index: core.commitIndex, servedBy: 'lease' });
    return;
  }
  startRound(core, leader);
  leader.reads.push({ id, index: core.commitIndex, round: leader.round });
  broadcast(core, leader, 'heartbeat');
  confirmRounds(core, leader);
}

function ownTermCommitted(core: Core): boolean {
  return core.log.term(core.commitIndex) === core.term;
}

function startRound(core: Core, leader: LeaderState): void {
  leader.round += 1;
  leader.roundStarts.push({ round: leader.round, at: core.now });
  confirmRounds(core, leader);
}

/** The newest round a majority has answered proves leadership when it began. */
function confirmRounds(core: Core, leader: LeaderState): void {
  const confirmed = quorumIndex([leader.round, ...leader.ackedRound.values()]);
  if (confirmed > leader.confirmedRound) {
    leader.confirmedRound = confirmed;
    let startedAt = Number.NEGATIVE_INFINITY;
    while (leader.roundStarts.length > 0 && leader.roundStarts[0]!.round <= confirmed) {
      startedAt = leader.roundStarts.shift()!.at;
    }
    if (core.config.readMode === 'lease') {
      // Rounded down, never up: a lease must not outlast what the rule allows.
      const until = Math.floor((startedAt + leaseDuration(core)) * 1000) / 1000;
      leader.leaseUntil = Math.max(leader.leaseUntil, until);
    }
  }
  while (leader.reads.length > 0 && leader.reads[0]!.round <= leader.confirmedRound) {
    const read = leader.reads.shift()!;
    core.out.readState({ id: read.id, index: read.index, servedBy: 'readIndex' });
  }
}

/**
 * §6.4.1: no other leader can be elected until a majority's election timeouts have run
 * from the round's start, on clocks that may run fast or slow by clockDriftMax.
 */
function leaseDuration(core: Core): number {
  const drift = core.config.clockDriftMax ?? 0;
  const min = core.config.electionTimeoutMin;
  return localDuration(core, (min * (1 - drift)) / (1 + drift));
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
  if (ownTermCommitted(core) && leader.readsAwaitingCommit.length > 0) {
    for (const id of leader.readsAwaitingCommit.splice(0)) requestRead(core, leader, id);
  }
}

function broadcast(core: Core, leader: LeaderState, mode: SendMode): void {
  for (const [peer, pr] of leader.progress) sendAppend(core, leader, peer, pr, mode);
}

function sendAppend(
  core: Core,
  leader: LeaderState,
  peer: NodeId,
  pr: Progress,
  mode: SendMode,
): void {
  if (pr.state === 'snapshot') {
    // One chunk at a time: the next when the last is answered, again at each heartbeat.
    if (mode === 'heartbeat') sendSnapshotChunk(core, peer, pr);
    return;
  }
  if (pr.nextIndex <= core.log.snapshotIndex && core.snapshot !== null) {
    // What the follower needs next is compacted away: send the snapshot instead.
    becomeSnapshot(pr, core.snapshot);
    sendSnapshotChunk(core, peer, pr);
    return;
  }
  if (pr.state === 'probe') {
    if (pr.probeSent && mode !== 'heartbeat') return;
    sendEntries(core, leader, peer, pr, pr.nextIndex);
    return;
  }
  let sent = false;
  while (pr.nextIndex <= core.log.lastIndex && !inflightFull(pr, core.config.inflightMax)) {
    sendEntries(core, leader, peer, pr, pr.nextIndex);
    sent = true;
  }
  if (sent) return;
  if (mode === 'heartbeat' || (mode === 'commit' && pr.commitSent < core.commitIndex)) {
    // Anchored at matchIndex, where the logs are known to match: it never fails because
    // a batch is still in flight, and it tells the follower the commit index.
    // (At the snapshot, if matchIndex is older: the term there is known.)
    sendEntries(core, leader, peer, pr, Math.max(pr.matchIndex, core.log.snapshotIndex) + 1, 0);
  }
}

/** InstallSnapshot (chapter 5): the chunk of the snapshot the follower asks for next. */
function sendSnapshotChunk(core: Core, peer: NodeId, pr: Progress): void {
  const sending = pr.sending!;
  const { snapshot } = sending;
  const chunkMax = core.config.snapshotChunkMax ?? SNAPSHOT_CHUNK_MAX;
  const data = snapshot.data.slice(sending.received, sending.received + chunkMax);
  core.out.send({
    type: 'InstallSnapshot',
    from: core.config.id,
    to: peer,
    term: core.term,
    leaderId: core.config.id,
    lastIncludedIndex: snapshot.index,
    lastIncludedTerm: snapshot.term,
    offset: sending.received,
    data,
    done: sending.received + data.length >= snapshot.data.length,
  });
}

export function onInstallSnapshotReply(
  core: Core,
  leader: LeaderState,
  m: InstallSnapshotReply,
): void {
  if (m.term !== core.term) return;
  const pr = leader.progress.get(m.from);
  if (pr === undefined) return;
  leader.lastHeard.set(m.from, core.now);
  const sending = pr.sending;
  if (pr.state !== 'snapshot' || sending === null) return;
  if (m.lastIncludedIndex !== sending.snapshot.index) return;
  if (m.done) {
    // Installed: stream entries from the snapshot on (a probe confirms where).
    acknowledge(pr, sending.snapshot.index);
    becomeProbe(pr, sending.snapshot.index + 1);
    maybeCommit(core, leader);
    sendAppend(core, leader, m.from, pr, 'new');
    return;
  }
  // The follower says where its copy ends: the next chunk begins there.
  sending.received = m.received;
  sendSnapshotChunk(core, m.from, pr);
}

function sendEntries(
  core: Core,
  leader: LeaderState,
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
    ...(readsOutsideLog(core) ? { round: leader.round } : {}),
  });
  pr.commitSent = core.commitIndex;
  recordSent(pr, prevLogIndex + entries.length, core.now);
}
