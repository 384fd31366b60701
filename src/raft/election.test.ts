/** Leader election, §5.2, and the election restriction, §5.4.1. */
import { describe, expect, it } from 'vitest';
import {
  appendEntries,
  deliver,
  leader,
  logOfTerms,
  node,
  requestVote,
  sent,
  timeout,
  voteReply,
} from './testing';

describe('leader election (§5.2)', () => {
  it('a follower that hears nothing within its election timeout becomes a candidate of the next term', () => {
    const n = node(0, { term: 3 });
    const deadline = n.nextDeadline();
    expect(deadline).toBeGreaterThanOrEqual(150);
    expect(deadline).toBeLessThanOrEqual(300);
    n.step({ kind: 'tick' }, deadline - 1);
    expect(n.role).toBe('follower');
    n.step({ kind: 'tick' }, deadline);
    const ready = n.takeReady();
    expect(n.role).toBe('candidate');
    expect(n.term).toBe(4);
    expect(ready.hardState).toEqual({ term: 4, votedFor: 0 });
    expect(sent(ready, 'RequestVote').map((m) => m.to)).toEqual([1, 2]);
  });

  it('a candidate votes for itself and asks with its last log index and term', () => {
    const n = node(1, { log: logOfTerms(1, 2, 2) });
    const ready = timeout(n);
    for (const m of sent(ready, 'RequestVote')) {
      expect(m).toMatchObject({ term: 1, candidateId: 1, lastLogIndex: 3, lastLogTerm: 2 });
    }
    expect(n.votedFor).toBe(1);
  });

  it('a candidate with votes from a majority becomes leader', () => {
    const n = node(0, { members: [0, 1, 2, 3, 4] });
    timeout(n);
    deliver(n, voteReply(1, 0, 1, true));
    expect(n.role).toBe('candidate');
    deliver(n, voteReply(2, 0, 1, true));
    expect(n.role).toBe('leader');
  });

  it('a vote granted in an older term never counts', () => {
    const n = node(0, { members: [0, 1, 2, 3, 4] });
    timeout(n); // term 1
    timeout(n); // term 2
    deliver(n, voteReply(1, 0, 1, true));
    deliver(n, voteReply(2, 0, 1, true));
    expect(n.role).toBe('candidate');
  });

  it('the same voter counts once, however many copies of its reply arrive', () => {
    const n = node(0, { members: [0, 1, 2, 3, 4] });
    timeout(n);
    deliver(n, voteReply(1, 0, 1, true));
    deliver(n, voteReply(1, 0, 1, true));
    deliver(n, voteReply(1, 0, 1, true));
    expect(n.role).toBe('candidate');
  });

  it('each server votes for at most one candidate per term, first come first served', () => {
    const n = node(2);
    const first = deliver(n, requestVote({ from: 0, to: 2, term: 1 }));
    const second = deliver(n, requestVote({ from: 1, to: 2, term: 1 }));
    expect(sent(first, 'RequestVoteReply')[0]!.voteGranted).toBe(true);
    expect(sent(second, 'RequestVoteReply')[0]!.voteGranted).toBe(false);
    expect(second.events).toContainEqual(
      expect.objectContaining({ type: 'voted', granted: false, reason: 'already-voted' }),
    );
    // A repeated request from the candidate it voted for is granted again (a lost reply).
    const again = deliver(n, requestVote({ from: 0, to: 2, term: 1 }));
    expect(sent(again, 'RequestVoteReply')[0]!.voteGranted).toBe(true);
  });

  it('a candidate that hears AppendEntries from a leader of its term becomes a follower', () => {
    const n = node(0);
    timeout(n);
    deliver(n, appendEntries({ from: 1, to: 0, term: 1 }));
    expect(n.role).toBe('follower');
    expect(n.leaderId).toBe(1);
  });

  it('a candidate whose election times out starts a new one in a higher term', () => {
    const n = node(0);
    timeout(n);
    const deadline = n.nextDeadline();
    n.step({ kind: 'tick' }, deadline);
    expect(n.role).toBe('candidate');
    expect(n.term).toBe(2);
  });

  it('randomized timeouts differ between nodes, so split votes resolve', () => {
    const deadlines = [0, 1, 2, 3, 4].map((id) =>
      node(id, { members: [0, 1, 2, 3, 4] }).nextDeadline(),
    );
    expect(new Set(deadlines).size).toBe(5);
  });

  it('granting a vote resets the election timer; a denied vote does not', () => {
    const n = node(2, { log: logOfTerms(1, 1) });
    const before = n.nextDeadline();
    deliver(n, requestVote({ from: 0, to: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0 }), 100);
    expect(n.nextDeadline()).toBe(before);
    deliver(n, requestVote({ from: 1, to: 2, term: 1, lastLogIndex: 2, lastLogTerm: 1 }), 100);
    expect(n.nextDeadline()).toBeGreaterThanOrEqual(250);
  });

  it('a leader sends heartbeats every heartbeat interval and never times out itself', () => {
    const { n } = leader(0, 1);
    expect(n.nextDeadline()).toBe(50);
    n.step({ kind: 'tick' }, 50);
    const ready = n.takeReady();
    expect(sent(ready, 'AppendEntries').map((m) => m.to)).toEqual([1, 2]);
    expect(n.role).toBe('leader');
    expect(n.nextDeadline()).toBe(100);
    n.step({ kind: 'electionTimeout' }, 60);
    expect(n.role).toBe('leader');
    expect(n.term).toBe(1);
  });

  it('a single-node cluster elects itself at once', () => {
    const n = node(0, { members: [0] });
    timeout(n);
    expect(n.role).toBe('leader');
  });
});

