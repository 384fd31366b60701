/**
 * Exactly-once client sessions (Raft dissertation §6.3): a retried command returns the
 * original response and is never applied twice, across lost replies, leader changes,
 * crashes and a full-cluster restart. APPEND makes a second application visible.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index';
import {
  converge,
  copyOf,
  doneReplies,
  electLeader,
  entriesFor,
  ids,
  isDoneReplyTo,
  ok,
  sessionOf,
  settle,
} from './helpers';

/** A 5-node cluster with a leader, and a client that appended 'a;' to `log`. */
function setup(seed: number, attemptTimeoutMs = 100) {
  const c = createCluster({ nodes: 5, seed });
  const leader = electLeader(c);
  const k = c.kvClient({ attemptTimeoutMs });
  expect(ok(c, k.append('log', 'a;'))).toEqual({ prevFound: false });
  return { c, leader, k };
}

describe('a lost reply (§6.3)', () => {
  it('a duplicate of a request the leader is still replicating is proposed twice but applied once (§6.3)', () => {
    // init
    const { c, leader, k } = setup(3202);
    // act: the request, and a copy of it a moment later, before the first commits
    const op = k.append('log', 'b;');
    const [request] = c.inFlight().filter((m) => m.type === 'ClientRequest' && m.from === k.id);
    c.sendMessage(k.id, leader, copyOf(request!.payload));
    settle(c, op);
    c.run(50);
    // check: both copies got the original answer; the state machine applied it once
    const seq = request!.payload.seq as number;
    expect(op.result).toEqual({ prevFound: true, prev: 'a;' });
    const answers = doneReplies(c, k.id, seq).map((r) => r.response);
    expect(answers).toEqual([
      { ok: true, result: { prevFound: true, prev: 'a;' } },
      { ok: true, result: { prevFound: true, prev: 'a;' } },
    ]);
    expect(entriesFor(c, leader, sessionOf(c, k.id), seq)).toHaveLength(2);
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ log: 'a;b;' });
    expect(c.violations()).toEqual([]);
  });

  it('a leader that crashes after applying but before its reply leaves: the retry on the new leader returns the original response, applied once (§6.3)', () => {
    // init
    const { c, leader, k } = setup(3204);
    // act: the instant the leader applies, it crashes; its reply never arrives
    const op = k.append('log', 'b;');
    expect(c.runUntil(() => c.kvState(leader).log === 'a;b;', 500)).toBe(true);
    const followers = ids(c).filter((id) => id !== leader);
    const appliedElsewhere = followers.filter((id) => c.kvState(id).log === 'a;b;');
    c.crash(leader);
    const replies = c.inFlight().filter(isDoneReplyTo(k.id));
    expect(replies).toHaveLength(1);
    c.dropMessage(replies[0]!.id);
    settle(c, op, 3000);
    // check: no follower had applied it yet; the new leader committed it, found the session
    // entry already applied, and answered from the rebuilt cache
    expect(appliedElsewhere).toEqual([]);
    const seq = replies[0]!.payload.seq as number;
    expect(op.outcome).toBe('ok');
    expect(op.result).toEqual({ prevFound: true, prev: 'a;' });
    const answers = doneReplies(c, k.id, seq);
    expect(answers).toHaveLength(2);
    expect(answers[1]!.from).not.toBe(leader);
    expect(answers[1]!.response).toEqual(answers[0]!.response);
    c.restart(leader);
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ log: 'a;b;' });
    expect(c.violations()).toEqual([]);
  });
});

describe('old requests (§6.3)', () => {
  it('an old copy of a request delivered after a full-cluster restart is not applied again: the rebuilt session answers it (§6.3)', () => {
    // init: capture the APPEND request on the wire, let it complete
    const { c, k } = setup(3205);
    const op = k.append('log', 'b;');
    const [wire] = c.inFlight().filter((m) => m.type === 'ClientRequest' && m.from === k.id);
    const old = copyOf(wire!.payload);
    settle(c, op);
    converge(c);
    const before = c.kvState(0);
    const commitBefore = c.node(0).commitIndex;
    expect(before).toEqual({ log: 'a;b;' });
    // act: every node crashes and restarts; the old copy reaches the first leader elected
    // before it can commit (acks held), so before it re-applies anything: the copy is
    // proposed and meets the session table in the state machine
    for (const id of ids(c)) c.crash(id);
    c.run(500);
    for (const id of ids(c)) c.restart(id);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({});
    c.hold((m) => m.type === 'AppendEntriesReply');
    expect(c.runUntil(() => c.leader() !== null, 2000)).toBe(true);
    const leader = c.leader()!;
    const t0 = c.now;
    c.sendMessage(k.id, leader, old);
    c.run(20);
    expect(c.node(leader).lastApplied).toBe(0);
    expect(entriesFor(c, leader, sessionOf(c, k.id), old.seq)).toHaveLength(2);
    c.release();
    c.run(300);
    // check: the contents were rebuilt from the log, the copy was answered with the original
    // response, and it changed nothing
    converge(c);
    for (const id of ids(c)) {
      expect(c.node(id).lastApplied).toBeGreaterThan(commitBefore);
      expect(c.kvState(id)).toEqual(before);
    }
    expect(doneReplies(c, k.id, old.seq, t0)).toEqual([
      { from: leader, response: { ok: true, result: { prevFound: true, prev: 'a;' } } },
    ]);
    expect(entriesFor(c, leader, sessionOf(c, k.id), old.seq)).toHaveLength(2);
    // ...and once the client moved on, the same copy is stale
    expect(ok(c, k.append('log', 'c;'))).toEqual({ prevFound: true, prev: 'a;b;' });
    const t1 = c.now;
    c.sendMessage(k.id, c.leader()!, old);
    c.run(100);
    const [stale] = doneReplies(c, k.id, old.seq, t1);
    expect(stale!.response).toMatchObject({ ok: false, code: 'stale' });
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ log: 'a;b;c;' });
    expect(c.violations()).toEqual([]);
  });

  it('a request older than the last one applied gets a "stale request" error and changes nothing (§6.3)', () => {
    // init: seq 1 appended 'a;'; capture seq 2, then let seq 3 apply
    const { c, leader, k } = setup(3206);
    const op2 = k.append('log', 'b;');
    const [wire] = c.inFlight().filter((m) => m.type === 'ClientRequest' && m.from === k.id);
    const old = copyOf(wire!.payload);
    settle(c, op2);
    expect(ok(c, k.append('log', 'c;'))).toEqual({ prevFound: true, prev: 'a;b;' });
    const t0 = c.now;
    // act
    c.sendMessage(k.id, leader, old);
    c.run(100);
    // check
    expect(old.seq).toBe(2);
    expect(doneReplies(c, k.id, 2, t0)).toEqual([
      {
        from: leader,
        response: {
          ok: false,
          code: 'stale',
          error: 'stale request: sequence 2 is older than 3, the last one applied',
        },
      },
    ]);
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ log: 'a;b;c;' });
    // the client is not disturbed by the stray reply
    expect(ok(c, k.get('log'))).toEqual({ found: true, value: 'a;b;c;' });
    expect(c.violations()).toEqual([]);
  });
});
