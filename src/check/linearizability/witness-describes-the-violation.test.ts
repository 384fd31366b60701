// An illegal verdict explains itself: the longest linearizable prefix in order, the ops
// that cannot go next, and one readable sentence naming the key and the first of them.

import { describe, expect, it } from 'vitest';
import { checkLinearizability } from './check';
import { describeOperation } from './describe';
import { append, cas, del, failed, get, set, unknown, unrecorded } from './test-histories';

describe('the witness describes the violation', () => {
  it('describes each kind of op on one line', () => {
    expect(describeOperation(append('c3', 'x', 'y', [0, 1], 'ab'))).toBe(
      'client c3: APPEND x "y" -> prev "ab"',
    );
    expect(describeOperation(get('c1', 'x', [0, 1], null))).toBe('client c1: GET x -> not found');
    expect(describeOperation(get('c1', 'x', [0, 1], 'v'))).toBe('client c1: GET x -> "v"');
    expect(describeOperation(set('c1', 'a b', 'v', [0, 1], null))).toBe(
      'client c1: SET "a b" "v" -> no prev',
    );
    expect(describeOperation(del('c1', 'x', [0, 1], 'v'))).toBe('client c1: DEL x -> prev "v"');
    expect(
      describeOperation(cas('c1', 'x', null, 'v', [0, 1], { prev: null, swapped: true })),
    ).toBe('client c1: CAS x absent -> "v" -> swapped, no prev');
    expect(describeOperation(cas('c1', 'x', 'u', 'v', [0, 1], { prev: 'w', swapped: false }))).toBe(
      'client c1: CAS x "u" -> "v" -> not swapped, prev "w"',
    );
    expect(describeOperation(unknown(set('c1', 'x', 'v', [0, 1], null)))).toBe(
      'client c1: SET x "v" -> outcome unknown',
    );
    expect(describeOperation(failed(del('c1', 'x', [0, 1], null)))).toBe(
      'client c1: DEL x -> failed',
    );
    expect(describeOperation(unrecorded(del('c1', 'x', [0, 1], null)))).toBe(
      'client c1: DEL x -> (result not recorded)',
    );
  });

  it('gives the longest prefix in linearization order and the op that cannot follow', () => {
    const first = set('c1', 'x', '1', [0, 10], null);
    const second = set('c2', 'x', '2', [0, 10], '1');
    const stale = get('c3', 'x', [11, 12], '1');
    const result = checkLinearizability([second, first, stale]);
    expect(result.verdict).toBe('illegal');
    if (result.verdict !== 'illegal') return;
    expect(result.witness.longestPrefix).toEqual([first, second]);
    expect(result.witness.unorderable).toEqual([stale]);
    expect(result.message).toBe(
      'Key "x" is not linearizable: client c3: GET x -> "1" cannot be ordered after ' +
        'the longest linearizable prefix (2 of 3 operations on this key).',
    );
  });
});
