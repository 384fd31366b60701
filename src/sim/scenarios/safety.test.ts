/** Safety (§5.4): the election restriction, the commit rule and Figure 8. */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster, type MessageView, type NetworkOptions } from '../index';
import {
  commands,
  electLeader,
  ids,
  leadersByTerm,
  logCommands,
  logsConverged,
  one,
  testRng,
} from './helpers';

/**
 * Figure 8, built step by step with 5 nodes (S1..S5 are nodes 0..4) and one entry per
 * AppendEntries, up to the moment of Figure 8 (c): S1 leads term 3 and has stored the
 * term-1 entry 'x' (index 2) on a majority, while its own no-op (index 3, term 3) is held
 * back from S3 and S4.
 */
function figure8c(): { c: Cluster; newTerm: number } {
  const c = createCluster({ nodes: 5, seed: 202, entriesPerAppendMax: 1 });
  // (a) S1 leads term 1 and replicates 'x' at index 2 to S2 only, then crashes
  c.expireElectionTimer(0);
  expect(electLeader(c)).toBe(0);
  c.run(100);
  c.partition([0, 1], [2, 3, 4]);
  expect(c.submit(0, 'x')).toEqual({ accepted: true, index: 2, term: 1 });
  c.run(20);
  expect(c.node(1).log[1]).toEqual({ index: 2, term: 1, command: 'x' });
  c.crash(0);
  // (b) S5 wins term 2 with S3 and S4 and writes its no-op at index 2; nobody gets it
  c.expireElectionTimer(4);
  expect(c.runUntil(() => c.node(4).role === 'leader', 20)).toBe(true);
  c.disconnect(4);
  c.crash(4);
  expect(c.node(4).log[1]).toEqual({ index: 2, term: 2, command: null });
  // (c) S1 restarts and wins term 3 (its first try, term 2, meets votes already given)
  c.heal();
  c.disconnect(4);
  c.restart(0);
  c.expireElectionTimer(0);
  c.run(10);
  expect(c.node(0).role).toBe('candidate');
  // S3 and S4 get 'x' from S1, but S1's own no-op is held back from them
  c.hold(
    (m: MessageView) =>
      m.type === 'AppendEntries' &&
      m.from === 0 &&
      (m.to === 2 || m.to === 3) &&
      (m.payload.entries as { term: number }[]).some((e) => e.term === 3) &&
      c.node(m.to).log.length >= 2,
  );
  c.expireElectionTimer(0);
  expect(c.runUntil(() => c.node(0).role === 'leader', 20)).toBe(true);
  const newTerm = c.node(0).term;
  expect(newTerm).toBe(3);
  const stored = c.runUntil(() => [1, 2, 3].every((id) => c.node(id).log[1]?.command === 'x'), 30);
  expect(stored).toBe(true);
  return { c, newTerm };
}

