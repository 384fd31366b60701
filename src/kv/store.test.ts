import { describe, expect, it } from 'vitest';
import { commandProblem, KEY_BYTES_MAX, utf8Length, VALUE_BYTES_MAX } from './limits';
import { SessionTable } from './sessions';
import { KvStateMachine } from './state-machine';
import { KvStore } from './store';
import type { KvCommand, SessionCommand } from './types';

describe('KV operations', () => {
  it('GET of a missing key is not found; SET returns the previous value', () => {
    const s = new KvStore();
    expect(s.apply({ op: 'get', key: 'x' })).toEqual({ found: false });
    expect(s.apply({ op: 'set', key: 'x', value: '1' })).toEqual({ prevFound: false });
    expect(s.apply({ op: 'set', key: 'x', value: '2' })).toEqual({ prevFound: true, prev: '1' });
    expect(s.apply({ op: 'get', key: 'x' })).toEqual({ found: true, value: '2' });
  });

  it('CAS swaps only when the key exists and equals expected; null expected means create', () => {
    const s = new KvStore();
    expect(s.apply({ op: 'cas', key: 'k', expected: 'a', value: 'b' })).toEqual({
      prevFound: false,
      swapped: false,
    });
    expect(s.apply({ op: 'cas', key: 'k', expected: null, value: 'a' })).toEqual({
      prevFound: false,
      swapped: true,
    });
    expect(s.apply({ op: 'cas', key: 'k', expected: null, value: 'z' })).toEqual({
      prevFound: true,
      prev: 'a',
      swapped: false,
    });
    expect(s.apply({ op: 'cas', key: 'k', expected: 'x', value: 'z' })).toEqual({
      prevFound: true,
      prev: 'a',
      swapped: false,
    });
    expect(s.apply({ op: 'cas', key: 'k', expected: 'a', value: 'b' })).toEqual({
      prevFound: true,
      prev: 'a',
      swapped: true,
    });
    expect(s.toRecord()).toEqual({ k: 'b' });
  });

  it('APPEND creates a missing key and concatenates; DEL removes and returns the previous value', () => {
    const s = new KvStore();
    expect(s.apply({ op: 'append', key: 'a', value: 'x' })).toEqual({ prevFound: false });
    expect(s.apply({ op: 'append', key: 'a', value: 'y' })).toEqual({ prevFound: true, prev: 'x' });
    expect(s.apply({ op: 'del', key: 'a' })).toEqual({ prevFound: true, prev: 'xy' });
    expect(s.apply({ op: 'del', key: 'a' })).toEqual({ prevFound: false });
    expect(s.size).toBe(0);
  });
});

describe('limits', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });

  it.each([
    [{ op: 'get', key: '' }, /non-empty/],
    [{ op: 'get', key: 'k'.repeat(KEY_BYTES_MAX + 1) }, /longer than 256 bytes/],
    [{ op: 'set', key: 'k', value: 'v'.repeat(VALUE_BYTES_MAX + 1) }, /64 KiB/],
    [{ op: 'set', key: 'k' }, /SET needs a string value/],
    [{ op: 'cas', key: 'k', value: 'v' }, /CAS needs an expected value/],
    [{ op: 'put', key: 'k' }, /unknown operation "put"/],
    [null, /must be an object/],
  ])('rejects %j with a clear sentence', (command, message) => {
    expect(commandProblem(command)).toMatch(message);
  });

  it('accepts keys and values right at the limits', () => {
    expect(
      commandProblem({
        op: 'set',
        key: 'k'.repeat(KEY_BYTES_MAX),
        value: 'v'.repeat(VALUE_BYTES_MAX),
      }),
    ).toBeNull();
  });
});

const kv = (index: number, session: number, seq: number, command: KvCommand) => ({
  index,
  term: 1,
  command: { kind: 'kv', session, seq, command } satisfies SessionCommand,
});

