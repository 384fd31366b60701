// Converting porcupine's EDN logs: line order is the clock, put is SET, a get of "" is
// "not found", and put/append answers (never recorded by porcupine) are left open.

import { describe, expect, it } from 'vitest';
import { REFERENCE_HISTORIES, readReferenceHistory } from './bench-reference';
import { parsePorcupineKv } from './porcupine-format';
import { HistoryError, validateHistory } from './validate';

const log = [
  '{:process 1, :type :invoke, :f :put, :key "4", :value "a"}',
  '{:process 2, :type :invoke, :f :get, :key "4", :value nil}',
  '{:process 1, :type :ok, :f :put, :key "4", :value "a"}',
  '{:process 2, :type :ok, :f :get, :key "4", :value ""}',
  '{:process 2, :type :invoke, :f :append, :key "4", :value "x 2 0 y"}',
  '{:process 2, :type :ok, :f :append, :key "4", :value "x 2 0 y"}',
  '{:process 3, :type :invoke, :f :get, :key "4", :value nil}',
  '{:process 3, :type :ok, :f :get, :key "4", :value "ax 2 0 y"}',
].join('\n');

describe('porcupine KV logs convert to HistoryOp', () => {
  it('uses line numbers as time, maps put to set and leaves write answers unrecorded', () => {
    expect(parsePorcupineKv(log)).toEqual([
      { client: '1', op: 'set', key: '4', value: 'a', call: 0, ret: 2, outcome: 'ok' },
      {
        client: '2',
        op: 'get',
        key: '4',
        call: 1,
        ret: 3,
        outcome: 'ok',
        result: { found: false },
      },
      { client: '2', op: 'append', key: '4', value: 'x 2 0 y', call: 4, ret: 5, outcome: 'ok' },
      {
        client: '3',
        op: 'get',
        key: '4',
        call: 6,
        ret: 7,
        outcome: 'ok',
        result: { found: true, value: 'ax 2 0 y' },
      },
    ]);
  });

  it('treats :fail as failed, :info and a missing completion as unknown', () => {
    const ops = parsePorcupineKv(
      [
        '{:process 1, :type :invoke, :f :put, :key "k", :value "a"}',
        '{:process 1, :type :fail, :f :put, :key "k", :value "a"}',
        '{:process 2, :type :invoke, :f :put, :key "k", :value "b"}',
        '{:process 2, :type :info, :f :put, :key "k", :value "b"}',
        '{:process 3, :type :invoke, :f :append, :key "k", :value "c"}',
      ].join('\n'),
    );
    expect(ops.map((op) => [op.outcome, op.ret])).toEqual([
      ['fail', 1],
      ['unknown', null],
      ['unknown', null],
    ]);
  });

  it('rejects lines it does not understand, naming the line', () => {
    expect(() =>
      parsePorcupineKv('{:process 1, :type :invoke, :f :cas, :key "k", :value nil}'),
    ).toThrow(HistoryError);
    expect(() => parsePorcupineKv('hello')).toThrow(/line 1/);
  });

  it('produces valid histories, and no reference file ever writes "" (so "" means absent)', () => {
    for (const name of REFERENCE_HISTORIES) {
      const ops = validateHistory(parsePorcupineKv(readReferenceHistory(name)));
      expect(ops.filter((op) => op.op !== 'get' && op.value === '')).toEqual([]);
      expect(ops.every((op) => op.outcome === 'ok')).toBe(true);
    }
  });
});
