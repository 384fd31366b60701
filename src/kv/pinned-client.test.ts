import { describe, expect, it } from 'vitest';
import { SimCluster } from '../sim/cluster';
import { interventionProblem } from '../sim/interventions';

describe('a client pinned to one node', () => {
  it('writes to a minority leader, which cannot commit; the majority goes on', () => {
    const c = new SimCluster({ nodes: 5, seed: 5 });
    c.runUntil(() => c.leader() !== null, 2000);
    const old = c.leader()!;
    const buddy = (old + 1) % 5;
    const rest = [0, 1, 2, 3, 4].filter((id) => id !== old && id !== buddy);
    // Registered (its session committed) while the cluster is whole.
    const minority = c.kvClient({ pinnedTo: old, deadlineMs: 1500 });
    const free = c.kvClient();
    minority.set('y', '0');
    c.run(300);
    c.partition([old, buddy], rest);
    const stuck = minority.set('y', '9');
    const done = free.set('x', '1');
    c.run(2500);
    expect(done.outcome).toBe('ok');
    expect(stuck.outcome).toBe('unknown');
    // Every try went to the old leader, which appended y but never committed it.
    expect(c.node(old).log.some((e) => JSON.stringify(e.command).includes('"9"'))).toBe(true);
    for (const id of rest) expect(c.kvState(id).y).toBe('0');
    expect(c.violations()).toEqual([]);
  });

  it('refuses a node the cluster does not have', () => {
    expect(interventionProblem({ type: 'addClient', pinnedTo: 7 }, 3, [])).toBe(
      'no node 7: node ids are 0 .. 2',
    );
    expect(() => new SimCluster({ nodes: 3, seed: 1 }).kvClient({ pinnedTo: 3 })).toThrow(
      /pinnedTo must be a node id from 0 to 2/,
    );
  });
});
