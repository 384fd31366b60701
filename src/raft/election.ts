/** Leader election (§5.2) and the election restriction (§5.4.1). */

import { becomeLeader } from './leader';
import { voteOutcome } from './quorum';
import { type CandidateState, type Core, randomElectionDeadline } from './state';
import type { RequestVote, RequestVoteReply, VoteDeniedReason } from './types';
import { switchedOff } from './unsafe';

/** Election timeout: become a candidate in a new term, vote for self, ask every peer. */
export function startElection(core: Core): void {
  core.out.emit({ type: 'electionTimeout', term: core.term });
  core.term += 1;
  core.votedFor = core.config.id;
  core.out.markHardState();
  const candidate: CandidateState = {
    role: 'candidate',
    granted: new Set([core.config.id]),
    denied: new Set(),
    electionDeadline: randomElectionDeadline(core),
  };
  core.role = candidate;
  core.out.emit({ type: 'becameCandidate', term: core.term });
  for (const peer of core.peers) {
    core.out.send({
      type: 'RequestVote',
      from: core.config.id,
      to: peer,
      term: core.term,
      candidateId: core.config.id,
      lastLogIndex: core.log.lastIndex,
      lastLogTerm: core.log.lastTerm,
    });
  }
  tallyVotes(core, candidate);
}

/** §5.4.1: vote only for a candidate whose log is at least as up to date as ours. */
function candidateLogUpToDate(core: Core, m: RequestVote): boolean {
  const lastTerm = core.log.lastTerm;
  return (
    m.lastLogTerm > lastTerm || (m.lastLogTerm === lastTerm && m.lastLogIndex >= core.log.lastIndex)
  );
}

function denyReason(core: Core, m: RequestVote): VoteDeniedReason | null {
  if (m.term < core.term) return 'stale-term';
  if (core.votedFor !== null && core.votedFor !== m.candidateId) return 'already-voted';
  // Unsafe switch noElectionRestriction: the check of §5.4.1 is skipped.
  if (!switchedOff(core.config, 'noElectionRestriction') && !candidateLogUpToDate(core, m))
    return 'log-not-up-to-date';
  return null;
}

/**
 * Any role. The term prelude has already run, so m.term <= core.term. A granted vote is
 * persisted before the reply leaves (the host sends only after persisting).
 */
export function onRequestVote(core: Core, m: RequestVote): void {
  const reason = denyReason(core, m);
  const granted = reason === null;
  if (granted) {
    if (core.votedFor !== m.candidateId) {
      core.votedFor = m.candidateId;
      // Unsafe switch voteNotPersisted: the vote is not written before the reply leaves.
      if (!switchedOff(core.config, 'voteNotPersisted')) core.out.markHardState();
    }
    if (core.role.role === 'follower') core.role.electionDeadline = randomElectionDeadline(core);
  }
  core.out.emit({
    type: 'voted',
    term: core.term,
    candidateId: m.candidateId,
    granted,
    ...(reason === null ? {} : { reason }),
  });
  core.out.send({
    type: 'RequestVoteReply',
    from: core.config.id,
    to: m.from,
    term: core.term,
    voteGranted: granted,
  });
}

/** Candidate only. Replies from an older term never count. */
export function onRequestVoteReply(
  core: Core,
  candidate: CandidateState,
  m: RequestVoteReply,
): void {
  if (m.term !== core.term) {
    // Unsafe switch countOldTermVotes: a late grant from an earlier election counts too.
    if (m.term < core.term && m.voteGranted && switchedOff(core.config, 'countOldTermVotes')) {
      candidate.granted.add(m.from);
      tallyVotes(core, candidate);
    }
    return;
  }
  if (m.voteGranted) candidate.granted.add(m.from);
  else candidate.denied.add(m.from);
  tallyVotes(core, candidate);
}

function tallyVotes(core: Core, candidate: CandidateState): void {
  const members = core.config.members.length;
  if (voteOutcome(members, candidate.granted.size, candidate.denied.size) === 'won') {
    becomeLeader(core);
  }
}
