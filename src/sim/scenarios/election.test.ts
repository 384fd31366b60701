/** Leader election (§5.2), through the public harness, in virtual time only. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import {
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
});

describe('leader failure (§5.2)', () => {
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
