/** Persistent state (§5, Figure 2): currentTerm, votedFor and log[] survive a crash. */
import { describe, expect, it } from 'vitest';
import { createCluster, type MessageView } from '../index';
import { commands, electLeader, ids, logCommands, one, runUntilApplied } from './helpers';

describe('persistent state (Figure 2)', () => {
  it('committed entries survive a crash of every node; the cluster then elects and commits again (Figure 2)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 401 });
    const leader = electLeader(c);
    const before = Array.from({ length: 10 }, (_, i) => `before-${i}`);
    for (const cmd of before) c.submit(leader, cmd);
    expect(runUntilApplied(c, ids(c), 'before-9')).toBe(true);
    const termBefore = c.node(leader).term;
    // act
    for (const id of ids(c)) c.crash(id);
    c.run(1000);
    for (const id of ids(c)) {
      expect(c.node(id).alive).toBe(false);
      expect(logCommands(c, id)).toEqual(before);
    }
    for (const id of ids(c)) c.restart(id);
    const next = electLeader(c);
    expect(one(c, 'after', ids(c), 2000)).toBe(true);
    // check: each restarted node re-applies the whole committed log, in order
    expect(c.node(next).term).toBeGreaterThan(termBefore);
    for (const id of ids(c)) expect(commands(c, id)).toEqual([...before, 'after']);
    expect(c.violations()).toEqual([]);
  });

  it('the current term survives a crash (Figure 2: currentTerm)', () => {
    // init: a cut-off node runs up its term in vain
    const c = createCluster({ nodes: 3, seed: 402 });
    const leader = electLeader(c);
    const f = ids(c).find((id) => id !== leader)!;
    c.disconnect(f);
    c.run(2000);
    const term = c.node(f).term;
    expect(term).toBeGreaterThan(c.node(leader).term);
    // act
    c.crash(f);
    c.restart(f);
    // check
    expect(c.node(f)).toMatchObject({ alive: true, role: 'follower', term, votedFor: f });
    expect(c.trace().at(-1)).toMatchObject({ kind: 'restart', node: f, term, votedFor: f });
    expect(c.violations()).toEqual([]);
  });

  it('a vote granted just before a crash survives it: the voter denies a second candidate in that term (Figure 2: votedFor)', () => {
    // init: 0 leads; 1 becomes a candidate whose request reaches only node 2
    const c = createCluster({ nodes: 5, seed: 403 });
    c.expireElectionTimer(0);
    expect(electLeader(c)).toBe(0);
    c.run(100);
    c.hold((m) => m.type === 'RequestVote' && m.from === 1 && m.to !== 2);
    c.expireElectionTimer(1);
    const term = c.node(1).term;
    const isGrant = (m: MessageView) =>
      m.type === 'RequestVoteReply' && m.from === 2 && m.payload.voteGranted === true;
    // act: node 2 crashes the instant its granted vote is on the wire
    expect(c.runUntil(() => c.inFlight().some(isGrant), 20)).toBe(true);
    c.crash(2);
    c.restart(2);
    // check: the vote and its term are still there...
    expect(c.node(2)).toMatchObject({ term, votedFor: 1 });
    // ...and node 2 refuses node 3, a second candidate of the same term
    expect(c.node(3).term).toBe(term - 1);
    c.expireElectionTimer(3);
    expect(c.node(3).term).toBe(term);
    c.run(20);
    const votesOf2 = c
      .trace()
      .filter((e) => e.kind === 'vote' && e.node === 2 && e.term === term && e.candidate === 3);
    expect(votesOf2).toEqual([
      expect.objectContaining({ granted: false, reason: 'already-voted' }),
    ]);
    c.release();
    c.run(1000);
    expect(c.leader()).not.toBeNull();
    expect(c.violations()).toEqual([]);
  });

  it('entries acknowledged by an AppendEntries success survive a crash of the follower (Figure 2: log[])', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 404 });
    const leader = electLeader(c);
    const f = ids(c).find((id) => id !== leader)!;
    const r = c.submit(leader, 'acked');
    const isAck = (m: MessageView) =>
      m.type === 'AppendEntriesReply' &&
      m.from === f &&
      m.payload.success === true &&
      (m.payload.matchIndex as number) >= r.index!;
    // act: the follower crashes the instant its acknowledgement is on the wire
    expect(c.runUntil(() => c.inFlight().some(isAck), 20)).toBe(true);
    c.crash(f);
    // check: the entry is in its durable log, and in its log after the restart
    expect(c.node(f).log[r.index! - 1]).toEqual({ index: r.index, term: r.term, command: 'acked' });
    c.restart(f);
    expect(c.node(f).log[r.index! - 1]).toEqual({ index: r.index, term: r.term, command: 'acked' });
    expect(runUntilApplied(c, ids(c), 'acked')).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('a restarted node knows nothing volatile: it starts as a follower with commitIndex 0 and relearns it (Figure 2)', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 405 });
    const leader = electLeader(c);
    c.submit(leader, 'a');
    expect(runUntilApplied(c, ids(c), 'a')).toBe(true);
    // act
    c.crash(leader);
    c.restart(leader);
    // check
    expect(c.node(leader)).toMatchObject({ role: 'follower', commitIndex: 0, lastApplied: 0 });
    expect(c.applied(leader)).toEqual([]);
    expect(one(c, 'b', ids(c), 2000)).toBe(true);
    expect(commands(c, leader)).toEqual(['a', 'b']);
    expect(c.violations()).toEqual([]);
  });
});
