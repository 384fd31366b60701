// Converting porcupine's EDN logs: line order is the clock, put is SET, a get of "" is
// "not found", and put/append answers (never recorded by porcupine) are left open.

import { describe, expect, it } from 'vitest';
import { REFERENCE_HISTORIES, readReferenceHistory } from './bench-reference';
import { formatPorcupineKv, parsePorcupineKv } from './porcupine-format';
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

describe('a history written in porcupine’s format', () => {
  it('reads back with the same verdict, for every reference history', async () => {
    const { checkLinearizability } = await import('./check');
    for (const name of REFERENCE_HISTORIES.slice(0, 6)) {
      const history = parsePorcupineKv(readReferenceHistory(name));
      const again = parsePorcupineKv(formatPorcupineKv(history));
      expect(again).toHaveLength(history.length);
      expect(checkLinearizability(again).verdict).toBe(checkLinearizability(history).verdict);
    }
  });

  it('orders calls before returns at one instant, and completes an unknown op as :info', () => {
    const text = formatPorcupineKv([
      { client: 'c1', op: 'set', key: 'x', value: '1', call: 0, ret: 5, outcome: 'ok' },
      {
        client: 'c2',
        op: 'get',
        key: 'x',
        call: 5,
        ret: 6,
        outcome: 'ok',
        result: { found: true, value: '1' },
      },
      { client: 'c1', op: 'append', key: 'x', value: '2', call: 7, ret: null, outcome: 'unknown' },
      {
        client: 'c1',
        op: 'get',
        key: 'y',
        call: 9,
        ret: 10,
        outcome: 'ok',
        result: { found: false },
      },
    ]);
    expect(text.trim().split('\n')).toEqual([
      '{:process 0, :type :invoke, :f :put, :key "x", :value "1"}',
      '{:process 1, :type :invoke, :f :get, :key "x", :value nil}',
      '{:process 0, :type :ok, :f :put, :key "x", :value "1"}',
      '{:process 1, :type :ok, :f :get, :key "x", :value "1"}',
      '{:process 0, :type :invoke, :f :append, :key "x", :value "2"}',
      '{:process 0, :type :info, :f :append, :key "x", :value "2"}',
      '{:process 0, :type :invoke, :f :get, :key "y", :value nil}',
      '{:process 0, :type :ok, :f :get, :key "y", :value ""}',
    ]);
  });

  it('refuses CAS and DEL, which porcupine’s model does not have', () => {
    expect(() =>
      formatPorcupineKv([{ client: 'c1', op: 'del', key: 'x', call: 0, ret: 1, outcome: 'ok' }]),
    ).toThrow("porcupine's KV model has only GET, SET (put) and APPEND: this history has DEL");
  });
});
