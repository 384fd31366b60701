/** The follower side of AppendEntries (§5.3), with the conflict hint for fast backtracking. */

import { startElection } from './election';
import { advanceCommit, becomeFollower, type Core, randomElectionDeadline } from './state';
import type { AppendEntries, AppendEntriesReply, TimeoutNow } from './types';
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