describe('terms (§5.1)', () => {
  it('any message with a higher term makes a leader step down and adopt the term', () => {
    const { n } = leader(0, 2);
    deliver(n, voteReply(1, 0, 5, false));
    expect(n.role).toBe('follower');
    expect(n.term).toBe(5);
    expect(n.votedFor).toBeNull();
  });

  it('a request from a stale term is rejected and told the current term', () => {
    const n = node(1, { term: 4 });
    const vote = deliver(n, requestVote({ from: 0, to: 1, term: 3 }));
    expect(sent(vote, 'RequestVoteReply')[0]).toMatchObject({ term: 4, voteGranted: false });
    const append = deliver(n, appendEntries({ from: 0, to: 1, term: 3 }));
    expect(sent(append, 'AppendEntriesReply')[0]).toMatchObject({ term: 4, success: false });
  });
});

describe('election restriction (§5.4.1)', () => {
  it('a voter denies a candidate whose last log term is older', () => {
    const n = node(2, { log: logOfTerms(1, 3) });
    const ready = deliver(
      n,
      requestVote({ from: 0, to: 2, term: 4, lastLogIndex: 9, lastLogTerm: 2 }),
    );
    expect(sent(ready, 'RequestVoteReply')[0]!.voteGranted).toBe(false);
    expect(ready.events).toContainEqual(expect.objectContaining({ reason: 'log-not-up-to-date' }));
  });

  it('a voter denies a candidate with the same last term but a shorter log', () => {
    const n = node(2, { log: logOfTerms(1, 2, 2) });
    const ready = deliver(
      n,
      requestVote({ from: 0, to: 2, term: 3, lastLogIndex: 2, lastLogTerm: 2 }),
    );
    expect(sent(ready, 'RequestVoteReply')[0]!.voteGranted).toBe(false);
  });

  it('a voter grants a candidate whose log is at least as up to date', () => {
    const n = node(2, { log: logOfTerms(1, 2, 2) });
    const ready = deliver(
      n,
      requestVote({ from: 0, to: 2, term: 3, lastLogIndex: 1, lastLogTerm: 3 }),
    );
    expect(sent(ready, 'RequestVoteReply')[0]!.voteGranted).toBe(true);
  });
});
