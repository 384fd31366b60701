/**
 * Partitions (§5.4, §6.3): a leader cut off in a minority cannot commit, so its clients
 * wait; the majority elects a leader and serves its clients; after the heal the waiting
 * request completes, once.
 *
 * Clients are always connected in the simulator (only nodes are partitioned), so "a client
 * in the minority" is one that keeps talking to the old leader: a long attempt timeout.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import { converge, electLeader, ids, ok, requestsFrom, settle } from './helpers';

describe('a minority partition (§5.4)', () => {
  it('a client of the old leader in a minority makes no progress while a client of the majority does; after the heal it completes, once', () => {
    // init: the first client learns who leads
    const c = createCluster({ nodes: 5, seed: 3301 });
    const old = electLeader(c);
    const stuck = c.kvClient({ attemptTimeoutMs: 3000, deadlineMs: 10_000 });
    expect(ok(c, stuck.set('m', '0'))).toEqual({ prevFound: false });
    const minority = [old, (old + 1) % 5];
    const majority = ids(c).filter((id) => !minority.includes(id));
    // act: cut the cluster; the stuck client writes through the old leader
    c.partition(minority, majority);
    const t0 = c.now;
    const pending = stuck.append('m', '1;');
    c.run(1000);
    const fresh = c.kvClient();
    const served = settle(c, fresh.set('x', '1'), 2000);
    // check: the majority served its client, the old leader's client still waits
    expect(served.outcome).toBe('ok');
    const leader = c.leader();
    expect(majority).toContain(leader);
    expect(pending.done).toBe(false);
    expect(requestsFrom(c, stuck.id, t0).map((r) => r.to)).toEqual([old]);
    for (const id of minority) expect(c.kvState(id)).toEqual({ m: '0' });
    for (const id of majority) expect(c.kvState(id).m).toBe('0');
    expect(c.node(old).role).toBe('leader');
    expect(c.kvHistory().find((h) => h.client === stuck.id && h.op === 'append')).toMatchObject({
      outcome: 'unknown',
      ret: null,
    });
    // act: heal; the old leader steps down and sends its client to the new one
    c.heal();
    settle(c, pending, 3000);
    // check
    expect(pending.outcome).toBe('ok');
    expect(pending.result).toEqual({ prevFound: true, prev: '0' });
    expect(c.now - t0).toBeLessThan(3000);
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ m: '01;', x: '1' });
    expect(c.violations()).toEqual([]);
  });
});
