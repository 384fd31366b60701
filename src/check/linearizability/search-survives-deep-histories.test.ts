// The search keeps its stack in arrays, so a very long single-key history cannot
// overflow the JS call stack, and a sequential history is checked in linear steps.

import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { checkLinearizability } from './check';
import { get, set } from './test-histories';

describe('the search survives deep histories', () => {
  it('20,000 sequential ops on one key, legal and then with the last read wrong', () => {
    const history: HistoryOp[] = [];
    for (let i = 0; i < 10_000; i++) {
      history.push(set('c1', 'x', `${i}`, [4 * i, 4 * i + 1], i === 0 ? null : `${i - 1}`));
      history.push(get('c2', 'x', [4 * i + 2, 4 * i + 3], `${i}`));
    }
    expect(checkLinearizability(history).verdict).toBe('ok');

    history[history.length - 1] = get('c2', 'x', [40_000, 40_001], '0');
    const result = checkLinearizability(history);
    expect(result.verdict).toBe('illegal');
    if (result.verdict === 'illegal') expect(result.witness.longestPrefix).toHaveLength(19_999);
  });
});
