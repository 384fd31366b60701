/** The KV client through the cluster (issue #3): results, redirects, deadlines, bad input, history. */
import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../check/linearizability';
import { createCluster, type KvClient, type KvOp } from '../../sim/index';
import { KEY_BYTES_MAX, VALUE_BYTES_MAX } from '../limits';
import {
  converge,
  electLeader,
  ids,
  ok,
  repliesTo,
  requestsFrom,
  sessionOf,
  settle,
} from './helpers';

describe('bad input', () => {
  const bad: Array<[string, (k: KvClient) => KvOp, string]> = [
    ['an empty key', (k) => k.set('', 'v'), 'the key must be a non-empty string'],
    [
      'a 257-byte key',
      (k) => k.get('k'.repeat(KEY_BYTES_MAX + 1)),
      'the key is longer than 256 bytes',
    ],
    [
      'a key of 129 two-byte characters (258 bytes)',
      (k) => k.del('é'.repeat(129)),
      'the key is longer than 256 bytes',
    ],
    [
      'a 64 KiB + 1 value',
      (k) => k.set('x', 'v'.repeat(VALUE_BYTES_MAX + 1)),
      'the value is longer than 65536 bytes (64 KiB)',
    ],
    [
      'a 64 KiB + 1 suffix',
      (k) => k.append('x', 'v'.repeat(VALUE_BYTES_MAX + 1)),
      'the value is longer than 65536 bytes (64 KiB)',
    ],
    [
      'a CAS whose expected value is a number',
      (k) => k.cas('x', 5 as unknown as string, 'v'),
      'CAS needs an expected value: a string, or null for "only if absent"',
    ],
    [
      'a CAS whose expected value is undefined',
      (k) => k.cas('x', undefined as unknown as string, 'v'),
      'CAS needs an expected value: a string, or null for "only if absent"',
    ],
  ];

  it.each(bad)(
    '%s fails at the client with a clear error; the next valid op succeeds',
    (_, call, error) => {
      // init
      const c = createCluster({ nodes: 3, seed: 3131 });
      electLeader(c);
      const k = c.kvClient();
      ok(c, k.set('x', 'before'));
      const t0 = c.now;
      // act
      const op = call(k);
      // check: settled at once, nothing sent, nothing changed
      expect(op).toMatchObject({ done: true, outcome: 'fail', error, attempts: 0 });
      expect(op.result).toBeUndefined();
      expect(requestsFrom(c, k.id, t0)).toEqual([]);
      expect(c.kvHistory().at(-1)).toMatchObject({ outcome: 'fail', call: t0, ret: t0 });
      expect(ok(c, k.set('x', 'after'))).toEqual({ prevFound: true, prev: 'before' });
      converge(c);
      for (const id of ids(c)) expect(c.kvState(id)).toEqual({ x: 'after' });
      expect(c.violations()).toEqual([]);
    },
  );

  it('a 256-byte key and a 64 KiB value are accepted', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 3132 });
    electLeader(c);
    const k = c.kvClient();
    const key = 'k'.repeat(KEY_BYTES_MAX);
    const value = 'v'.repeat(VALUE_BYTES_MAX);
    // act + check
    expect(ok(c, k.set(key, value))).toEqual({ prevFound: false });
    expect(ok(c, k.get(key))).toEqual({ found: true, value });
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)[key]).toBe(value);
    expect(c.violations()).toEqual([]);
  });

  it('APPEND onto a 64 KiB value fails with a clear sentence; every replica keeps 65,536 bytes', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 3134 });
    electLeader(c);
    const k = c.kvClient();
    const full = 'v'.repeat(VALUE_BYTES_MAX);
    ok(c, k.set('x', full));
    // act: the suffix fits, so only the state machine can see that the result would not
    const op = settle(c, k.append('x', 'w'));
    // check
    expect(op).toMatchObject({
      outcome: 'fail',
      error: 'APPEND would make a value of 65537 bytes, longer than 65536 bytes (64 KiB)',
    });
    expect(ok(c, k.get('x'))).toEqual({ found: true, value: full });
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id).x).toBe(full);
    expect(checkLinearizability(c.kvHistory(), { budgetMs: 1000 }).verdict).toBe('ok');
    expect(c.violations()).toEqual([]);
  });

  it('bad requests injected at the leader get an invalid reply, change nothing, and crash nothing', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 3133 });
    const leader = electLeader(c);
    const k = c.kvClient();
    ok(c, k.set('x', '1'));
    const session = sessionOf(c, k.id);
    const set = { op: 'set', key: 'x', value: 'injected' };
    const bogus: Array<[unknown, unknown, unknown, string]> = [
      [
        session,
        100,
        { op: 'explode', key: 'x' },
        'unknown operation "explode": use get, set, cas, append or del',
      ],
      [session, 101, { op: 'set', key: '', value: 'v' }, 'the key must be a non-empty string'],
      [
        session,
        102,
        { op: 'set', key: 'k'.repeat(KEY_BYTES_MAX + 1), value: 'v' },
        'the key is longer than 256 bytes',
      ],
      [
        session,
        103,
        { op: 'append', key: 'x', value: 'v'.repeat(VALUE_BYTES_MAX + 1) },
        'the value is longer than 65536 bytes (64 KiB)',
      ],
      [session, 104, { op: 'set', key: 'x', value: 42 }, 'SET needs a string value'],
      [
        session,
        105,
        { op: 'cas', key: 'x', expected: 7, value: 'v' },
        'CAS needs an expected value: a string, or null for "only if absent"',
      ],
      [session, 106, null, 'a command must be an object'],
      [session, 107, 'set x 2', 'a command must be an object'],
      [session, 108, undefined, 'a command must be an object'],
      [null, 1, set, 'a command needs a session: register first'],
      [
        session,
        '109',
        set,
        'a request needs an integer session and an integer sequence number >= 0',
      ],
      [session, -1, set, 'a request needs an integer session and an integer sequence number >= 0'],
      [session, 1.5, set, 'a request needs an integer session and an integer sequence number >= 0'],
      ['s1', 110, set, 'a request needs an integer session and an integer sequence number >= 0'],
    ];
    const t0 = c.now;
    // act: one at a time, so the replies come back in order
    for (const [s, seq, command] of bogus) {
      c.sendMessage(k.id, leader, { type: 'ClientRequest', session: s, seq, command } as {
        type: string;
      });
      c.run(20);
    }
    // check
    const replies = repliesTo(c, k.id, t0).map((r) => r.message);
    expect(replies).toHaveLength(bogus.length);
    for (const r of replies) {
      expect(r).toMatchObject({ status: 'done', response: { ok: false, code: 'invalid' } });
    }
    const errors = replies.map((r) =>
      r.status === 'done' && !r.response.ok ? r.response.error : '',
    );
    expect(errors).toEqual(bogus.map(([, , , error]) => error));
    expect(c.leader()).toBe(leader);
    expect(ok(c, k.set('x', '2'))).toEqual({ prevFound: true, prev: '1' });
    converge(c);
    for (const id of ids(c)) expect(c.kvState(id)).toEqual({ x: '2' });
    expect(c.violations()).toEqual([]);
  });
});

