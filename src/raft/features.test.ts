/**
 * The features past the paper's core, in the core itself: PreVote (§9.6), CheckQuorum and
 * leader stickiness (§6.2), leadership transfer (§3.10), ReadIndex and leases (§6.4).
 */
import { describe, expect, it } from 'vitest';
import type { RaftNode } from './node';
import {
  appendEntries,
  appendReply,
  deliver,
  type Features,
  leader,
  logOfTerms,
  node,
  requestVote,
  sent,
  timeout,
} from './testing';
import type { RaftMessage, Ready } from './types';

const E_MIN = 150;

/** A leader of term 1 at `now`, with every peer's no-op acknowledged (so its term commits). */
function settledLeader(features: Features, now = 1000): { n: RaftNode; ready: Ready } {
  const n = node(0, { features });
  n.step({ kind: 'electionTimeout' }, now);
  n.takeReady();
  n.step(
    {
      kind: 'message',
      message: { type: 'RequestVoteReply', from: 1, to: 0, term: 1, voteGranted: true },
    },
    now,
  );
  const ready = n.takeReady();
  for (const peer of [1, 2]) {
    n.step({ kind: 'message', message: ack(peer, 1, ready) }, now);
  }
  expect(n.commitIndex).toBe(1);
  return { n, ready: n.takeReady() };
}

/** The reply a follower gives to the AppendEntries `ready` sent it, echoing its round. */
function ack(peer: number, matchIndex: number, ready: Ready, term = 1): RaftMessage {
  const m = sent(ready, 'AppendEntries')
    .filter((a) => a.to === peer)
    .at(-1);
  return appendReply({
    from: peer,
    to: 0,
    term,
    success: true,
    matchIndex,
    ...(m?.round === undefined ? {} : { round: m.round }),
  });
}

describe('PreVote (§9.6)', () => {
  it('a timed-out node asks for term + 1 without raising its own term or writing anything', () => {
    const n = node(0, { term: 3, features: { preVote: true } });
    const ready = timeout(n, 500);
    expect(n.term).toBe(3);
    expect(n.role).toBe('follower');
    expect(ready.hardState).toBeNull();
    expect(sent(ready, 'PreVote').map((m) => [m.to, m.term])).toEqual([
      [1, 4],
      [2, 4],
    ]);
    expect(sent(ready, 'RequestVote')).toEqual([]);
  });

  it('with a majority of grants, it stands for election in term + 1', () => {
    const n = node(0, { term: 3, features: { preVote: true } });
    timeout(n, 500);
    const ready = deliver(n, { type: 'PreVoteReply', from: 2, to: 0, term: 4, voteGranted: true });
    expect(n.role).toBe('candidate');
    expect(n.term).toBe(4);
    expect(sent(ready, 'RequestVote')).toHaveLength(2);
  });

  it('a voter grants a pre-vote without changing its term or its vote', () => {
    const n = node(1, { term: 3, votedFor: 2, features: { preVote: true } });
    const ready = deliver(
      n,
      { type: 'PreVote', from: 0, to: 1, term: 4, candidateId: 0, lastLogIndex: 0, lastLogTerm: 0 },
      500,
    );
    expect([n.term, n.votedFor]).toEqual([3, 2]);
    expect(ready.hardState).toBeNull();
    expect(sent(ready, 'PreVoteReply')[0]).toMatchObject({ term: 4, voteGranted: true });
  });

  it('a voter that heard from a leader within an election timeout refuses it', () => {
    const n = node(1, { term: 3, features: { preVote: true } });
    deliver(n, appendEntries({ from: 2, to: 1, term: 3 }), 400);
    const ready = deliver(
      n,
      { type: 'PreVote', from: 0, to: 1, term: 4, candidateId: 0, lastLogIndex: 0, lastLogTerm: 0 },
      400 + E_MIN - 1,
    );
    expect(sent(ready, 'PreVoteReply')[0]).toMatchObject({ term: 3, voteGranted: false });
    expect(ready.events).toContainEqual(
      expect.objectContaining({ type: 'preVoted', granted: false, reason: 'leader-alive' }),
    );
  });

  it('a voter refuses a candidate whose log is behind, as for a vote', () => {
    const n = node(1, { term: 3, log: logOfTerms(1, 3), features: { preVote: true } });
    const ready = deliver(
      n,
      { type: 'PreVote', from: 0, to: 1, term: 4, candidateId: 0, lastLogIndex: 1, lastLogTerm: 1 },
      500,
    );
    expect(sent(ready, 'PreVoteReply')[0]).toMatchObject({ voteGranted: false });
  });
});