describe('the value limit holds for the value a command leaves', () => {
  const full = 'v'.repeat(VALUE_BYTES_MAX);
  const appendLog = [
    { index: 1, term: 1, command: { kind: 'register' } satisfies SessionCommand },
    kv(2, 1, 1, { op: 'set', key: 'x', value: full }),
    kv(3, 1, 2, { op: 'append', key: 'x', value: 'w' }),
    kv(4, 1, 3, { op: 'append', key: 'y', value: 'v'.repeat(VALUE_BYTES_MAX - 2) }),
    kv(5, 1, 4, { op: 'append', key: 'y', value: 'é' }),
    kv(6, 1, 5, { op: 'append', key: 'y', value: 'v' }),
  ];

  it('APPEND onto a 64 KiB value is refused with a sentence and changes nothing', () => {
    const m = new KvStateMachine();
    const answers = appendLog.map((e) => m.apply(e));
    expect(answers[2]).toEqual({
      kind: 'response',
      session: 1,
      seq: 2,
      response: {
        ok: false,
        code: 'invalid',
        error: 'APPEND would make a value of 65537 bytes, longer than 65536 bytes (64 KiB)',
      },
    });
    expect(m.store.toRecord().x).toBe(full);
  });

  it('APPEND up to exactly 64 KiB (counted in UTF-8 bytes) is applied; one byte more is not', () => {
    const m = new KvStateMachine();
    const answers = appendLog.map((e) => m.apply(e));
    expect(answers[3]).toMatchObject({ response: { ok: true } });
    expect(answers[4]).toMatchObject({ response: { ok: true } });
    expect(answers[5]).toMatchObject({ response: { ok: false, code: 'invalid' } });
    expect(utf8Length(m.store.toRecord().y!)).toBe(VALUE_BYTES_MAX);
  });

  it('every replica gives the same answers for the same log, and a retry gets the same refusal', () => {
    const a = new KvStateMachine();
    const b = new KvStateMachine();
    const answersA = appendLog.map((e) => a.apply(e));
    const answersB = appendLog.map((e) => b.apply(e));
    expect(answersB).toEqual(answersA);
    expect(b.store.toRecord()).toEqual(a.store.toRecord());
    expect(a.apply(kv(7, 1, 5, { op: 'append', key: 'y', value: 'v' }))).toEqual(answersA[5]);
  });
});

describe('exactly-once sessions (dissertation §6.3)', () => {
  it('a session id is the index of its registration entry', () => {
    const m = new KvStateMachine();
    expect(m.apply({ index: 7, term: 1, command: { kind: 'register' } })).toEqual({
      kind: 'registered',
      session: 7,
    });
  });

  it('a retried command returns the original response and is not applied twice', () => {
    const m = new KvStateMachine();
    m.apply({ index: 1, term: 1, command: { kind: 'register' } });
    const first = m.apply(kv(2, 1, 1, { op: 'append', key: 'x', value: 'a' }));
    const retry = m.apply(kv(3, 1, 1, { op: 'append', key: 'x', value: 'a' }));
    expect(retry).toEqual(first);
    expect(m.store.toRecord()).toEqual({ x: 'a' });
  });

  it('an older sequence number gets a stale-request error and changes nothing', () => {
    const m = new KvStateMachine();
    m.apply({ index: 1, term: 1, command: { kind: 'register' } });
    m.apply(kv(2, 1, 1, { op: 'set', key: 'x', value: '1' }));
    m.apply(kv(3, 1, 2, { op: 'set', key: 'x', value: '2' }));
    const old = m.apply(kv(4, 1, 1, { op: 'set', key: 'x', value: '1' }));
    expect(old).toMatchObject({ kind: 'response', response: { ok: false, code: 'stale' } });
    expect(m.store.toRecord()).toEqual({ x: '2' });
  });

  it('a command of an unknown session is refused, not applied', () => {
    const m = new KvStateMachine();
    const r = m.apply(kv(1, 99, 1, { op: 'set', key: 'x', value: '1' }));
    expect(r).toMatchObject({ response: { ok: false, code: 'expired' } });
    expect(m.store.size).toBe(0);
  });

  it('no-ops and foreign commands change nothing', () => {
    const m = new KvStateMachine();
    expect(m.apply({ index: 1, term: 1, command: null })).toEqual({ kind: 'none' });
    expect(m.apply({ index: 2, term: 1, command: 'hello' })).toEqual({ kind: 'none' });
  });

  it('expires the least recently active session when the table is full, the same way everywhere', () => {
    const t = new SessionTable(2);
    t.register(1);
    t.register(2);
    t.get(1)!.lastIndex = 5; // session 1 was active more recently
    t.register(6);
    expect(t.get(2)).toBeUndefined();
    expect(t.get(1)).toBeDefined();
    expect(t.size).toBe(2);
  });

  it('replaying the same log rebuilds the same store and sessions', () => {
    const log = [
      { index: 1, term: 1, command: { kind: 'register' } },
      kv(2, 1, 1, { op: 'set', key: 'a', value: '1' }),
      kv(3, 1, 2, { op: 'append', key: 'a', value: '2' }),
      kv(4, 1, 2, { op: 'append', key: 'a', value: '2' }),
    ];
    const a = new KvStateMachine();
    const b = new KvStateMachine();
    const ra = log.map((e) => a.apply(e));
    const rb = log.map((e) => b.apply(e));
    expect(rb).toEqual(ra);
    expect(b.store.toRecord()).toEqual({ a: '12' });
  });
});
