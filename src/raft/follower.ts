/** The follower side of AppendEntries (§5.3), with the conflict hint for fast backtracking. */

import { startElection } from './election';
import { advanceCommit, becomeFollower, type Core, randomElectionDeadline } from './state';
import type {
  AppendEntries,
  AppendEntriesReply,
  InstallSnapshot,
  InstallSnapshotReply,
  Snapshot,
  TimeoutNow,
} from './types';
import { switchedOff } from './unsafe';

type ReplyFields = Pick<
  AppendEntriesReply,
  'success' | 'matchIndex' | 'conflictIndex' | 'conflictTerm'
>;

function reply(core: Core, m: AppendEntries, fields: ReplyFields): void {
  core.out.send({
    type: 'AppendEntriesReply',
    from: core.config.id,
    to: m.from,
    term: core.term,
    prevLogIndex: m.prevLogIndex,
    ...fields,
    ...(m.round === undefined ? {} : { round: m.round }),
  });
}

/** Runs after the term prelude, so m.term <= core.term. */
export function onAppendEntries(core: Core, m: AppendEntries): void {
  if (m.term < core.term) {
    // Tell a deposed leader the newer term so it steps down.
    reply(core, m, { success: false, matchIndex: 0, conflictIndex: 0, conflictTerm: null });
    return;
  }
  becomeFollower(core, m.term, m.leaderId);
  if (core.role.role === 'follower') core.role.electionDeadline = randomElectionDeadline(core);
  core.lastLeaderContact = core.now;

  const log = core.log;
  if (m.prevLogIndex < log.snapshotIndex) {
    // Entries up to the snapshot are committed, so they match the leader's: skip them.
    onAppendEntries(core, trimmedToSnapshot(core, m));
    return;
  }
  if (m.prevLogIndex > log.lastIndex) {
    reply(core, m, {
      success: false,
      matchIndex: 0,
      conflictIndex: log.lastIndex + 1,
      conflictTerm: null,
    });
    return;
  }
  const termAtPrev = log.term(m.prevLogIndex);
  if (termAtPrev !== m.prevLogTerm) {
    reply(core, m, {
      success: false,
      matchIndex: 0,
      conflictIndex: log.firstIndexOfTerm(termAtPrev, m.prevLogIndex),
      conflictTerm: termAtPrev,
    });
    return;
  }
  appendNewEntries(core, m);
  const lastNewIndex = m.prevLogIndex + m.entries.length;
  // Only entries known to match the leader's may be committed, not a stale suffix.
  advanceCommit(core, Math.min(m.leaderCommit, lastNewIndex));
  reply(core, m, {
    success: true,
    matchIndex: lastNewIndex,
    conflictIndex: 0,
    conflictTerm: null,
  });
}

/**
 * Skip entries already present, truncate at the first conflict only, append the rest.
 * A late or duplicated AppendEntries must never truncate a matching suffix.
 */
function appendNewEntries(core: Core, m: AppendEntries): void {
  const log = core.log;
  // Unsafe switch truncateOnAnyAppend: everything after prevLogIndex goes, matching or not.
  if (switchedOff(core.config, 'truncateOnAnyAppend') && m.prevLogIndex < log.lastIndex) {
    log.truncateFrom(m.prevLogIndex + 1);
    core.out.truncate(m.prevLogIndex + 1);
    core.out.emit({ type: 'truncatedLog', fromIndex: m.prevLogIndex + 1 });
  }
  let i = 0;
  for (; i < m.entries.length; i++) {
    const e = m.entries[i]!;
    if (e.index > log.lastIndex) break;
    if (log.term(e.index) !== e.term) {
      log.truncateFrom(e.index);
      core.out.truncate(e.index);
      core.out.emit({ type: 'truncatedLog', fromIndex: e.index });
      break;
    }
  }
  // Unsafe switch ackBeforeDurable: storage gets the entries after the reply has left.
  const late = switchedOff(core.config, 'ackBeforeDurable');
  for (; i < m.entries.length; i++) {
    const e = m.entries[i]!;
    log.append(e);
    if (late) core.out.appendEntryLater(e);
    else core.out.appendEntry(e);
  }
}

/**
 * Leadership transfer (§3.10): the leader of this term says this log is up to date, so
 * stand now, without waiting for a timeout or asking PreVote first.
 */
export function onTimeoutNow(core: Core, m: TimeoutNow): void {
  if (m.term !== core.term || core.role.role !== 'follower') return;
  startElection(core, true);
}

/** An AppendEntries that starts before this node's snapshot, as from the snapshot on. */
function trimmedToSnapshot(core: Core, m: AppendEntries): AppendEntries {
  const at = core.log.snapshotIndex;
  return {
    ...m,
    prevLogIndex: at,
    prevLogTerm: core.log.term(at),
    entries: m.entries.filter((e) => e.index > at),
  };
}

/**
 * InstallSnapshot (chapter 5): gather the chunks in order; on the last, keep the log after
 * the snapshot if it agrees with it, else drop the whole log, and hand the snapshot to the
 * host to restore its state machine from.
 */
export function onInstallSnapshot(core: Core, m: InstallSnapshot): void {
  const reply = (fields: Pick<InstallSnapshotReply, 'received' | 'done'>) =>
    core.out.send({
      type: 'InstallSnapshotReply',
      from: core.config.id,
      to: m.from,
      term: core.term,
      lastIncludedIndex: m.lastIncludedIndex,
      ...fields,
    });
  if (m.term < core.term) {
    reply({ received: 0, done: false });
    return;
  }
  becomeFollower(core, m.term, m.leaderId);
  if (core.role.role === 'follower') core.role.electionDeadline = randomElectionDeadline(core);
  core.lastLeaderContact = core.now;
  if (m.lastIncludedIndex <= core.commitIndex) {
    // It holds all of that already, committed.
    core.incoming = null;
    reply({ received: m.offset + m.data.length, done: true });
    return;
  }
  let incoming = core.incoming;
  if (incoming === null || incoming.index !== m.lastIncludedIndex || m.offset === 0) {
    incoming = { index: m.lastIncludedIndex, term: m.lastIncludedTerm, data: '' };
    core.incoming = incoming;
  }
  if (m.offset !== incoming.data.length) {
    // Out of order (or a repeat): say where its copy ends, and the leader resends from there.
    reply({ received: incoming.data.length, done: false });
    return;
  }
  incoming.data += m.data;
  if (!m.done) {
    reply({ received: incoming.data.length, done: false });
    return;
  }
  core.incoming = null;
  const snapshot = { index: incoming.index, term: incoming.term, data: incoming.data };
  installSnapshot(core, snapshot);
  reply({ received: snapshot.data.length, done: true });
}

function installSnapshot(core: Core, snapshot: Snapshot): void {
  const log = core.log;
  if (log.term(snapshot.index) === snapshot.term) {
    log.compact(snapshot.index);
  } else {
    const hadAfter = log.lastIndex > log.snapshotIndex;
    log.resetTo(snapshot);
    if (hadAfter) core.out.truncate(snapshot.index + 1);
  }
  core.snapshot = snapshot;
  core.commitIndex = snapshot.index;
  core.lastApplied = snapshot.index;
  core.out.restore(snapshot);
  core.out.emit({ type: 'commitAdvanced', commitIndex: snapshot.index });
}
