// An op with outcome 'unknown' may take effect once, at any time after its call, or
// never; its answer is ignored. It must not be forced to happen, nor to happen early.

import { describe, expect, it } from 'vitest';
import { checkLinearizability } from './check';
import { append, get, set, unknown } from './test-histories';

describe('unknown outcomes apply late or never', () => {
  it('an unknown write that must have happened (a later read saw it)', () => {
    const history = [unknown(set('c1', 'x', '1', [0, 1], null)), get('c2', 'x', [5, 6], '1')];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('an unknown write that had not happened yet when later reads ran, and never did', () => {
    const history = [
      set('c1', 'x', '0', [0, 1], null),
      unknown(set('c2', 'x', '1', [2, 3], null)),
      get('c3', 'x', [4, 5], '0'),
      get('c3', 'x', [10, 11], '0'),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('an unknown write that took effect long after its client gave up', () => {
    const history = [
      set('c1', 'x', '0', [0, 1], null),
      unknown(set('c2', 'x', '1', [2, 3], null)),
      get('c3', 'x', [4, 5], '0'),
      get('c3', 'x', [100, 101], '1'),
    ];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('cannot take effect before its call', () => {
    const history = [get('c1', 'x', [0, 1], '1'), unknown(set('c2', 'x', '1', [5, 6], null))];
    expect(checkLinearizability(history).verdict).toBe('illegal');
  });

  it('cannot be undone once a read saw it', () => {
    const history = [
      unknown(set('c1', 'x', '1', [0, 1], null)),
      get('c2', 'x', [2, 3], '1'),
      get('c2', 'x', [4, 5], null),
    ];
    expect(checkLinearizability(history).verdict).toBe('illegal');
  });

  it('takes effect at most once', () => {
    const history = [unknown(append('c1', 'x', 'a', [0, 1], null)), get('c2', 'x', [2, 3], 'aa')];
    expect(checkLinearizability(history).verdict).toBe('illegal');
  });

  it('many unknown writes, none of which happened', () => {
    const history = [set('c0', 'x', '0', [0, 1], null)];
    for (let i = 1; i <= 12; i++) history.push(unknown(set(`c${i}`, 'x', `${i}`, [2, 3], null)));
    history.push(get('c0', 'x', [4, 5], '0'));
    expect(checkLinearizability(history).verdict).toBe('ok');
  });

  it('an unknown read constrains nothing', () => {
    const history = [unknown(get('c1', 'x', [0, 1], 'never written'))];
    expect(checkLinearizability(history).verdict).toBe('ok');
  });
});
