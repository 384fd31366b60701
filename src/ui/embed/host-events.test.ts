import { describe, expect, it } from 'vitest';
import { SimCluster } from '../../sim/cluster';
import type { TraceEvent } from '../../trace/events';
import { HostEventReader } from './host-events';

describe('what the host page hears', () => {
  it('a leader elected, the commit index moving on once, a crash and a restart', () => {
    const c = new SimCluster({ nodes: 3, seed: 4 });
    const trace: TraceEvent[] = [];
    c.onEvent((e) => trace.push(e));
    c.runUntil(() => c.leader() !== null && c.node(c.leader()!).commitIndex >= 1, 3000);
    const leader = c.leader()!;
    c.run(200);
    c.crash(leader);
    c.restart(leader);
    const events = new HostEventReader().read(trace, []);
    const kinds = events.map((e) => e.kind);
    expect(kinds[0]).toBe('leader-elected');
    // Every node commits entry 1, but the host hears it once.
    expect(events.filter((e) => e.kind === 'entry-committed')).toEqual([
      expect.objectContaining({ index: 1, node: `S${leader + 1}` }),
    ]);
    expect(kinds.slice(-2)).toEqual(['node-crashed', 'node-restarted']);
  });

  it('each broken rule once, as the violations list grows', () => {
    const reader = new HostEventReader();
    expect(reader.read([], ['Election safety: two leaders'])).toEqual([
      { kind: 'invariant-violated', rule: 'Election safety: two leaders', t: 0 },
    ]);
    expect(reader.read([], ['Election safety: two leaders'])).toEqual([]);
  });
});
