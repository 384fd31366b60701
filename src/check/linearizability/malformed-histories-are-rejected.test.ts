// A malformed history is an input error (HistoryError naming the op), never a verdict.

import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { checkLinearizability } from './check';
import { loadHistory } from './load-history';
import { get, set } from './test-histories';
import { HistoryError, validateHistory } from './validate';

const bad = (patch: Record<string, unknown>): unknown[] => [
  set('c1', 'x', '1', [0, 1], null),
  { ...set('c1', 'x', '1', [2, 3], '1'), ...patch },
];

describe('malformed histories are rejected', () => {
  it.each([
    [{ op: 'incr' }, /#1: op must be one of/],
    [{ key: 3 }, /key must be a string/],
    [{ value: undefined }, /needs a string value/],
    [{ ret: 1 }, /ret is before call/],
    [{ ret: null }, /needs a numeric ret/],
    [{ outcome: 'maybe' }, /outcome must be one of/],
    [{ result: { prevFound: 'yes' } }, /prevFound must be a boolean/],
    [{ result: { prev: '1' } }, /needs "prevFound"/],
  ])('%j', (patch, message) => {
    expect(() => validateHistory(bad(patch))).toThrow(message);
    expect(() => checkLinearizability(bad(patch) as HistoryOp[])).toThrow(HistoryError);
  });

  it('requires expected on a CAS (null for "only if absent")', () => {
    const casOp = { client: 'c', op: 'cas', key: 'x', value: 'v', call: 0, ret: 1, outcome: 'ok' };
    expect(() => validateHistory([casOp])).toThrow(/expected/);
    expect(validateHistory([{ ...casOp, expected: null }])).toHaveLength(1);
  });

  it('lets unknown and failed ops omit ret', () => {
    const op = { client: 'c', op: 'get', key: 'x', call: 0, ret: null };
    expect(
      validateHistory([
        { ...op, outcome: 'unknown' },
        { ...op, outcome: 'fail' },
      ]),
    ).toHaveLength(2);
  });

  it('loads JSON arrays, { history } objects and porcupine logs, or says what is wrong', () => {
    const history = [set('c1', 'x', '1', [0, 1], null), get('c2', 'x', [2, 3], '1')];
    expect(loadHistory(JSON.stringify(history))).toEqual(history);
    expect(loadHistory(JSON.stringify({ history }))).toEqual(history);
    expect(loadHistory('{:process 0, :type :invoke, :f :get, :key "1", :value nil}')).toHaveLength(
      1,
    );
    expect(() => loadHistory('[1,')).toThrow(/not valid JSON/);
    expect(() => loadHistory('{"ops": []}')).toThrow(/expected a JSON array/);
    expect(() => loadHistory('[42]')).toThrow(/#0: not an object/);
  });
});

describe('failed calls recorded as they were made', () => {
  it('a call the client refused for a malformed input is ignored, not an error', () => {
    const history = [
      {
        client: 'c1',
        op: 'cas',
        key: 'x',
        value: 'v',
        expected: 5,
        call: 0,
        ret: 0,
        outcome: 'fail',
      },
      { client: 'c1', op: 'frob', key: '', call: 1, ret: 1, outcome: 'fail' },
      {
        client: 'c1',
        op: 'set',
        key: 'x',
        value: '1',
        call: 2,
        ret: 3,
        outcome: 'ok',
        result: { prevFound: false },
      },
    ];
    expect(checkLinearizability(history as never).verdict).toBe('ok');
  });
});
