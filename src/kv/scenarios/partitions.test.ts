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

  it('a client whose server is cut off in a minority moves on to the majority and completes', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 3302 });
    const old = electLeader(c);
    const k = c.kvClient({ attemptTimeoutMs: 150 });
    ok(c, k.set('m', '0'));
    const minority = [old, (old + 1) % 5];
    c.partition(
      minority,
      ids(c).filter((id) => !minority.includes(id)),
    );
    // act
    const op = settle(c, k.append('m', '1'), 3000);
    // check: answered by the majority's leader, applied once
    expect(op.outcome).toBe('ok');
    expect(op.result).toEqual({ prevFound: true, prev: '0' });
    expect(minority).not.toContain(c.leader());
    c.heal();
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ m: '01' });
    expect(c.violations()).toEqual([]);
  });

  it('with no majority anywhere nothing commits: reads and writes end unknown, and the cluster serves them after the heal', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 3303 });
    electLeader(c);
    const k = c.kvClient({ attemptTimeoutMs: 100, deadlineMs: 1500 });
    ok(c, k.set('x', '1'));
    converge(c);
    // act: three groups, none a majority
    c.partition([0, 1], [2, 3], [4]);
    const write = settle(c, k.set('x', '2'), 2000);
    const read = settle(c, k.get('x'), 2000);
    // check
    expect([write.outcome, read.outcome]).toEqual(['unknown', 'unknown']);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ x: '1' });
    c.heal();
    // the unknown SET may still apply (it may sit in a log); either way the GET is legal
    const after = ok(c, k.get('x'), 3000);
    expect([
      { found: true, value: '1' },
      { found: true, value: '2' },
    ]).toContainEqual(after);
    expect(c.violations()).toEqual([]);
  });
});
