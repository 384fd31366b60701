// Histories some sequential order explains must be 'ok', including when that order is
// the only one, and when some ops failed or left no recorded answer.

import { describe, expect, it } from 'vitest';
import { checkLinearizability } from './check';
import { append, cas, del, failed, get, set, unrecorded } from './test-histories';

describe('linearizable histories are ok', () => {
  it('an empty history', () => {
    expect(checkLinearizability([])).toEqual({ verdict: 'ok' });
  });

  it('concurrent SETs whose answers allow only one order', () => {
    // Fully overlapping, but c2 saw c1's value as prev: c1 must go first.
    const history = [
      set('c1', 'x', '1', [0, 10], null),
      set('c2', 'x', '2', [0, 10], '1'),
      get('c3', 'x', [11, 12], '2'),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
    // ...and the other final value is then impossible.
    history[2] = get('c3', 'x', [11, 12], '1');
    expect(checkLinearizability(history).verdict).toBe('illegal');
  });

  it('concurrent APPENDs ordered by what a later GET saw', () => {
    const history = [
      append('c1', 'x', 'a', [0, 10], 'b'),
      append('c2', 'x', 'b', [1, 9], null),
      get('c3', 'x', [2, 8], 'b'),
      get('c4', 'x', [11, 12], 'ba'),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('a read concurrent with a write may see either value', () => {
    for (const seen of [null, '1']) {
      const history = [set('c1', 'x', '1', [0, 10], null), get('c2', 'x', [2, 3], seen)];
      expect(checkLinearizability(history).verdict).toBe('ok');
    }
  });

  it('ops touching at one instant count as concurrent (calls sort before returns)', () => {
    const history = [set('c1', 'x', '1', [0, 5], null), get('c2', 'x', [5, 6], null)];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('a failed op is ignored', () => {
    const history = [
      set('c1', 'x', '1', [0, 1], null),
      failed(set('c2', 'x', '2', [2, 3], '1')),
      get('c3', 'x', [4, 5], '1'),
      failed(get('c3', 'x', [6, 7], 'nonsense')),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('CAS, DEL and a not-swapped CAS in sequence', () => {
    const history = [
      cas('c1', 'x', null, 'a', [0, 1], { prev: null, swapped: true }),
      cas('c2', 'x', 'z', 'b', [2, 3], { prev: 'a', swapped: false }),
      cas('c1', 'x', 'a', 'c', [4, 5], { prev: 'a', swapped: true }),
      del('c2', 'x', [6, 7], 'c'),
      get('c1', 'x', [8, 9], null),
      del('c2', 'x', [10, 11], null),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('an op with no recorded answer only has to be applied', () => {
    const history = [
      unrecorded(set('c1', 'x', '1', [0, 1], null)),
      unrecorded(append('c2', 'x', '2', [2, 3], null)),
      get('c3', 'x', [4, 5], '12'),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });
});
