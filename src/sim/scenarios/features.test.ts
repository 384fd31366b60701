/**
 * The features past the paper's core Raft, through the public harness, over several seeds:
 * PreVote (§9.6), CheckQuorum (§6.2), leadership transfer (§3.10), ReadIndex and leases
 * (§6.4). Each test is named after the rule of the text it checks.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import { electLeader, ids } from './helpers';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const ELECTION_MAX = 300;

describe('options of the features', () => {
  it('are off by default and rejected with a clear sentence when wrong', () => {
    expect(() => createCluster({ nodes: 3, seed: 1, readMode: 'lease' })).toThrow(
      /readMode lease needs checkQuorum: true/,
    );
    expect(() =>
      createCluster({ nodes: 3, seed: 1, readMode: 'fast' as unknown as 'log' }),
    ).toThrow(/readMode must be one of log, readIndex, lease, got "fast"/);
    expect(() => createCluster({ nodes: 3, seed: 1, preVote: 'yes' as unknown as true })).toThrow(
      /preVote must be true or false/,
    );
    expect(() =>
      createCluster({ nodes: 3, seed: 1, checkQuorum: true, readMode: 'lease', clockDriftMax: 1 }),
    ).toThrow(/clockDriftMax must be a fraction/);
    const c = createCluster({ nodes: 3, seed: 1 });
    expect([c.options.preVote, c.options.checkQuorum, c.options.readMode]).toEqual([
      false,
      false,
      'log',
    ]);
  });
});

describe('PreVote (§9.6)', () => {
  it('a node cut off alone, then rejoining, leaves every term unchanged and the leader leading', () => {
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 5, seed, preVote: true });
      const leader = electLeader(c);
      const term = c.node(leader).term;
      const loner = (leader + 1) % c.size;
      c.disconnect(loner);
      c.run(3000);
      expect(c.node(loner).term, `seed ${seed}`).toBe(term);
      c.reconnect(loner);
      c.run(1000);
      expect(c.leader(), `seed ${seed}`).toBe(leader);
      for (const id of ids(c)) expect(c.node(id).term, `seed ${seed} node ${id}`).toBe(term);
      expect(c.violations()).toEqual([]);
    }
  });

  it('a cluster with PreVote still elects a new leader when the old one crashes', () => {
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 5, seed, preVote: true });
      const leader = electLeader(c);
      c.crash(leader);
      expect(
        c.runUntil(() => c.leader() !== null && c.leader() !== leader, 4 * ELECTION_MAX),
        `seed ${seed}`,
      ).toBe(true);
    }
  });
});

describe('CheckQuorum (§6.2)', () => {
  it('an isolated leader steps down within two election timeouts', () => {
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 5, seed, checkQuorum: true });
      const leader = electLeader(c);
      c.disconnect(leader);
      const stepped = c.runUntil(() => c.node(leader).role !== 'leader', 2 * ELECTION_MAX);
      expect(stepped, `seed ${seed}`).toBe(true);
    }
  });

  it('without it, an isolated leader believes it leads for as long as it is cut off', () => {
    const c = createCluster({ nodes: 5, seed: 1 });
    const leader = electLeader(c);
    c.disconnect(leader);
    c.run(5000);
    expect(c.node(leader).role).toBe('leader');
  });
});

describe('leadership transfer (§3.10)', () => {
  it('to an up-to-date node completes within an election timeout', () => {
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 5, seed });
      const leader = electLeader(c);
      c.run(100); // every follower has the leader's log
      const to = (leader + 2) % c.size;
      expect(c.transferLeadership(leader, to)).toBe(true);
      expect(
        c.runUntil(() => c.leader() === to, ELECTION_MAX),
        `seed ${seed}`,
      ).toBe(true);
      expect(c.violations()).toEqual([]);
    }
  });

  it('to a lagging node completes after it catches up, and no command is lost', () => {
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 5, seed });
      const leader = electLeader(c);
      const to = (leader + 1) % c.size;
      c.setLink(leader, to, false);
      for (let i = 0; i < 30; i++) expect(c.submit(leader, `cmd-${i}`).accepted).toBe(true);
      c.run(20);
      expect(c.transferLeadership(leader, to)).toBe(true);
      expect(c.submit(leader, 'during').accepted, 'no proposals during a transfer').toBe(false);
      c.run(50);
      expect(c.node(to).role, 'not before it has caught up').not.toBe('leader');
      c.setLink(leader, to, true);
      expect(
        c.runUntil(() => c.leader() === to, ELECTION_MAX),
        `seed ${seed}`,
      ).toBe(true);
      const log = c.node(to).log.map((e) => e.command);
      for (let i = 0; i < 30; i++) expect(log).toContain(`cmd-${i}`);
    }
  });

  it('is refused (false) by a node that is not the leader, or is down; nonsense throws', () => {
    const c = createCluster({ nodes: 3, seed: 1 });
    const leader = electLeader(c);
    const follower = (leader + 1) % 3;
    expect(c.transferLeadership(follower, leader)).toBe(false);
    expect(() => c.transferLeadership(leader, leader)).toThrow(/cannot hand over to itself/);
    expect(() => c.transferLeadership(leader, 7)).toThrow(/node/);
    c.crash(leader);
    expect(c.transferLeadership(leader, follower)).toBe(false);
  });

  it('to a crashed node gives up after an election timeout, and the leader takes commands again', () => {
    const c = createCluster({ nodes: 3, seed: 2 });
    const leader = electLeader(c);
    const to = (leader + 1) % 3;
    c.crash(to);
    expect(c.transferLeadership(leader, to)).toBe(true);
    expect(c.submit(leader, 'during').accepted).toBe(false);
    c.run(ELECTION_MAX + 60);
    expect(c.leader()).toBe(leader);
    expect(c.submit(leader, 'after').accepted).toBe(true);
  });
});

describe('reads without a log write (§6.4)', () => {
  it('a ReadIndex read on a deposed leader never returns a stale value', () => {
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 5, seed, readMode: 'readIndex' });
      const old = electLeader(c);
      const reader = c.kvClient({ pinnedTo: old, deadlineMs: 2000 });
      const writer = c.kvClient();
      const first = writer.set('x', 'old');
      c.runUntil(() => first.done, 1000);
      const warm = reader.get('x');
      c.runUntil(() => warm.done, 1000);
      expect(warm.result).toEqual({ found: true, value: 'old' });
      c.partition(
        [old],
        ids(c).filter((id) => id !== old),
      );
      expect(c.runUntil(() => c.leader() !== null && c.leader() !== old, 2000)).toBe(true);
      const second = writer.set('x', 'new');
      c.runUntil(() => second.done, 2000);
      expect(second.outcome).toBe('ok');
      const stale = reader.get('x');
      c.run(2500);
      expect(stale.outcome, `seed ${seed}`).not.toBe('ok');
      expect(c.node(old).log.length).toBeGreaterThan(0);
    }
  });

  it('reads by ReadIndex and leases say how they were served and write nothing to the log', () => {
    for (const [readMode, checkQuorum] of [
      ['readIndex', false],
      ['lease', true],
    ] as const) {
      const c = createCluster({ nodes: 3, seed: 3, readMode, checkQuorum });
      const leader = electLeader(c);
      const client = c.kvClient({ pinnedTo: leader });
      const set = client.set('k', 'v');
      c.runUntil(() => set.done, 1000);
      const before = c.node(leader).log.length;
      const get = client.get('k');
      c.runUntil(() => get.done, 1000);
      expect(get.result).toEqual({ found: true, value: 'v' });
      expect(get.servedBy).toBe(readMode);
      expect(c.node(leader).log.length).toBe(before);
    }
  });

  it('lease reads are refused once the lease may have expired, though the leader still leads', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const c = createCluster({ nodes: 3, seed, checkQuorum: true, readMode: 'lease' });
      const leader = electLeader(c);
      const client = c.kvClient({ pinnedTo: leader, deadlineMs: 1000 });
      const set = client.set('k', 'v');
      c.runUntil(() => set.done, 1000);
      c.partition(
        [leader],
        ids(c).filter((id) => id !== leader),
      );
      // The lease is at most an election timeout shrunk for drift; CheckQuorum waits a
      // whole one (and a heartbeat) before stepping down: in between, a GET must wait.
      c.run(150);
      if (c.node(leader).role !== 'leader') continue;
      const get = client.get('k');
      c.run(1);
      expect(get.done, `seed ${seed}`).toBe(false);
      c.run(1500);
      expect(get.outcome, `seed ${seed}`).not.toBe('ok');
      expect(c.violations()).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(SEEDS.length / 2);
  });
});
