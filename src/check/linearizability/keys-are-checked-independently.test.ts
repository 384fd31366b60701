// Each key is checked on its own (P-compositionality): one bad key among many good ones
// makes the history illegal, and the witness only involves that key.

import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { checkLinearizability, partitionByKey } from './check';
import { append, failed, get, set } from './test-histories';

function goodKey(key: string, t: number): HistoryOp[] {
  return [
    set('c1', key, 'a', [t, t + 4], null),
    append('c2', key, 'b', [t + 1, t + 5], 'a'),
    get('c3', key, [t + 2, t + 3], 'a'),
    get('c3', key, [t + 6, t + 7], 'ab'),
  ];
}

describe('keys are checked independently', () => {
  it('finds the one illegal key among many legal ones', () => {
    const history: HistoryOp[] = [];
    for (let i = 0; i < 40; i++) history.push(...goodKey(`k${i}`, i * 3));
    const stale = get('c9', 'k17', [500, 501], 'a');
    history.push(stale);
    for (let i = 40; i < 60; i++) history.push(...goodKey(`k${i}`, i * 3));

    const result = checkLinearizability(history);
    expect(result.verdict).toBe('illegal');
    if (result.verdict !== 'illegal') return;
    expect(result.key).toBe('k17');
    expect(result.witness.unorderable).toEqual([stale]);
    const keys = [...result.witness.longestPrefix, ...result.witness.unorderable].map(
      (op) => op.key,
    );
    expect(new Set(keys)).toEqual(new Set(['k17']));
  });

  it('the same history without the stale read is ok', () => {
    const history: HistoryOp[] = [];
    for (let i = 0; i < 60; i++) history.push(...goodKey(`k${i}`, i * 3));
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('partitions by key in order of first appearance, dropping failed ops', () => {
    const history = [
      set('c1', 'y', '1', [0, 1], null),
      failed(set('c1', 'z', '1', [0, 1], null)),
      get('c2', 'x', [2, 3], null),
      get('c2', 'y', [4, 5], '1'),
    ];
    const partitions = partitionByKey(history);
    expect([...partitions.keys()]).toEqual(['y', 'x']);
    expect(partitions.get('y')).toEqual([history[0], history[3]]);
  });
});
