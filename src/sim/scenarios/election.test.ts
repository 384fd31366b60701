/** Leader election (§5.2), through the public harness, in virtual time only. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import {
  countSent,
  electLeader,
  ids,
  leadersByTerm,
  logCommands,
  logsConverged,
  runUntilApplied,
} from './helpers';

describe('initial election (§5.2)', () => {
  it('a leader is elected within one second of virtual time, and every node learns its term (§5.2)', () => {
    for (const [nodes, seed] of [
      [3, 1],
      [5, 2],
      [5, 3],
      [7, 4],
    ] as const) {
      // init
      const c = createCluster({ nodes, seed });
      // act
      const elected = c.runUntil(() => c.leader() !== null, 1000);
      c.run(100);
      // check
      expect(elected, `nodes=${nodes} seed=${seed}`).toBe(true);
      const leader = c.leader()!;
      const term = c.node(leader).term;
      for (const id of ids(c)) {
        expect(c.node(id).term).toBe(term);
        expect(c.node(id).role).toBe(id === leader ? 'leader' : 'follower');
      }
      expect(c.violations()).toEqual([]);
    }
  });

  it('a single-node cluster elects itself and commits alone (§5.2, majority of one)', () => {
    // init
    const c = createCluster({ nodes: 1, seed: 5 });
    // act
    const leader = electLeader(c);
    const r = c.submit(0, 'solo');
    // check
    expect(leader).toBe(0);
    expect(r).toEqual({ accepted: true, index: 2, term: 1 });
    expect(c.node(0).commitIndex).toBe(2);
    expect(c.applied(0).map((e) => e.command)).toEqual([null, 'solo']);
    expect(c.inFlight()).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('at most one leader is elected per term, across many elections (§5.2 election safety)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 11 });
    // act: depose the leader again and again, so there are many terms
    for (let round = 0; round < 6; round++) {
      const leader = electLeader(c, 3000);
      c.disconnect(leader);
      c.runUntil(() => c.leader() !== null && c.leader() !== leader, 3000);
      c.reconnect(leader);
    }
    electLeader(c, 3000);
    // check
    const byTerm = leadersByTerm(c);
    expect(byTerm.size).toBeGreaterThanOrEqual(6);
    for (const [term, leaders] of byTerm)
      expect({ term, leaders }).toEqual({ term, leaders: [leaders[0]] });
    expect(c.violations()).toEqual([]);
  });

  it('with no faults a leader keeps its term: no election for several seconds (§5.2)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 12 });
    const leader = electLeader(c);
    const term = c.node(leader).term;
    const t0 = c.now;
    // act
    c.run(5000);
    // check
    expect(c.leader()).toBe(leader);
    for (const id of ids(c)) expect(c.node(id).term).toBe(term);
    expect(countSent(c, 'RequestVote', t0)).toBe(0);
    expect(
      c.trace().filter((e) => e.kind === 'timeout' && e.timer === 'election' && e.t >= t0),
    ).toEqual([]);
    expect(c.violations()).toEqual([]);
  });
});

describe('leader failure (§5.2)', () => {
  it('a disconnected leader is replaced by the rest in a higher term (§5.2)', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 21 });
    const old = electLeader(c);
    const oldTerm = c.node(old).term;
    // act
    c.disconnect(old);
    const replaced = c.runUntil(() => c.leader() !== null && c.leader() !== old, 1000);
    // check
    expect(replaced).toBe(true);
    const leader = c.leader()!;
    expect(c.node(leader).term).toBeGreaterThan(oldTerm);
    // the old leader, alone, still believes it leads its old term
    expect(c.node(old).role).toBe('leader');
    expect(c.node(old).term).toBe(oldTerm);
    expect(c.violations()).toEqual([]);
  });

  it('a returning old leader steps down, the new leader keeps its term, and the old leader’s stale entries are discarded (§5.2, §5.3)', () => {
    // init: the old leader takes commands it cannot commit while cut off
    const c = createCluster({ nodes: 5, seed: 22 });
    const old = electLeader(c);
    c.disconnect(old);
    for (const cmd of ['stale-1', 'stale-2', 'stale-3'])
      expect(c.submit(old, cmd).accepted).toBe(true);
    c.runUntil(() => c.leader() !== null && c.leader() !== old, 1000);
    const leader = electLeader(c);
    const term = c.node(leader).term;
    expect(c.submit(leader, 'fresh').accepted).toBe(true);
    expect(
      runUntilApplied(
        c,
        ids(c).filter((id) => id !== old),
        'fresh',
      ),
    ).toBe(true);
    // act
    c.reconnect(old);
    const converged = c.runUntil(() => logsConverged(c), 1000);
    c.run(1000);
    // check
    expect(converged).toBe(true);
    expect(c.node(old).role).toBe('follower');
    expect(c.leader()).toBe(leader);
    for (const id of ids(c)) expect(c.node(id).term).toBe(term);
    expect(logCommands(c, old)).toEqual(['fresh']);
    expect(logsConverged(c)).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('no leader is elected without a quorum, and nothing commits (§5.2)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 23 });
    const leader = electLeader(c);
    c.run(200);
    const followers = ids(c).filter((id) => id !== leader);
    const [a, b, x, y] = followers as [number, number, number, number];
    const before = { a: c.node(a), b: c.node(b), leader: c.node(leader) };
    expect(before.a.commitIndex).toBe(before.leader.commitIndex);
    // act: three of five cut off (the leader among them), two remain together
    for (const id of [leader, x, y]) c.disconnect(id);
    expect(c.submit(leader, 'lonely').accepted).toBe(true);
    c.run(3000);
    // check
    for (const id of [a, b]) expect(c.node(id).role).not.toBe('leader');
    expect(c.node(a).term + c.node(b).term).toBeGreaterThan(before.a.term + before.b.term);
    expect(c.node(a).commitIndex).toBe(before.a.commitIndex);
    expect(c.node(b).commitIndex).toBe(before.b.commitIndex);
    expect(c.node(leader).commitIndex).toBe(before.leader.commitIndex);
    expect(c.node(leader).log).toHaveLength(before.leader.log.length + 1);
    const laterLeaders = c
      .trace()
      .filter((e) => e.kind === 'role' && e.role === 'leader' && e.term > before.a.term);
    expect(laterLeaders).toEqual([]);
    // and once the quorum is back a leader commits again
    for (const id of [leader, x, y]) c.reconnect(id);
    const next = electLeader(c, 3000);
    expect(c.submit(next, 'quorum').accepted).toBe(true);
    expect(runUntilApplied(c, ids(c), 'quorum')).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('a follower with an inflated term rejoins: one leader, equal logs, and it does not win with its stale log (§5.2, §5.4.1)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 24 });
    const leader = electLeader(c);
    const f = ids(c).find((id) => id !== leader)!;
    const term = c.node(leader).term;
    c.disconnect(f);
    for (let i = 0; i < 5; i++) c.submit(leader, `cmd-${i}`);
    c.run(3000);
    expect(c.node(f).term).toBeGreaterThanOrEqual(term + 5);
    const tRejoin = c.now;
    // act
    c.reconnect(f);
    const converged = c.runUntil(() => logsConverged(c) && c.leader() !== null, 3000);
    c.run(500);
    // check
    expect(converged).toBe(true);
    expect(logsConverged(c)).toBe(true);
    const now = c.leader()!;
    expect(now).not.toBe(f);
    expect(ids(c).filter((id) => c.node(id).role === 'leader')).toEqual([now]);
    expect(logCommands(c, f)).toEqual(['cmd-0', 'cmd-1', 'cmd-2', 'cmd-3', 'cmd-4']);
    const fWins = c
      .trace()
      .filter((e) => e.kind === 'role' && e.role === 'leader' && e.node === f && e.t >= tRejoin);
    expect(fWins).toEqual([]);
    expect(c.violations()).toEqual([]);
  });
});

describe('split votes (§5.2)', () => {
  it('a split vote elects nobody in its term, and randomized timeouts then elect one leader (§5.2)', () => {
    // init: three candidates at the same instant; node 3 hears only 0, node 4 only 1
    const c = createCluster({ nodes: 5, seed: 31 });
    c.hold(
      (m) =>
        m.type === 'RequestVote' && ((m.to === 3 && m.from !== 0) || (m.to === 4 && m.from !== 1)),
    );
    // act
    c.expireElectionTimer(0);
    c.expireElectionTimer(1);
    c.expireElectionTimer(2);
    c.run(20);
    const splitTerm = c.node(0).term;
    // check: 0 and 1 have two votes each, 2 has one: nobody won term 1
    expect([c.node(0).term, c.node(1).term, c.node(2).term]).toEqual([1, 1, 1]);
    expect(ids(c).filter((id) => c.node(id).role === 'leader')).toEqual([]);
    expect(c.node(3).votedFor).toBe(0);
    expect(c.node(4).votedFor).toBe(1);
    // act: the late requests arrive and are denied; the next timeouts break the tie
    c.release();
    const elected = c.runUntil(() => c.leader() !== null, 1000);
    // check
    expect(elected).toBe(true);
    expect(c.node(c.leader()!).term).toBeGreaterThan(splitTerm);
    expect(leadersByTerm(c).get(splitTerm)).toBeUndefined();
    expect(c.violations()).toEqual([]);
  });

  it('two nodes timing out at the same instant still end with exactly one leader (§5.2)', () => {
    for (const seed of [32, 33, 34, 35, 36]) {
      // init
      const c = createCluster({ nodes: 4, seed });
      // act
      c.expireElectionTimer(0);
      c.expireElectionTimer(1);
      const elected = c.runUntil(() => c.leader() !== null, 2000);
      c.run(300);
      // check
      expect(elected, `seed ${seed}`).toBe(true);
      expect(ids(c).filter((id) => c.node(id).role === 'leader')).toHaveLength(1);
      expect(c.violations()).toEqual([]);
    }
  });
});
