import { describe, expect, it } from 'vitest';
import { initialState } from '../store/store';
import { detailsEqual, detailsModel, KV_ROWS_MAX, truncate } from './details-model';
import { clusterView, entries, node, progress, status } from './test-fixtures';

function stateWith(selected: number | null, crashedNode = 2) {
  const view = clusterView(
    [
      node(
        0,
        status({
          role: 'leader',
          term: 3,
          votedFor: 0,
          commitIndex: 2,
          lastApplied: 2,
          progress: [progress(1, 3, 2), progress(2, 1, 0, 'probe')],
        }),
        2,
      ),
      node(1, status({ role: 'follower', term: 3, leaderId: 0, commitIndex: 2 }), 2),
      node(crashedNode, null, 1),
    ],
    [entries([3, 3]), entries([3, 3]), entries([2])],
    { leader: 0, kv: [{ y: '2', x: '1' }, {}, {}] },
  );
  return initialState({ view, selection: { node: selected, messageId: null } });
}

describe('node details', () => {
  it('nothing selected, nothing to show', () => {
    expect(detailsModel(stateWith(null))).toBeNull();
  });

  it('a running leader shows its durable state, volatile state, progress and sorted KV', () => {
    const m = detailsModel(stateWith(0))!;
    expect(m).toMatchObject({ id: 0, term: 3, votedFor: 0, logLength: 2, connected: true });
    expect(m.volatile).toMatchObject({ role: 'leader', commitIndex: 2, lastApplied: 2 });
    expect(m.volatile!.progress.map((p) => p.peer)).toEqual([1, 2]);
    expect(m.volatile!.kv).toEqual([
      ['x', '1'],
      ['y', '2'],
    ]);
  });

  it('a follower has no leader progress', () => {
    expect(detailsModel(stateWith(1))!.volatile!.progress).toEqual([]);
  });

  it('a crashed node keeps only what is on disk: its volatile state is gone', () => {
    const m = detailsModel(stateWith(2))!;
    expect(m.volatile).toBeNull();
    expect(m).toMatchObject({ term: 3, votedFor: 1, logLength: 1 });
  });

  it('shows a bounded number of keys and counts the rest', () => {
    const s = stateWith(0);
    const kv = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, `${i}`]));
    const view = { ...s.view!, kv: [kv, {}, {}] };
    const m = detailsModel({ ...s, view })!;
    expect(m.volatile!.kv).toHaveLength(KV_ROWS_MAX);
    expect(m.volatile!.kvOmitted).toBe(100 - KV_ROWS_MAX);
  });

  it('is equal across frames where only the election deadline moved', () => {
    const a = stateWith(1);
    const nodes = a.view!.nodes.map((n) =>
      n.status === null ? n : { ...n, status: { ...n.status, nextDeadline: 1234 } },
    );
    const b = { ...a, view: { ...a.view!, now: 50, nodes } };
    expect(detailsEqual(detailsModel(a), detailsModel(b))).toBe(true);
  });

  it('truncates long text with an ellipsis', () => {
    expect(truncate('short')).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
  });
});
