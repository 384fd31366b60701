import { beforeEach, describe, expect, it } from 'vitest';
import { NOTICES_MAX, repeatText, splitSubject, withNotice } from './notices';
import { addNotice, initialState, useStore } from './store';
import type { Notice } from './types';

const report = (texts: readonly string[]): Notice[] =>
  texts.reduce<Notice[]>((notices, text, i) => withNotice(notices, text, i + 1), []);
const shown = (notices: readonly Notice[]) => notices.map((n) => `${n.text}${repeatText(n)}`);

describe('one notice per problem', () => {
  beforeEach(() => useStore.setState(initialState()));

  it('five identical storage messages make one notice that says how often', () => {
    for (let i = 0; i < 5; i++) addNotice('IndexedDB is not available; the nodes run in memory');
    expect(shown(useStore.getState().notices)).toEqual([
      'IndexedDB is not available; the nodes run in memory (5 times)',
    ]);
  });

  it('the same problem from every node is one notice naming the nodes, in their natural order', () => {
    const problem = 'QuotaExceededError; this node now keeps its state in memory';
    expect(shown(report([2, 10, 0, 1, 3].map((n) => `Node ${n}: ${problem}`)))).toEqual([
      `Node 0, Node 1, Node 2, Node 3, Node 10: ${problem}`,
    ]);
  });

  it('the grouping reads the label by its shape, not its text (S1 … S9 as well as Node 0 …)', () => {
    const notices = report(['S1: disk full', 'S2: disk full', 'S1: disk full', 'n3: disk full']);
    expect(shown(notices)).toEqual(['n3, S1, S2: disk full (4 times)']);
  });

  it('different problems, or texts without a node label, stay apart', () => {
    const texts = [
      'Node 0: meta record is not an object',
      'Node 1: QuotaExceededError',
      'the scheduler stopped: out of memory',
      'Node 3 is disconnected: reconnect it first (select it, then press d).',
      'the scheduler stopped: out of memory',
    ];
    expect(shown(report(texts))).toEqual([
      'Node 0: meta record is not an object',
      'Node 1: QuotaExceededError',
      'the scheduler stopped: out of memory (2 times)',
      'Node 3 is disconnected: reconnect it first (select it, then press d).',
    ]);
  });

  it('a label is a short prefix with a digit before the first ": "', () => {
    expect(splitSubject('Node 4: x')).toEqual({ subject: 'Node 4', problem: 'x' });
    expect(splitSubject('S9: x: y')).toEqual({ subject: 'S9', problem: 'x: y' });
    expect(splitSubject('Could not show that moment: x')).toBeNull();
    expect(splitSubject('node: x')).toBeNull();
    expect(splitSubject('Node 4:')).toBeNull();
  });

  it(`keeps at most ${NOTICES_MAX} notices, the newest`, () => {
    const notices = report(Array.from({ length: NOTICES_MAX + 5 }, (_, i) => `problem ${i}`));
    expect(notices).toHaveLength(NOTICES_MAX);
    expect(notices[0]!.text).toBe('problem 5');
  });
});