describe('committing entries from previous terms (§5.4.2, Figure 8)', () => {
  it('a leader does not count replicas of an earlier-term entry: stored on a majority, it is not committed (§5.4.2)', () => {
    // init + act
    const { c } = figure8c();
    c.run(5);
    // check: 'x' is on S1, S2, S3, S4 (a majority of 5), yet S1 has not committed it
    for (const id of [0, 1, 2, 3])
      expect(c.node(id).log[1]).toEqual({ index: 2, term: 1, command: 'x' });
    for (const id of [0, 1, 2, 3]) expect(c.node(id).commitIndex).toBeLessThan(2);
    expect(commands(c, 0)).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('that uncommitted earlier-term entry may still be overwritten by a later leader (§5.4.2, Figure 8 d)', () => {
    // init
    const { c } = figure8c();
    // act: S1 crashes; S5 comes back and, with a newer last term than S3 and S4, wins
    c.crash(0);
    c.restart(4);
    c.reconnect(4);
    c.expireElectionTimer(4);
    c.run(10);
    c.expireElectionTimer(4);
    const won = c.runUntil(() => c.node(4).role === 'leader', 50);
    const overwritten = c.runUntil(() => [2, 3, 4].every((id) => c.node(id).commitIndex >= 3), 500);
    // check: 'x' was replaced on the majority by S5's term-2 entry, and that is safe
    expect(won).toBe(true);
    expect(overwritten).toBe(true);
    for (const id of [2, 3, 4])
      expect(c.node(id).log[1]).toEqual({ index: 2, term: 2, command: null });
    c.release();
    c.restart(0);
    expect(c.runUntil(() => logsConverged(c), 2000)).toBe(true);
    for (const id of ids(c)) expect(logCommands(c, id)).toEqual([]);
    expect(c.violations()).toEqual([]);
  });

  it('once an entry of the current term commits, the earlier-term entry before it commits too, and for good (§5.4.2, Figure 8 e)', () => {
    // init
    const { c, newTerm } = figure8c();
    const t0 = c.now;
    // act: S1's no-op reaches S3 and S4
    c.release();
    const committed = c.runUntil(() => c.node(0).commitIndex >= 3, 100);
    // check: the commit index jumped from 1 to 3 at once: index 2 never counted alone
    expect(committed).toBe(true);
    const commits = c.trace().filter((e) => e.kind === 'commit' && e.node === 0 && e.t >= t0);
    expect(commits[0]).toMatchObject({ commitIndex: 3 });
    expect(c.node(0).log[2]).toEqual({ index: 3, term: newTerm, command: null });
    expect(commands(c, 0)).toEqual(['x']);
    // S5 returns: its term-2 entry is replaced by 'x'; everything is consistent
    c.restart(4);
    c.reconnect(4);
    expect(one(c, 'after')).toBe(true);
    expect(c.runUntil(() => logsConverged(c), 1000)).toBe(true);
    for (const id of ids(c)) expect(commands(c, id)).toEqual(['x', 'after']);
    expect(c.violations()).toEqual([]);
  });
});

/**
 * 6.824's TestFigure8: submit to whichever node leads, wait a random while (mostly short),
 * crash the leader (or, here, sometimes a random node), and restart a random node when
 * fewer than three are up. At the end every node is up and one more command commits.
 */
function figure8Loop(seed: number, iterations: number, network?: NetworkOptions): Cluster {
  const c = createCluster({ nodes: 5, seed, ...(network === undefined ? {} : { network }) });
  const rng = testRng(seed);
  expect(one(c, 'start')).toBe(true);
  let up = c.size;
  for (let i = 0; i < iterations; i++) {
    let leader = -1;
    for (const id of ids(c)) {
      if (c.node(id).alive && c.submit(id, `${i}/${id}`).accepted) leader = id;
    }
    c.run(rng.next() < 0.1 ? rng.int(500) : rng.int(13));
    const victim = rng.next() < 0.2 ? rng.int(c.size) : leader;
    if (victim !== -1 && c.node(victim).alive) {
      c.crash(victim);
      up--;
    }
    if (up < 3) {
      const s = rng.int(c.size);
      if (!c.node(s).alive) {
        c.restart(s);
        up++;
      }
    }
  }
  for (const id of ids(c)) c.restart(id);
  expect(one(c, 'final', ids(c), 20_000)).toBe(true);
  return c;
}

describe('randomized Figure 8 (§5.4)', () => {
  it.each([301, 311])(
    'leaders crashing at random times never lose a committed entry, reliable network, seed %i (§5.4)',
    (seed) => {
      // init + act
      const c = figure8Loop(seed, 1000);
      // check: it did exercise many terms and commit many commands
      expect(leadersByTerm(c).size).toBeGreaterThan(40);
      const leader = c.leader()!;
      expect(commands(c, leader).length).toBeGreaterThan(40);
      for (const id of ids(c)) expect(commands(c, id)).toEqual(commands(c, leader));
      expect(c.violations()).toEqual([]);
    },
  );

  it.each([302, 312])(
    'leaders crashing at random times never lose a committed entry, unreliable network, seed %i (§5.4)',
    (seed) => {
      // init + act
      const c = figure8Loop(seed, 1000, { delayMs: [1, 25], dropRate: 0.1, duplicateRate: 0.05 });
      // check
      expect(leadersByTerm(c).size).toBeGreaterThan(25);
      const leader = c.leader()!;
      expect(commands(c, leader).length).toBeGreaterThan(15);
      expect(c.runUntil(() => logsConverged(c), 5000)).toBe(true);
      expect(c.violations()).toEqual([]);
    },
  );
});
