import { describe, expect, it } from 'vitest';
import { SimCluster } from '../sim/cluster';
import type { UnsafeSwitch } from './unsafe';

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

describe('unsafe switches', () => {
  it('with the election restriction, a stale candidate cannot win: no invariant breaks', () => {
    const c = staleCandidate([]);
    expect(c.violations()).toEqual([]);
  });

  it('without it (noElectionRestriction), the checkers catch a leader that lacks committed entries', () => {
    const c = staleCandidate(['noElectionRestriction']);
    expect(c.violations().length).toBeGreaterThan(0);
    expect(c.violations().join('\n')).toMatch(
      /Leader Completeness|State Machine Safety|committed/i,
    );
  });

  it('refuses a switch that does not exist, naming the ones that do', () => {
    expect(
      () => new SimCluster({ nodes: 3, seed: 1, unsafe: ['noSafety' as UnsafeSwitch] }),
    ).toThrow('unsafe: there is no switch "noSafety"; the switches are noElectionRestriction');
  });
});
