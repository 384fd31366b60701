/**
 * A full-cluster restart (§6.3: the session table is part of the state machine): every
 * node rebuilds the KV contents and the sessions from its log, and clients go on with
 * exactly-once semantics and their old sessions.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../check/linearizability';
import { KvWorkload, workloadRng } from '../../sim/chaos/kv-workload';
import { createCluster } from '../../sim/index';
import { converge, ids, kvConverged, repliesTo, type Sim } from './helpers';

function crashAll(c: Sim): void {
  for (const id of ids(c)) c.crash(id);
}
function restartAll(c: Sim): void {
  for (const id of ids(c)) c.restart(id);
}

/** Each client's own key: every ok append exactly once, none twice, in issue order. */
function expectOwnKeys(c: Sim, w: KvWorkload): void {
  for (const { ownKey, appends } of w.appendsByClient()) {
    const tokens = (c.kvState(0)[ownKey] ?? '').split(';').filter((t) => t !== '');
    const issued = appends.map((a) => a.token.slice(0, -1));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toEqual(issued.filter((t) => tokens.includes(t)));
    for (const { token, op } of appends) {
      if (op.outcome === 'ok') expect(tokens).toContain(token.slice(0, -1));
    }
  }
}

describe('a full-cluster restart (§6.3)', () => {
  it('every node rebuilds the same KV contents from its log, and clients go on with their old sessions, exactly once (§6.3)', () => {
    // init: a workload runs to its end
    const c = createCluster({ nodes: 5, seed: 3501 });
    const w = new KvWorkload(c, workloadRng(3501), {
      clients: 5,
      opsPerClient: 15,
      client: { attemptTimeoutMs: 100, deadlineMs: 5000 },
    });
    w.run(300);
    w.drain(5000);
    converge(c);
    const before = c.kvState(0);
    const commitBefore = c.node(0).commitIndex;
    expect(Object.keys(before).length).toBeGreaterThan(3);
    // act: everyone crashes and comes back
    crashAll(c);
    c.run(500);
    restartAll(c);
    const tRestart = c.now;
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({});
    expect(
      c.runUntil(
        () => kvConverged(c) && ids(c).every((id) => c.node(id).lastApplied > commitBefore),
        3000,
      ),
    ).toBe(true);
    // check: the contents were re-applied from the log, the same on every node
    for (const id of ids(c)) expect(c.kvState(id)).toEqual(before);
    // act: the clients go on
    w.addOps(15);
    w.drain(10_000);
    converge(c);
    // check: no client had to register again (their sessions were rebuilt too), every op ok
    const history = c.kvHistory();
    expect(history).toHaveLength(5 * 30);
    expect(history.filter((op) => op.outcome !== 'ok')).toEqual([]);
    for (const { client } of w.appendsByClient()) {
      const replies = repliesTo(c, client, tRestart).map((r) => r.message);
      expect(replies.filter((r) => r.status === 'registered')).toEqual([]);
      expect(replies.filter((r) => r.status === 'done' && !r.response.ok)).toEqual([]);
    }
    expectOwnKeys(c, w);
    expect(checkLinearizability(history, { budgetMs: 5000 })).toEqual({ verdict: 'ok' });
    expect(c.violations()).toEqual([]);
  });

  it('with ops in flight when every node crashes, the clients retry after the restart and each op applies exactly once (§6.3)', () => {
    // init
    const c = createCluster({ nodes: 5, seed: 3502 });
    const w = new KvWorkload(c, workloadRng(3502), {
      clients: 6,
      opsPerClient: 25,
      busyness: 1,
      client: { attemptTimeoutMs: 100, deadlineMs: 5000 },
    });
    w.run(250);
    // act: crash everything mid-workload, with most clients waiting; back 300 ms later
    for (let i = 0; i < 100 && w.inProgress < 5; i++) w.run(1, 1);
    const inProgress = w.inProgress;
    crashAll(c);
    c.run(300);
    restartAll(c);
    w.drain(15_000);
    converge(c);
    // check
    expect(inProgress).toBeGreaterThanOrEqual(5);
    const history = c.kvHistory();
    expect(history).toHaveLength(6 * 25);
    expect(history.filter((op) => op.outcome !== 'ok')).toEqual([]);
    expectOwnKeys(c, w);
    expect(checkLinearizability(history, { budgetMs: 5000 })).toEqual({ verdict: 'ok' });
    expect(c.violations()).toEqual([]);
  });
});
