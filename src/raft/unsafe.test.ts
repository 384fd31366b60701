import { describe, expect, it } from 'vitest';
import { chaosOptions } from '../sim/chaos/options';
import { runSeed } from '../sim/chaos/run-seed';
import { SimCluster } from '../sim/cluster';
import { UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from './unsafe';

/**
 * The election restriction's scenario (lesson 6): S1 misses two committed writes while cut
 * off, comes back with the highest term after the leader crashed, and asks for votes first.
 */
function staleCandidate(unsafe: UnsafeSwitch[]): SimCluster {
  const c = new SimCluster({ nodes: 3, seed: 2, unsafe });
  c.runUntil(() => [0, 1, 2].every((id) => c.node(id).commitIndex >= 1), 2000);
  const leader = c.leader()!;
  const stale = [0, 1, 2].find((id) => id !== leader)!;
  c.disconnect(stale);
  const client = c.kvClient();
  client.set('x', '1');
  const y = client.set('y', '2');
  c.runUntil(() => y.outcome === 'ok', 3000);
  c.run(500); // the cut-off server times out again and again: its term climbs
  c.crash(leader);
  c.reconnect(stale);
  c.expireElectionTimer(stale);
  c.run(2000);
  return c;
}

/**
 * What each switch's scenario breaks when the switch is on, and must not break when off.
 * A run gives what its checkers found: broken invariants, then chaos's own checks.
 */
const SCENARIOS: Record<UnsafeSwitch, { run: (unsafe: UnsafeSwitch[]) => string[]; rule: RegExp }> =
  {
    noElectionRestriction: {
      run: (unsafe) => staleCandidate(unsafe).violations(),
      rule: /^Leader completeness: S\d became leader in term \d+ without entry/,
    },
    // A vote that is not on disk when the reply leaves (a crash would forget it). It needs a
    // vote in a term the voter already had: chaos seed 6 makes one.
    voteNotPersisted: {
      run: (unsafe) => chaosSeed(6, unsafe),
      rule: /^Persist before send: S\d granted its vote in term \d+ to S\d, but had persisted term \d+ and vote null/,
    },
    // The same stale candidate: the voters learn its higher term from its RequestVote and
    // refuse it, in that term, before the term is on disk.
    termNotPersisted: {
      run: (unsafe) => staleCandidate(unsafe).violations(),
      rule: /^Persist before send: S\d sent RequestVoteReply in term \d+, but had persisted term \d+/,
    },
    // A late AppendEntries that cuts a follower's committed entries: chaos seed 1 sends one.
    truncateOnAnyAppend: {
      run: (unsafe) => chaosSeed(1, unsafe),
      rule: /^Committed entries are durable: S\d deleted committed entry \d+/,
    },
    // A GET answered by a leader that no longer leads: chaos seed 26 with KV clients has one.
    staleReads: {
      run: (unsafe) => chaosSeed(26, unsafe, true),
      rule: /^KV history not linearizable/,
    },
    // A retry applied twice: chaos seed 1 with KV clients loses answers, and APPENDs land twice.
    noClientSessions: {
      run: (unsafe) => chaosSeed(1, unsafe, true),
      rule: /^KV history not linearizable|holds a token twice/,
    },
  };

/** What a chaos seed's checkers find (default flags, KV clients if asked), with these switches (at most one) off. */
function chaosSeed(seed: number, unsafe: UnsafeSwitch[], kv = false): string[] {
  const flags = { nodes: 5, unreliable: false, strictLiveness: false, kv };
  const bug = unsafe[0];
  const { result } = runSeed(chaosOptions(seed, bug === undefined ? flags : { ...flags, bug }));
  return [...result.violations, ...result.failures];
}

describe('unsafe switches', () => {
  it('every switch has a scenario', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...UNSAFE_SWITCH_NAMES].sort());
  });

  it.each(UNSAFE_SWITCH_NAMES)(
    '%s: its scenario breaks the rule, caught by the checker',
    (name) => {
      const { run, rule } = SCENARIOS[name];
      expect(run([name])[0]).toMatch(rule);
    },
  );

  it.each(UNSAFE_SWITCH_NAMES)(
    '%s: with every switch off, the same scenario breaks nothing',
    (name) => {
      expect(SCENARIOS[name].run([])).toEqual([]);
    },
  );

  it('refuses a switch that does not exist, naming the ones that do', () => {
    expect(
      () => new SimCluster({ nodes: 3, seed: 1, unsafe: ['noSafety' as UnsafeSwitch] }),
    ).toThrow(
      /^unsafe: there is no switch "noSafety"; the switches are noElectionRestriction, voteNotPersisted, termNotPersisted, truncateOnAnyAppend, noClientSessions, staleReads$/,
    );
  });
});