describe('history', () => {
  it('kvHistory records one op per call with client, op, key, value/expected, call, ret (null iff unknown), outcome and result; it round-trips through JSON', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 3141 });
    electLeader(c);
    const a = c.kvClient({ deadlineMs: 500 });
    const b = c.kvClient({ deadlineMs: 500 });
    // act: ok, fail and unknown ops of every kind
    const t1 = c.now;
    ok(c, a.set('x', '1'));
    const t2 = c.now;
    ok(c, b.cas('x', '1', '2'));
    const t3 = c.now;
    ok(c, a.append('x', '3'));
    const t4 = c.now;
    ok(c, b.get('x'));
    const t5 = c.now;
    ok(c, a.del('x'));
    const t6 = c.now;
    a.set('', 'nope');
    for (const id of ids(c)) c.crash(id);
    const t7 = c.now;
    settle(c, b.cas('x', null, '4'), 1000);
    // check
    const h = c.kvHistory();
    expect(h).toEqual([
      {
        client: 'c1',
        op: 'set',
        key: 'x',
        value: '1',
        call: t1,
        ret: t2,
        outcome: 'ok',
        result: { prevFound: false },
      },
      {
        client: 'c2',
        op: 'cas',
        key: 'x',
        expected: '1',
        value: '2',
        call: t2,
        ret: t3,
        outcome: 'ok',
        result: { prevFound: true, prev: '1', swapped: true },
      },
      {
        client: 'c1',
        op: 'append',
        key: 'x',
        value: '3',
        call: t3,
        ret: t4,
        outcome: 'ok',
        result: { prevFound: true, prev: '2' },
      },
      {
        client: 'c2',
        op: 'get',
        key: 'x',
        call: t4,
        ret: t5,
        outcome: 'ok',
        result: { found: true, value: '23' },
      },
      {
        client: 'c1',
        op: 'del',
        key: 'x',
        call: t5,
        ret: t6,
        outcome: 'ok',
        result: { prevFound: true, prev: '23' },
      },
      { client: 'c1', op: 'set', key: '', value: 'nope', call: t6, ret: t6, outcome: 'fail' },
      {
        client: 'c2',
        op: 'cas',
        key: 'x',
        expected: null,
        value: '4',
        call: t7,
        ret: null,
        outcome: 'unknown',
      },
    ]);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
    expect(checkLinearizability(JSON.parse(JSON.stringify(h)), { budgetMs: 1000 }).verdict).toBe(
      'ok',
    );
    // the history is a copy: changing it changes nothing recorded
    h[0]!.result!.prevFound = true;
    expect(c.kvHistory()[0]!.result).toEqual({ prevFound: false });
    expect(c.violations()).toEqual([]);
  });

  it('each call and return is also a trace event', () => {
    // init
    const c = createCluster({ nodes: 3, seed: 3142 });
    electLeader(c);
    const k = c.kvClient();
    // act
    ok(c, k.set('x', '1'));
    k.get('');
    // check
    const events = c.trace().filter((e) => e.kind === 'client-call' || e.kind === 'client-return');
    const setCall = events[0]!.t;
    const getCall = events[2]!.t;
    expect(events.map(({ t: _, ...e }) => e)).toEqual([
      { kind: 'client-call', client: 'c1', op: 'set', key: 'x', value: '1' },
      {
        kind: 'client-return',
        client: 'c1',
        op: 'set',
        key: 'x',
        call: setCall,
        attempts: 1,
        outcome: 'ok',
        result: { prevFound: false },
      },
      { kind: 'client-call', client: 'c1', op: 'get', key: '' },
      {
        kind: 'client-return',
        client: 'c1',
        op: 'get',
        key: '',
        call: getCall,
        attempts: 0,
        outcome: 'fail',
        error: 'the key must be a non-empty string',
      },
    ]);
    expect(c.violations()).toEqual([]);
  });
});
