/**
 * Leader election (§5.2), the election restriction (§5.4.1), PreVote (§9.6) and the
 * leader stickiness that comes with CheckQuorum (§6.2).
 */

import { becomeLeader } from './leader';
import { majority, voteOutcome } from './quorum';
import {
  type CandidateState,
  type Core,
  type FollowerState,
  leaderAlive,
  randomElectionDeadline,
} from './state';
import type {
  PreVote,
  PreVoteReply,
  RequestVote,
  RequestVoteReply,
  VoteDeniedReason,
} from './types';
import { switchedOff } from './unsafe';

/**
 * The election timer fired. With PreVote, first ask whether an election could be won;
 * otherwise (or when the leader handed over by TimeoutNow) stand at once.
 */
export function onElectionTimeout(core: Core): void {
  if (core.config.preVote === true) startPreVote(core);
  else startElection(core);
}

/** Become a candidate in a new term, vote for self, ask every peer. */
export function startElection(core: Core, leadershipTransfer = false): void {
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
      ...(leadershipTransfer ? { leadershipTransfer: true as const } : {}),
    });
  }
  tallyVotes(core, candidate);
}

/** PreVote: stay a follower in the same term and ask whether peers would vote in term + 1. */
function startPreVote(core: Core): void {
  const term = core.term + 1;
  const follower: FollowerState = {
    role: 'follower',
    leaderId: null,
    electionDeadline: randomElectionDeadline(core),
    preVote: { term, granted: new Set([core.config.id]) },
  };
  if (core.role.role !== 'follower') {
    core.out.emit({ type: 'becameFollower', term: core.term, leaderId: null });
  }
  core.role = follower;
  core.out.emit({ type: 'preVoteStarted', term });
  for (const peer of core.peers) {
    core.out.send({
      type: 'PreVote',
      from: core.config.id,
      to: peer,
      term,
      candidateId: core.config.id,
      lastLogIndex: core.log.lastIndex,
      lastLogTerm: core.log.lastTerm,
    });
  }
  tallyPreVotes(core, follower);
}

/** §5.4.1: vote only for a candidate whose log is at least as up to date as ours. */
function candidateLogUpToDate(core: Core, m: RequestVote | PreVote): boolean {
  const lastTerm = core.log.lastTerm;
  return (
    m.lastLogTerm > lastTerm || (m.lastLogTerm === lastTerm && m.lastLogIndex >= core.log.lastIndex)
  );
}

function logRestrictionFails(core: Core, m: RequestVote | PreVote): boolean {
  // Unsafe switch noElectionRestriction: the check of §5.4.1 is skipped.
  return !switchedOff(core.config, 'noElectionRestriction') && !candidateLogUpToDate(core, m);
}

function denyReason(core: Core, m: RequestVote): VoteDeniedReason | null {
  if (m.term < core.term) return 'stale-term';
  if (core.votedFor !== null && core.votedFor !== m.candidateId) return 'already-voted';
  if (logRestrictionFails(core, m)) return 'log-not-up-to-date';
  return null;
}

/**
 * CheckQuorum's leader stickiness (§6.2): while a node hears from a leader, a RequestVote
 * of a higher term is ignored, before it can raise the term, unless the leader itself
 * asked for the election (TimeoutNow).
 */
export function ignoresRequestVote(core: Core, m: RequestVote): boolean {
  if (core.config.checkQuorum !== true || m.leadershipTransfer === true) return false;
  if (m.term <= core.term || !leaderAlive(core)) return false;
  core.out.emit({
    type: 'voted',
    term: m.term,
    candidateId: m.candidateId,
    granted: false,
    reason: 'leader-alive',
  });
  return true;
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

function preVoteDenyReason(core: Core, m: PreVote): VoteDeniedReason | null {
  if (m.term <= core.term) return 'stale-term';
  if (leaderAlive(core)) return 'leader-alive';
  if (logRestrictionFails(core, m)) return 'log-not-up-to-date';
  return null;
}

/** Any role, before the term prelude: a PreVote changes nothing here, the term included. */
export function onPreVote(core: Core, m: PreVote): void {
  const reason = preVoteDenyReason(core, m);
  const granted = reason === null;
  core.out.emit({
    type: 'preVoted',
    term: m.term,
    candidateId: m.candidateId,
    granted,
    ...(reason === null ? {} : { reason }),
  });
  core.out.send({
    type: 'PreVoteReply',
    from: core.config.id,
    to: m.from,
    term: granted ? m.term : core.term,
    voteGranted: granted,
  });
}

/**
 * A follower in a pre-election counts grants for the term it asked about. A refusal
 * carries the refuser's term: a higher one has already made this node a follower in it
 * (the term prelude), and others cannot be told from a refusal of an earlier round, so
 * refusals are not counted; without a majority, the next timeout asks again.
 */
export function onPreVoteReply(core: Core, follower: FollowerState, m: PreVoteReply): void {
  const round = follower.preVote;
  if (round === undefined || !m.voteGranted || m.term !== round.term) return;
  round.granted.add(m.from);
  tallyPreVotes(core, follower);
}

function tallyPreVotes(core: Core, follower: FollowerState): void {
  const round = follower.preVote;
  if (round !== undefined && round.granted.size >= majority(core.config.members.length)) {
    startElection(core);
  }
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
