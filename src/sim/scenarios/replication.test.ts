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
});

describe('follower failure (§5.3, §5.5)', () => {
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
