/** Log replication (§5.3), through the public harness, in virtual time only. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import {
  commands,
  countSent,
  electLeader,
  ids,
  logCommands,
  logsConverged,
  runUntilApplied,
  sent,
} from './helpers';

describe('agreement (§5.3)', () => {
  it('submitted commands are applied in the same order on every node (§5.3)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 101 });
    const leader = electLeader(c);
    const submitted: string[] = [];
    // act: bursts and single commands, with time passing in between
    for (let i = 0; i < 30; i++) {
      const cmd = `cmd-${i}`;
      const r = c.submit(leader, cmd);
      expect(r).toEqual({
        accepted: true,
        index: c.node(leader).log.length,
        term: c.node(leader).term,
      });
      submitted.push(cmd);
      if (i % 7 === 0) c.run(13);
    }
    const done = runUntilApplied(c, ids(c), 'cmd-29');
    // check
    expect(done).toBe(true);
    for (const id of ids(c)) expect(commands(c, id)).toEqual(submitted);
    for (const id of ids(c)) expect(c.applied(id)).toEqual(c.applied(leader));
    expect(c.violations()).toEqual([]);
  });

  it('a burst of commands reaches every follower in a few round trips, although the network reorders batches (§5.3)', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 103 });
    const leader = electLeader(c);
    c.run(100);
    const t0 = c.now;
    // act: 40 commands at one instant, pipelined in batches over a [1, 5] ms network
    for (let i = 0; i < 40; i++) c.submit(leader, i);
    const lastIndex = c.node(leader).log.length;
    const replicated = c.runUntil(
      () => ids(c).every((id) => c.node(id).log.length === lastIndex),
      1000,
    );
    // check: some batch did overtake an earlier one and was rejected...
    expect(replicated).toBe(true);
    const rejected = sent(c, 'AppendEntriesReply', t0).filter(
      (e) => !(e.message as { success: boolean }).success,
    );
    expect(rejected.length).toBeGreaterThan(0);
    // ...yet it was sent again at once, not after the loss patience (two heartbeats)
    expect(c.now - t0).toBeLessThanOrEqual(40);
    expect(runUntilApplied(c, ids(c), 39, 100)).toBe(true);
    for (const id of ids(c))
      expect(commands(c, id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(c.violations()).toEqual([]);
  });

  it('a follower refuses a submit, and so does a crashed node (§5.1, §8)', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 102 });
    const leader = electLeader(c);
    const [f, g] = ids(c).filter((id) => id !== leader) as [number, number];
    const logBefore = c.node(f).log.length;
    // act
    const toFollower = c.submit(f, 'x');
    c.crash(g);
    const toCrashed = c.submit(g, 'y');
    c.crash(leader);
    const toCrashedLeader = c.submit(leader, 'z');
    c.run(100);
    // check
    expect(toFollower).toEqual({ accepted: false });
    expect(toCrashed).toEqual({ accepted: false });
    expect(toCrashedLeader).toEqual({ accepted: false });
    expect(c.node(f).log).toHaveLength(logBefore);
    expect(c.trace().filter((e) => e.kind === 'propose')).toEqual([]);
    expect(c.violations()).toEqual([]);
  });
});

describe('follower failure (§5.3, §5.5)', () => {
  it('a crashed follower catches up after it restarts (§5.5)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 111 });
    const leader = electLeader(c);
    const f = ids(c).find((id) => id !== leader)!;
    c.submit(leader, 'before');
    expect(runUntilApplied(c, ids(c), 'before')).toBe(true);
    c.crash(f);
    const others = ids(c).filter((id) => id !== f);
    for (let i = 0; i < 20; i++) c.submit(leader, `while-down-${i}`);
    expect(runUntilApplied(c, others, 'while-down-19')).toBe(true);
    // act
    c.restart(f);
    const caughtUp = runUntilApplied(c, [f], 'while-down-19');
    // check
    expect(caughtUp).toBe(true);
    expect(c.leader()).toBe(leader);
    expect(commands(c, f)).toEqual(commands(c, leader));
    expect(c.violations()).toEqual([]);
  });

  it('a disconnected follower catches up after it reconnects (§5.3)', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 112 });
    const leader = electLeader(c);
    const f = ids(c).find((id) => id !== leader)!;
    c.disconnect(f);
    for (let i = 0; i < 150; i++) c.submit(leader, i);
    expect(runUntilApplied(c, [leader], 149)).toBe(true);
    // act
    c.reconnect(f);
    const converged = c.runUntil(() => logsConverged(c), 2000);
    // check
    expect(converged).toBe(true);
    expect(commands(c, f)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(c.violations()).toEqual([]);
  });
});

describe('commitment needs a majority (§5.3)', () => {
  it('a leader cut off with a minority accepts commands but does not commit them (§5.3)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 121 });
    const leader = electLeader(c);
    c.run(100);
    const [buddy, ...rest] = ids(c).filter((id) => id !== leader) as [number, ...number[]];
    const commitBefore = c.node(leader).commitIndex;
    // act
    c.partition([leader, buddy], rest);
    const r = c.submit(leader, 'minority');
    c.run(1000);
    // check
    expect(r.accepted).toBe(true);
    expect(c.node(leader).log[r.index! - 1]!.command).toBe('minority');
    expect(c.node(buddy).log[r.index! - 1]!.command).toBe('minority');
    expect(c.node(leader).commitIndex).toBe(commitBefore);
    expect(c.node(buddy).commitIndex).toBe(commitBefore);
    expect(commands(c, leader)).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('a deposed leader’s uncommitted tail is discarded once the majority has moved on (§5.3)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 122 });
    const old = electLeader(c);
    c.submit(old, 'committed');
    expect(runUntilApplied(c, ids(c), 'committed')).toBe(true);
    const [buddy, ...rest] = ids(c).filter((id) => id !== old) as [number, ...number[]];
    c.partition([old, buddy], rest);
    for (let i = 0; i < 10; i++) c.submit(old, `doomed-${i}`);
    expect(c.runUntil(() => logCommands(c, buddy).includes('doomed-9'), 500)).toBe(true);
    c.runUntil(() => c.leader() !== null && rest.includes(c.leader()!), 2000);
    const next = electLeader(c);
    for (let i = 0; i < 5; i++) c.submit(next, `kept-${i}`);
    expect(runUntilApplied(c, rest, 'kept-4')).toBe(true);
    // act
    c.heal();
    const converged = c.runUntil(() => logsConverged(c), 2000);
    // check
    expect(converged).toBe(true);
    const expected = ['committed', 'kept-0', 'kept-1', 'kept-2', 'kept-3', 'kept-4'];
    for (const id of ids(c)) expect(logCommands(c, id)).toEqual(expected);
    expect(c.node(old).role).toBe('follower');
    expect(c.violations()).toEqual([]);
  });
});

describe('fast log backtracking (§5.3)', () => {
  it('a follower with a long log conflicting over several terms is repaired with a few AppendEntries per term (§5.3)', () => {
    // init: f leads, takes 20 commands nobody else sees, crashes; three times over
    const c = createCluster({ nodes: 5, seed: 131 });
    const f = 0;
    c.expireElectionTimer(f);
    expect(electLeader(c)).toBe(f);
    c.run(100);
    const prefix = c.node(f).log.length;
    c.hold(
      (m) => m.type === 'AppendEntries' && m.from === f && (m.payload.entries as []).length > 0,
    );
    const conflictTerms: number[] = [];
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        c.expireElectionTimer(f);
        expect(c.runUntil(() => c.node(f).role === 'leader', 50)).toBe(true);
      }
      conflictTerms.push(c.node(f).term);
      for (let i = 0; i < 20; i++) expect(c.submit(f, `f-${round}-${i}`).accepted).toBe(true);
      c.crash(f);
      for (const m of c.inFlight()) if (m.from === f) c.dropMessage(m.id);
      c.restart(f);
    }
    c.crash(f);
    c.release();
    const conflicting = c.node(f).log.length - prefix;
    expect(conflicting).toBeGreaterThanOrEqual(60);
    // the others elect a leader and commit hundreds of entries of a later term
    const leader = electLeader(c, 2000);
    for (let i = 0; i < 300; i++) c.submit(leader, `main-${i}`);
    const up = ids(c).filter((id) => id !== f);
    expect(runUntilApplied(c, up, 'main-299', 2000)).toBe(true);
    // a fresh leader knows nothing of f: it probes f from the end of its own long log
    c.crash(leader);
    c.run(10);
    c.restart(f);
    const fresh = ids(c).find((id) => id !== leader && id !== f)!;
    c.expireElectionTimer(fresh);
    expect(c.runUntil(() => c.node(fresh).role === 'leader', 50)).toBe(true);
    const t0 = c.now;
    // act
    const repaired = c.runUntil(
      () => JSON.stringify(c.node(f).log) === JSON.stringify(c.node(fresh).log),
      2000,
    );
    // check
    expect(repaired).toBe(true);
    expect(logCommands(c, f).filter((x) => String(x).startsWith('f-'))).toEqual([]);
    const appends = countSent(c, 'AppendEntries', t0, f);
    const termRejections = sent(c, 'AppendEntriesReply', t0).filter((e) => {
      const reply = e.message as { success: boolean; conflictTerm: number | null };
      return e.from === f && !reply.success && reply.conflictTerm !== null;
    });
    // one rejection per conflicting term, never one per conflicting entry
    expect(termRejections.length).toBeLessThanOrEqual(conflictTerms.length);
    // a few probes, then ~300 / 64 batches (some sent twice when the network reorders
    // them): far fewer than the 60+ conflicting entries
    expect(appends).toBeLessThanOrEqual(20);
    expect(appends).toBeLessThan(conflicting / 3);
    // and in a handful of round trips (each at most 2 * 5 ms), with no stall
    expect(c.now - t0).toBeLessThanOrEqual(100);
    c.restart(leader);
    expect(c.runUntil(() => logsConverged(c), 2000)).toBe(true);
    expect(c.violations()).toEqual([]);
  });
});

describe('RPC economy (§5.2, §5.3)', () => {
  it('an idle leader sends one AppendEntries per follower per heartbeat interval, and no RequestVote (§5.2)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 141 });
    const leader = electLeader(c);
    c.run(200);
    const t0 = c.now;
    // act
    c.run(2000);
    // check: 2000 / 50 = 40 heartbeats per follower
    for (const id of ids(c).filter((x) => x !== leader)) {
      const n = countSent(c, 'AppendEntries', t0, id);
      expect(n).toBeGreaterThanOrEqual(39);
      expect(n).toBeLessThanOrEqual(41);
    }
    expect(countSent(c, 'RequestVote', t0)).toBe(0);
    expect(countSent(c, 'AppendEntries', t0)).toBeLessThanOrEqual(41 * 4);
    expect(c.violations()).toEqual([]);
  });

  it('a busy leader batches: one command costs about one AppendEntries per follower (§5.3)', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 142 });
    const leader = electLeader(c);
    c.run(200);
    const t0 = c.now;
    // act: 100 commands, one every 10 ms, over 1 s
    for (let i = 0; i < 100; i++) {
      c.submit(leader, i);
      c.run(10);
    }
    expect(runUntilApplied(c, ids(c), 99)).toBe(true);
    // check: per follower ~100 for the entries, ~100 commit notices at most, ~20 heartbeats
    for (const id of ids(c).filter((x) => x !== leader)) {
      expect(countSent(c, 'AppendEntries', t0, id)).toBeLessThanOrEqual(230);
    }
    expect(countSent(c, 'RequestVote', t0)).toBe(0);
    expect(c.violations()).toEqual([]);
  });
});