describe('CheckQuorum (§6.2)', () => {
  it('a leader that hears from no majority for an election timeout steps down, same term', () => {
    const { n } = leader(0, 1, [], [0, 1, 2], { checkQuorum: true });
    let t = 0;
    while (n.role === 'leader' && t < 2 * E_MIN) {
      t += 50;
      n.step({ kind: 'tick' }, t);
    }
    const ready = n.takeReady();
    expect(n.role).toBe('follower');
    expect(n.term).toBe(1);
    expect(t).toBeGreaterThanOrEqual(E_MIN);
    expect(ready.events).toContainEqual({ type: 'steppedDown', term: 1 });
  });

  it('a leader that hears from one follower (a majority of three with itself) stays', () => {
    const { n } = leader(0, 1, [], [0, 1, 2], { checkQuorum: true });
    for (let t = 50; t <= 1000; t += 50) {
      n.step(
        {
          kind: 'message',
          message: appendReply({ from: 1, to: 0, term: 1, success: true, matchIndex: 1 }),
        },
        t,
      );
      n.step({ kind: 'tick' }, t);
    }
    expect(n.role).toBe('leader');
  });

  it('leader stickiness: a follower that hears from a leader ignores a higher-term RequestVote', () => {
    const n = node(1, { term: 2, features: { checkQuorum: true } });
    deliver(n, appendEntries({ from: 0, to: 1, term: 2 }), 100);
    const ready = deliver(n, requestVote({ from: 2, to: 1, term: 3 }), 150);
    expect(n.term).toBe(2);
    expect(ready.messages).toEqual([]);
    // ... unless the leader itself asked for the election (leadership transfer).
    const transfer = deliver(
      n,
      requestVote({ from: 2, to: 1, term: 3, leadershipTransfer: true }),
      160,
    );
    expect(n.term).toBe(3);
    expect(sent(transfer, 'RequestVoteReply')[0]).toMatchObject({ voteGranted: true });
  });

  it('once an election timeout has passed without the leader, the vote is granted', () => {
    const n = node(1, { term: 2, features: { checkQuorum: true } });
    deliver(n, appendEntries({ from: 0, to: 1, term: 2 }), 100);
    const ready = deliver(n, requestVote({ from: 2, to: 1, term: 3 }), 100 + E_MIN);
    expect(sent(ready, 'RequestVoteReply')[0]).toMatchObject({ term: 3, voteGranted: true });
  });
});

describe('leadership transfer (§3.10)', () => {
  it('takes no proposals, catches the target up, then sends TimeoutNow', () => {
    const { n } = leader(0, 1);
    n.step(
      {
        kind: 'message',
        message: appendReply({ from: 2, to: 0, term: 1, success: true, matchIndex: 1 }),
      },
      1,
    );
    n.takeReady();
    n.step({ kind: 'transferLeadership', to: 1 }, 2);
    let ready = n.takeReady();
    expect(sent(ready, 'TimeoutNow')).toEqual([]); // S2 has not acknowledged the no-op
    expect(n.propose('x', 3)).toBeNull();
    ready = deliver(n, appendReply({ from: 1, to: 0, term: 1, success: true, matchIndex: 1 }), 4);
    expect(sent(ready, 'TimeoutNow')).toEqual([
      { type: 'TimeoutNow', from: 0, to: 1, term: 1, leaderId: 0 },
    ]);
  });

  it('gives up after an election timeout and takes proposals again', () => {
    const { n } = leader(0, 1);
    n.step({ kind: 'transferLeadership', to: 1 }, 0);
    n.step({ kind: 'tick' }, 400);
    expect(n.takeReady().events).toContainEqual({ type: 'transferAborted', term: 1, to: 1 });
    expect(n.propose('x', 401)).not.toBeNull();
  });

  it('the target of TimeoutNow stands at once, even with PreVote, and says why', () => {
    const n = node(1, { term: 1, features: { preVote: true } });
    const ready = deliver(n, { type: 'TimeoutNow', from: 0, to: 1, term: 1, leaderId: 0 }, 10);
    expect(n.role).toBe('candidate');
    expect(sent(ready, 'RequestVote')[0]).toMatchObject({ term: 2, leadershipTransfer: true });
  });

  it('a TimeoutNow from an older term is ignored', () => {
    const n = node(1, { term: 3 });
    deliver(n, { type: 'TimeoutNow', from: 0, to: 1, term: 2, leaderId: 0 }, 10);
    expect([n.role, n.term]).toEqual(['follower', 3]);
  });
});

