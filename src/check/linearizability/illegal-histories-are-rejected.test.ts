// Histories no sequential order can explain must be 'illegal', naming the key and the
// operations that cannot be ordered.

import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { checkLinearizability, type LinearizabilityResult } from './check';
import { append, cas, get, set, unrecorded } from './test-histories';

type Illegal = Extract<LinearizabilityResult, { verdict: 'illegal' }>;

function expectIllegal(history: HistoryOp[], key: string, culprit: HistoryOp): Illegal {
  const result = checkLinearizability(history);
  expect(result.verdict).toBe('illegal');
  const illegal = result as Illegal;
  expect(illegal.key).toBe(key);
  expect(illegal.witness.unorderable.length).toBeGreaterThan(0);
  expect(illegal.witness.unorderable).toContain(culprit);
  return illegal;
}

describe('non-linearizable histories are illegal', () => {
  it('a stale read after a leader change (SET completed, later GET misses it)', () => {
    const staleGet = get('c2', 'x', [4, 5], null);
    const result = expectIllegal([set('c1', 'x', '1', [0, 1], null), staleGet], 'x', staleGet);
    expect(result.witness.longestPrefix.map((op) => op.op)).toEqual(['set']);
  });

  it('a stale read of an older value from a deposed leader', () => {
    const staleGet = get('c3', 'x', [6, 7], '1');
    expectIllegal(
      [set('c1', 'x', '1', [0, 1], null), set('c2', 'x', '2', [2, 3], '1'), staleGet],
      'x',
      staleGet,
    );
  });

  it('an APPEND applied twice (a GET shows the suffix twice)', () => {
    const doubled = get('c2', 'x', [3, 4], 'aa');
    expectIllegal([append('c1', 'x', 'a', [0, 2], null), doubled], 'x', doubled);
  });

  it('a lost SET (acknowledged, a later non-overlapping GET shows the old value)', () => {
    const old = get('c2', 'x', [5, 6], 'old');
    expectIllegal(
      [set('c1', 'x', 'old', [0, 1], null), unrecorded(set('c1', 'x', 'new', [2, 3], null)), old],
      'x',
      old,
    );
  });

  it('a CAS reporting not-swapped although the state matched', () => {
    const casOp = cas('c2', 'x', '1', '2', [2, 3], { prev: '1', swapped: false });
    expectIllegal([set('c1', 'x', '1', [0, 1], null), casOp], 'x', casOp);
  });

  it('a create-only CAS reporting swapped on a key that exists', () => {
    const casOp = cas('c2', 'x', null, '2', [2, 3], { prev: '1', swapped: true });
    expectIllegal([set('c1', 'x', '1', [0, 1], null), casOp], 'x', casOp);
  });

  it('a SET reporting a previous value nobody wrote', () => {
    const setOp = set('c2', 'x', '2', [2, 3], 'ghost');
    expectIllegal([set('c1', 'x', '1', [0, 1], null), setOp], 'x', setOp);
  });

  it('two overlapping GETs that disagree with every order of two SETs', () => {
    // c3 sees 2 then 1, c4 sees 1 then 2: the SETs cannot be ordered both ways.
    const history = [
      set('c1', 'x', '1', [0, 10], null),
      set('c2', 'x', '2', [0, 10], null),
      get('c3', 'x', [11, 12], '1'),
      get('c4', 'x', [11, 12], '2'),
    ];
    const result = checkLinearizability(history);
    expect(result.verdict).toBe('illegal');
  });
});