describe('ReadIndex (§6.4)', () => {
  it('a read is confirmed once a majority answers a round begun after it arrived', () => {
    const { n } = settledLeader({ readMode: 'readIndex' });
    expect(n.requestRead(7, 1001)).toBe(true);
    const ready = n.takeReady();
    expect(ready.readStates).toEqual([]);
    const round = sent(ready, 'AppendEntries')[0]!.round!;
    const confirmed = deliver(n, ack(1, 1, ready), 1002);
    expect(confirmed.readStates).toEqual([{ id: 7, index: 1, servedBy: 'readIndex' }]);
    expect(round).toBeGreaterThan(0);
  });

  it('an answer to an earlier round confirms nothing', () => {
    const { n, ready: before } = settledLeader({ readMode: 'readIndex' });
    n.requestRead(7, 1001);
    n.takeReady();
    expect(deliver(n, ack(1, 1, before), 1002).readStates).toEqual([]);
  });

  it('waits for an entry of its own term to commit before it knows the commit index', () => {
    const { n, ready } = leader(0, 2, logOfTerms(1), [0, 1, 2], { readMode: 'readIndex' });
    n.requestRead(1, 1);
    expect(n.takeReady().readStates).toEqual([]);
    const acked = deliver(n, ack(1, 2, ready, 2), 2);
    expect(acked.readStates).toEqual([]); // the read's own round starts now
    const next = deliver(n, ack(1, 2, acked, 2), 3);
    expect(next.readStates).toEqual([{ id: 1, index: 2, servedBy: 'readIndex' }]);
  });

  it('a follower refuses to take reads', () => {
    const n = node(1, { features: { readMode: 'readIndex' } });
    expect(n.requestRead(1, 0)).toBe(false);
  });
});

describe('leases (§6.4.1)', () => {
  it('serve at once while the lease runs, and not once it may have expired', () => {
    const { n } = settledLeader({ readMode: 'lease', checkQuorum: true });
    expect(n.requestRead(1, 1010)).toBe(true);
    expect(n.takeReady().readStates).toEqual([{ id: 1, index: 1, servedBy: 'lease' }]);
    // No answer since the no-op's round began at 1000: the lease ends at 1000 + 150.
    n.requestRead(2, 1000 + E_MIN);
    const late = n.takeReady();
    expect(late.readStates).toEqual([]);
    expect(sent(late, 'AppendEntries').length).toBeGreaterThan(0);
  });

  it('shrink for clock drift: a lease never outlasts an election timeout on the fastest clock', () => {
    const drift = 0.2;
    const features: Features = { readMode: 'lease', checkQuorum: true, clockDriftMax: drift };
    // Whatever this node's rate, the lease lasts at least min·(1-d)/(1+d)² of virtual time
    // and at most min/(1+d): the shortest a voter's election timeout can be.
    const shortest = (E_MIN * (1 - drift)) / (1 + drift) ** 2;
    const longest = E_MIN / (1 + drift);
    const early = settledLeader(features).n;
    early.requestRead(1, 1000 + shortest - 1);
    expect(early.takeReady().readStates).toEqual([{ id: 1, index: 1, servedBy: 'lease' }]);
    const late = settledLeader(features).n;
    late.requestRead(1, 1000 + longest);
    expect(late.takeReady().readStates).toEqual([]);
  });

  it('stop for good in a term once a transfer began', () => {
    const { n } = settledLeader({ readMode: 'lease', checkQuorum: true });
    n.step({ kind: 'transferLeadership', to: 1 }, 1001);
    n.takeReady();
    n.requestRead(1, 1002);
    expect(n.takeReady().readStates).toEqual([]);
  });

  it('a follower that granted a lease will not be forced to stand before it may have run out', () => {
    const n = node(1, { features: { readMode: 'lease', checkQuorum: true } });
    deliver(n, appendEntries({ from: 0, to: 1, term: 1 }), 500);
    const ready = timeout(n, 500 + E_MIN - 10);
    expect(n.role).toBe('follower');
    expect(ready.events).toContainEqual({ type: 'electionHeldBack', term: 1, until: 500 + E_MIN });
    timeout(n, 500 + E_MIN);
    expect(n.role).toBe('candidate');
  });
});
